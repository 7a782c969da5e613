"""Template filters for numbers in the page's language (CLDR conventions, see content_models/numbers.py)."""

from django import template

from content_models.core import numbers

register = template.Library()

MISSING = "—"


@register.filter
def integer(value) -> str:
    """12345 → "12 345" (kk, ru), "12,345" (en); anything that is not a number is shown as it is."""
    formatted = numbers.format_integer(value)
    return formatted if formatted else ("" if value is None else value)


@register.filter
def decimal(value, decimals: int = 1) -> str:
    """13.25 → "13,3" (kk, ru), "13.3" (en)."""
    return numbers.format_decimal(value, int(decimals))


@register.filter
def percent(value, decimals: int = 1) -> str:
    """Percentage points: 30.5 → "30,5%" (kk), "30,5 %" (ru), "30.5%" (en); "—" for none."""
    return numbers.format_percent(value, int(decimals)) or MISSING


@register.filter
def ratio_percent(value, decimals: int = 1) -> str:
    """A ratio: 0.4667 → "46,7%" (kk); "—" for none."""
    return numbers.format_ratio_percent(value, int(decimals)) or MISSING


@register.filter
def filesize(value) -> str:
    """Bytes: 42600 → "42,6 кБ" (kk, ru), "42.6 kB" (en)."""
    return numbers.format_filesize(value)
