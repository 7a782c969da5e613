"""Section: best-practice videos from school libraries, played by the browser itself with subtitles and a transcript."""

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from content_models.core.api_output import ChoiceLabelField, ImageField, PageAttributeField, TopicsField, absolute_url
from content_models.core.fields import PageStreamField
from content_models.core.listing import TopicFilterForm, empty_choice, paginate
from content_models.core.numbers import format_filesize
from content_models.core.pages import PortalPage, SectionIndexPage
from content_models.core.taxonomy import REGIONS, Topic, region_label
from content_models.core.text import validate_multi_line, validate_single_line
from content_models.videos.files import VideoFile
from content_models.videos.subtitles import SUBTITLE_MAX_SIZE, CueBlock, timecode_seconds, vtt_parse, vtt_text
from portal.links import base_url


class VideoPageForm(WagtailAdminPageForm):
    """Adds "import subtitles from a WebVTT file": the file's cues replace the subtitles below."""

    subtitles_file = forms.FileField(
        label=_("Import subtitles from a WebVTT file"), required=False,
        help_text=_("A .vtt file from a captioning tool; its subtitles replace the ones below. Translate them afterwards with Translate."),
    )

    def clean_subtitles_file(self):
        upload = self.cleaned_data.get("subtitles_file")
        if not upload:
            return None
        if not upload.name.lower().endswith(".vtt"):
            raise ValidationError(_("Upload a WebVTT file (.vtt)."))
        if upload.size > SUBTITLE_MAX_SIZE:
            raise ValidationError(_("A subtitle file may be at most %(limit)s.") % {"limit": format_filesize(SUBTITLE_MAX_SIZE)})
        try:
            return vtt_parse(upload.read().decode("utf-8"))
        except UnicodeDecodeError:
            raise ValidationError(_("Save the subtitle file as UTF-8 text.")) from None
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def save(self, commit=True):
        page = super().save(commit=False)
        cues = self.cleaned_data.get("subtitles_file")
        if cues:
            page.subtitles = [("cue", cue) for cue in cues]
        if commit:
            page.save()
        return page


# --- Pages ---------------------------------------------------------------------------------------------------------

class VideoFilterForm(TopicFilterForm):
    region = forms.ChoiceField(label=_("Region"), choices=empty_choice(_("All regions")) + REGIONS)
    field_order = ["region", "topic"]


class VideoIndexPage(SectionIndexPage):
    """Section page for best-practice videos; filtered by region and topic."""
    template = "content_models/videos/video_index_page.html"

    parent_page_types = ["content_models.HomePage"]
    subpage_types = ["content_models.VideoPage"]

    class Meta:
        verbose_name = _("videos section")
        verbose_name_plural = _("videos sections")

    def videos(self):
        images = get_image_model().objects.prefetch_renditions("fill-480x270")
        return (
            VideoPage.objects.child_of(self).live().public().defer_streamfields()
            .select_related("video")
            .prefetch_related(Prefetch("poster", queryset=images), "video_topics__topic")
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        videos = self.videos()
        topics = Topic.objects.filter(video_links__page__in=videos.values("pk")).distinct().order_by("name")
        form = VideoFilterForm(request.GET, topics=topics)
        values = form.values()
        if "region" in values:
            videos = videos.filter(region=values["region"])
        if "topic" in values:
            videos = videos.filter(video_topics__topic__slug=values["topic"])
        context.update(filter_form=form, results=paginate(request, videos.distinct()))
        return context


class SubtitleTracksField(PageAttributeField):
    def to_representation(self, page) -> list[dict[str, Any]]:
        root = base_url()
        return [{**track, "url": absolute_url(track["url"], root)} for track in page.subtitle_tracks()]


class VideoFileField(PageAttributeField):
    def to_representation(self, page) -> dict[str, str | int | None] | None:
        video = page.video
        if video is None:
            return None
        return {"id": video.pk, "title": video.title, "url": absolute_url(video.url, base_url()), "mime_type": video.mime_type, "size": video.file_size}


class VideoPage(RoutablePageMixin, PortalPage):
    """A best-practice video from a school library: the file, poster, subtitles in each language and a transcript."""
    template = "content_models/videos/video_page.html"

    summary = models.TextField(_("summary"), max_length=600, validators=[validate_multi_line], help_text=_("Two or three sentences: what the video shows. Shown in the list of videos."))
    video = models.ForeignKey(
        VideoFile, verbose_name=_("video file"), on_delete=models.PROTECT, related_name="pages",
        help_text=_("Upload or choose an MP4 or WebM file. The same file is used in every language."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("poster image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Shown before the video starts and in the list of videos; 16:9 works best."),
    )
    duration = models.DurationField(_("duration"), help_text=_("As minutes:seconds, e.g. 4:35."))
    region = models.CharField(_("region"), max_length=32, choices=REGIONS)
    school = models.CharField(_("school or library"), max_length=255, validators=[validate_single_line], help_text=_("e.g. “School-lyceum No. 12, Taraz”."))
    external_url = models.URLField(
        _("external link"), blank=True,
        help_text=_("Optional: the same video on the school's own channel. Shown as a link only; the page never embeds it."),
    )
    transcript = RichTextField(
        _("transcript"), features=["bold", "italic", "ol", "ul"],
        help_text=_("Everything that is said and shown, as text: for readers who cannot hear the video or cannot load it."),
    )
    subtitles = PageStreamField(
        [("cue", CueBlock())], blank=True, verbose_name=_("subtitles"),
        help_text=_("In time order. Each language's translation of this page has its own subtitle texts."),
    )

    base_form_class = VideoPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("video"), FieldPanel("poster"), FieldPanel("duration"), FieldPanel("external_url")], heading=_("Video")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("region"), FieldPanel("school")]), InlinePanel("video_topics", label=_("topics"))],
            heading=_("Where it comes from"),
        ),
        FieldPanel("transcript"),
        MultiFieldPanel([FieldPanel("subtitles_file"), FieldPanel("subtitles")], heading=_("Subtitles")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("school"),
        index.SearchField("transcript"),
        index.FilterField("region"),
        index.RelatedFields("video_topics", [index.RelatedFields("topic", [index.SearchField("name")])]),
    ]
    search_kind = "video"  # the portal search's kind of result (search.registry)

    def search_subtitle(self) -> str:
        return self.school

    api_fields = [
        APIField("summary"),
        APIField("video", serializer=VideoFileField()),
        APIField("poster", serializer=ImageField("poster", "width-960")),
        APIField("duration"),
        APIField("region", serializer=ChoiceLabelField("region", REGIONS)),
        APIField("school"),
        APIField("topics", serializer=TopicsField("video_topics")),
        APIField("external_url"),
        APIField("transcript"),
        APIField("subtitles"),
        APIField("subtitle_tracks", serializer=SubtitleTracksField()),
    ]

    parent_page_types = ["content_models.VideoIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def clean(self):
        super().clean()
        if self.duration is not None and not timedelta(seconds=1) <= self.duration <= timedelta(hours=5):
            raise ValidationError({"duration": _("Give the length of the video, e.g. 4:35.")})
        previous = -1.0
        for number, block in enumerate(self.subtitles, start=1):
            try:
                start = timecode_seconds(block.value["start"])
            except ValueError:
                continue  # the block reports it
            if start < previous:
                raise ValidationError({"subtitles": _("Subtitle %(number)s starts before the one above it: keep subtitles in time order.") % {"number": number}})
            previous = start

    @property
    def region_label(self):
        return region_label(self.region)

    @property
    def duration_label(self) -> str:
        if self.duration is None:
            return ""
        total = int(self.duration.total_seconds())
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def duration_iso(self) -> str:
        total = int(self.duration.total_seconds()) if self.duration else 0
        return f"PT{total // 60}M{total % 60}S"

    @property
    def topics(self):
        return [link.topic for link in self.video_topics.all()]

    def subtitle_cues(self) -> list[dict]:
        return [{"start": block.value["start"], "end": block.value["end"], "text": block.value["text"]} for block in self.subtitles]

    def subtitle_tracks(self) -> list[dict]:
        """One WebVTT track per live translation that has subtitles, this page's language first (the default)."""
        names = dict(settings.LANGUAGES)
        pages = list(self.get_translations(inclusive=True).live().public().select_related("locale").specific())
        pages.sort(key=lambda page: (page.pk != self.pk, [code for code, _name in settings.LANGUAGES].index(page.locale.language_code)))
        tracks = []
        for page in pages:
            if not len(page.subtitles):
                continue
            code = page.locale.language_code
            tracks.append({
                "language": code, "label": names.get(code, code),
                "url": page.url + page.reverse_subpage("subtitles"), "default": page.pk == self.pk,
                "filename": page.subtitle_filename,
            })
        return tracks

    @path("subtitles/", name="subtitles")
    def subtitles_vtt(self, request):
        """This language's subtitles as a WebVTT file (Wagtail's page URLs end in a slash, so no .vtt in the URL)."""
        response = HttpResponse(vtt_text(self.subtitle_cues()), content_type="text/vtt; charset=utf-8")
        response["Content-Language"] = self.locale.language_code
        response["Content-Disposition"] = f'inline; filename="{self.subtitle_filename}"'
        return response

    @property
    def subtitle_filename(self) -> str:
        return f"{self.slug}.{self.locale.language_code}.vtt"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tracks"] = self.subtitle_tracks()
        return context


class VideoTopic(TranslatableMixin, Orderable):
    """Links a video to a topic; translated with the page so each language links its own topic."""

    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="video_topics")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="video_links")

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("video topic")
        verbose_name_plural = _("video topics")
