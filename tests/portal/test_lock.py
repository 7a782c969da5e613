"""The lock files run.py installs from: every dependency of pyproject.toml pinned (==) with hashes, at a version its
specifier allows, the two locks agreeing, and made from the dependencies pyproject.toml names now (a lock older than a
dependency change fails here, offline: `python3 run.py lock` refreshes it)."""

import importlib.util
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)(?: ; ([^\\]+?))? \\$")


def _run_py():
    spec = importlib.util.spec_from_file_location("run_py", ROOT / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


run_py = _run_py()


def _pins(lock: Path) -> dict[str, list[tuple[Version, str | None]]]:
    """Package → [(version, marker)] of a lock (a package may be pinned twice, for different Python versions)."""
    pins: dict[str, list] = {}
    lines = lock.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if not line or line.startswith((" ", "#")):
            continue
        match = PIN.match(line)
        assert match, f"{lock.name}:{number + 1} is not a pin with hashes: {line!r}"
        assert lines[number + 1].strip().startswith("--hash=sha256:"), f"{lock.name}:{number + 1} has no hash"
        name, version, marker = match.groups()
        pins.setdefault(canonicalize_name(name), []).append((Version(version), marker))
    return pins


def _requirements(extras: str) -> list[Requirement]:
    names = PYPROJECT["dependencies"] + (PYPROJECT["optional-dependencies"][extras] if extras else [])
    return [Requirement(text) for text in names]


def _here(marker: str | None) -> bool:
    return marker is None or Marker(marker).evaluate()


@pytest.mark.parametrize("extras", ["", "test"])
def test_every_dependency_is_pinned_at_a_version_pyproject_allows(extras):
    lock = run_py.LOCKS[extras]
    pins = _pins(lock)
    assert len(pins) > len(_requirements(extras)), "the lock pins the dependencies of the dependencies too"
    for requirement in _requirements(extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in {lock.name}: run `python3 run.py lock`"
        here = [version for version, marker in pins[name] if _here(marker)]
        assert here, f"{lock.name} pins {requirement.name} for no Python/platform like this one"
        for version in here:
            assert requirement.specifier.contains(version, prereleases=True), f"{lock.name}: {name}=={version} is outside {requirement}"
    if extras == "":
        assert "psycopg-binary" in pins, "extras of a dependency (psycopg[binary]) are locked as well"


def test_the_locks_agree_and_the_base_lock_has_no_test_tools():
    base, test = _pins(run_py.LOCKS[""]), _pins(run_py.LOCKS["test"])
    for name, versions in base.items():
        assert name in test, f"{name} is in requirements.lock but not in requirements-test.lock"
        assert versions == test[name], f"{name}: {versions} in requirements.lock, {test[name]} in requirements-test.lock"
    for tool in ("pytest", "ruff", "playwright"):
        assert tool not in base and tool in test


def test_the_locks_are_made_from_the_current_dependencies():
    for lock in run_py.LOCKS.values():
        assert run_py.lock_is_current(lock), f"{lock.name} is older than pyproject.toml's dependencies: run `python3 run.py lock`"


def test_a_dependency_change_makes_the_lock_stale_but_a_tool_setting_does_not(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    lock = run_py.LOCKS["test"]
    original = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    pyproject.write_text(original + '\n[tool.example]\nsetting = "changed"\n', encoding="utf-8")
    assert run_py.lock_is_current(lock, pyproject), "settings of tools do not touch the lock"

    pyproject.write_text(original.replace('"gunicorn>=23",', '"gunicorn>=23",\n    "example-new-package>=1",'), encoding="utf-8")
    assert run_py.dependencies_fingerprint(pyproject) != run_py.dependencies_fingerprint()
    assert not run_py.lock_is_current(lock, pyproject)

    pyproject.write_text(original.replace('"ruff>=0.8"', '"ruff>=0.9"'), encoding="utf-8")
    assert not run_py.lock_is_current(lock, pyproject), "a changed specifier of a test extra counts"
    assert not run_py.lock_is_current(tmp_path / "missing.lock", ROOT / "pyproject.toml")


def test_the_install_stamp_follows_the_lock(tmp_path, monkeypatch):
    """run.py reinstalls when a lock changes, even if pyproject.toml did not."""
    for extras, lock in run_py.LOCKS.items():
        shutil.copy(lock, tmp_path / lock.name)
    locks = {extras: tmp_path / lock.name for extras, lock in run_py.LOCKS.items()}
    monkeypatch.setattr(run_py, "LOCKS", locks)
    monkeypatch.setattr(run_py, "VENV", tmp_path)
    assert not run_py.installed("") and not run_py.installed("test")

    (tmp_path / ".installed-test").write_text(run_py.install_fingerprint("test"))
    assert run_py.installed("test") and run_py.installed(""), "the test extras' install does for serve as well"

    locks["test"].write_text(locks["test"].read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert not run_py.installed("test") and not run_py.installed("")


def test_a_stale_lock_stops_run_py_before_installing(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "requirements-test.lock"
    stale.write_text(run_py.LOCKS["test"].read_text(encoding="utf-8").replace(run_py.LOCK_MARK, "# was: "), encoding="utf-8")
    monkeypatch.setattr(run_py, "LOCKS", {**run_py.LOCKS, "test": stale})
    monkeypatch.setattr(run_py, "sh", lambda *args, **kwargs: pytest.fail(f"run.py ran {args} with a stale lock"))
    with pytest.raises(SystemExit) as stopped:
        run_py.ensure_venv("test")
    assert "python3 run.py lock" in str(stopped.value.code)


def test_wagtail_localize_is_held_to_its_tested_minor_version():
    """content_models/translation/bulk.py writes wagtail-localize's tables itself (tests/content_models/test_translation_bulk.py)."""
    requirement = next(r for r in _requirements("") if canonicalize_name(r.name) == "wagtail-localize")
    assert not requirement.specifier.contains("1.15.0") and requirement.specifier.contains("1.14.5")
