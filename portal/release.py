"""The release fingerprint: the same on every server running the same code, different after any deploy.

The page cache puts it in every key, so pages rendered by one release are never served by another (new
templates, new code, new translations), while all servers and workers of one release share their entries.

``PORTAL_RELEASE`` (a git commit, a build number) is used as it is when set. Otherwise the fingerprint is a hash
of the project's own source files (Python, templates, translations, static sources: their paths and contents,
not their dates, so two checkouts of the same commit agree) and of the installed distributions and their
versions (a Wagtail or Django upgrade changes the templates they render). It is computed once per process, at
the first page request, and takes a fraction of a second.
"""

import hashlib
import importlib.metadata
import os
import sys
from functools import lru_cache
from pathlib import Path

from django.conf import settings

SOURCE_SUFFIXES = {".py", ".html", ".txt", ".po", ".js", ".css", ".svg", ".json", ".xml", ".toml"}
SKIPPED_DIRECTORIES = {"tests", "bench", "docs", "var", "node_modules", "__pycache__", "media", "static_root"}


def _source_files(root: Path):
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if name not in SKIPPED_DIRECTORIES and not name.startswith("."))
        for name in sorted(files):
            if Path(name).suffix in SOURCE_SUFFIXES:
                yield Path(directory) / name


def code_fingerprint(root: Path) -> str:
    """A hash of the source files below ``root`` (relative paths and contents) and of the installed packages."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    root = Path(root)
    var_dir = Path(getattr(settings, "VAR_DIR", root / "var")).resolve()
    for path in _source_files(root):
        if var_dir in path.resolve().parents:
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def release() -> str:
    """``PORTAL_RELEASE`` when set, else the fingerprint of the code (see the module's description)."""
    configured = getattr(settings, "PORTAL_RELEASE", "")
    if configured:
        return "r-" + hashlib.sha256(configured.encode()).hexdigest()[:16]
    return "c-" + code_fingerprint(Path(settings.BASE_DIR))
