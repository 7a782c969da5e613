"""deploy/backup.sh and deploy/restore.sh, for real: a portal database with the demo and an uploaded document is
dumped with its media, restored into a fresh database and an empty media folder, re-indexed, and asked the same
API questions (books, search, events, notable dates, exhibitions, pages): the answers are identical after JSON
normalisation (sorted keys; nothing ignored), and every stored file has the same bytes.

The source and the restored databases are made and dropped here, next to the test database (`<name>_bk_src`,
`<name>_bk_dst`), and asked by tests/deploy/probe.py in processes of their own. pg_dump reads only committed rows:
data made inside a test's transaction would be invisible to it, and a transactional test would empty every table
(the site's skeleton included) for the tests after it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BACKUP, RESTORE = ROOT / "deploy" / "backup.sh", ROOT / "deploy" / "restore.sh"
DATABASE = settings.DATABASES["default"]
POSTGRES = DATABASE["ENGINE"].endswith("postgresql")
needs_postgres = pytest.mark.skipif(
    not POSTGRES, reason="backup and restore use pg_dump and pg_restore: they run with DATABASE_URL on PostgreSQL"
)


def url_of(name: str) -> str:
    user, password = DATABASE.get("USER") or "postgres", DATABASE.get("PASSWORD") or ""
    host, port = DATABASE.get("HOST") or "127.0.0.1", DATABASE.get("PORT") or 5432
    return f"postgres://{user}{':' + password if password else ''}@{host}:{port}/{name}"


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(url_of("postgres").replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(sql)


def portal_env(database: str, media: Path, var: Path) -> dict:
    """A portal process on that database and media folder: local memory cache, no page cache, database search."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PORTAL_", "DJANGO_", "PYTEST"))}
    return {
        **env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "0", "DATABASE_URL": url_of(database),
        "MEDIA_ROOT": str(media), "PORTAL_VAR_DIR": str(var), "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1", "CACHE_URL": "",
        "ELASTICSEARCH_URL": "", "PORTAL_PAGE_CACHE": "0", "DB_CONN_MAX_AGE": "0", "PYTHON": sys.executable,
    }


def run(command: list, env: dict, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if check and result.returncode:
        raise AssertionError(f"{command} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def answers(env: dict) -> str:
    """The probe's answers, normalised: parsed and dumped again with sorted keys."""
    out = run([sys.executable, "-m", "tests.deploy.probe", "answers"], env).stdout
    return json.dumps(json.loads(out), ensure_ascii=False, sort_keys=True, indent=1)


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """The source portal (demo and an upload) and its backup: (source env, answers before, uploaded file, backup dir)."""
    base = tmp_path_factory.mktemp("backup")
    source = f"{DATABASE['NAME']}_bk_src"
    admin(f'DROP DATABASE IF EXISTS "{source}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{source}"')
    try:
        env = portal_env(source, base / "media", base / "var")
        (base / "media").mkdir()
        uploaded = run([sys.executable, "-m", "tests.deploy.probe", "populate"], env).stdout.strip().splitlines()[-1]
        before = answers(env)
        made = run(["bash", str(BACKUP), str(base / "backups")], env).stdout.strip().splitlines()[-1]
        yield env, before, uploaded, Path(made)
    finally:
        admin(f'DROP DATABASE IF EXISTS "{source}" WITH (FORCE)')


@pytest.fixture
def fresh_database():
    name = f"{DATABASE['NAME']}_bk_dst"
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')
    yield name
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@needs_postgres
def test_a_restored_backup_answers_the_api_exactly_as_the_original(backed_up, fresh_database, tmp_path):
    source_env, before, uploaded, backup = backed_up
    manifest = (backup / "MANIFEST").read_text()
    assert {"db.dump", "media.tar.gz", "MANIFEST"} == {path.name for path in backup.iterdir()}
    assert "created_utc: " in manifest and "db.dump" in manifest and "password" not in manifest

    env = portal_env(fresh_database, tmp_path / "media", tmp_path / "var")
    restored = run(["bash", str(RESTORE), str(backup)], env)
    assert "documents and" in restored.stdout  # update_index ran

    assert answers(env) == before
    body = json.loads(before)
    assert body["/api/v3/books/?locale=kk&limit=100"]["body"]["count"] == 150  # the answers hold the demo's data
    assert body["/api/v3/events/?start=2026-09-01&end=2027-08-31&locale=ru"]["body"]["items"]
    assert body["/api/v3/search/?q=абай&locale=kk"]["body"]["items"]
    assert len(body["files"]) >= 3 and uploaded in body["files"]
    original = Path(source_env["MEDIA_ROOT"]) / uploaded
    assert (tmp_path / "media" / uploaded).read_bytes() == original.read_bytes()


@needs_postgres
def test_restore_refuses_a_database_that_holds_tables(backed_up, tmp_path):
    source_env, _before, _uploaded, backup = backed_up
    env = {**source_env, "MEDIA_ROOT": str(tmp_path / "media")}
    refused = run(["bash", str(RESTORE), str(backup)], env, check=False)
    assert refused.returncode == 2
    assert "restore into a fresh, empty database" in refused.stderr
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").iterdir())


@needs_postgres
def test_restore_refuses_a_backup_changed_since_it_was_made(backed_up, fresh_database, tmp_path):
    _source_env, _before, _uploaded, backup = backed_up
    copy = tmp_path / backup.name
    shutil.copytree(backup, copy)
    dump = bytearray((copy / "db.dump").read_bytes())
    dump[-1] ^= 0xFF
    (copy / "db.dump").write_bytes(bytes(dump))
    env = portal_env(fresh_database, tmp_path / "media", tmp_path / "var")
    refused = run(["bash", str(RESTORE), str(copy)], env, check=False)
    assert refused.returncode == 2 and "checksums differ from the MANIFEST" in refused.stderr


@needs_postgres
def test_restore_refuses_a_media_folder_that_holds_files(backed_up, fresh_database, tmp_path):
    _source_env, _before, _uploaded, backup = backed_up
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "kept.txt").write_text("an earlier file")
    env = portal_env(fresh_database, tmp_path / "media", tmp_path / "var")
    refused = run(["bash", str(RESTORE), str(backup)], env, check=False)
    assert refused.returncode == 2 and "is not empty" in refused.stderr
    assert (tmp_path / "media" / "kept.txt").read_text() == "an earlier file"


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "MEDIA_ROOT": str(tmp_path)}
    refused = run(["bash", str(BACKUP), str(tmp_path / "backups")], env, check=False)
    assert refused.returncode == 2 and "not a PostgreSQL URL" in refused.stderr
    assert not (tmp_path / "backups").exists()


def test_backup_refuses_a_missing_media_folder(tmp_path):
    env = {**os.environ, "DATABASE_URL": url_of("portal"), "MEDIA_ROOT": str(tmp_path / "nowhere")}
    refused = run(["bash", str(BACKUP), str(tmp_path / "backups")], env, check=False)
    assert refused.returncode == 2 and "is not a directory" in refused.stderr
    assert not (tmp_path / "backups").exists()


def test_restore_refuses_an_unfinished_backup(tmp_path):
    unfinished = tmp_path / "portal-20261205T020000Z.partial"
    unfinished.mkdir()
    (unfinished / "db.dump").write_bytes(b"PGDMP")
    env = {**os.environ, "DATABASE_URL": url_of("portal"), "MEDIA_ROOT": str(tmp_path / "media")}
    refused = run(["bash", str(RESTORE), str(unfinished)], env, check=False)
    assert refused.returncode == 2 and "not a finished backup" in refused.stderr
