"""Highlighting: HTML-escaped text with ``<mark>`` around matched words.

Matching is done on analysed tokens (the same stemming and folding as the
index), so "arbejdsmarkedet" is marked for a search on "arbejdsmarked" and
"Børn" for "born". Typo-tolerant matches are marked when the token is within
the allowed edits of a fuzzy term.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from search.analysis import analyze, fold, word_matches
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
    _prefixes: tuple[int, frozenset[str]] | None = field(default=None, repr=False)

    def may_match(self, word: str) -> bool:
        """Whether ``word`` may match (a superset, checked after): whether it
        begins with what a term begins with, folded ("Æble" for "aebl").
        Cheaper than analysing every word of a long text, and than a pattern
        of the query's prefixes, which a new query would compile again."""
        size = len(self.exact) + len(self.fuzzy)
        if self._prefixes is None or self._prefixes[0] != size:
            found = {term[:_PREFIX_LENGTH] for term in self.exact if term}
            found.update(term[:2] for term, _ in self.fuzzy if term)
            self._prefixes = (size, frozenset(found))
        prefixes = self._prefixes[1]
        start = _folded_start(word)
        # Spelled out: this runs for every word of every highlighted text.
        return start[:3] in prefixes or start[:2] in prefixes or start[:1] in prefixes

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


_PREFIX_LENGTH: Final = 3


@functools.lru_cache(maxsize=16384)
def _folded_start(word: str) -> str:
    """The first letters of ``word``, folded as the index folds them."""
    return fold(word[:_PREFIX_LENGTH])


def _matched_spans(
    text: str, locale: str, terms: HighlightTerms
) -> list[tuple[int, int]]:
    cache = terms.words
    spans: list[tuple[int, int]] = []
    for match in word_matches(text):
        word = match.group()
        hit = cache.get(word)
        if hit is None:
            hit = terms.may_match(word) and any(
                terms.matches(token) for token in analyze(word, locale)
            )
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
