"""Benchmark: the book-list API stays fast while two 50,000-row holdings checks are in flight.

The documented setup — gunicorn with two sync workers plus the holdings worker (`manage.py holdings_worker`) —
against a throwaway SQLite database with the list loaded (the 150 titles of the sample plus synthetic ones,
1,770 × 3 languages, as the other benchmarks). Two 50,000-row holdings files made from the list's titles (in
every spelling the matcher knows, typing mistakes, other books) are posted at once to `/api/v3/holdings/check/`;
from the first byte of the uploads until both jobs are done, clients ask `/api/v3/books/` with facets over
keep-alive connections. Printed: p50/p95 and req/s before (baseline), while the uploads are read (until both
answer 202) and while the worker checks them, and whether p95 < 100 ms.

    .venv/bin/python bench/holdings_load.py                  # about 4 minutes
    .venv/bin/python bench/holdings_load.py --rows 20000     # quicker
    .venv/bin/python bench/holdings_load.py --inline         # also: the same load with the checks in the request

BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/bench_holdings_load, an empty database) runs it on
PostgreSQL instead.
"""

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, Server, bench_env, manage  # noqa: E402
from bench_books import synthetic_list  # noqa: E402
from bench_holdings import holdings_file, multipart  # noqa: E402

PATHS = ["/api/v3/books/?period=world&genre=prose&locale=kk", "/api/v3/books/?period=classical&grades=5-9&locale=ru",
         "/api/v3/books/?literature=national&genre=poetry&locale=en", "/api/v3/books/?limit=20&offset=40&locale=kk"]
TARGET_MS = 100.0


class Load:
    """Clients asking the book list over keep-alive connections until stopped; latencies by phase."""

    def __init__(self, port: int, clients: int):
        self.port, self.clients = port, clients
        self.phase = "baseline"
        self.samples: dict[str, list[float]] = {}
        self.spans: dict[str, list[float]] = {}
        self.errors: list = []
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def set_phase(self, name: str) -> None:
        with self.lock:
            now = time.perf_counter()
            if self.phase in self.spans:
                self.spans[self.phase][1] = now
            self.phase = name
            self.spans.setdefault(name, [now, now])

    def _client(self, offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        i = offset
        while not self.stop.is_set():
            path = PATHS[i % len(PATHS)]
            i += 1
            phase = self.phase
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError as problem:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                status = repr(problem)
            elapsed = time.perf_counter() - started
            with self.lock:
                self.samples.setdefault(phase, []).append(elapsed * 1000)
                if status != 200:
                    self.errors.append((path, status))

    def __enter__(self):
        self.set_phase("baseline")
        self.threads = [threading.Thread(target=self._client, args=(n * 3,), daemon=True) for n in range(self.clients)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.set_phase("end")
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def result(self, phase: str) -> dict | None:
        values = sorted(self.samples.get(phase, []))
        if not values:
            return None
        start, end = self.spans[phase]
        return {"p50": statistics.median(values), "p95": values[max(0, int(len(values) * 0.95) - 1)],
                "max": values[-1], "rps": len(values) / max(end - start, 1e-9), "n": len(values), "seconds": end - start}


def line(name: str, result: dict | None, target: bool = False) -> None:
    if result is None:
        print(f"{name:<52} (no request finished in this phase)", flush=True)
        return
    verdict = f"  p95 < {TARGET_MS:.0f} ms: {'yes' if result['p95'] < TARGET_MS else 'NO'}" if target else ""
    print(f"{name:<52} p50 {result['p50']:7.2f} ms  p95 {result['p95']:8.2f} ms  max {result['max']:8.1f} ms  "
          f"{result['rps']:7.1f} req/s  (n={result['n']}, {result['seconds']:.1f} s){verdict}", flush=True)


def post_check(port: int, content: bytes, name: str, answers: list, index: int) -> None:
    body, content_type = multipart({"locale": "kk", "min_copies": "3"}, name, content)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.request("POST", "/api/v3/holdings/check/", body=body, headers={"Content-Type": content_type})
    response = connection.getresponse()
    data = response.read()
    answers[index] = (response.status, data, time.perf_counter() - started)


def get_json(port: int, url: str) -> dict:
    path = url.split("//", 1)[-1].split("/", 1)[-1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", "/" + path)
    response = connection.getresponse()
    return json.loads(response.read())


def run(env: dict, files: list[bytes], clients: int, baseline_seconds: float, inline: bool) -> None:
    label = "checks in the request (no worker)" if inline else "checks by the worker"
    if inline:
        env = {**env, "PORTAL_HOLDINGS_INLINE_ROWS": "1000000", "PORTAL_HOLDINGS_INLINE_BYTES": "100000000"}
    worker = None if inline else subprocess.Popen([PYTHON, "manage.py", "holdings_worker", "--verbosity", "0"], cwd=ROOT, env=env)
    try:
        with Server(env, port=8795, workers=2) as server, Load(server.port, clients) as load:
            time.sleep(baseline_seconds)
            load.set_phase("uploads")
            answers: list = [None] * len(files)
            posts = [threading.Thread(target=post_check, args=(server.port, content, f"holdings-{i}.csv", answers, i))
                     for i, content in enumerate(files)]
            started = time.perf_counter()
            for thread in posts:
                thread.start()
            for thread in posts:
                thread.join()
            statuses = [answer[0] for answer in answers]
            print(f"\n[{label}] the two uploads answered {statuses} after "
                  f"{', '.join(f'{answer[2]:.1f} s' for answer in answers)}", flush=True)
            if not inline:
                assert statuses == [202, 202], answers[0][1][:300]
                load.set_phase("worker")
                urls = [json.loads(answer[1])["status_url"] for answer in answers]
                states = [{}] * len(urls)
                while True:
                    states = [get_json(server.port, url) for url in urls]
                    if all(state["status"] in ("done", "failed") for state in states):
                        break
                    time.sleep(0.5)
                done = time.perf_counter() - started
                reports = [state.get("report") or {} for state in states]
                print(f"[{label}] both checks {'/'.join(state['status'] for state in states)} {done:.1f} s after the "
                      f"uploads began; matched {', '.join(str(report.get('matched')) for report in reports)} of "
                      f"{', '.join(str(report.get('rows')) for report in reports)} rows", flush=True)
            load.set_phase("after")
            time.sleep(1)
        line(f"[{label}] baseline, no check in flight", load.result("baseline"))
        line(f"[{label}] while the uploads are read", load.result("uploads"), target=True)
        if not inline:
            line(f"[{label}] while the worker checks them", load.result("worker"), target=True)
            both = sorted(load.samples.get("uploads", []) + load.samples.get("worker", []))
            span = sum(load.spans[name][1] - load.spans[name][0] for name in ("uploads", "worker"))
            line(f"[{label}] the whole time the checks are in flight", {
                "p50": statistics.median(both), "p95": both[max(0, int(len(both) * 0.95) - 1)], "max": both[-1],
                "rps": len(both) / span, "n": len(both), "seconds": span}, target=True)
        if load.errors:
            print(f"  ERRORS {load.errors[:5]} ({len(load.errors)} in all)", flush=True)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=50_000, help="rows of each holdings file")
    parser.add_argument("--titles", type=int, default=1770)
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients of the book list")
    parser.add_argument("--baseline", type=float, default=10, help="seconds of load before the uploads")
    parser.add_argument("--inline", action="store_true", help="then the same with the checks in the request, for comparison")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="portal-bench-holdings-load-"))
    env = bench_env(var_dir)
    try:
        list_csv = synthetic_list(args.titles)
        (var_dir / "list.csv").write_bytes(list_csv)
        for command in (("migrate", "--noinput"), ("compile_translations",), ("collectstatic", "--noinput"),
                        ("load_demo", "--no-books"), ("import_booklist", str(var_dir / "list.csv"), "--edition", "2024", "-v", "0")):
            manage(env, *command)
        files = [holdings_file(list_csv, args.rows, seed=seed) for seed in (11, 12)]
        database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
        print(f"Book-list API under two {args.rows:,}-row holdings checks ({len(files[0]) / 1024 / 1024:.1f} MB CSV each), "
              f"{args.titles:,} titles × 3 languages, gunicorn 2 sync workers, {args.clients} clients, {database}", flush=True)
        run(env, files, args.clients, args.baseline, inline=False)
        if args.inline:
            run(env, files, args.clients, args.baseline, inline=True)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    began = time.time()
    main()
    print(f"(benchmark took {time.time() - began:.0f} s)")
