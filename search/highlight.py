"""Highlighting: HTML-escaped text with ``<mark>`` around matched words.

Matching is done on analysed tokens (the same stemming and folding as the
index), so "arbejdsmarkedet" is marked for a search on "arbejdsmarked" and
"Børn" for "born". Typo-tolerant matches are marked when the token is within
the allowed edits of a fuzzy term.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from search.analysis import analyze
from search.spelling import edit_distance

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["HighlightTerms", "highlight"]

FRAGMENT_CHARS: Final = 220
_ELLIPSIS: Final = "…"


@dataclass(slots=True)
class HighlightTerms:
    """Analysed query terms of one language.

    Attributes:
        exact: Tokens that match as they are.
        fuzzy: ``(token, max edits)`` pairs for typo tolerance.
    """

    exact: set[str] = field(default_factory=set)
    fuzzy: list[tuple[str, int]] = field(default_factory=list)
    _seen: dict[str, bool] = field(default_factory=dict, repr=False)
    words: dict[str, bool] = field(default_factory=dict, repr=False)
    _pattern: tuple[int, re.Pattern[str]] | None = field(default=None, repr=False)

    def candidates(self) -> re.Pattern[str]:
        """Regex finding the words that may match (superset, checked after)."""
        size = len(self.exact) + len(self.fuzzy)
        if self._pattern is None or self._pattern[0] != size:
            prefixes = {term[:_PREFIX_LENGTH] for term in self.exact if term}
            prefixes.update(term[:2] for term, _ in self.fuzzy if term)
            self._pattern = (size, _candidate_pattern(frozenset(prefixes)))
        return self._pattern[1]

    def __bool__(self) -> bool:
        return bool(self.exact or self.fuzzy)

    def matches(self, token: str) -> bool:
        if token in self.exact:
            return True
        if not self.fuzzy:
            return False
        known = self._seen.get(token)
        if known is None:
            known = any(
                token[:1] == term[:1]
                and abs(len(token) - len(term)) <= edits
                and edit_distance(token, term, edits) <= edits
                for term, edits in self.fuzzy
            )
            self._seen[token] = known
        return known


# Letters that ASCII folding turns into each folded letter, and the letters
# that fold into two. Used to find candidate words without analysing every
# word of a long text: a word can only analyse to a term (a stem, folded) if
# it starts with something that folds to the term's first letters.
_FOLDS_TO: Final = {
    "a": "aàáâãäåāæ",
    "c": "cçč",
    "d": "dđð",
    "e": "eèéêëē",
    "i": "iìíîïī",
    "n": "nñ",
    "o": "oòóôõöøōœ",
    "s": "sšß",
    "t": "tþ",
    "u": "uùúûüū",
    "y": "yýÿ",
    "z": "zž",
}
_TWO_LETTER_FOLDS: Final = {"ae": "æ", "oe": "œ", "th": "þ", "ss": "ß", "dj": "đ"}
_PREFIX_LENGTH: Final = 3


def _letter(char: str) -> str:
    return f"[{re.escape(_FOLDS_TO.get(char, char))}]"


def _prefix_pattern(prefix: str) -> str:
    pieces: list[str] = []
    position = 0
    while position < len(prefix):
        pair = prefix[position : position + 2]
        if pair in _TWO_LETTER_FOLDS:
            letters = _letter(pair[0]) + _letter(pair[1])
            pieces.append(f"(?:{letters}|{_TWO_LETTER_FOLDS[pair]})")
            position += 2
        else:
            pieces.append(_letter(prefix[position]))
            position += 1
    return "".join(pieces)


@functools.lru_cache(maxsize=256)
def _candidate_pattern(prefixes: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(_prefix_pattern(prefix) for prefix in prefixes))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def _matched_spans(
    text: str, locale: str, terms: HighlightTerms
) -> list[tuple[int, int]]:
    cache = terms.words
    spans: list[tuple[int, int]] = []
    for match in terms.candidates().finditer(text):
        word = match.group()
        hit = cache.get(word)
        if hit is None:
            hit = any(terms.matches(token) for token in analyze(word, locale))
            cache[word] = hit
        if hit:
            spans.append(match.span())
    return spans


def _render(text: str, spans: Iterable[tuple[int, int]], start: int, end: int) -> str:
    parts: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(html.escape(text[position:span_start]))
        parts.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(html.escape(text[position:end]))
    return "".join(parts)


def _best_window(spans: list[tuple[int, int]], size: int) -> int:
    """Start offset of the window of ``size`` chars covering most matches."""
    best_start, best_count = spans[0][0], 0
    right = 0
    for left, (start, _end) in enumerate(spans):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] - start <= size:
            right += 1
        count = right - left + 1
        if count > best_count:
            best_start, best_count = start, count
    return best_start


def highlight(
    text: str,
    locale: str,
    terms: HighlightTerms,
    *,
    fragment_chars: int | None = None,
) -> str | None:
    """Return ``text`` escaped with matches in ``<mark>``, or ``None``.

    Args:
        text: Plain text.
        locale: Language of the text (chooses the analyser).
        terms: Analysed query terms of that language.
        fragment_chars: Cut a fragment of about this many characters around
            the densest group of matches (``None``: whole text).
    """
    if not text or not terms:
        return None
    spans = _matched_spans(text, locale, terms)
    if not spans:
        return None
    if fragment_chars is None or len(text) <= fragment_chars:
        return _render(text, spans, 0, len(text))
    anchor = _best_window(spans, fragment_chars)
    start = max(0, anchor - fragment_chars // 4)
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = (
            space + 1 if space >= 0 and anchor - space < fragment_chars // 2 else start
        )
    end = min(len(text), start + fragment_chars)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > anchor else end
    prefix = _ELLIPSIS if start > 0 else ""
    suffix = _ELLIPSIS if end < len(text) else ""
    return prefix + _render(text, spans, start, end).strip() + suffix
