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


def test_a_catalogue_loaded_before_it_was_compiled_is_forgotten_after_compiling():
    """A process that read a language's catalogue before its .mo existed keeps answering in English until the
    loaded catalogues are forgotten; `run.py serve` compiles and serves in one process."""
    import gettext as gettext_module

    from django.utils import translation
    from django.utils.translation import trans_real

    from content_models.management.commands.compile_translations import forget_loaded_catalogues

    trans_real._translations["kk"] = gettext_module.NullTranslations()  # what a missing .mo leaves behind
    with translation.override("kk"):
        assert translation.gettext("Menu") == "Menu"
    forget_loaded_catalogues()
    with translation.override("kk"):
        assert translation.gettext("Menu") == "Мәзір"
