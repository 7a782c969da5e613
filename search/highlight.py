"""Highlighting: the words of a text that match a query, marked with <mark>, and the best passage of a
long text (pure functions; the same normalisation as the index, so «батырдың» marks «Батыр» and «Ауэзов»
marks «Әуезов»)."""

from __future__ import annotations

import re
from html import escape

from .normalize import edits1_ok, fold
from .terms import QueryWord, fuzzy_keys, word_terms

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE = re.compile(r"[^.!?…\n]+[.!?…]*\s*")
SNIPPET_LENGTH = 220


class Matcher:
    """Decides whether a written word matches any word of a query (exactly, by prefix or by one typo)."""

    def __init__(self, words: list[QueryWord]):
        self.exact = {term for word in words for term in word.exact}
        self.prefixes = tuple({prefix for word in words for prefix in word.prefixes})
        self.fuzzy = tuple({form for word in words for form in word.fuzzy})
        # Substrings one of which a folded text must contain to hold a match (a cheap test before tokenising).
        needles = set()
        for word in words:
            needles.update(term for term in word.exact if len(term) >= 2)
            needles.update(word.prefixes)
            for form in word.fuzzy:
                needles.update(key for key in fuzzy_keys(form) if len(key) >= 2)
        self.needles = tuple(needles)
        self._cache: dict[str, bool] = {}

    def matches(self, written: str) -> bool:
        key = written.lower()
        known = self._cache.get(key)
        if known is not None:
            return known
        found = False
        for term in word_terms(written, True):
            if term in self.exact or (self.prefixes and term.startswith(self.prefixes)):
                found = True
                break
            if self.fuzzy and len(term) >= 5 and any(edits1_ok(form, term) for form in self.fuzzy):
                found = True
                break
        self._cache[key] = found
        return found

    def may_match(self, text: str) -> bool:
        folded = fold(text)
        return any(needle in folded for needle in self.needles)


def mark(text: str, matcher: Matcher) -> tuple[str, int]:
    """HTML-escaped text with matching words in <mark>; and how many distinct words matched."""
    out, last, seen = [], 0, set()
    for found in _WORD.finditer(text):
        if matcher.matches(found.group()):
            out.append(escape(text[last:found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
            seen.add(found.group().lower())
    out.append(escape(text[last:]))
    return "".join(out), len(seen)


def snippet(text: str, matcher: Matcher, length: int = SNIPPET_LENGTH) -> str:
    """The passage of ``text`` with the most matching words (about ``length`` characters), marked.

    Sentences are tested cheaply on their folded form first, so a long guideline costs little; with no
    match the text's beginning is returned, unmarked.
    """
    text = text or ""
    if not text.strip():
        return ""
    best, best_count, best_start = None, 0, 0
    for sentence in _SENTENCE.finditer(text):
        part = sentence.group()
        if not matcher.may_match(part):
            continue
        count = sum(1 for word in {w.lower() for w in _WORD.findall(part)} if matcher.matches(word))
        if count > best_count:
            best, best_count, best_start = sentence, count, sentence.start()
            if count >= 3:
                break
    if best is None:
        return escape(_cut(text, 0, length))
    start = best_start
    first = next((found for found in _WORD.finditer(text, best_start, best.end()) if matcher.matches(found.group())), None)
    if first is not None and first.start() - start > length // 2:
        start = text.rfind(" ", 0, first.start() - length // 4) + 1
    passage = _cut(text, start, length)
    marked, _count = mark(passage, matcher)
    return ("… " if start > 0 else "") + marked


def _cut(text: str, start: int, length: int) -> str:
    end = start + length
    if end >= len(text):
        return text[start:].strip()
    space = text.rfind(" ", start, end)
    return text[start:space if space > start else end].strip() + " …"
