"""Every string of the portal's own is shipped translated in kk, ru and en."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "portal" / "locale"
KAZAKH_LETTERS = set("әғқңөұүі")  # һ appears only in loanwords


def _catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def _msgids(language):
    return {(entry.msgctxt, entry.msgid) for entry in _catalogue(language) if not entry.obsolete}


def test_the_three_catalogues_hold_the_same_messages():
    assert _msgids("kk") == _msgids("ru") == _msgids("en")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_message_is_translated_and_not_fuzzy(language):
    catalogue = _catalogue(language)
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_kazakh_catalogue_uses_kazakh_letters():
    text = " ".join(entry.msgstr for entry in _catalogue("kk"))
    assert KAZAKH_LETTERS <= set(text.lower())


def _source_strings():
    strings = set()
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        strings |= set(re.findall(r"{%\s*(?:translate|trans)\s+\"([^\"]+)\"(?:\s+context\s+\"[^\"]+\")?", text))
        strings |= set(re.findall(r"{%\s*(?:translate|trans)\s+'([^']+)'", text))
    for folder in ("content_models", "portal", "search"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            strings |= set(re.findall(r"\b_\(\s*\"((?:[^\"\\]|\\.)+)\"\s*\)", path.read_text()))
    return {s.replace('\\"', '"') for s in strings}


def test_every_translatable_string_in_the_code_is_in_the_catalogue():
    known = {msgid for _, msgid in _msgids("kk")}
    missing = sorted(s for s in _source_strings() if s not in known)
    assert missing == []
