"""Curated multilingual glossary of integration terms for cross-Nordic search.

A concept ("refugee") has terms in Danish, Norwegian, Swedish, Finnish,
Icelandic and English. When a query word (or several words: "labour market")
matches a term of the query's language, the search also looks for the
concept's terms in the other languages, so a Danish search for "flygtninge
arbejdsmarked" finds Norwegian "flyktninger arbeidsmarked", Swedish
"flyktingar arbetsmarknad", Finnish "pakolaiset työmarkkinat" and English
"refugees labour market".

Terms match on analysed forms (stemmed and folded, see
:mod:`search.analysis`), so inflected forms match too. Because the Finnish
stemmer does not reduce every inflection to one stem, a cell may list several
forms separated by ``|`` ("pakolainen|pakolaiset").

The starter set lives in ``starter.csv`` (columns ``concept_id,da,nb,sv,fi,
is,en``). The CMS can pass edited rows to :meth:`Glossary.from_rows`; the
glossary is applied at query time, so no reindex is needed after a change.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Final

from search.analysis import analyze, is_stopword
from search.documents import LOCALES

__all__ = ["Concept", "Glossary", "GlossaryError", "GlossaryMatch"]

_MAX_SPAN: Final = 8


class GlossaryError(ValueError):
    """Glossary rows are malformed (message names the row and column)."""


@dataclass(frozen=True, slots=True)
class Concept:
    """One glossary concept with its terms per locale."""

    id: str
    terms: Mapping[str, tuple[str, ...]]

    def terms_in(self, locale: str) -> tuple[str, ...]:
        return self.terms.get(locale, ())


@dataclass(frozen=True, slots=True)
class GlossaryMatch:
    """Query words ``words[start:end]`` matched these concepts."""

    start: int
    end: int
    locale: str
    concepts: tuple[Concept, ...]

    def terms(self, locale: str) -> tuple[str, ...]:
        """Every term of the matched concepts in ``locale`` (no duplicates)."""
        seen: dict[str, None] = {}
        for concept in self.concepts:
            for term in concept.terms_in(locale):
                seen.setdefault(term, None)
        return tuple(seen)


@dataclass(slots=True)
class _LocaleIndex:
    by_tokens: dict[tuple[str, ...], list[Concept]] = field(default_factory=dict)
    longest: int = 0


def _split_cell(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[object] = value.split("|")
    elif isinstance(value, Iterable):
        items = value
    else:
        raise TypeError(f"expected text or a list of terms, got {value!r}")
    terms: dict[str, None] = {}
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"expected text, got {item!r}")
        term = " ".join(item.split())
        if term:
            terms.setdefault(term, None)
    return tuple(terms)


class Glossary:
    """A set of concepts with a token index per locale for query expansion."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self._concepts: dict[str, Concept] = {}
        self._index: dict[str, _LocaleIndex] = {loc: _LocaleIndex() for loc in LOCALES}
        self._analysed: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
        for concept in concepts:
            if concept.id in self._concepts:
                raise GlossaryError(f"concept {concept.id!r} is defined twice")
            self._concepts[concept.id] = concept
            for locale in LOCALES:
                token_lists: dict[tuple[str, ...], None] = {}
                for term in concept.terms_in(locale):
                    tokens = analyze(term, locale)
                    if not tokens or (
                        len(tokens) == 1 and is_stopword(tokens[0], locale)
                    ):
                        # A stem that is also a function word (Finnish "kunta"
                        # stems to "kun", "when") would match nearly every text.
                        continue
                    token_lists.setdefault(tokens, None)
                    index = self._index[locale]
                    bucket = index.by_tokens.setdefault(tokens, [])
                    if concept not in bucket:
                        bucket.append(concept)
                    index.longest = min(max(index.longest, len(tokens)), _MAX_SPAN)
                self._analysed[(concept.id, locale)] = tuple(token_lists)

    # -- construction -------------------------------------------------------

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> Glossary:
        """Build from rows such as the CMS stores them.

        Each row maps ``concept_id`` and locale codes (``da``, ``nb``, ``sv``,
        ``fi``, ``is``, ``en``) to terms: a string with ``|`` between
        synonyms, or a list of strings. Unknown keys are ignored.

        Raises:
            GlossaryError: on a missing id, a duplicate id or a row without
                any term.
        """
        concepts: list[Concept] = []
        for number, row in enumerate(rows, start=1):
            concept_id = str(row.get("concept_id") or "").strip()
            if not concept_id:
                raise GlossaryError(f"row {number}: concept_id is empty")
            terms: dict[str, tuple[str, ...]] = {}
            for locale in LOCALES:
                try:
                    cell = _split_cell(row.get(locale))
                except TypeError as exc:
                    raise GlossaryError(
                        f"row {number}, column {locale}: {exc}"
                    ) from exc
                if cell:
                    terms[locale] = cell
            if not terms:
                raise GlossaryError(f"row {number} ({concept_id}): no terms given")
            concepts.append(Concept(concept_id, terms))
        return cls(concepts)

    @classmethod
    def from_csv(cls, source: str | Path | io.TextIOBase) -> Glossary:
        """Build from a CSV file (path or open text file) with a header row."""
        if isinstance(source, str | Path):
            with Path(source).open(encoding="utf-8", newline="") as handle:
                return cls.from_rows(list(csv.DictReader(handle)))
        return cls.from_rows(list(csv.DictReader(source)))

    @classmethod
    def default(cls) -> Glossary:
        """The starter glossary shipped with the package (built once)."""
        return _default_glossary()

    # -- access ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    def get(self, concept_id: str) -> Concept | None:
        return self._concepts.get(concept_id)

    def analysed_terms(
        self, concept: Concept, locale: str
    ) -> tuple[tuple[str, ...], ...]:
        """Terms of ``concept`` in ``locale`` as token tuples of that language."""
        return self._analysed.get((concept.id, locale), ())

    def to_rows(self) -> list[dict[str, str]]:
        """Rows in the CSV / CMS format (inverse of :meth:`from_rows`)."""
        return [
            {"concept_id": concept.id}
            | {locale: "|".join(concept.terms_in(locale)) for locale in LOCALES}
            for concept in self
        ]

    # -- matching -------------------------------------------------------------

    def match(
        self, query_words: Sequence[str], locales: Sequence[str]
    ) -> list[GlossaryMatch]:
        """Find glossary terms among consecutive query words.

        Matching is greedy from the left and takes the longest term; on equal
        length the earlier locale in ``locales`` wins. A single word that is a
        stop word of the matching language never matches on its own.

        Args:
            query_words: The words of the query, in order.
            locales: Languages to match in, in order of preference
                (usually just the query's locale).
        """
        tokens: dict[str, list[str | None]] = {}
        for locale in locales:
            row: list[str | None] = []
            for word in query_words:
                analysed = analyze(word, locale)
                row.append(analysed[0] if len(analysed) == 1 else None)
            tokens[locale] = row
        matches: list[GlossaryMatch] = []
        position = 0
        count = len(query_words)
        while position < count:
            best: GlossaryMatch | None = None
            for locale in locales:
                index = self._index[locale]
                row = tokens[locale]
                for length in range(min(index.longest, count - position), 0, -1):
                    if best is not None and length <= best.end - best.start:
                        break
                    span = row[position : position + length]
                    if any(token is None for token in span):
                        continue
                    key = tuple(token for token in span if token is not None)
                    found = index.by_tokens.get(key)
                    if not found:
                        continue
                    if length == 1 and is_stopword(query_words[position], locale):
                        continue
                    best = GlossaryMatch(
                        position, position + length, locale, tuple(found)
                    )
                    break
            if best is None:
                position += 1
            else:
                matches.append(best)
                position = best.end
        return matches


@functools.cache
def _default_glossary() -> Glossary:
    text = resources.files(__name__).joinpath("starter.csv").read_text("utf-8")
    return Glossary.from_csv(io.StringIO(text))
