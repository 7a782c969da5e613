"""Section: methodological guidelines for school librarians (instructions, recommendations, letters, manuals)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content_models.core.api_output import ChoiceLabelField, CodeListLabelField, TopicsField
from content_models.core.blocks import DocumentBlock, pages_in_language
from content_models.core.fields import CodeListField, PageStreamField
from content_models.core.listing import TopicFilterForm, code_list_q, empty_choice, paginate
from content_models.core.pages import PortalPage, SectionIndexPage
from content_models.core.taxonomy import Topic
from content_models.core.text import validate_multi_line, validate_single_line
from content_models.guidance.blocks import GuidelineBodyBlock

AUDIENCES = [
    ("librarians", _("School librarians")),
    ("teachers", _("Teachers")),
    ("parents", _("Parents")),
    ("pupils", _("Pupils")),
]
DOCUMENT_TYPES = [
    ("instruction", _("Instruction")),
    ("recommendation", _("Methodological recommendations")),
    ("letter", _("Instructive and methodological letter")),
    ("manual", _("Manual")),
]


class GuidelineFilterForm(TopicFilterForm):
    audience = forms.ChoiceField(label=_("Audience"), choices=empty_choice(_("All audiences")) + AUDIENCES)
    type = forms.ChoiceField(label=_("Type of document"), choices=empty_choice(_("All types")) + DOCUMENT_TYPES)


class GuidanceIndexPage(SectionIndexPage):
    """Section page for methodological guidelines; lists them newest first, filtered by topic, audience and type."""
    template = "content_models/guidance/guidance_index_page.html"

    parent_page_types = ["content_models.HomePage"]
    subpage_types = ["content_models.GuidelinePage"]

    class Meta:
        verbose_name = _("guidance section")
        verbose_name_plural = _("guidance sections")

    def guidelines(self):
        return (
            GuidelinePage.objects.child_of(self).live().public()
            .defer_streamfields()
            .prefetch_related("guideline_topics__topic")
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guidelines = self.guidelines()
        topics = Topic.objects.filter(guideline_links__page__in=guidelines.values("pk")).distinct().order_by("name")
        form = GuidelineFilterForm(request.GET, topics=topics)
        values = form.values()
        if "topic" in values:
            guidelines = guidelines.filter(guideline_topics__topic__slug=values["topic"])
        if "audience" in values:
            guidelines = guidelines.filter(code_list_q("audience", values["audience"]))
        if "type" in values:
            guidelines = guidelines.filter(document_type=values["type"])
        context.update(filter_form=form, results=paginate(request, guidelines.distinct()))
        return context


class GuidelinePage(PortalPage):
    """One guideline for school librarians: an instruction, methodological recommendations, a letter or a manual."""
    template = "content_models/guidance/guideline_page.html"

    summary = models.TextField(
        _("summary"), max_length=600, validators=[validate_multi_line],
        help_text=_("Two or three sentences: what the guideline is about and who should read it. Shown in the list of guidelines."),
    )
    document_type = models.CharField(_("type of document"), max_length=20, choices=DOCUMENT_TYPES)
    audience = CodeListField(_("audience"), codes=AUDIENCES, help_text=_("Who the guideline is written for."))
    approval_reference = models.CharField(
        _("approved by"), max_length=255, blank=True, validators=[validate_single_line],
        help_text=_("The order or document that approved the guideline, with its number, e.g. “Order of the Ministry of Enlightenment No. 58”. Leave empty if it was not formally approved."),
    )
    approval_date = models.DateField(_("date of approval"), null=True, blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"), default=timezone.localdate,
        help_text=_("When the text was last checked against current rules; shown to readers."),
    )
    body = PageStreamField(GuidelineBodyBlock(), verbose_name=_("text"))
    attachments = PageStreamField(
        [("document", DocumentBlock())], blank=True, verbose_name=_("attachments"),
        help_text=_("Forms, templates and the full text to download: PDF, DOCX or XLSX files."),
    )
    related = PageStreamField(
        [("guideline", blocks.PageChooserBlock(page_type="content_models.GuidelinePage", label=_("Guideline")))],
        blank=True, verbose_name=_("related guidelines"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("document_type"), FieldPanel("audience"), InlinePanel("guideline_topics", label=_("topics"))],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("approval_reference"), FieldRowPanel([FieldPanel("approval_date"), FieldPanel("last_reviewed")])],
            heading=_("Approval and review"),
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
        FieldPanel("related"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("approval_reference"),
        index.FilterField("document_type"),
        index.RelatedFields("guideline_topics", [index.RelatedFields("topic", [index.SearchField("name")])]),
    ]
    search_kind = "guideline"  # the portal search's kind of result (search.registry)

    def search_subtitle(self) -> str:
        return str(self.document_type_label)

    api_fields = [
        APIField("summary"),
        APIField("document_type", serializer=ChoiceLabelField("document_type", DOCUMENT_TYPES)),
        APIField("audience", serializer=CodeListLabelField("audience", AUDIENCES)),
        APIField("topics", serializer=TopicsField("guideline_topics")),
        APIField("approval_reference"),
        APIField("approval_date"),
        APIField("last_reviewed"),
        APIField("body"),
        APIField("attachments"),
        APIField("related"),
    ]
    override_translatable_fields = [
        SynchronizedField("document_type"),
        SynchronizedField("audience"),
        SynchronizedField("approval_date"),
        SynchronizedField("last_reviewed"),
    ]

    parent_page_types = ["content_models.GuidanceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.approval_date and not self.approval_reference:
            errors["approval_reference"] = _("Name the approving order or document for this date of approval.")
        if self.approval_reference and not self.approval_date:
            errors["approval_date"] = _("Give the date of the approving order or document.")
        if self.approval_date and self.approval_date > today:
            errors["approval_date"] = _("The date of approval cannot be in the future.")
        if self.last_reviewed and self.last_reviewed > today:
            errors["last_reviewed"] = _("The date of the last review cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def document_type_label(self):
        return dict(DOCUMENT_TYPES).get(self.document_type, self.document_type)

    @property
    def audience_codes(self) -> list[str]:
        value = self.audience
        return list(value) if isinstance(value, list | tuple) else [code for code in (value or "").split(",") if code]

    @property
    def audience_labels(self):
        labels = dict(AUDIENCES)
        return [labels.get(code, code) for code in self.audience_codes]

    @property
    def topics(self):
        return [link.topic for link in self.guideline_topics.all()]

    @cached_property
    def toc(self) -> list[dict]:
        """The table of contents: sections (level 2) with their subsections (level 3), linked by anchor."""
        entries: list[dict] = []
        for block in self.body:
            if block.block_type != "heading":
                continue
            item = {"anchor": heading_anchor(block.id), "text": block.value["text"], "children": []}
            if block.value["level"] == "h3" and entries:
                entries[-1]["children"].append(item)
            else:
                entries.append(item)
        return entries

    def related_guidelines(self) -> list:
        chosen = [block.value for block in self.related if block.value is not None and block.value.pk != self.pk]
        return [page for page in pages_in_language(chosen, GuidelinePage, self.locale.language_code) if page.pk != self.pk]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_guidelines"] = self.related_guidelines()
        return context


def heading_anchor(block_id) -> str:
    """The id of a heading: the block's id, the same in every translation, so links to a section survive translation."""
    return f"s-{block_id}"


class GuidelineTopic(TranslatableMixin, Orderable):
    """Links a guideline to a topic; translated with the page so each language links its own topic."""

    page = ParentalKey(GuidelinePage, on_delete=models.CASCADE, related_name="guideline_topics")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="guideline_links")

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("guideline topic")
        verbose_name_plural = _("guideline topics")

