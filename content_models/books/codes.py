"""Code lists of the recommended list: the import codes and their labels in kk, ru and en."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PERIODS = [
    ("classical", _("Ancient and classical")),
    ("independence", _("Independence years")),
    ("contemporary", _("Contemporary")),
    ("abroad", _("Kazakh literature abroad")),
    ("world", _("World literature")),
]

LITERATURES = [
    ("national", _("National literature")),
    ("world", pgettext_lazy("literature", "World literature")),
]

GENRES = [
    ("children", _("Children's literature")),
    ("poetry", _("Poetry")),
    ("prose", _("Prose")),
    ("drama", _("Drama")),
    ("popular_science", _("Popular science")),
    ("journalism", _("Literary journalism")),
    ("translation", _("Literary translation")),
    ("folklore_tale", _("Folklore: fairy tales")),
    ("folklore_legend", _("Folklore: legends")),
    ("folklore_epic", _("Folklore: epic poems")),
    ("folklore_aitys", _("Folklore: aitys")),
]

# Grade bands shown as facets; a book's own range (e.g. 7–11) counts in every band it overlaps.
GRADE_BANDS = [("1-4", 1, 4), ("5-9", 5, 9), ("10-11", 10, 11)]
GRADE_MIN, GRADE_MAX = 1, 11

# Original languages (ISO 639 codes as used in the list's import files).
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("no", _("Norwegian")),
    ("fi", _("Finnish")),
    ("nl", _("Dutch")),
    ("el", _("Greek")),
    ("grc", _("Ancient Greek")),
    ("la", _("Latin")),
    ("he", _("Hebrew")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("tr", _("Turkish")),
    ("az", _("Azerbaijani")),
    ("uz", _("Uzbek")),
    ("ky", _("Kyrgyz")),
    ("tk", _("Turkmen")),
    ("tt", _("Tatar")),
    ("ba", _("Bashkir")),
    ("ug", _("Uyghur")),
    ("mn", _("Mongolian")),
    ("zh", _("Chinese")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("hi", _("Hindi")),
    ("uk", _("Ukrainian")),
    ("be", _("Belarusian")),
    ("ka", _("Georgian")),
    ("hy", _("Armenian")),
    ("chg", _("Chagatai")),
    ("xqa", _("Karakhanid")),
    ("ota", _("Ottoman Turkish")),
]

PERIOD_CODES = [code for code, _label in PERIODS]
LITERATURE_CODES = [code for code, _label in LITERATURES]
GENRE_CODES = [code for code, _label in GENRES]
LANGUAGE_CODES = [code for code, _label in LANGUAGES]

# The programme's published composition targets (per cent of the list).
TARGET_LITERATURE = {"national": 74.9, "world": 25.1}
TARGET_PERIOD = {"classical": 21.1, "independence": 39.1, "contemporary": 11.8, "abroad": 2.9, "world": 25.1}


def label(choices, code):
    return dict(choices).get(code, code)


def parse_grades(value: str) -> tuple[int, int]:
    """'5-9', '5–9', '7' or ' 10 - 11 ' → (min, max); raises ValueError with a message otherwise."""
    text = (value or "").strip().replace("–", "-").replace("—", "-").replace(" ", "")
    if not text:
        raise ValueError("grade band is empty")
    parts = text.split("-")
    if len(parts) > 2 or not all(part.isdigit() for part in parts):
        raise ValueError(f"grade band {value!r} is not like 5-9")
    low, high = int(parts[0]), int(parts[-1])
    if not (GRADE_MIN <= low <= GRADE_MAX and GRADE_MIN <= high <= GRADE_MAX):
        raise ValueError(f"grades run from {GRADE_MIN} to {GRADE_MAX}, not {value!r}")
    if low > high:
        raise ValueError(f"grade band {value!r} runs backwards")
    return low, high


def format_grades(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"
