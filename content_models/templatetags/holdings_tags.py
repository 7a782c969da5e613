"""Number formatting of the holdings check report."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def ratio_percent(value, decimals: int = 1) -> str:
    """0.4667 → "46.7 %" (with the language's decimal separator); empty for None."""
    if value is None or value == "":
        return "—"
    return f"{number_format(float(value) * 100, decimal_pos=int(decimals))}\u00a0%"


@register.filter
def percent(value, decimals: int = 1) -> str:
    """30.5 → "30.5 %"; "—" for None (no target)."""
    if value is None or value == "":
        return "—"
    return f"{number_format(float(value), decimal_pos=int(decimals))}\u00a0%"


@register.filter
def first_rows(numbers, limit: int = 10) -> str:
    """Row numbers for a table cell: "4, 9, 17" or "4, 9, 17 … (+12)"."""
    numbers = list(numbers or [])
    shown = ", ".join(str(number) for number in numbers[:limit])
    return shown if len(numbers) <= limit else f"{shown} … (+{len(numbers) - limit})"
