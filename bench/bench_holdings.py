"""Benchmark of the holdings check: a 20,000-row holdings file against the list of 1,770 titles × 3 languages,
in process (reading, matching, the report) and over HTTP under gunicorn (the API and the page's steps), SQLite.

    .venv/bin/python bench/bench_holdings.py                 # about 3 minutes
    .venv/bin/python bench/bench_holdings.py --rows 5000 --runs 3   # quicker

Target: a 20,000-row file is checked in under 10 s. The file mixes titles of the list written in
every way the matcher knows (kk/ru/en titles, volume markers, initials, no author), one-letter typing mistakes
and unrelated books (textbooks, other fiction), all different, so nothing is matched from the per-file memo.
The page's steps keep the rows in Django's cache, so they run against one gunicorn worker unless
BENCH_CACHE_URL (e.g. redis://127.0.0.1:6379/9) gives the workers a shared cache.
"""

import argparse
import csv
import http.client
import io
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Server, bench_env, manage  # noqa: E402

sys.path.insert(0, str(ROOT))
from bench_books import synthetic_list  # noqa: E402

SUBJECTS = ["Математика", "Физика", "Химия", "Биология", "География", "Тарих", "Алгебра", "Геометрия", "Информатика",
            "Русский язык", "Қазақ тілі", "English", "Литература", "Музыка", "Дүниетану", "Әліппе"]
WORDS = ["дала", "жұлдыз", "өзен", "таулар", "сыр", "жол", "ғасыр", "арман", "күз", "бақыт", "мектеп", "достар", "сказка",
         "приключения", "тайна", "остров", "звезда", "лес", "river", "garden", "winter", "ертегі", "жыр", "сапар"]
SURNAMES = ["Иванов", "Серікбаев", "Петрова", "Нұрланова", "Smith", "Ахметов", "Жақсылықов", "Кузнецова", "Оспанов"]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def timing(name: str, values: list[float], target: str = ""):
    values_ms = [value * 1000 for value in values]
    extra = f"  [{target}]" if target else ""
    if len(values_ms) == 1:
        print(f"{name:<62} {values_ms[0]:9.0f} ms{extra}", flush=True)
    else:
        print(f"{name:<62} p50 {statistics.median(values_ms):7.0f} ms  p95 {percentile(values_ms, 0.95):7.0f} ms  "
              f"max {max(values_ms):7.0f} ms  (n={len(values_ms)}){extra}", flush=True)


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long_words = [i for i, word in enumerate(words) if len(word) >= 6]
    if not long_words:
        return text + "ы"
    i = rng.choice(long_words)
    position = rng.randrange(1, len(words[i]) - 1)
    words[i] = words[i][:position] + words[i][position + 1:]
    return " ".join(words)


def _initials(name: str) -> str:
    parts = name.split()
    return f"{parts[-1]} {parts[0][0]}." if len(parts) > 1 else name


def holdings_file(list_csv: bytes, rows: int, seed: int = 7) -> bytes:
    """A library's holdings export: 35 % list titles in many spellings, 10 % typos, the rest other books."""
    rng = random.Random(seed)
    books = list(csv.DictReader(io.StringIO(list_csv.decode("utf-8"))))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Инв. №", "Атауы", "Авторы", "ISBN", "Жылы", "Дана саны"])
    for number in range(1, rows + 1):
        kind = rng.random()
        book = rng.choice(books)
        language = rng.choice(["kk", "ru", "en"])
        title = book[f"title_{language}"] or book["title_kk"]
        author = book[f"author_{language}"].split(",")[0].strip()
        if kind < 0.35:
            style = rng.random()
            if style < 0.25:
                title = f"{title}. {rng.randint(1, 3)}-кітап"
            elif style < 0.4:
                title = f"{title} : роман"
            if rng.random() < 0.5:
                author = _initials(author)
            elif rng.random() < 0.3:
                author = ""
        elif kind < 0.45:
            title = _typo(title, rng)
        else:
            title = f"{rng.choice(SUBJECTS)} {rng.randint(1, 11)} {rng.choice(WORDS)} {rng.choice(WORDS)} {number}"
            author = f"{rng.choice(SURNAMES)} {rng.choice('АБДЕЖКМНС')}."
        writer.writerow([f"{number:06d}", title, author, "", str(rng.randint(1995, 2025)), str(rng.choice([1, 1, 2, 3, 5, 10]))])
    return out.getvalue().encode("utf-8")


def multipart(fields: dict, file_name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """Keeps cookies and the CSRF token across requests, as a librarian's browser does."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, content, elapsed, dict(response.getheaders())

    def csrf(self, html: bytes) -> str:
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def in_process(env, content: bytes, runs: int, titles: int):
    os.environ.update(env)
    import django

    django.setup()
    from django.utils import translation

    from content_models.holdings.matching import ListIndex, holdings_match, list_books, list_index
    from content_models.holdings.parsing import guess_columns, holdings_from_table, holdings_read
    from content_models.holdings.report import Check, report_build

    started = time.perf_counter()
    books = list_books()
    index = list_index()
    timing(f"list index ({titles:,} titles × 3 languages), first build", [time.perf_counter() - started])
    builds = []
    for _ in range(runs):
        started = time.perf_counter()
        ListIndex(books)
        builds.append(time.perf_counter() - started)
    timing("list index rebuild", builds)
    reads, matches, reports, totals = [], [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        table = holdings_read(content, "holdings.csv")
        columns = guess_columns(table.header, table.rows)
        holdings = holdings_from_table(table, columns)
        t1 = time.perf_counter()
        outcomes = holdings_match(holdings, index)
        t2 = time.perf_counter()
        check = Check(filename="holdings.csv", format="csv", encoding="utf-8", columns={}, rows_read=len(table.rows),
                      holdings=holdings, outcomes=outcomes)
        with translation.override("kk"):
            report = report_build(check, language="kk")
        t3 = time.perf_counter()
        reads.append(t1 - t0)
        matches.append(t2 - t1)
        reports.append(t3 - t2)
        totals.append(t3 - t0)
    timing(f"read and map {len(table.rows):,} rows", reads)
    timing(f"match {len(holdings):,} rows", matches)
    timing("build the report", reports)
    timing("whole check in process (read + match + report)", totals, "< 10 s")
    print(f"  matched {report['matched']:,}, possible {report['possible']:,}, unmatched {report['unmatched']:,}; "
          f"coverage {report['coverage']:.1%} ({report['held']} of {report['list_titles']} titles)", flush=True)


def over_http(env, content: bytes, runs: int, cache_url: str):
    workers = 2 if cache_url else 1
    with Server({**env, "CACHE_URL": cache_url}, port=8797, workers=workers) as server:
        body, content_type = multipart({"locale": "kk", "min_copies": "3"}, "holdings.csv", content)
        browser = Browser(server.port)
        api = []
        for _ in range(runs + 1):
            status, response, elapsed, _headers = browser.request("POST", "/api/v3/holdings/check/", body, {"Content-Type": content_type})
            assert status == 200, response[:300]
            api.append(elapsed)
        timing("API POST /api/v3/holdings/check/, first request", api[:1], "< 10 s")
        timing("API POST /api/v3/holdings/check/", api[1:], "< 10 s")
        print(f"  response {len(response) / 1024 / 1024:.1f} MB of JSON", flush=True)

        steps = {"upload": [], "columns": [], "report": [], "report, filtered and sorted": [], "procurement CSV": [], "print view": []}
        for _ in range(runs):
            browser = Browser(server.port)
            status, html, _elapsed, _headers = browser.request("GET", "/kk/holdings-check/")
            token = browser.csrf(html)
            body, content_type = multipart({"csrfmiddlewaretoken": token}, "holdings.csv", content)
            status, _html, elapsed, headers = browser.request("POST", "/kk/holdings-check/", body, {"Content-Type": content_type})
            assert status == 302, status
            steps["upload"].append(elapsed)
            status, html, _elapsed, _headers = browser.request("GET", "/kk/holdings-check/columns/")
            form = f"csrfmiddlewaretoken={browser.csrf(html)}&title=1&author=2&isbn=3&year=4&copies=5"
            status, _html, elapsed, _headers = browser.request("POST", "/kk/holdings-check/columns/", form, {"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 302, status
            steps["columns"].append(elapsed)
            for name, path in (("report", "/kk/holdings-check/report/"),
                               ("report, filtered and sorted", "/kk/holdings-check/report/?period=world&genre=prose&sort=title&rows_page=3"),
                               ("procurement CSV", "/kk/holdings-check/report/download/csv/"),
                               ("print view", "/kk/holdings-check/report/print/")):
                status, _html, elapsed, _headers = browser.request("GET", path)
                assert status == 200, (path, status)
                steps[name].append(elapsed)
        for name, values in steps.items():
            timing(f"page: {name}", values)
        whole = [a + b + c for a, b, c in zip(steps["upload"], steps["columns"], steps["report"], strict=True)]
        timing("page: upload + columns + report", whole, "< 10 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--titles", type=int, default=1770)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="portal-bench-holdings-"))
    env = bench_env(var_dir)
    try:
        list_csv = synthetic_list(args.titles)
        (var_dir / "list.csv").write_bytes(list_csv)
        manage(env, "migrate", "--noinput")
        manage(env, "compile_translations")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo", "--no-books")
        manage(env, "import_booklist", str(var_dir / "list.csv"), "--edition", "2024", "-v", "0")
        content = holdings_file(list_csv, args.rows)
        print(f"Holdings check benchmark: {args.rows:,} rows ({len(content) / 1024 / 1024:.1f} MB CSV) against "
              f"{args.titles:,} titles × 3 languages, SQLite", flush=True)
        in_process(env, content, args.runs, args.titles)
        over_http(env, content, args.runs, os.environ.get("BENCH_CACHE_URL", ""))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    started = time.time()
    os.chdir(ROOT)
    main()
    print(f"(benchmark took {time.time() - started:.0f} s)")
