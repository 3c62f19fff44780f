"""Relevance feedback and language balance for the embedded backend.

A translated search's best rows are rescored with the words of its best hits
(:mod:`search.feedback`), then weighed per language (:mod:`search.merging`).
Both need each row's language, and feedback the text of the best hit of each
of the first languages only: the languages come from the index in one query
over the rows (no document is parsed for them), and only those few hits are
read. Reading every row of the first pages instead cost a new search at
5,000 items a fifth of its time, most of it parsing stored documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from tantivy import Occur, Query

from search.backends._tantivy_query import feedback_query
from search.backends._tantivy_schema import text_field, uid_union
from search.documents import LOCALES
from search.feedback import feedback_terms, first_of_each_language
from search.merging import BALANCE_WINDOW, balance_languages

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, MutableMapping, Sequence

    import tantivy

    from search.backends._tantivy_paging import Rescore, Row
    from search.backends._tantivy_statistics import LanguageStatistics
    from search.documents import Document

__all__ = ["feedback_rescore", "row_locales"]

#: A language's score in :func:`row_locales`: its position in LOCALES, from 1.
_CODES: Final = {float(code): locale for code, locale in enumerate(LOCALES, start=1)}


def _rows(schema: tantivy.Schema, rows: Sequence[Row]) -> Query:
    return uid_union(schema, (row.uid for row in rows))


def row_locales(
    searcher: tantivy.Searcher, schema: tantivy.Schema, among: Query, rows: int
) -> dict[tuple[int, int], str]:
    """The language of each of the ``rows`` hits of ``among``, by address
    (segment, document): each hit scores its language's position in
    :data:`LOCALES`, one constant per language (``locale`` is a text column,
    which the searcher's fast-field access does not read). One optional
    clause per level: tantivy seeks a lone optional clause to each hit, and
    would read several as a union of every item's language."""
    query = Query.const_score_query(among, 0.0)
    for code, locale in _CODES.items():
        language = Query.term_query(schema, "locale", locale)
        query = Query.boolean_query(
            [
                (Occur.Must, query),
                (Occur.Should, Query.const_score_query(language, code)),
            ]
        )
    hits = searcher.search(query, limit=rows, count=False).hits
    found: dict[tuple[int, int], str] = {}
    for score, address in hits:
        placed = _CODES.get(float(score))
        if placed is not None:
            found[address.segment_ord, address.doc] = placed
    return found


def feedback_rescore(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    statistics: LanguageStatistics,
    load_rows: Callable[[Sequence[Row]], list[Document]],
    kept: MutableMapping[Any, dict[int, float]],
    expanded: Hashable,
) -> Rescore:
    """Rescores a search's best rows with the words of its best hits, judged
    by the searcher's ``statistics``, and weighs them across languages. The
    new scores are kept in ``kept`` (the read model's state's memo): they
    follow from the rows alone, which the same search (``expanded``) finds
    again on each of its pages."""

    def feedback(rows: Sequence[Row], best: Sequence[Document]) -> dict[int, float]:
        """What the words of the ``best`` hits add to each row's score."""
        terms = feedback_terms(
            best,
            lambda locale, term: statistics.doc_freq(text_field(locale), term),
            lambda locale: statistics.documents(text_field(locale), locale),
        )
        if not terms:
            return {}
        scored = Query.boolean_query(
            [
                (Occur.Must, Query.const_score_query(_rows(schema, rows), 0.0)),
                (Occur.Must, feedback_query(schema, terms)),
            ]
        )
        hits = searcher.search(scored, limit=len(rows), count=False).hits
        addresses = [address for _, address in hits]
        uids = searcher.fast_field_values("uid", addresses) if hits else []
        return {
            int(uid or 0): float(score)
            for (score, _), uid in zip(hits, uids, strict=True)
        }

    def locales_of(rows: Sequence[Row]) -> dict[int, str]:
        """Each row's language by uid; a row the index cannot place (no uid:
        a segment written without the column) is read instead."""
        if not rows:
            return {}
        placed = row_locales(searcher, schema, _rows(schema, rows), len(rows))
        found: dict[int, str] = {}
        unplaced: list[Row] = []
        for row in rows:
            locale = placed.get((row.address.segment_ord, row.address.doc))
            if locale is None or not row.uid:
                unplaced.append(row)
            else:
                found[row.uid] = locale
        for row, document in zip(unplaced, load_rows(unplaced), strict=True):
            found[row.uid] = document.locale
        return found

    def rescored(rows: Sequence[Row]) -> dict[int, float]:
        scores = {row.uid: float(row.key) for row in rows}
        locales = locales_of(rows[:BALANCE_WINDOW])
        best = first_of_each_language(
            rows[:BALANCE_WINDOW], lambda row: locales[row.uid]
        )
        for uid, added in feedback(rows, load_rows(best)).items():
            if uid in scores:
                scores[uid] += added
        # The best rows after feedback are weighed per language: the first
        # pages (feedback seldom brings many up from below them).
        ahead = sorted(rows, key=lambda row: -scores[row.uid])[:BALANCE_WINDOW]
        locales.update(locales_of([row for row in ahead if row.uid not in locales]))
        return balance_languages(scores, {row.uid: locales[row.uid] for row in ahead})

    def rescore(rows: Sequence[Row]) -> dict[int, float]:
        if len(rows) < 2:
            return {}
        key = (expanded, tuple((row.uid, float(row.key)) for row in rows))
        known = kept.get(key)
        if known is None:
            known = kept[key] = rescored(rows)
        return dict(known)

    return rescore
