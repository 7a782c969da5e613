"""Plain text from editors' HTML."""

from html import unescape as unescape_entities

from django.utils.html import strip_tags


def html_to_text(html: str) -> str:
    paragraphs = [part for part in html.replace("</p>", "\n").split("\n")]
    return "\n".join(unescape_entities(strip_tags(part)).strip() for part in paragraphs if strip_tags(part).strip())
