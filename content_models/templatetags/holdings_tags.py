"""Number formatting of the holdings check report."""

from django import template

from content_models.templatetags import number_tags

register = template.Library()


# The report's percentages are written the language's way (CLDR); the filters live in number_tags.
register.filter("ratio_percent", number_tags.ratio_percent)
register.filter("percent", number_tags.percent)


@register.filter
def first_rows(numbers, limit: int = 10) -> str:
    """Row numbers for a table cell: "4, 9, 17" or "4, 9, 17 … (+12)"."""
    numbers = list(numbers or [])
    shown = ", ".join(str(number) for number in numbers[:limit])
    return shown if len(numbers) <= limit else f"{shown} … (+{len(numbers) - limit})"
