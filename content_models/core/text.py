"""Plain text: from editors' HTML, and free of control characters.

Single-line fields (titles, names, places) refuse line breaks (CR, LF, U+2028, U+2029), tabs and every other C0 or
C1 control character; multi-line fields (summaries, notes) keep line breaks and tabs but refuse the others (NUL
above all). The validators stop them at save (model clean, the admin's and the API's forms, the import); the two
cleaners make text stored before them safe where a format cannot take them (iCalendar, headers, CSV).
"""

import re
from html import unescape as unescape_entities

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from content_models.core.sanitise import sanitise_rich_text

_SINGLE_LINE_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MULTI_LINE_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]+")


def html_to_text(html: str) -> str:
    """The text of editors' HTML, one paragraph a line; what the sanitiser drops (a script's code) is not text."""
    paragraphs = [part for part in sanitise_rich_text(html).replace("</p>", "\n").split("\n")]
    return "\n".join(unescape_entities(strip_tags(part)).strip() for part in paragraphs if strip_tags(part).strip())


def control_character(text: str, *, multi_line: bool = False) -> str | None:
    """The first character of ``text`` that the field may not hold, as ``U+000A``; None when there is none."""
    found = (_MULTI_LINE_REFUSED if multi_line else _SINGLE_LINE_REFUSED).search(text or "")
    return f"U+{ord(found.group()):04X}" if found else None


def validate_single_line(value) -> None:
    code = control_character(str(value)) if value else None
    if code:
        raise ValidationError(
            _("Remove the line break or control character (%(code)s): this field takes one line of text."),
            code="control_character", params={"code": code},
        )


def validate_multi_line(value) -> None:
    code = control_character(str(value), multi_line=True) if value else None
    if code:
        raise ValidationError(
            _("Remove the control character (%(code)s): the text may have line breaks but no control characters."),
            code="control_character", params={"code": code},
        )


def one_line(text: str) -> str:
    """``text`` on one line: line breaks become spaces, other control characters go."""
    return _SINGLE_LINE_REFUSED.sub("", _BREAKS.sub(" ", text or "")).strip()


def without_controls(text: str) -> str:
    """``text`` with LF line breaks (CR LF and lone CR become LF) and no other control character but the tab."""
    return _MULTI_LINE_REFUSED.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
