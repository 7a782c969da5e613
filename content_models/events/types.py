"""How events are classified: the translatable EventType snippet, the audiences and the region codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from content_models.core.taxonomy import REGIONS_AND_NATIONWIDE
from content_models.core.text import validate_single_line

AUDIENCES = [
    ("pupils", _("Pupils")),
    ("parents", _("Parents")),
    ("families", _("Families")),
    ("teachers", _("Teachers")),
    ("librarians", _("School librarians")),
    ("public", _("General public")),
]
AUDIENCE_CODES = [code for code, _label in AUDIENCES]
REGION_CODES_ALL = [code for code, _label in REGIONS_AND_NATIONWIDE]


class EventType(TranslatableMixin, models.Model):
    """A kind of event (quiet-reading hour, meeting with a writer …); filters the calendar and its feeds."""

    name = models.CharField(_("name"), max_length=100, validators=[validate_single_line])
    slug = models.SlugField(
        _("code"),
        max_length=50,
        allow_unicode=False,
        help_text=_("Short Latin code used in web addresses, feeds and the API, e.g. meeting-writer. It is the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name
