"""``{{ value|sanitised_richtext }}``: stored rich text as safe display HTML (the policy of core/sanitise.py).

Use it wherever a template shows rich text, in place of Wagtail's ``|richtext`` (a test keeps templates from using
that one, which trusts what is stored).
"""

from django import template

from content_models.core.sanitise import rich_text_html

register = template.Library()


@register.filter
def sanitised_richtext(value):
    return rich_text_html(value)
