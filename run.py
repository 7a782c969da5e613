#!/usr/bin/env python3
"""Set up and run the portal with nothing but Python 3.11+ and git.

    python3 run.py serve   # virtualenv, install, migrate, translations, demo content, server at http://127.0.0.1:8000
    python3 run.py test    # virtualenv, install with test extras, the whole test suite (extra args go to pytest)

The virtualenv lives in .venv/ and the embedded database in var/db.sqlite3. Set DATABASE_URL, CACHE_URL or
ELASTICSEARCH_URL to use PostgreSQL, Redis or Elasticsearch instead (see docs/deployment.md).
"""

import hashlib
import os
import subprocess
import sys
import threading
import time
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


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed.")
    if not PYTHON.exists():
        sh(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    fingerprint = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]" if extras else ".")
    stamp.write_text(fingerprint)


def manage(*args, env=None, check=True):
    return sh(PYTHON, "manage.py", *args, env=env, check=check)


def publish_scheduled_loop(env):
    """Publishes and unpublishes scheduled pages every minute while the development server runs."""
    while True:
        time.sleep(60)
        subprocess.run([str(PYTHON), "manage.py", "publish_scheduled"], cwd=ROOT, env=env, capture_output=True)


def serve(args):
    ensure_venv("")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings.dev")}
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("compile_translations", env=env)
    manage("load_demo", env=env)
    threading.Thread(target=publish_scheduled_loop, args=(env,), daemon=True).start()
    address = args[0] if args else "127.0.0.1:8000"
    print(f"\nThe portal runs at http://{address}/  (admin: http://{address}/admin/, API: http://{address}/api/v3/docs/)\n", flush=True)
    return manage("runserver", "--noreload", address, env=env, check=False)


def test(args):
    ensure_venv("test")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    manage("compile_translations", env=env)
    manage("check", env=env)
    manage("makemigrations", "--check", "--dry-run", env=env)
    return sh(PYTHON, "-m", "pytest", *args, env=env, check=False)


def main():
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "serve":
        sys.exit(serve(args))
    if command == "test":
        sys.exit(test(args))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
