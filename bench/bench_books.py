"""Benchmark of the recommended list: import speed, and the list API, the faceted list page and a book page
under gunicorn (two workers) on SQLite with 1,770 titles × 3 languages.

    .venv/bin/python bench/bench_books.py            # about 4 minutes
    .venv/bin/python bench/bench_books.py --titles 500 --requests 200   # quicker

Targets (issue #3): API list with two facets p50 ≤ 6 ms at concurrency 1 and ≥ 300 req/s at concurrency 8;
faceted HTML list p50 ≤ 10 ms; book page p50 ≤ 6 ms; first import of 1,770 rows ≤ 60 s; unchanged re-import ≤ 10 s.
"""

import argparse
import csv
import io
import json
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Server, bench_env, load, manage, report  # noqa: E402

SAMPLE = ROOT / "content_models" / "demo" / "data" / "recommended-sample.csv"
WORDS = ["Дала", "Таң", "Жыр", "Өлке", "Көктем", "Сұлу", "Ақ", "Қыран", "Бұлақ", "Шұғыла", "Әуен", "Ғасыр"]


def synthetic_list(titles: int) -> bytes:
    """The real sample plus synthetic titles made from it (new numbers, titles and authors), as one CSV."""
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = list(rows)
    number = max(int(row["list_no"]) for row in rows)
    i = 0
    while len(out) < titles:
        base = rows[i % len(rows)]
        number += 1
        word = WORDS[i % len(WORDS)] + " " + WORDS[(i // len(WORDS)) % len(WORDS)]
        out.append({
            **base, "list_no": str(number),
            "title_kk": f"{base['title_kk']}: {word} {number}", "title_ru": f"{base['title_ru'] or base['title_kk']} {number}",
            "title_en": f"{base['title_en']} {number}", "author_kk": f"{base['author_kk'].split(',')[0]} {number}",
            "author_ru": f"{base['author_ru'].split(',')[0]} {number}", "author_en": f"{base['author_en'].split(',')[0]} {number}",
        })
        i += 1
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(out)
    return buffer.getvalue().encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--titles", type=int, default=1770)
    parser.add_argument("--requests", type=int, default=400, help="requests per measurement at concurrency 1")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = bench_env(var_dir)
    try:
        list_file = var_dir / "list.csv"
        list_file.write_bytes(synthetic_list(args.titles))
        manage(env, "migrate", "--noinput")
        manage(env, "compile_translations")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo", "--no-books")
        print(f"Recommended list benchmark: {args.titles} titles × 3 languages, SQLite, gunicorn 2 workers", flush=True)
        first = manage(env, "import_booklist", str(list_file), "--edition", "2024", "-v", "0")
        print(f"{'first import of ' + str(args.titles) + ' rows (3 languages)':<58} {first:7.1f} s  [target ≤ 60 s]", flush=True)
        again = manage(env, "import_booklist", str(list_file), "-v", "0")
        print(f"{'re-import of the unchanged file':<58} {again:7.1f} s  [target ≤ 10 s]", flush=True)

        with Server(env) as server:
            api = "/api/v3/books/?period=world&genre=prose&locale=kk"
            apis = [api, "/api/v3/books/?period=classical&grades=5-9&locale=ru", "/api/v3/books/?literature=national&genre=poetry&locale=en"]
            html = ["/kk/books/?period=world&genre=prose", "/ru/books/?period=classical&grades=5-9", "/en/books/?literature=national&genre=poetry&sort=title"]
            listing = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{server.port}/api/v3/books/?limit=50&locale=kk").read())
            books = [item["html_url"].replace(f"http://127.0.0.1:{server.port}", "") for item in listing["items"]]
            for paths in (apis, html, books):  # warm both workers' snapshots and template caches
                load(server.port, paths, 40, 4)
            report("API /api/v3/books/ two facets, concurrency 1", load(server.port, [api], args.requests, 1), "p50 ≤ 6 ms")
            report("API /api/v3/books/ two facets, concurrency 8", load(server.port, apis, args.requests * 5, 8), "≥ 300 req/s")
            report("HTML faceted list page, concurrency 1", load(server.port, html, args.requests, 1), "p50 ≤ 10 ms")
            report("HTML book page, concurrency 1", load(server.port, books, args.requests, 1), "p50 ≤ 6 ms")
            report("HTML book page, concurrency 8", load(server.port, books, args.requests * 3, 8))
        # The same pages rendered on every request (anonymous page cache off).
        with Server({**env, "PORTAL_PAGE_CACHE": "0"}, port=8798) as server:
            for paths in (html, books):
                load(server.port, paths, 40, 4)
            report("HTML faceted list page, page cache off, concurrency 1", load(server.port, html, args.requests, 1))
            report("HTML book page, page cache off, concurrency 1", load(server.port, books, args.requests, 1))
            report("HTML book page, page cache off, concurrency 8", load(server.port, books, args.requests * 2, 8))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    started = time.time()
    main()
    print(f"(benchmark took {time.time() - started:.0f} s)")
