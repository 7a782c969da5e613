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

PERIOD_CODES = [code for code, _label in PERIODS]
LITERATURE_CODES = [code for code, _label in LITERATURES]
GENRE_CODES = [code for code, _label in GENRES]
# Original languages are any ISO 639 code: see languages.py.

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
