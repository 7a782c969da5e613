"""Requests per second of ONE gunicorn sync worker for the main pages, on PostgreSQL with the demo loaded, with the
page cache on (warm) and off: the figures docs/deploy.md sizes servers from.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_throughput .venv/bin/python bench/bench_throughput.py
    ... --requests 100 --concurrency 4     # quicker

The database named by BENCH_DATABASE_URL must exist and be empty (or hold an earlier run's demo): the script
migrates it and loads the demo (kk, ru, en: 150 titles, guidance, calendars). BENCH_CACHE_URL (e.g.
redis://127.0.0.1:6379/5) puts the cache in Redis, as in production; unset, each worker keeps its own in memory.
Clients are threads on keep-alive connections, each waiting for its answer before asking again, so req/s is what
one worker serves when it is never idle.
"""

import argparse
import json
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Server, bench_env, load, manage, report  # noqa: E402

PAGES = [
    ("home", "/kk/"),
    ("book list", "/kk/books/"),
    ("book list, filtered", "/kk/books/?period=world&genre=prose"),
    ("book detail", None),  # the first book the API lists
    ("guidance page", "/kk/guidance/collection-forming-instruction/"),
    ("search page, a query", "/kk/search/?q=%D0%B0%D0%B1%D0%B0%D0%B9"),  # абай
    ("calendar", "/kk/events/"),
    ("API books list", "/api/v3/books/?locale=kk"),
]


def first_book(port: int) -> str:
    listing = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v3/books/?limit=1&locale=kk").read())
    return listing["items"][0]["html_url"].replace(f"http://127.0.0.1:{port}", "")


def measure(env: dict, cache_on: bool, requests: int, concurrency: int, port: int) -> dict:
    # One client address asks everything here: the rate limits (60 searches a minute per client) are off, as
    # they would never be reached by one client among many in production.
    env = {**env, "PORTAL_PAGE_CACHE": "1" if cache_on else "0", "PORTAL_RATELIMIT_ENABLED": "0"}
    results = {}
    with Server(env, port=port, workers=1) as server:
        paths = [(name, path or first_book(server.port)) for name, path in PAGES]
        for name, path in paths:
            for _ in range(3):  # warm: the page cache filled, the worker's own caches and connection ready
                urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}").read()
            result = load(server.port, [path], requests, concurrency)
            report(f"{name} ({path[:34]})", result, "cache on" if cache_on else "cache off")
            results[name] = result
        results["worker_rss_mb"] = worker_rss_mb(server.process.pid)
    return results


def worker_rss_mb(master: int) -> float:
    """Resident memory of the (one) worker, after it served every page (Linux /proc)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for line in Path(f"/proc/{children[0]}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per page and cache setting")
    parser.add_argument("--concurrency", type=int, default=4, help="clients at once")
    parser.add_argument("--port", type=int, default=8797)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="portal-bench-throughput-"))
    env = bench_env(var_dir)
    if not env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        print("note: BENCH_DATABASE_URL is not PostgreSQL; the figures in docs/deploy.md are measured on PostgreSQL", flush=True)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "compile_translations")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo")
        print(f"One gunicorn sync worker, {args.concurrency} clients, {args.requests} requests per page; "
              f"cache: {env['CACHE_URL'] or 'in the worker memory'}", flush=True)
        on = measure(env, True, args.requests, args.concurrency, args.port)
        off = measure(env, False, args.requests, args.concurrency, args.port)
        print("\nrequests per second per worker (page cache on / off):", flush=True)
        for name, _path in PAGES:
            print(f"  {name:<24} {on[name]['rps']:7.1f} / {off[name]['rps']:7.1f}", flush=True)
        print(f"worker memory (RSS) after the run: {on['worker_rss_mb']:.0f} MB (cache on) / {off['worker_rss_mb']:.0f} MB (cache off)")
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
