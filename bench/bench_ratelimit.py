"""What the rate limits cost and what they protect, under gunicorn (two workers) with the counts in Redis.

    .venv/bin/python bench/bench_ratelimit.py                 # about 3 minutes
    .venv/bin/python bench/bench_ratelimit.py --rows 20000    # a smaller holdings file

1. Autocomplete with the limits off and on (limits far above the load): the counting's cost per request.
2. A client over its limit: how fast its 429 answers are (nothing but the count is done).
3. /api/v3/books/ while two clients post a large holdings file to /api/v3/holdings/check/ again and again, once
   with the limits off and once with PORTAL_RATELIMIT_HOLDINGS=1/h, measured once each flood's first upload is
   answered (with the limit on, that was its allowance).

Every run is one fresh client: the benchmark sets PORTAL_TRUSTED_PROXIES=127.0.0.1 and sends a random address in
X-Forwarded-For, so counts left in Redis by an earlier run do not matter. BENCH_CACHE_URL picks the Redis
(default redis://127.0.0.1:6379/13).
"""

import argparse
import http.client
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Server, bench_env, manage  # noqa: E402

sys.path.insert(0, str(ROOT))
from bench_books import synthetic_list  # noqa: E402
from bench_holdings import holdings_file, multipart  # noqa: E402


def client_address() -> str:
    return f"198.18.{random.randint(0, 255)}.{random.randint(1, 254)}"


def timed_gets(port: int, path: str, count: int, address: str, timeout: float = 20) -> tuple[dict, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    latencies, statuses = [], {}
    for _ in range(count):
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"X-Forwarded-For": address})
            response = connection.getresponse()
            response.read()
            status = response.status
        except TimeoutError:
            status = f"no answer in {timeout} s"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        latencies.append((time.perf_counter() - started) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
    latencies.sort()
    return {"p50": statistics.median(latencies), "p95": latencies[int(len(latencies) * 0.95) - 1], "n": count}, statuses


def show(name: str, result: dict, statuses: dict):
    print(f"{name:<64} p50 {result['p50']:8.2f} ms  p95 {result['p95']:8.2f} ms  (n={result['n']})  {statuses}", flush=True)


def flood(port: int, body: bytes, content_type: str, stop: threading.Event, statuses: dict, address: str):
    while not stop.is_set():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("POST", "/api/v3/holdings/check/", body=body, headers={"Content-Type": content_type, "X-Forwarded-For": address})
        response = connection.getresponse()
        response.read()
        statuses[response.status] = statuses.get(response.status, 0) + 1


def under_flood(env, port: int, body: bytes, content_type: str, label: str, seconds: float):
    with Server(env, port=port) as server:
        stop, statuses = threading.Event(), {}
        attackers = [threading.Thread(target=flood, args=(server.port, body, content_type, stop, statuses, client_address())) for _ in range(2)]
        for thread in attackers:
            thread.start()
        waited = time.time() + 120
        while sum(statuses.values()) < 2 and time.time() < waited:  # each flood's first upload (its allowance) done
            time.sleep(0.2)
        deadline = time.time() + seconds
        samples, books_statuses = [], {}
        while time.time() < deadline:
            result, status = timed_gets(server.port, "/api/v3/books/?limit=1", 5, client_address())
            samples.append(result["p50"])
            for key, value in status.items():
                books_statuses[key] = books_statuses.get(key, 0) + value
        stop.set()
        for thread in attackers:
            thread.join()
        samples.sort()
        show(f"/api/v3/books/ during two holdings floods, {label}",
             {"p50": statistics.median(samples), "p95": samples[max(0, int(len(samples) * 0.95) - 1)], "n": len(samples) * 5}, books_statuses)
        print(f"  holdings uploads answered: {statuses}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=49_990)
    parser.add_argument("--titles", type=int, default=1770)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="portal-bench-ratelimit-"))
    env = {**bench_env(var_dir), "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"), "PORTAL_TRUSTED_PROXIES": "127.0.0.1"}
    limits_high = {name: "1000000/h" for name in ("HOLDINGS", "HOLDINGS_REPORT", "SEARCH", "AUTOCOMPLETE", "EXPORTS", "BEARER")}
    try:
        list_csv = synthetic_list(args.titles)
        (var_dir / "list.csv").write_bytes(list_csv)
        manage(env, "migrate", "--noinput")
        manage(env, "compile_translations")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo", "--no-books")
        manage(env, "import_booklist", str(var_dir / "list.csv"), "--edition", "2024", "-v", "0")
        manage(env, "update_index")
        print(f"Rate limit benchmark: gunicorn, 2 workers, counts in {env['CACHE_URL']}; {args.titles:,} titles", flush=True)

        autocomplete = "/api/v3/search/autocomplete/?q=%D0%B0%D0%B1%D0%B0&locale=kk"
        for label, extra in (("limits off", {"PORTAL_RATELIMIT_ENABLED": "0"}),
                             ("limits on", {f"PORTAL_RATELIMIT_{name}": rate for name, rate in limits_high.items()})):
            with Server({**env, **extra}, port=8796) as server:
                timed_gets(server.port, autocomplete, 50, client_address())  # warm up
                show(f"autocomplete, c=1, {label}", *timed_gets(server.port, autocomplete, 500, client_address()))

        with Server({**env, "PORTAL_RATELIMIT_SEARCH": "1/h"}, port=8796) as server:
            address = client_address()
            timed_gets(server.port, "/api/v3/search/?q=abai", 1, address)
            show("over the limit: /api/v3/search/ answered 429", *timed_gets(server.port, "/api/v3/search/?q=abai", 300, address))
            show("over the limit: /kk/search/ page answered 429", *timed_gets(server.port, "/kk/search/?q=abai", 300, address))

        content = holdings_file(list_csv, args.rows)
        body, content_type = multipart({"locale": "kk"}, "holdings.csv", content)
        print(f"holdings file: {args.rows:,} rows, {len(content) / 1024 / 1024:.1f} MB", flush=True)
        with Server(env, port=8796) as server:
            show("/api/v3/books/, c=1, nothing else running", *timed_gets(server.port, "/api/v3/books/?limit=1", 300, client_address()))
        under_flood({**env, "PORTAL_RATELIMIT_ENABLED": "0"}, 8796, body, content_type, "limits off", args.seconds)
        under_flood({**env, "PORTAL_RATELIMIT_HOLDINGS": "1/h"}, 8796, body, content_type, "holdings 1/h", args.seconds)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    started = time.time()
    os.chdir(ROOT)
    main()
    print(f"(benchmark took {time.time() - started:.0f} s)")
