"""Original languages of the list's books: any ISO 639 code, stored in one canonical form, named from CLDR.

Codes are checked against the ISO 639-3 tables that pycountry ships (Debian's iso-codes), which also carry the
639-1 and 639-2/B codes; ISO 639-2 collective codes (``sla``, ``tut`` …) come from its ISO 639-5 table. A code is
stored as its 639-1 code where one exists (``ger``, ``deu`` and ``de`` are all ``de``), otherwise as its
639-3 (= 639-2/T) code (``grc``, ``chg``).

Names come from CLDR through Babel in the page's language. Where CLDR has no name for a code in that language
(CLDR's Kazakh data has no Ancient Greek or Chagatai), the iso-codes translation is used, then the portal's
own catalogue, then the English ISO name.
"""

import gettext as gettext_module
import re
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils import translation
from django.utils.translation import gettext_noop

# The names the portal's own catalogue carries: historical languages of the list that neither CLDR nor iso-codes
# names in every portal language (looked up by their ISO name at run time; listed here so makemessages keeps them).
CATALOGUE_NAMES = (gettext_noop("Ancient Greek"), gettext_noop("Chagatai"), gettext_noop("Karakhanid"), gettext_noop("Ottoman Turkish"))

# 639-2 codes "reserved for local use" (qaa–qtz) are valid in ISO 639 but name nothing.
_LOCAL_USE = re.compile(r"^q[a-t][a-z]$")
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


@lru_cache(maxsize=4096)
def language_canonical(code: str) -> str | None:
    """The stored form of an ISO 639 code (any of 639-1, 639-2/B, 639-2/T, 639-3, 639-5), or None if unknown."""
    code = (code or "").strip().lower()
    if not code.isascii() or not code.isalpha() or len(code) not in (2, 3) or _LOCAL_USE.match(code):
        return None
    if len(code) == 2:
        record = pycountry.languages.get(alpha_2=code)
    else:
        record = pycountry.languages.get(alpha_3=code) or _by_bibliographic().get(code)
    if record is not None:
        return getattr(record, "alpha_2", None) or record.alpha_3
    if len(code) == 3 and pycountry.language_families.get(alpha_3=code) is not None:
        return code
    return None


@lru_cache(maxsize=1)
def _by_bibliographic() -> dict:
    return {record.bibliographic: record for record in pycountry.languages if getattr(record, "bibliographic", None)}


def _record(code: str):
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code)
    return pycountry.languages.get(alpha_3=code) or pycountry.language_families.get(alpha_3=code)


@lru_cache(maxsize=8)
def _cldr_names(language: str) -> dict:
    try:
        return dict(Locale.parse(language).languages)
    except (UnknownLocaleError, ValueError):
        return {}


@lru_cache(maxsize=8)
def _iso_codes_catalogue(language: str):
    try:
        return gettext_module.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=8192)
def _name(code: str, language: str) -> str:
    name = _cldr_names(language).get(code)
    if name:
        return _capitalised(name)
    record = _record(code)
    if record is None:
        return code
    english = record.name
    catalogue = _iso_codes_catalogue(language)
    if catalogue is not None:
        translated = catalogue.gettext(english)
        if translated != english:
            return _capitalised(_QUALIFIER.sub("", translated))
    plain = _QUALIFIER.sub("", english)
    with translation.override(language):
        # The portal's own catalogue names the few historical languages neither CLDR nor iso-codes has in kk.
        return _capitalised(translation.gettext(plain))


def language_name(code: str, language: str | None = None) -> str:
    """The name of the language ``code`` in ``language`` (default: the active language), e.g. de → «Неміс тілі»."""
    language = language or translation.get_language() or "kk"
    return _name(code, language.split("-")[0])


def language_validator(value: str):
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext

    if language_canonical(value) != value:
        raise ValidationError(gettext("Enter an ISO 639 language code such as kk, de or grc."))
