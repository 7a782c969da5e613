"""Template filters of the guidance, digest and video pages: dates in each language, file sizes and types."""

import datetime

from django import template
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def long_date(value):
    """15 January 2025 / 15 января 2025 г. / 2025 жылғы 15 қаңтар."""
    if not isinstance(value, datetime.date):
        return ""
    language = translation.get_language() or "kk"
    if language == "ru":
        month = date_format(value, "E")  # genitive: января
    else:
        month = date_format(value, "F")
        if language == "kk":
            month = month.lower()
    return _("%(day)s %(month)s %(year)s") % {"day": value.day, "month": month, "year": value.year}


@register.filter
def file_type(document) -> str:
    """PDF, DOCX, XLSX, MP4 … from a document's or file's name."""
    name = getattr(document, "filename", None) or getattr(getattr(document, "file", None), "name", "") or ""
    return name.rsplit(".", 1)[-1].upper() if "." in name else ""
