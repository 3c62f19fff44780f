"""The ranking of a search, kept while the read model stays the same.

Ranking a search reads and scores every match: at 500,000 items that pass
is most of a search's cost (about 10 of 12 ms for "integration
arbejdsmarked"), and the next page of that search, the same search with
other facets or fields, and the same popular search again rank the same
matches alike. :class:`Ranking` keeps a search's best rows as ranked
(relevance feedback included) by uid and score, and :func:`kept_page`
answers a page of them without ranking again.

Rows are kept by uid, not by address: tantivy may reload a reader between
two searches of one state of the read model, and addresses belong to one
reader. A kept page looks its rows up again by uid (one term per row, live
items only); a row that is no longer there (removed since) makes the page
ranked afresh instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from tantivy import Occur, Query

from search.backends._tantivy_paging import Ranked, Row, is_after
from search.backends._tantivy_schema import LIVE, uid_union

if TYPE_CHECKING:
    from collections.abc import Callable, MutableMapping, Sequence

    import tantivy

    from search.cursor import Cursor

__all__ = ["Ranking", "kept_page", "ranked_rows", "ranking_of"]

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Ranking:
    """A search's best rows as ``(score, uid)``, best first; ``complete``
    when they are all of its matches; ``total``, its match count (-1 when
    it was not counted)."""

    rows: tuple[tuple[float, int], ...]
    complete: bool
    total: int


def ranking_of(rows: Sequence[Row], complete: bool, total: int) -> Ranking:
    return Ranking(tuple((float(row.key), row.uid) for row in rows), complete, total)


def ranked_rows(
    kept: MutableMapping[K, Ranking] | None,
    key: K,
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    cursor: Cursor | None,
    first: int,
    count: bool,
    rank: Callable[[Ranked | None], tuple[list[Row], int]],
) -> tuple[list[Row], int]:
    """A page of the ranking kept under ``key`` in ``kept`` (:func:`kept_page`),
    or one ``rank`` ranks afresh, told where to keep its ranking (nowhere
    when ``kept`` is ``None``)."""
    if kept is None:
        return rank(None)
    ranking = kept.get(key)
    if ranking is not None:
        page = kept_page(searcher, schema, ranking, cursor, first, count)
        if page is not None:
            return page

    def keep(rows: Sequence[Row], complete: bool, total: int) -> None:
        kept[key] = ranking_of(rows, complete, total)

    return rank(keep)


def kept_page(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    ranking: Ranking,
    cursor: Cursor | None,
    first: int,
    count: bool,
) -> tuple[list[Row], int] | None:
    """Up to ``first + 1`` rows after ``cursor`` from ``ranking`` and its
    total (-1 without ``count``), as :func:`search.backends._tantivy_paging.collect`
    gives them; ``None`` when the ranking cannot tell (the page reaches past
    its rows, it was not counted, or a row is gone)."""
    if count and ranking.total < 0:
        return None
    pairs = ranking.rows
    if cursor is not None:
        pairs = tuple(
            (score, uid)
            for score, uid in pairs
            if is_after(score, uid, cursor, descending=True)
        )
    if len(pairs) <= first and not ranking.complete:
        return None
    pairs = pairs[: first + 1]
    addresses = _addresses(searcher, schema, [uid for _, uid in pairs])
    if len(addresses) < len(pairs):
        return None
    rows = [Row(score, uid, addresses[uid]) for score, uid in pairs]
    return rows, ranking.total if count else -1


def _addresses(
    searcher: tantivy.Searcher, schema: tantivy.Schema, uids: Sequence[int]
) -> dict[int, tantivy.DocAddress]:
    """The live items' addresses by uid."""
    if not uids:
        return {}
    query = Query.boolean_query(
        [
            (Occur.Must, uid_union(schema, uids)),
            (Occur.Must, Query.term_query(schema, "state", LIVE)),
        ]
    )
    hits = searcher.search(query, limit=len(uids), count=False).hits
    found = [address for _, address in hits]
    values = searcher.fast_field_values("uid", found) if found else []
    return {
        int(uid): address
        for uid, address in zip(values, found, strict=True)
        if uid is not None
    }
