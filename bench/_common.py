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


# ---------------------------------------------------------------- synthetic catalogue
SAMPLE = ROOT / "content_models" / "demo" / "data" / "recommended-sample.csv"
_SYLLABLES_KK = ["қа", "ра", "бұ", "лақ", "ай", "гүл", "сә", "уле", "те", "ңіз", "жол", "дас", "бө", "рік", "ша", "ғын",
                 "ме", "кен", "тау", "өз", "ен", "сар", "ы", "арқа", "көл", "ті", "мір", "жан", "құ", "тым", "нұр", "ба"]
_SYLLABLES_RU = ["ко", "ра", "бли", "ве", "тер", "ла", "до", "ро", "га", "се", "ве", "ро", "мо", "ре", "ни", "ка", "ль"]
_SYLLABLES_EN = ["sun", "riv", "er", "moun", "tain", "win", "ter", "gar", "den", "li", "ght", "sto", "ne", "wo", "od"]


def _word(rng, syllables, low=2, high=4) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high)))


def synthetic_rows(count: int, start_no: int, seed: int = 7) -> list[dict]:
    """Distractor titles made of invented words in each language (they never repeat a real title), with
    invented authors and short annotations; codes copied from the sample so every facet is populated."""
    import csv
    import random

    rng = random.Random(seed)
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        sample = list(csv.DictReader(handle))
    rows = []
    for i in range(count):
        base = sample[i % len(sample)]
        kk = " ".join(_word(rng, _SYLLABLES_KK) for _ in range(rng.randint(1, 4))).capitalize()
        ru = " ".join(_word(rng, _SYLLABLES_RU) for _ in range(rng.randint(1, 4))).capitalize()
        en = " ".join(_word(rng, _SYLLABLES_EN) for _ in range(rng.randint(1, 4))).title()
        first_kk, last_kk = _word(rng, _SYLLABLES_KK, 2, 3).capitalize(), _word(rng, _SYLLABLES_KK, 2, 3).capitalize() + "ов"
        rows.append({
            **base, "list_no": str(start_no + i), "title_kk": kk, "title_ru": ru, "title_en": en,
            "author_kk": f"{first_kk} {last_kk}", "author_ru": f"{first_kk} {last_kk}", "author_en": f"{first_kk} {last_kk}",
            "annotation_kk": " ".join(_word(rng, _SYLLABLES_KK) for _ in range(rng.randint(8, 20))) + ".",
            "annotation_ru": " ".join(_word(rng, _SYLLABLES_RU) for _ in range(rng.randint(8, 20))) + ".",
            "annotation_en": " ".join(_word(rng, _SYLLABLES_EN) for _ in range(rng.randint(8, 20))) + ".",
        })
    return rows


def catalogue_csv(titles: int, path: Path) -> None:
    """The real sample plus synthetic distractors, `titles` rows in all, written as an import file."""
    import csv

    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = list(reader)
    start = max(int(row["list_no"]) for row in rows) + 1
    rows += synthetic_rows(max(0, titles - len(rows)), start)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def django_setup(env: dict) -> None:
    """Configure Django in this process with the benchmark's environment (for in-process measurements)."""
    os.environ.update({key: value for key, value in env.items() if isinstance(value, str)})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[max(0, int(len(ordered) * 0.95) - 1)],
        "n": len(ordered),
    }
