"""`python3 run.py serve HOST:PORT` starts the server on that address, and stopping run.py (SIGTERM, as a service
manager or `kill` does) stops the server and everything else it started."""

import http.client
import importlib.util
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"



def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(port: int, path: str = "/kk/") -> int | None:
    try:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
        client.request("GET", path)
        return client.getresponse().status
    except OSError:
        return None


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _installed() -> bool:
    """run.py installs nothing when the virtualenv's stamp matches pyproject.toml and the lock (run.py test writes it)."""
    spec = importlib.util.spec_from_file_location("run_py", ROOT / "run.py")
    run_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_py)
    return run_py.lock_is_current(run_py.LOCKS[""]) and run_py.installed("")


@pytest.fixture(scope="module")
def database_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """A file copy of the SQLite test database (migrated, with the site's skeleton), taken outside any test's transaction."""
    if connection.vendor != "sqlite":
        pytest.skip("starts the server on a copy of the SQLite test database")
    database = tmp_path_factory.mktemp("serve") / "db.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)
    return database


@pytest.mark.django_db  # the test database must exist for the copy
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")
def test_sigterm_to_run_py_stops_the_server_it_started(database_copy, tmp_path):
    if not VENV_PYTHON.exists() or not _installed():
        pytest.skip("the virtualenv is not installed for this pyproject.toml (python3 run.py test installs it)")
    # On a copy of the test database nothing is left to migrate; serve only adds the demo content the skeleton lacks.
    database = database_copy
    port = _free_port()
    env = {
        **os.environ, "PORTAL_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "PORTAL_ADMIN_USER": "", "PORTAL_ADMIN_PASSWORD": "",
    }
    log = open(tmp_path / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, "run.py", "serve", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while _status(port) != 200:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "run.py serve did not answer within 180 s"
            time.sleep(0.3)
        children = _descendants(process.pid)
        assert children, "the server runs in a child process of run.py"

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        deadline = time.monotonic() + 5
        while _status(port) is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _status(port) is None, "the server still answers after run.py was stopped"
        assert not [pid for pid in children if _alive(pid)]
        assert f"http://127.0.0.1:{port}/" in (tmp_path / "serve.log").read_text()
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        log.close()


def _run_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("portal_run", Path(__file__).resolve().parents[2] / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_run_py_test_runs_in_parallel_unless_told_otherwise(monkeypatch):
    run = _run_module()
    monkeypatch.delenv("PORTAL_TEST_WORKERS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert run.test_workers(["-q"]) == ["-n", "2"]
    monkeypatch.setattr(os, "cpu_count", lambda: 16)
    assert run.test_workers([]) == ["-n", "4"]
    assert run.test_workers(["-n", "3"]) == [] and run.test_workers(["-n3"]) == [] and run.test_workers(["-p", "no:xdist"]) == []
    monkeypatch.setenv("PORTAL_TEST_WORKERS", "1")
    assert run.test_workers(["-k", "books"]) == []
    monkeypatch.setenv("PORTAL_TEST_WORKERS", "3")
    assert run.test_workers([]) == ["-n", "3"]
