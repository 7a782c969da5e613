"""The README and docs/ stay true: short README, working links, every setting documented, the code map real."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "docs").glob("*.md"))
ENV_READ = re.compile(r"""env_(?:str|bool|int|list|rate)\(\s*["']([A-Z][A-Z0-9_]+)["']|os\.environ(?:\.get)?[\(\[]\s*["']([A-Z][A-Z0-9_]+)["']""")
SETTINGS_ONLY_FOR_TESTS = {"PORTAL_CHROMIUM", "CI", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def _settings_read_from_environment() -> set[str]:
    names = set()
    for folder in ("portal", "content_models", "search"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in ENV_READ.finditer(path.read_text()):
                names.add(match.group(1) or match.group(2))
    return names - SETTINGS_ONLY_FOR_TESTS


def test_readme_is_short_and_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) <= 150
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    assert "python3 run.py serve" in first_block and "python3 run.py test" in first_block


@pytest.mark.parametrize("document", [ROOT / "README.md", *DOCS], ids=lambda path: path.name)
def test_every_relative_link_leads_to_a_file(document):
    broken = []
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", document.read_text()):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        if not (document.parent / target).exists():
            broken.append(target)
    assert broken == []


def test_every_setting_read_from_the_environment_is_documented_and_in_the_example():
    names = _settings_read_from_environment()
    assert {"DATABASE_URL", "CACHE_URL", "ELASTICSEARCH_URL", "SECRET_KEY"} <= names  # the scan itself works
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    example = (ROOT / ".env.example").read_text()
    assert sorted(name for name in names if f"`{name}`" not in deployment) == []
    assert sorted(name for name in names if not re.search(rf"^#?\s*{name}=", example, re.M)) == []


def test_the_code_map_names_only_files_and_folders_that_exist():
    text = (ROOT / "docs" / "architecture.md").read_text()
    tree = text.split("```", 2)[1]
    names = set(re.findall(r"(?<![\w./<>-])([\w-]+(?:\.py|/))(?=[\s,]|$)", tree, re.M))
    assert len(names) > 20  # the map was read
    missing = sorted(name for name in names if not any(ROOT.rglob(name.rstrip("/"))))
    assert missing == []
