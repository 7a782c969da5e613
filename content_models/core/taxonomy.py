"""Shared code lists and snippets: the regions of Kazakhstan (17 regions and 3 cities of republican
significance) and the topics of guidance and videos."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content_models.core.text import validate_single_line

REGIONS = [
    ("abai", _("Abai Region")),
    ("akmola", _("Akmola Region")),
    ("aktobe", _("Aktobe Region")),
    ("almaty_region", _("Almaty Region")),
    ("atyrau", _("Atyrau Region")),
    ("east_kazakhstan", _("East Kazakhstan Region")),
    ("zhambyl", _("Zhambyl Region")),
    ("zhetysu", _("Zhetysu Region")),
    ("west_kazakhstan", _("West Kazakhstan Region")),
    ("karaganda", _("Karaganda Region")),
    ("kostanay", _("Kostanay Region")),
    ("kyzylorda", _("Kyzylorda Region")),
    ("mangystau", _("Mangystau Region")),
    ("pavlodar", _("Pavlodar Region")),
    ("north_kazakhstan", _("North Kazakhstan Region")),
    ("turkistan", _("Turkistan Region")),
    ("ulytau", _("Ulytau Region")),
    ("astana", _("Astana")),
    ("almaty", _("Almaty")),
    ("shymkent", _("Shymkent")),
]
REGION_CODES = [code for code, _label in REGIONS]
NATIONWIDE = "nationwide"
REGIONS_AND_NATIONWIDE = [(NATIONWIDE, _("Nationwide")), *REGIONS]


def region_label(code: str) -> str:
    return str(dict(REGIONS).get(code, code))


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject of guidance and videos (collection forming, the electronic library …); named in each language.

    The slug is the same in every language, so a filtered listing keeps its filter when the visitor switches language.
    """

    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Latin letters, digits and hyphens; used in filter links, the same in every language (e.g. collection-forming)."),
    )

    panels = ["name", "slug"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale"),
        ]

    def __str__(self):
        return self.name
