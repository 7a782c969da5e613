"""The facets of the recommended list, shared by the list page and the holdings check's list of missing titles:
each facet's name (its query parameter), its options and its label."""

from django.utils.translation import gettext as _

from content_models.books.codes import GENRES, GRADE_BANDS, LITERATURES, PERIODS

GRADE_CHOICES = [(band, band.replace("-", "–")) for band, _low, _high in GRADE_BANDS]

# The facets whose options are the list's own codes (the holdings check filters its missing titles by these).
CODE_FACETS = [
    ("period", PERIODS),
    ("literature", LITERATURES),
    ("genre", GENRES),
    ("grades", GRADE_CHOICES),
]
# The list page adds the languages the list holds, named in the page's language (their options come from the list).
FACETS = [*CODE_FACETS, ("language", None)]

FACET_LABELS = {
    "period": lambda: _("Period"),
    "literature": lambda: _("Literature"),
    "genre": lambda: _("Genre"),
    "grades": lambda: _("Grades"),
    "language": lambda: _("Original language"),
    "edition": lambda: _("List edition"),
}


def facet_label(name: str) -> str:
    """A facet's label in the active language."""
    return FACET_LABELS[name]()


def selected_codes(request, name: str) -> set[str]:
    """The codes chosen for a facet (the parameter may repeat, and each value may hold several codes)."""
    values = set()
    for value in request.GET.getlist(name):
        values.update(part.strip() for part in value.split(",") if part.strip())
    return values
