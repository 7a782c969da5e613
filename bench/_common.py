"""Shared helpers for the benchmark scripts: a throwaway portal under gunicorn and an HTTP load loop."""

import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def bench_env(var_dir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "PORTAL_VAR_DIR": str(var_dir),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{var_dir / 'bench.sqlite3'}"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", ""),
    }


def manage(env, *args, quiet=True) -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.DEVNULL if quiet else None)
    return time.perf_counter() - started


class Server:
    """gunicorn with two sync workers on a local port."""

    def __init__(self, env, port=8799, workers=2):
        self.env, self.port, self.workers = env, port, workers

    def __enter__(self):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "portal.wsgi", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "--keep-alive", "30"],
            cwd=ROOT, env=self.env,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/api/v3/books/?limit=1")
                if connection.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def load(port: int, paths: list[str], requests: int, concurrency: int) -> dict:
    """Send `requests` GETs over `concurrency` keep-alive connections; latency percentiles and throughput."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    per_thread = [requests // concurrency + (1 if i < requests % concurrency else 0) for i in range(concurrency)]

    def worker(count, offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for i in range(count):
            path = paths[(offset + i) % len(paths)]
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                errors.append((path, response.status))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(count, i * 7)) for i, count in enumerate(per_thread)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "rps": len(latencies) / elapsed,
        "n": len(latencies),
        "errors": errors[:5],
    }


def report(name: str, result: dict, target: str = ""):
    status = f"  [{target}]" if target else ""
    errors = f"  ERRORS {result['errors']}" if result["errors"] else ""
    print(f"{name:<58} p50 {result['p50']:7.2f} ms  p95 {result['p95']:7.2f} ms  {result['rps']:8.1f} req/s  (n={result['n']}){status}{errors}", flush=True)
