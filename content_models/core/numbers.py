"""Numbers as each language writes them (Unicode CLDR through Babel), in the active language by default.

    kk: 12 345 · 13,3% · 42,6 кБ        ru: 12 345 · 13,3 % · 42,6 кБ        en: 12,345 · 13.3% · 42.6 kB

The spaces are the no-break spaces CLDR uses (U+00A0), so a number never breaks across lines. File sizes are
in decimal units (1 kB = 1,000 bytes), the units CLDR names.
"""

import copy
import functools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale
from babel.numbers import parse_pattern
from babel.units import format_unit
from django.conf import settings
from django.utils import translation

# (bytes per unit, CLDR unit) from the largest down; sizes below 1 kB are written in bytes.
FILE_SIZE_UNITS = [
    (1000**4, "digital-terabyte"),
    (1000**3, "digital-gigabyte"),
    (1000**2, "digital-megabyte"),
    (1000, "digital-kilobyte"),
]


def _language(language: str | None) -> str:
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


@functools.lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    return Locale.parse(language)


@functools.lru_cache(maxsize=64)
def _pattern(language: str, kind: str, min_decimals: int, max_decimals: int):
    """The language's own decimal or percent pattern with a fixed number of fraction digits."""
    locale = _locale(language)
    formats = locale.percent_formats if kind == "percent" else locale.decimal_formats
    pattern = copy.copy(parse_pattern(formats[None].pattern))
    pattern.frac_prec = (min_decimals, max_decimals)
    return pattern


def _number(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (TypeError, ValueError, InvalidOperation):
        return None
    return number if number.is_finite() else None


def _rounded(number: Decimal, decimals: int) -> Decimal:
    """Half away from zero, as people round (13.25 → 13.3), not Babel's default half-to-even."""
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_integer(value, language: str | None = None) -> str:
    """12345 → "12 345" (kk, ru) or "12,345" (en); "" for no value."""
    number = _number(value)
    if number is None:
        return ""
    language = _language(language)
    return _pattern(language, "decimal", 0, 0).apply(_rounded(number, 0), _locale(language))


def format_decimal(value, decimals: int = 1, language: str | None = None) -> str:
    """13.25 → "13,3" (kk, ru) or "13.3" (en), always ``decimals`` fraction digits; "" for no value."""
    number = _number(value)
    if number is None:
        return ""
    language = _language(language)
    return _pattern(language, "decimal", decimals, decimals).apply(_rounded(number, decimals), _locale(language))


def format_percent(value, decimals: int = 1, language: str | None = None) -> str:
    """Percentage points: 13.3 → "13,3%" (kk), "13,3 %" (ru), "13.3%" (en); "" for no value."""
    number = _number(value)
    if number is None:
        return ""
    language = _language(language)
    return _pattern(language, "percent", decimals, decimals).apply(_rounded(number, decimals) / 100, _locale(language))


def format_ratio_percent(value, decimals: int = 1, language: str | None = None) -> str:
    """A ratio as a percentage: 0.133 → "13,3%" (kk)."""
    number = _number(value)
    return "" if number is None else format_percent(number * 100, decimals, language)


def format_filesize(size, language: str | None = None) -> str:
    """Bytes in the largest whole decimal unit, one fraction digit at most: 42600 → "42,6 кБ" (ru), "42.6 kB" (en)."""
    number = _number(size)
    if number is None:
        return ""
    language = _language(language)
    locale = _locale(language)
    for factor, unit in FILE_SIZE_UNITS:
        if abs(number) >= factor:
            return format_unit(_rounded(number / factor, 1), unit, length="short", format=_pattern(language, "decimal", 0, 1), locale=locale)
    return format_unit(_rounded(number, 0), "digital-byte", length="short", format=_pattern(language, "decimal", 0, 0), locale=locale)
