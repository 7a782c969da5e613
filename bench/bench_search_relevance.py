"""Relevance of the portal search: recall@10 and MRR over the queries in bench/search_queries.tsv.

    .venv/bin/python bench/bench_search_relevance.py                 # demo content + 1,620 distractor titles
    .venv/bin/python bench/bench_search_relevance.py --titles 150    # the demo content only
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/bench_search_relevance.py

Each query names the sample titles (list numbers) it must find on one language's site. recall@10 is the share
of those titles among the first ten results; the reciprocal rank is 1/position of the first relevant result,
where for author queries the author's own entry (which lists the books) counts as relevant too. Both are
averaged over the queries, overall and by category, for every backend available: the portal's database
backend (always), Elasticsearch (when ELASTICSEARCH_URL is set), and Wagtail's stock database search over
the book pages for comparison (books only, as it knows nothing of authors or spellings).

Target (issue #6): recall@10 ≥ 0.95 and MRR ≥ 0.8 on the database backend.
"""

import argparse
import csv
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, bench_env, catalogue_csv, django_setup, manage  # noqa: E402

QUERIES = ROOT / "bench" / "search_queries.tsv"
AUTHOR_CATEGORIES = {"author", "author_russian", "author_latin"}


def load_queries() -> list[dict]:
    with QUERIES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        row["expected"] = [int(number) for number in row["expected"].split("|")]
    return rows


def evaluate(queries, run, books_by_id, authors_of) -> dict:
    """run(query, locale) -> [(kind, id)] best first; returns recall@10, MRR and the misses."""
    by_category = defaultdict(list)
    misses = []
    for query in queries:
        expected = set(query["expected"])
        relevant_authors = set()
        if query["category"] in AUTHOR_CATEGORIES:
            for number in expected:
                relevant_authors |= authors_of.get((number, query["locale"]), set())
        results = run(query["query"], query["locale"])
        found, first = set(), 0
        for position, (kind, object_id) in enumerate(results, 1):
            book = books_by_id.get(object_id) if kind == "book" else None
            is_relevant = (book is not None and book[1] == query["locale"] and book[0] in expected) or (kind == "author" and object_id in relevant_authors)
            if is_relevant and not first:
                first = position
            if position <= 10 and book is not None and book[1] == query["locale"] and book[0] in expected:
                found.add(book[0])
        recall = len(found) / len(expected)
        reciprocal = 1 / first if first else 0.0
        by_category[query["category"]].append((recall, reciprocal))
        if recall < 1 or reciprocal < 1:
            misses.append((query["category"], query["locale"], query["query"], sorted(expected), first, round(recall, 2)))
    everything = [value for values in by_category.values() for value in values]
    mean = lambda values, i: sum(v[i] for v in values) / len(values)  # noqa: E731
    return {
        "recall": mean(everything, 0), "mrr": mean(everything, 1), "n": len(everything),
        "categories": {name: (mean(values, 0), mean(values, 1), len(values)) for name, values in sorted(by_category.items())},
        "misses": misses,
    }


def report(name: str, result: dict, show_misses: bool) -> None:
    print(f"\n{name}: recall@10 {result['recall']:.3f}   MRR {result['mrr']:.3f}   ({result['n']} queries)", flush=True)
    for category, (recall, mrr, count) in result["categories"].items():
        print(f"    {category:<16} recall@10 {recall:.3f}   MRR {mrr:.3f}   (n={count})")
    if show_misses and result["misses"]:
        print("    not perfect (category, site, query, expected, rank of first relevant, recall):")
        for miss in result["misses"]:
            print(f"      {miss}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--titles", type=int, default=1770, help="sample titles plus distractors (at least 150)")
    parser.add_argument("--misses", action="store_true", help="list the queries that were not perfect")
    parser.add_argument("--no-stock", action="store_true", help="skip Wagtail's stock search")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="portal-relevance-"))
    env = bench_env(var_dir)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        if args.titles > 150:
            catalogue = var_dir / "catalogue.csv"
            catalogue_csv(args.titles, catalogue)
            manage(env, "import_booklist", str(catalogue), "-v", "0")
        manage(env, "update_index", "-v", "0")
        django_setup(env)
        from django.conf import settings

        from content_models.books.models import BookAuthor, BookPage
        from search.queries import search_pages

        books_by_id = {page_id: (number, language) for page_id, number, language in BookPage.objects.values_list("id", "list_no", "locale__language_code")}
        authors_of = defaultdict(set)
        for number, language, author_id in BookAuthor.objects.values_list("page__list_no", "page__locale__language_code", "author_id"):
            authors_of[(number, language)].add(author_id)
        queries = load_queries()
        print(f"Search relevance: {len(queries)} queries, {BookPage.objects.filter(locale__language_code='kk').count()} titles × 3 languages "
              f"plus the demo content, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}", flush=True)

        def portal(query, locale):
            return [(hit.kind, hit.id) for hit in search_pages(query=query, locale=locale, limit=10).hits]

        started = time.perf_counter()
        result = evaluate(queries, portal, books_by_id, authors_of)
        report(f"portal search, {'Elasticsearch' if settings.ELASTICSEARCH_URL else 'database'} backend", result, args.misses)
        print(f"    ({(time.perf_counter() - started) * 1000 / len(queries):.1f} ms a query in-process, cold caches)")

        if not args.no_stock:
            from wagtail.models import Locale

            locales = {locale.language_code: locale for locale in Locale.objects.all()}

            def stock(query, locale):
                return [("book", page.pk) for page in BookPage.objects.live().filter(locale=locales[locale]).search(query)[:10]]

            report("Wagtail's stock database search (book pages only)", evaluate(queries, stock, books_by_id, authors_of), False)
        print("\nTarget on the database backend: recall@10 ≥ 0.95 and MRR ≥ 0.8")
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
