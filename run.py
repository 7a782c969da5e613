#!/usr/bin/env python3
"""Set up and run the portal with nothing but Python 3.11+ and git.

    python3 run.py serve [HOST:PORT]   # virtualenv, install, migrate, translations, demo content, then the server
                                       # at http://HOST:PORT/ (default 127.0.0.1:8000; e.g. serve 0.0.0.0:8080)
                                       # and the worker of the big holdings checks (manage.py holdings_worker)
    python3 run.py test [PYTEST ARGS]  # virtualenv, install with test extras, the whole test suite
    python3 run.py lint                # virtualenv with test extras, then ruff and the import contracts (lint-imports)
    python3 run.py lock [--upgrade]    # pin every dependency again (requirements.lock, requirements-test.lock) after
                                       # pyproject.toml's dependencies changed; --upgrade takes the newest allowed versions

Installs come from the lock files only (every package pinned, with hashes), so every machine gets the same versions.
The virtualenv lives in .venv/ and the embedded database in var/db.sqlite3 (PORTAL_VAR_DIR moves var/). Set
DATABASE_URL, CACHE_URL or ELASTICSEARCH_URL to use PostgreSQL, Redis or Elasticsearch instead (see docs/deployment.md).
`serve` only does what is missing: migrations not yet applied, catalogues older than their .po files, demo
content that does not exist (it never changes existing pages). Ctrl+C, SIGTERM or SIGHUP stops the server.
"""

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def sh(*args, env=None, check=True):
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


PYPROJECT = ROOT / "pyproject.toml"
LOCKS = {"": ROOT / "requirements.lock", "test": ROOT / "requirements-test.lock"}  # `pip install .`, `.[test]`
LOCK_MARK = "# pyproject.toml dependencies sha256: "
UV = "uv==0.13.9"  # the resolver of `run.py lock` (one version, so a refresh changes only what pyproject.toml changed)


def dependencies_fingerprint(pyproject: Path = PYPROJECT) -> str:
    """sha256 of what the locks are made from: requires-python, the dependencies and the extras (not the tools' settings)."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = {name: project.get(name) for name in ("requires-python", "dependencies", "optional-dependencies")}
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def lock_is_current(lock: Path, pyproject: Path = PYPROJECT) -> bool:
    """Whether ``lock`` was made (by `run.py lock`) from the dependencies ``pyproject`` names now."""
    if not lock.exists():
        return False
    return LOCK_MARK + dependencies_fingerprint(pyproject) in lock.read_text(encoding="utf-8").splitlines()


def install_fingerprint(extras: str) -> str:
    return hashlib.sha256(PYPROJECT.read_bytes() + LOCKS[extras].read_bytes()).hexdigest()


def installed(extras: str) -> bool:
    """Whether .venv holds the install of these extras for the current pyproject.toml and lock (the test extras'
    install includes everything the base install has, so it will do for serve as well)."""
    for candidate in [extras] if extras else ["", "test"]:
        stamp = VENV / f".installed-{candidate or 'base'}"
        if stamp.exists() and stamp.read_text() == install_fingerprint(candidate):
            return True
    return False


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed.")
    lock = LOCKS[extras]
    if not lock_is_current(lock):
        sys.exit(f"{lock.name} does not match the dependencies in pyproject.toml: run `python3 run.py lock` and commit the locks.")
    if not PYTHON.exists():
        sh(sys.executable, "-m", "venv", VENV)
    if installed(extras):
        return
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PYTHON, "-m", "pip", "install", "--quiet", "-r", lock)  # hashes in the lock: pip refuses anything unpinned
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    (VENV / f".installed-{extras or 'base'}").write_text(install_fingerprint(extras))


def lock(args):
    """Resolves pyproject.toml's dependencies again into requirements-test.lock (with the test extras) and
    requirements.lock (constrained to the same versions), for every platform and Python 3.11+, with hashes. Versions
    already in the locks are kept unless `--upgrade` (or `--upgrade-package NAME`) is given."""
    if not PYTHON.exists():
        sh(sys.executable, "-m", "venv", VENV)
    uv = BIN / ("uv.exe" if os.name == "nt" else "uv")
    if not uv.exists() or subprocess.run([uv, "--version"], capture_output=True, text=True).stdout.split()[1:2] != [UV.split("==")[1]]:
        sh(PYTHON, "-m", "pip", "install", "--quiet", UV)
    header = (
        "# Every package of `pip install {what}`, pinned with hashes; made by `python3 run.py lock` from pyproject.toml\n"
        "# (for Python 3.11+ on any platform). Do not edit by hand.\n" + LOCK_MARK + dependencies_fingerprint() + "\n"
    )
    for extras, options in (("test", ["--extra", "test", *args]), ("", ["--constraint", LOCKS["test"]])):
        target = LOCKS[extras]
        draft = target.with_name(target.name + ".new")
        draft.write_bytes(target.read_bytes() if target.exists() else b"")  # its pins are the versions uv prefers
        sh(uv, "pip", "compile", "--quiet", "--universal", "--python-version", "3.11", "--generate-hashes", "--no-header",
           PYPROJECT, *options, "--output-file", draft)
        draft.write_text(header.format(what=".[test]" if extras else ".") + draft.read_text(encoding="utf-8"), encoding="utf-8")
        draft.replace(target)
    return 0


def manage(*args, env=None, check=True):
    return sh(PYTHON, "manage.py", *args, env=env, check=check)


STOP_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)]


class Children:
    """The processes serve starts; all of them are stopped when run.py is asked to stop."""

    def __init__(self):
        self.stopping = threading.Event()
        self.deadline = float("inf")
        self.lock = threading.RLock()  # re-entrant: the signal handler may run while the main thread holds it
        self.processes: set[subprocess.Popen] = set()

    def start(self, args, **kwargs) -> subprocess.Popen | None:
        with self.lock:
            if self.stopping.is_set():
                return None
            process = subprocess.Popen([str(a) for a in args], cwd=ROOT, **kwargs)
            self.processes.add(process)
        if self.stopping.is_set():  # a stop signal came while it was starting
            process.terminate()
        return process

    def forget(self, process):
        with self.lock:
            self.processes.discard(process)

    def terminate(self) -> None:
        """Ask every child to stop (safe in a signal handler: it waits for nothing)."""
        with self.lock:
            if not self.stopping.is_set():
                self.stopping.set()
                self.deadline = time.monotonic() + 10
            processes = list(self.processes)
        for process in processes:
            if process.returncode is None:
                try:
                    process.terminate()
                except OSError:
                    pass

    def stop(self, timeout: float = 10) -> None:
        """Terminate every child and wait for it (killing any that is still there after ``timeout`` seconds)."""
        self.terminate()
        with self.lock:
            processes = list(self.processes)
        deadline = time.monotonic() + timeout
        for process in processes:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def server_listening(address: str) -> bool:
    """Whether the development server accepts connections at runserver's ADDRPORT ("8000", "0.0.0.0:8000", "[::1]:8000")."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "0": "127.0.0.1"}.get(host, host)
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except (OSError, ValueError):
        return False


def publish_scheduled_loop(children: Children, env, address: str):
    """Publishes and unpublishes scheduled pages every minute while the development server runs (not while the
    set-up before it still migrates or builds the demo)."""
    while not children.stopping.wait(60):
        if not server_listening(address):
            continue
        process = children.start([PYTHON, "manage.py", "publish_scheduled"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if process is None:
            return
        process.wait()
        children.forget(process)


def holdings_worker_loop(children: Children, env, address: str):
    """Runs the worker of the holdings checks (`manage.py holdings_worker`: big checks from the database queue, at a
    lower CPU priority) once the set-up is done and the server answers; starts it again should it stop."""
    while not children.stopping.is_set():
        if not server_listening(address):
            children.stopping.wait(1)
            continue
        process = children.start([PYTHON, "manage.py", "holdings_worker", "--verbosity", "0"], env=env)
        if process is None:
            return
        process.wait()
        children.forget(process)
        children.stopping.wait(5)


def serve(args):
    ensure_venv("")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings.dev")}
    address = args[0] if args else "127.0.0.1:8000"
    print(f"\nThe portal starts at http://{address}/  (admin: http://{address}/admin/, API: http://{address}/api/v3/docs/)\n", flush=True)
    children = Children()

    def on_signal(signum, _frame):
        children.terminate()

    for signum in STOP_SIGNALS:
        signal.signal(signum, on_signal)
    # One process sets the site up (only what is missing) and then runs the development server.
    print("+ manage.py prepare_site --runserver", address, flush=True)
    server = children.start([PYTHON, "manage.py", "prepare_site", "--runserver", address], env=env)
    if server is None:
        return 0
    threading.Thread(target=publish_scheduled_loop, args=(children, env, address), daemon=True).start()
    threading.Thread(target=holdings_worker_loop, args=(children, env, address), daemon=True).start()
    while True:
        try:
            returncode = server.wait(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            if children.stopping.is_set() and time.monotonic() > children.deadline:
                server.kill()
    stopped = children.stopping.is_set()
    children.stop()
    return 0 if stopped else returncode


def test_workers(args) -> list[str]:
    """pytest-xdist's worker count unless the arguments choose one: PORTAL_TEST_WORKERS, else one per CPU (at most 4).
    Tests over the demo form one group that runs last on one worker (see tests/conftest.py)."""
    if any(arg.startswith(("-n", "--numprocesses")) or "no:xdist" in arg for arg in args):
        return []
    workers = os.environ.get("PORTAL_TEST_WORKERS") or str(min(os.cpu_count() or 1, 4))
    return [] if workers in ("0", "1") else ["-n", workers]


def test(args):
    ensure_venv("test")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    manage("compile_translations", env=env)
    manage("check", env=env)
    manage("makemigrations", "--check", "--dry-run", env=env)
    return sh(PYTHON, "-m", "pytest", *test_workers(args), *args, env=env, check=False)


def lint(args):
    """ruff (lint and import order) and import-linter's contracts (pyproject.toml); non-zero if either fails."""
    ensure_venv("test")
    ruff = sh(BIN / "ruff", "check", ".", *args, check=False)
    contracts = sh(BIN / "lint-imports", check=False)
    return ruff or contracts


def main():
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "serve":
        sys.exit(serve(args))
    if command == "test":
        sys.exit(test(args))
    if command == "lint":
        sys.exit(lint(args))
    if command == "lock":
        sys.exit(lock(args))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
