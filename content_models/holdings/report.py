"""The report of a holdings check: coverage of the list overall and by period, literature, genre and grade band
(beside the programme's composition targets), the titles missing, the titles held in fewer than N copies and
the holdings rows behind every count.

The report is computed from a ``Check`` (the rows the check uses, what each matched and the librarian's
decisions on possible matches) and the current list, so the page, the print view, the downloads, a saved
report and the API all give the same figures for the same check.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import translation

from content_models.books.catalogue import Entry, snapshot
from content_models.books.codes import GENRES, GRADE_BANDS, LITERATURES, PERIODS, TARGET_LITERATURE, TARGET_PERIOD
from content_models.holdings.matching import MATCH_THRESHOLD, POSSIBLE_THRESHOLD, Outcome, holdings_match
from content_models.holdings.parsing import FIELDS, Holding, HoldingsTable, holdings_from_table
from portal.links import absolute_url

DEFAULT_MIN_COPIES = 3
MAX_MIN_COPIES = 100


@dataclass
class Check:
    """A holdings file being checked. Holds only the cells the check uses, never the file itself."""

    filename: str
    format: str
    encoding: str
    columns: dict[str, str | None]  # field → the column's heading as shown to the librarian
    rows_read: int
    holdings: list[Holding] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    decisions: dict[int, bool] = field(default_factory=dict)  # row number → accepted (True) or rejected

    def as_data(self) -> dict:
        return {
            "filename": self.filename, "format": self.format, "encoding": self.encoding, "columns": self.columns,
            "rows_read": self.rows_read, "holdings": [holding.as_list() for holding in self.holdings],
            "outcomes": [outcome.as_list() for outcome in self.outcomes],
            "decisions": [[row, accepted] for row, accepted in sorted(self.decisions.items())],
        }

    @classmethod
    def from_data(cls, data: dict) -> "Check":
        return cls(
            filename=data["filename"], format=data["format"], encoding=data["encoding"], columns=data["columns"],
            rows_read=data["rows_read"], holdings=[Holding.from_list(values) for values in data["holdings"]],
            outcomes=[Outcome.from_list(values) for values in data["outcomes"]],
            decisions={int(row): bool(accepted) for row, accepted in data["decisions"]},
        )

    @property
    def possible_rows(self) -> set[int]:
        return {holding.row for holding, outcome in zip(self.holdings, self.outcomes) if outcome.status == "possible"}

    def decide(self, accepted: set[int], shown: set[int]) -> None:
        """Record the librarian's decisions on the possible matches shown: ticked are accepted, others rejected."""
        for row in shown & self.possible_rows:
            self.decisions[row] = row in accepted


def check_prepare(table: HoldingsTable, columns: dict[str, int | None], filename: str = "") -> Check:
    """The check of the table's chosen columns, not matched yet (what a queued check keeps: the cells it uses)."""
    return Check(
        filename=filename, format=table.format, encoding=table.encoding,
        columns={name: (table.column_label(index) if index is not None else None) for name, index in columns.items() if name in FIELDS},
        rows_read=len(table.rows), holdings=holdings_from_table(table, columns),
    )


def check_match(check: Check, progress=None) -> Check:
    """Match every row of a prepared check with the list; ``progress(rows_done)`` is told along the way."""
    check.outcomes = holdings_match(check.holdings, progress=progress)
    return check


def check_build(table: HoldingsTable, columns: dict[str, int | None], filename: str = "") -> Check:
    """Read the chosen columns of the table and match every row with the list."""
    return check_match(check_prepare(table, columns, filename))


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _coverage(held: int, total: int) -> float:
    return round(held / total, 4) if total else 0.0


def _book(entry: Entry, request) -> dict:
    return {
        "list_no": entry.list_no, "title": entry.title, "authors": entry.author_names, "period": entry.period,
        "literature": entry.literature, "genres": list(entry.genres), "grades": entry.grades,
        "html_url": absolute_url(entry.url, request),
    }


def report_build(check: Check, *, language: str, min_copies: int = DEFAULT_MIN_COPIES, request=None, books=None) -> dict:
    """The report as plain data (what the API returns and the templates show); ``books`` is the list's snapshot
    in ``language`` when the caller has it already."""
    books = books or snapshot(language)
    current = [entry for entry in books.entries if entry.edition_removed is None]
    by_number = {entry.list_no: entry for entry in current}

    copies: dict[int, int] = defaultdict(int)
    matched_rows, possible_rows, unmatched_rows = [], [], []
    matched_by_number: dict[int, int] = defaultdict(int)
    rows_by_number: dict[int, list[int]] = defaultdict(list)
    possible_by_number: dict[int, int] = defaultdict(int)
    for holding, outcome in zip(check.holdings, check.outcomes, strict=True):
        row = {"row": holding.row, "title": holding.title, "author": holding.author, "isbn": holding.isbn,
               "year": holding.year, "copies": holding.copies}
        entry = by_number.get(outcome.list_no) if outcome.list_no is not None else None
        decision = check.decisions.get(holding.row) if outcome.status == "possible" else None
        candidate = {"list_no": entry.list_no, "book_title": entry.title, "book_authors": entry.author_names,
                     "score": outcome.score, "method": outcome.method} if entry is not None else {}
        if entry is not None and (outcome.status == "matched" or decision is True):
            matched_rows.append({**row, **candidate, "confirmed": decision is True})
            copies[entry.list_no] += holding.copies
            matched_by_number[entry.list_no] += 1
            rows_by_number[entry.list_no].append(holding.row)
        elif entry is not None and outcome.status == "possible" and decision is None:
            possible_rows.append({**row, **candidate})
            possible_by_number[entry.list_no] += 1
        else:
            unmatched_rows.append({**row, "rejected": candidate or None})

    held = {number for number, count in copies.items() if count > 0}
    with translation.override(language):
        missing = [{**_book(entry, request), "copies": copies.get(entry.list_no, 0), "copies_to_buy": min_copies}
                   for entry in current if entry.list_no not in held]
        held_titles = [{**_book(entry, request), "copies": copies[entry.list_no], "rows": rows_by_number[entry.list_no]}
                       for entry in current if entry.list_no in held]
        low = [{**_book(entry, request), "copies": copies[entry.list_no], "copies_to_buy": min_copies - copies[entry.list_no]}
               for entry in current if entry.list_no in held and copies[entry.list_no] < min_copies]

        def group(code, text, members, target=None):
            numbers = [entry.list_no for entry in members]
            held_here = [number for number in numbers if number in held]
            return {
                "code": code, "label": str(text), "list_titles": len(numbers), "held": len(held_here),
                "missing": len(numbers) - len(held_here), "coverage": _coverage(len(held_here), len(numbers)),
                "share_of_list": _share(len(numbers), len(current)), "share_of_held": _share(len(held_here), len(held)),
                "target": target,
                "matched": sum(matched_by_number[number] for number in numbers),
                "possible": sum(possible_by_number[number] for number in numbers),
                "held_list_nos": held_here,
                "missing_list_nos": [number for number in numbers if number not in held],
            }

        by_period = [group(code, text, [e for e in current if e.period == code], TARGET_PERIOD.get(code)) for code, text in PERIODS]
        by_literature = [group(code, text, [e for e in current if e.literature == code], TARGET_LITERATURE.get(code)) for code, text in LITERATURES]
        by_genre = [group(code, text, [e for e in current if code in e.genres]) for code, text in GENRES]
        by_grades = [group(band, band.replace("-", "–"), [e for e in current if e.in_band(low_, high_)]) for band, low_, high_ in GRADE_BANDS]

    return {
        "locale": language,
        "filename": check.filename,
        "format": check.format,
        "encoding": check.encoding,
        "columns": check.columns,
        "min_copies": min_copies,
        "thresholds": {"match": MATCH_THRESHOLD, "possible": POSSIBLE_THRESHOLD},
        "rows": check.rows_read,
        "rows_checked": len(check.holdings),
        "matched": len(matched_rows),
        "possible": len(possible_rows),
        "unmatched": len(unmatched_rows),
        "list_titles": len(current),
        "held": len(held),
        "missing": len(missing),
        "low_copies": len(low),
        "coverage": _coverage(len(held), len(current)),
        "copies_to_buy": sum(item["copies_to_buy"] for item in missing) + sum(item["copies_to_buy"] for item in low),
        "by_period": by_period,
        "by_literature": by_literature,
        "by_genre": by_genre,
        "by_grades": by_grades,
        "matched_rows": matched_rows,
        "possible_rows": possible_rows,
        "unmatched_rows": unmatched_rows,
        "held_titles": held_titles,
        "missing_titles": missing,
        "low_copy_titles": low,
    }


def procurement(report: dict, list_numbers: set[int] | None = None) -> list[tuple[int, int]]:
    """(list number, copies to buy) of every title held in fewer than N copies — missing titles need N — in list
    order; limited to ``list_numbers`` when given (the filters of the missing list)."""
    wanted = [(item["list_no"], item["copies_to_buy"]) for item in report["missing_titles"] + report["low_copy_titles"]]
    if list_numbers is not None:
        wanted = [item for item in wanted if item[0] in list_numbers]
    return sorted(wanted)
