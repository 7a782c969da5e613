"""Benchmark of `python3 run.py serve`: seconds from start until /kk/ answers 200, for a first start on an
empty var directory and for a second start on the same directory (what a restart costs).

    .venv/bin/python bench/bench_restart.py                 # a fresh var directory, both starts
    .venv/bin/python bench/bench_restart.py --var-dir var   # only the restart, on an existing var directory

Target (issue #11): a second start answers within 15 s on a 2-core machine.
"""

import argparse
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int, path: str = "/kk/") -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start(var_dir: Path, port: int, timeout: float) -> float:
    """Start run.py serve, return the seconds until /kk/ answers 200, then stop it (and everything it started)."""
    if listening(port):
        raise RuntimeError(f"something already answers on port {port}")
    env = {**os.environ, "PORTAL_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    log = open(var_dir / f"serve-{port}.log", "ab")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "run.py", "serve", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while not answers(port):
            if process.poll() is not None:
                raise RuntimeError(f"run.py serve exited with {process.returncode}; see {log.name}")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"no answer within {timeout:.0f} s; see {log.name}")
            time.sleep(0.2)
        return time.perf_counter() - started
    except RuntimeError:
        log.flush()
        sys.stderr.write(Path(log.name).read_text(errors="replace")[-3000:])
        raise
    finally:
        # The whole process group, so the measurement works even with a run.py that leaves its server behind.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=15)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--var-dir", type=Path, help="an existing var directory: measure only a restart on it")
    parser.add_argument("--port", type=int, default=0, help="port to serve on (default: a free one)")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--keep", action="store_true", help="keep the fresh var directory (and the servers' logs)")
    args = parser.parse_args()
    port = args.port or free_port()

    if args.var_dir:
        print(f"restart: {start(args.var_dir.resolve(), port, args.timeout):.1f} s until /kk/ answers", flush=True)
        return
    var_dir = Path(tempfile.mkdtemp(prefix="portal-restart-"))
    try:
        print(f"first start: {start(var_dir, port, args.timeout):.1f} s until /kk/ answers", flush=True)
        print(f"second start: {start(var_dir, port, args.timeout):.1f} s until /kk/ answers", flush=True)
    finally:
        if args.keep:
            print(f"var directory and logs kept in {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
