"""The list as a table: the import/export columns, one validated row (BookRow), and every book of the list read
back from its pages in that layout (for export, the holdings check's procurement file and import comparisons)."""

from dataclasses import dataclass

from django.apps import apps

from content_models.core.text import html_to_text

REQUIRED_COLUMNS = [
    "list_no", "title_kk", "title_ru", "title_en", "author_kk", "author_ru", "author_en", "period", "literature",
    "genre", "grades", "original_language", "annotation_kk", "annotation_ru", "annotation_en",
]
OPTIONAL_COLUMNS = ["translator", "publisher", "year", "isbn", "edition"]
EXPORT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
LANGUAGES = ("kk", "ru", "en")


@dataclass
class BookRow:
    """One validated row of the list."""

    row: int
    list_no: int
    titles: dict[str, str]
    authors: dict[str, list[str]]
    period: str
    literature: str
    genres: list[str]
    grade_min: int
    grade_max: int
    original_language: str
    annotations: dict[str, str]
    translator: str = ""
    publisher: str = ""
    year: int | None = None
    isbn: str = ""
    edition: int | None = None
    edition_explicit: bool = False  # the file had an edition cell for this row

    def changes_from(self, other: "BookRow") -> list[str]:
        """The export columns whose values differ from ``other``."""
        return [column for column, mine, theirs in zip(EXPORT_COLUMNS, self.as_export_row(), other.as_export_row()) if mine != theirs]

    def as_export_row(self) -> list:
        return [
            self.list_no, self.titles["kk"], self.titles["ru"], self.titles["en"],
            ", ".join(self.authors["kk"]), ", ".join(self.authors["ru"]), ", ".join(self.authors["en"]),
            self.period, self.literature, ",".join(self.genres),
            f"{self.grade_min}-{self.grade_max}" if self.grade_min != self.grade_max else str(self.grade_min),
            self.original_language, self.annotations["kk"], self.annotations["ru"], self.annotations["en"],
            self.translator, self.publisher, self.year or "", self.isbn, self.edition or "",
        ]


# The book models are looked up in the app registry rather than imported: the book list page's routes use the
# export views, which read the list through this module, so an import of the models here would go round in a circle.
def book_rows_from_db(live_only: bool = False) -> dict[int, BookRow]:
    """Every book of the list as a row of the import layout, built from its kk, ru and en pages."""
    BookPage, BookAuthor = apps.get_model("content_models", "BookPage"), apps.get_model("content_models", "BookAuthor")
    pages = BookPage.objects.filter(locale__language_code__in=LANGUAGES)
    if live_only:
        pages = pages.live()
    fields = ("id", "translation_key", "locale__language_code", "list_no", "title", "translators", "period", "literature",
              "genres", "grade_min", "grade_max", "original_language", "annotation", "publisher", "year", "isbn",
              "edition_added", "edition_removed")
    by_key: dict = {}
    ids = []
    for values in pages.values_list(*fields):
        record = dict(zip(fields, values))
        by_key.setdefault(record["translation_key"], {})[record["locale__language_code"]] = record
        ids.append(record["id"])
    names: dict[int, list[str]] = {}
    for page_id, name in BookAuthor.objects.filter(page_id__in=ids).order_by("page_id", "sort_order").values_list("page_id", "author__name"):
        names.setdefault(page_id, []).append(name)
    rows = {}
    for languages in by_key.values():
        kk = languages.get("kk")
        if kk is None:
            continue
        def pick(language, _languages=languages, _kk=kk):
            return _languages.get(language) or _kk
        rows[kk["list_no"]] = BookRow(
            row=0, list_no=kk["list_no"],
            titles={language: pick(language)["title"] for language in LANGUAGES},
            authors={language: names.get(pick(language)["id"], []) for language in LANGUAGES},
            period=kk["period"], literature=kk["literature"], genres=[code for code in kk["genres"].split(",") if code],
            grade_min=kk["grade_min"], grade_max=kk["grade_max"], original_language=kk["original_language"],
            annotations={language: html_to_text(pick(language)["annotation"]) for language in LANGUAGES},
            translator=kk["translators"], publisher=kk["publisher"], year=kk["year"], isbn=kk["isbn"],
            edition=kk["edition_added"] if kk["edition_removed"] is None else None,
        )
    return rows
