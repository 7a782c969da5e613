"""Shared code lists: the regions of Kazakhstan (17 regions and 3 cities of republican significance)."""

from django.utils.translation import gettext_lazy as _

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
