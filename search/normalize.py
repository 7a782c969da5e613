"""Text normalisation for searching the Kazakh / Russian / English book list.

Pure functions, no Django import; the standard library only. The same pipeline
is applied to indexed text and to queries (``search.terms.index_terms`` /
``search.terms.parse_query`` are built on it), so every spelling of a word must
end up as the same string:

* ``fold`` maps any text to one lowercase ASCII *skeleton* (Kazakh Cyrillic,
  Latin 2021 and 2018, plain ASCII, Russian-style and English spellings of
  Kazakh letters all collide). Skeleton choices: ә/ä/á->a, ғ/ğ/ǵ->g, қ/q->k,
  ң/ñ/ń->n, ө/ö/ó->o, ұ/ү/у/ū/ü/ú/ý->u, һ/х/kh->h, і/и/й/ы/ı/i/y->i,
  ш/ş/sh->sh, ч/ç/ch->ch, ж/j/zh/дж->j, я->ia, ю->iu, ё/э->e, ц->ts, x->ks,
  ь/ъ dropped; then "ii"->"i" (ий/ый/-iy) and "ie"->"e" after a vowel or at
  word start (English "ye": Auyezov, Yesenberlin, Dostoyevsky).
* ``stem`` is ONE suffix stripper working on the skeleton, for Kazakh and
  Russian at once. Running Snowball Russian on the original Cyrillic was
  rejected: Kazakh typed without Kazakh letters ("батырдын", "бала") looks
  Russian, so the stem would depend on the keyboard, and the same word in
  Cyrillic and Latin would stem differently. Hence there is no ``stem_text``:
  a stem must depend on the skeleton only. Kazakh suffixes are only cut after
  the sounds Kazakh attaches them to (-лар after vowels/р, -дар after л м н ж
  з, -тар after voiceless...), back suffixes (with "a") are not cut after a
  stem whose last vowel is "e" (the only vowel the skeleton keeps surely
  front: this protects Russian "победа", "звезда"), no stem gets shorter than
  3 letters, and a final g/b becomes k/p (кітабы->кітап, ертегі->ертек) so a
  bare word and its inflected forms share a stem. Known misses: stems under 3
  letters (үй/үйге), Russian forms that look Kazakh (книга "kni" vs книги
  "knik", звезды), Kazakh -ні after "e" (әжені; Russian -ений wins).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "tokens", "stem", "stems", "edits1_ok", "trigrams", "match_key", "strip_volume"]

# Lowercase letter -> skeleton. Input is lower()-ed and NFC-composed first.
_LETTERS = {
    # Cyrillic (Kazakh + Russian)
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d",
    "е": "e", "ё": "e", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k",
    "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u",
    "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "i", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ї": "i", "є": "e", "ґ": "g", "ў": "u",
    "ə": "a", "ǝ": "a", "ɵ": "o",  # Latin look-alikes used in Kazakh texts
    # Kazakh Latin 2021 / 2018 and common Latin diacritics
    "ä": "a", "á": "a", "à": "a", "â": "a", "ã": "a", "å": "a", "ā": "a",
    "ğ": "g", "ǵ": "g", "ñ": "n", "ń": "n", "ö": "o", "ó": "o", "ò": "o",
    "ô": "o", "õ": "o", "ø": "o", "ō": "o", "ū": "u", "ü": "u", "ú": "u",
    "ù": "u", "û": "u", "ý": "u",  # 2018: ý = у
    "ı": "i", "í": "i", "ì": "i", "î": "i", "ï": "i", "ÿ": "i",
    "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ž": "j",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ē": "e", "ł": "l", "đ": "d",
    "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
    # ASCII letters that are spelling variants
    "q": "k", "y": "i", "x": "ks",
}

# Separators besides ASCII punctuation: quotes, dashes, typographic marks.
_SEPARATORS = "«»“”„‟‘’‚‛‹›′″`´‐‑‒–—―−…·•№§¶©®°×÷"

_TABLE: dict[int, str | None] = {}
for _c in range(128):
    _ch = chr(_c)
    if not (_ch.isascii() and _ch.isalnum()):
        _TABLE[_c] = " "
    elif _ch.isupper():
        _TABLE[_c] = _ch.lower()
for _ch in _SEPARATORS + "\u00a0\u2002\u2003\u2009\u200b\u202f\u3000":
    _TABLE[ord(_ch)] = " "
for _c in range(0x300, 0x370):  # combining marks (decomposed input, İ -> i̇)
    _TABLE[_c] = None
for _k, _v in _LETTERS.items():
    _TABLE[ord(_k)] = _v
for _k, _v in list(_LETTERS.items()):  # ASCII letters also when uppercase
    if _k.isascii():
        _TABLE[ord(_k.upper())] = _v

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_MULTI_I = re.compile(r"i{2,}")
_YE = re.compile(r"(?:(?<=[aeou ])|^)ie")


def fold(text: str) -> str:
    """Fold case, diacritics and script to the canonical ASCII skeleton.

    Output is space-separated ``[a-z0-9]+`` tokens; ``fold(fold(x)) == fold(x)``.
    """
    s = text.lower()
    if not s.isascii():
        s = unicodedata.normalize("NFC", s).translate(_TABLE)
        if not s.isascii():  # rare letters: decompose, drop marks, rest -> space
            s = unicodedata.normalize("NFKD", s).translate(_TABLE)
            s = _NON_ASCII.sub(" ", s)
    else:
        s = s.translate(_TABLE)
    if "kh" in s:
        while "kh" in s:
            s = s.replace("kh", "h")
    if "zh" in s:
        s = s.replace("zh", "j")
    if "dj" in s:  # Russian дж (Джамбул), French-style Dj
        while "dj" in s:
            s = s.replace("dj", "j")
    if "ii" in s:
        s = _MULTI_I.sub("i", s)
    if "ie" in s:
        s = _YE.sub("e", s)
    return " ".join(s.split())


def tokens(text: str) -> list[str]:
    """Folded tokens of ``text``."""
    return fold(text).split()


# ---------------------------------------------------------------- stemming
_VOW = "aeiou"
_CONS = "bcdfghjklmnprstvwxz"
_HARD = "ptkshfcbvgd"       # Kazakh takes т/қ/п-initial suffixes after these
_GA = "aeiulrmnjz"          # г/д-initial ones after vowels and voiced sounds;
                            # not after "o": few Kazakh stems end in ө, while
                            # Russian -ога/-ода do (дорога, погода)
_KA = "ptksf"               # not after sh/ch/h or b/v/g/d: Russian -шка, -чка, -бка

# suffix -> (allowed previous letters or None = any, is Kazakh back suffix)
_SUFFIXES: dict[str, tuple[str | None, bool]] = {}
for _sufs, _guard in (
    # Kazakh: plural, genitive, accusative, dative, locative, ablative,
    # instrumental, possessive (3rd, 1st, 2nd) and -дағы
    (("lar", "ler"), _VOW + "r"), (("dar", "der"), "lmnjz"),
    (("tar", "ter"), _HARD),
    (("nin",), _VOW + "mn"), (("din",), "iulrjz"), (("tin",), _HARD),
    # -ні not after "e": Russian -ений/-ени (приключений, осени) win over әжені
    (("ni",), "aiou"), (("di",), "iulrmnjz"), (("ti",), _HARD),
    (("ga", "ge"), _GA), (("ka", "ke"), _KA), (("na", "ne"), "i"),
    (("da", "de"), _GA), (("ta", "te"), _HARD), (("nda", "nde"), "i"),
    (("dagi", "degi"), _GA), (("tagi", "tegi"), _HARD),
    (("dan", "den"), _VOW + "lrjz"), (("nan", "nen"), "mni"),
    (("tan", "ten"), _HARD),
    (("men",), _VOW + "lrmn"), (("ben",), "jzmn"), (("pen",), _HARD),
    (("si", "sin", "miz", "niz", "m"), _VOW), (("in", "imiz", "iniz"), _CONS),
):
    for _s in _sufs:
        _SUFFIXES[_s] = (_guard, "a" in _s)
for _s in (  # Russian noun / adjective endings, skeleton spelling
    "a ia u iu e o i ie oi ei iei om em iem ov ev ah iah am iam ami iami aia "
    "iaia oe ee ogo ego omu emu uiu iuiu ih im imi"
).split():
    _SUFFIXES[_s] = (None, False)
_MAX_SUFFIX = max(map(len, _SUFFIXES))
_DEVOICE = {"g": "k", "b": "p"}


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Strip Kazakh / Russian inflection from a folded token (see module doc).

    Longest suffix first, repeated while something matches (Kazakh stacks:
    ertegi+ler+i+nde); never leaves fewer than 3 letters or a vowelless stem.
    Tokens containing digits are returned unchanged.
    """
    w = token
    if not w.isalpha():
        return w
    while True:
        n = len(w)
        for size in range(min(_MAX_SUFFIX, n - 3), 0, -1):
            rule = _SUFFIXES.get(w[-size:])
            if rule is None:
                continue
            guard, back = rule
            base = w[:-size]
            if guard is not None and base[-1] not in guard:
                continue
            last_vowel = ""
            for ch in reversed(base):
                if ch in _VOW:
                    last_vowel = ch
                    break
            if not last_vowel or (back and last_vowel == "e"):
                continue
            w = base
            break
        else:
            break
    if len(w) >= 3 and w[-1] in _DEVOICE:
        w = w[:-1] + _DEVOICE[w[-1]]
    return w


def stems(text: str) -> list[str]:
    """Folded, stemmed terms of ``text`` in order (duplicates kept)."""
    return [stem(t) for t in fold(text).split()]


# ---------------------------------------------------------------- fuzzy
def edits1_ok(a: str, b: str) -> bool:
    """True if folded tokens are within Damerau-Levenshtein distance 1 and
    both have at least 5 letters (shorter words are too easy to confuse)."""
    la, lb = len(a), len(b)
    if la < 5 or lb < 5 or abs(la - lb) > 1:
        return False
    if a == b:
        return True
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la < lb:  # one insertion into a
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:  # substitution
        return True
    return (i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i]
            and a[i + 2:] == b[i + 2:])  # transposition


def trigrams(token: str) -> set[str]:
    """Character trigrams of a folded token padded like pg_trgm ("  tok ")."""
    if not token:
        return set()
    s = "  " + token + " "
    return {s[i:i + 3] for i in range(len(s) - 2)}


# ---------------------------------------------------------------- duplicates
# Author words that are roles/conjunctions, not names (skeleton spelling).
_AUTHOR_NOISE = frozenset(
    "jane and the red sost per pod perevod redaktor redaktsiei kurast "
    "kurastirgan audargan avtor avtori eds comp trans illiustratsii".split())
_PATRONYMIC = ("ovich", "evich", "ovna", "evna", "ichna")
_SURNAME_STRONG = ("ov", "ev", "ova", "eva", "uli", "kizi", "ski", "skaia",
                   "tskaia", "enko")
_SURNAME_WEAK = ("in", "ina")


def _author_key(authors: str) -> str:
    words = [t for t in fold(authors).split()
             if len(t) >= 3 and t not in _AUTHOR_NOISE
             and not t.endswith(_PATRONYMIC)]
    if not words:
        return ""
    for endings in (_SURNAME_STRONG, _SURNAME_WEAK):
        found = sorted({t for t in words if len(t) >= 5 and t.endswith(endings)})
        if found:
            return " ".join(found)
    best = words[0]
    for t in words[1:]:  # longest; on a tie the later word (Name Surname)
        if len(t) >= len(best):
            best = t
    return best


def match_key(title: str, authors: str = "") -> str:
    """Duplicate-detection key: folded title + "|" + author surnames.

    Author part: initials (< 3 letters), role words and patronymics are
    dropped; then the words with a surname ending (-ов/-ев/-ова/-ұлы/-қызы/
    -ский/-енко, else -ин/-ина; 5+ letters) are kept, sorted, so
    "Мұхтар Әуезов" == "Әуезов М." == "Auezov Mukhtar"; with no such word the
    single longest word is kept (later one on a tie: "Жюль Верн" -> "vern").
    Volume numbers are kept: apply ``strip_volume`` first to group volumes.
    """
    return fold(title) + "|" + _author_key(authors)


# ---------------------------------------------------------------- volumes
_NUM = (r"(?:\d{1,3}|[ivxі]{1,5}|бірінші|екінші|үшінші|төртінші|бесінші|"
        r"екі|үш|төрт|бес|перв\w*|втор\w*|трет\w*|четв[её]рт\w*|пят\w*|"
        r"двух|тр[её]х|one|two|three|four|first|second|third|fourth)")
_ORD = r"(?:\s*-?\s*(?:інші|ыншы|ші|шы|ая|ой|ый|я|й|th|st|nd|rd))?"
_VOLWORD = (r"(?:кітап|кітабы|китап|китабы|kitap|kıtap|kitaby|kıtaby|книга|кн\.|кн\b|том|т\.|бөлім|бөлімі|"
            r"болим|болими|bölım|bolim|часть|ч\.|"
            r"volume|vol\.?|part|pt\.|book|bk\.|tome)")
_VOL_RE = re.compile(
    r"[\s.,:;/|–—-]*[(\[]?\s*(?<!\w)(?:"
    + _NUM + _ORD + r"\s*[-–]?\s*" + _VOLWORD       # 1-кітап, 2-я книга
    + r"|" + _VOLWORD + r"\s*" + _NUM + r"\b"       # Книга 2, Vol. 2, т.1
    + r"|(?:в|in)\s+" + _NUM + r"(?:-?х)?\s+"       # в 2-х томах
    + r"(?:томах|книгах|частях|кн\.?|volumes|vols\.?|books|parts)"
    + r"|" + _NUM + r"\s*[-–]?\s*(?:томдық|кітаптық|бөлімдік)"  # 2 томдық
    + r")\s*[)\]]?[\s.,:;]*$",
    re.IGNORECASE,
)


def strip_volume(title: str) -> str:
    """Remove trailing volume/part markers ("Абай жолы. 1-кітап" -> "Абай
    жолы", "Путь Абая. Книга 2", "(в 2 томах)", "Vol. 2", "1-том"), repeatedly.
    A title that is nothing but a marker is returned unchanged (stripped)."""
    s = title.strip()
    while True:
        m = _VOL_RE.search(s)
        if not m or m.start() == 0:
            return s
        s = s[:m.start()].rstrip(" .,:;/|–—-")
