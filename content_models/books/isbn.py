"""ISBN-10/13 checksums and conversion (books are matched on ISBN-13)."""

import re

_STRIP = re.compile(r"[\s\-‐‑–]")


def isbn_clean(value: str) -> str:
    return _STRIP.sub("", (value or "").strip().upper().removeprefix("ISBN").removeprefix(":").strip())


def isbn10_valid(code: str) -> bool:
    if not re.fullmatch(r"\d{9}[\dX]", code):
        return False
    total = sum((10 - i) * (10 if ch == "X" else int(ch)) for i, ch in enumerate(code))
    return total % 11 == 0


def isbn13_valid(code: str) -> bool:
    if not re.fullmatch(r"97[89]\d{10}", code):
        return False
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(code))
    return total % 10 == 0


def isbn_to_13(value: str) -> str:
    """The ISBN-13 of an ISBN-10 or ISBN-13 (hyphens and spaces allowed); ValueError when the checksum fails."""
    code = isbn_clean(value)
    if len(code) == 13:
        if not isbn13_valid(code):
            raise ValueError(f"ISBN {value!r} has a wrong check digit")
        return code
    if len(code) == 10:
        if not isbn10_valid(code):
            raise ValueError(f"ISBN {value!r} has a wrong check digit")
        body = "978" + code[:9]
        check = (10 - sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(body)) % 10) % 10
        return body + str(check)
    raise ValueError(f"ISBN {value!r} must have 10 or 13 digits")


def validate_isbn(value: str) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if not value:
        return
    try:
        isbn_to_13(value)
    except ValueError:
        raise ValidationError(_("Enter a valid ISBN-10 or ISBN-13 (the check digit does not match)."), code="isbn") from None
