"""Stable cursor pagination on top of tantivy's top-k collectors.

Hits are ordered by (sort key, uid): the score (descending) for relevance,
``sort_ts`` for date sorts, then the uid ascending. tantivy orders by one key
only, so the hits that tie with the last key fetched may be incomplete: they
are set aside: relevance sorts double the limit until enough complete rows
remain, date sorts read the rows of the tied date again in uid order. Date
sorts first narrow the query to keys at or beyond the cursor, so a deep page
costs about as much as the first one; relevance sorts fetch up to the
cursor's position (scores cannot be filtered on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Final, NamedTuple

import tantivy
from tantivy import FieldType, Occur, Order, Query

from search.backends._tantivy_schema import I64_MAX, I64_MIN, U64_MAX
from search.backends._tantivy_weeks import (
    MAX_TYPES,
    TYPE_WEEK_FIELD,
    WEEK_FIELD,
    type_week,
    week_of,
)
from search.errors import InvalidQueryError

if TYPE_CHECKING:
    from search.cursor import Cursor

__all__ = [
    "LowerWeek",
    "Ranked",
    "Rescore",
    "Row",
    "beyond",
    "collect",
    "first_rows",
    "hit_count",
    "is_after",
]

#: Extra hits fetched for relevance sorts so that ties rarely need a 2nd pass.
_SLACK: Final = 10
#: Years before the anchor's year that a newest-first list without a count
#: reads first: a feed's page is almost always within this year or the last.
#: (``year`` has a few distinct values, so its range costs a few postings
#: lists; a range of timestamps would enumerate every item's own value.)
_WINDOWS: Final = (0, 1, 4)
#: Years after the anchor's that the windows include term by term (events
#: ahead); later years by a range.
_AHEAD: Final = 5
#: Items per row of the page that a recent window of weeks holds before the
#: year windows: the first for most lists, the second for selective filters.
_WEEK_BUDGETS: Final = (32, 512)

#: The latest week from which the weeks up to a timestamp hold at least so
#: many items, or ``None`` (``WeekCounts.lower_week`` of
#: :mod:`search.backends._tantivy_weeks`).
LowerWeek = Callable[[int, int], int | None]


class Row(NamedTuple):
    """One hit: its sort key, uid and address (a tuple, half the cost of a
    frozen dataclass to make: relevance feedback makes a few hundred rows
    for each search)."""

    key: float | int
    uid: int
    address: tantivy.DocAddress


#: Scores of the best rows again, by uid (relevance feedback): given the
#: best rows of a relevance sort, best first.
Rescore = Callable[[Sequence[Row]], dict[int, float]]
#: Told a relevance search's rows as ranked (rescored), best first, whether
#: they are all of its matches, and its total (-1: not counted).
Ranked = Callable[[Sequence[Row], bool, int], None]


def hit_count(result: tantivy.SearchResult) -> int:
    """Total hits of a search run with ``count=True``."""
    # ``count`` exists at runtime but is missing from tantivy's type stub.
    count = getattr(result, "count", None)
    return count if isinstance(count, int) else len(result.hits)


def is_after(key: float, uid: int, cursor: Cursor, *, descending: bool) -> bool:
    """Whether the row ``(key, uid)`` comes after ``cursor``."""
    if key == cursor.key:
        return isinstance(cursor.tiebreak, int) and uid > cursor.tiebreak
    return key < cursor.key if descending else key > cursor.key


def _beyond(schema: tantivy.Schema, cursor: Cursor, descending: bool) -> Query:
    """Date rows strictly after the cursor in (key, uid) order."""
    if not isinstance(cursor.tiebreak, int) or not isinstance(cursor.key, int):
        raise InvalidQueryError("after: is not a valid cursor")
    return beyond(schema, "sort_ts", cursor.key, cursor.tiebreak, descending)


def beyond(
    schema: tantivy.Schema,
    field: str,
    key: int,
    uid: int,
    descending: bool = False,
    *,
    upper: int = I64_MAX,
) -> Query:
    """Rows strictly after ``(key, uid)`` in (``field``, uid) order; ascending
    orders stop at ``upper`` (inclusive)."""
    if descending:
        strictly = Query.range_query(
            schema, field, FieldType.Integer, I64_MIN, key, True, False
        )
    else:
        strictly = Query.range_query(
            schema, field, FieldType.Integer, key, upper, False, True
        )
    same_key = Query.boolean_query(
        [
            (
                Occur.Must,
                Query.range_query(schema, field, FieldType.Integer, key, key),
            ),
            (
                Occur.Must,
                Query.range_query(
                    schema, "uid", FieldType.Unsigned, uid, U64_MAX, False, True
                ),
            ),
        ]
    )
    return Query.boolean_query([(Occur.Should, strictly), (Occur.Should, same_key)])


def first_rows(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: Query,
    field: str,
    first: int,
) -> list[Row]:
    """Up to ``first + 1`` rows of ``query`` in ascending (``field``, uid) order.

    Rows tying with the last key fetched are fetched again by uid, so many
    rows with one key (a rebuild gives every document the same version) cost
    one ordered search, not a scan.
    """
    limit = first + 1
    raw = searcher.search(
        query, limit=limit, count=False, order_by_field=field, order=Order.Asc
    ).hits
    addresses = [address for _, address in raw]
    uids = searcher.fast_field_values("uid", addresses) if addresses else []
    rows = [
        Row(int(key), int(uid or 0), address)
        for (key, address), uid in zip(raw, uids, strict=True)
    ]
    if len(raw) < limit:
        return sorted(rows, key=lambda row: (row.key, row.uid))
    boundary = int(rows[-1].key)
    rows = sorted(
        (row for row in rows if row.key != boundary), key=lambda row: (row.key, row.uid)
    )
    tied = Query.boolean_query(
        [
            (Occur.Must, query),
            (
                Occur.Must,
                Query.range_query(schema, field, FieldType.Integer, boundary, boundary),
            ),
        ]
    )
    by_uid = searcher.search(
        tied,
        limit=limit - len(rows),
        count=False,
        order_by_field="uid",
        order=Order.Asc,
    ).hits
    rows.extend(Row(boundary, int(uid), address) for uid, address in by_uid)
    return rows


def collect(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: Query,
    sort: str,
    cursor: Cursor | None,
    first: int,
    *,
    count: bool = True,
    now: int = 0,
    rescore: Rescore | None = None,
    rescore_window: int = 0,
    lower_week: LowerWeek | None = None,
    types: Sequence[str] = (),
    ranked: Ranked | None = None,
) -> tuple[list[Row], int]:
    """Up to ``first + 1`` rows after ``cursor``, and the total hit count
    (-1 without ``count``).

    ``rescore`` (relevance sorts) gives the best ``rescore_window`` rows new scores,
    never lower than their own (relevance feedback): those rows are reordered
    among themselves and still come before every other row, and a cursor
    stays valid because the same rows get the same scores on every page.

    ``ranked`` (relevance sorts) is told the rows as ranked, before the
    cursor's, so that a caller can keep them (:mod:`._tantivy_rankings`).

    One row more than the page tells whether a next page exists. Without a
    count, a newest-first list reads the items of growing windows of time
    before ``now`` (microseconds; or before the cursor's date) until one
    holds a full page: the rows are exactly those of the whole list, and
    the cost follows the page, not the read model. The first windows are
    the weeks that ``lower_week`` says hold enough items (of ``types``, the
    types the query is limited to), then whole years.
    """
    if not count and sort == "date_desc":
        anchor = cursor.key if cursor is not None else now
        if isinstance(anchor, int):
            if lower_week is not None:
                rows = _recent_weeks(
                    searcher, schema, query, cursor, first, anchor, lower_week, types
                )
                if rows is not None:
                    return rows, -1
            year = datetime.fromtimestamp(anchor / 1_000_000, UTC).year
            far = Query.range_query(
                schema, "year", FieldType.Integer, year + _AHEAD + 1, I64_MAX
            )
            for span in _WINDOWS:
                window = Query.boolean_query(
                    [
                        (Occur.Should, Query.term_query(schema, "year", value))
                        for value in range(year - span, year + _AHEAD + 1)
                    ]
                    + [(Occur.Should, far)]
                )
                recent = Query.boolean_query(
                    [(Occur.Must, query), (Occur.Must, window)]
                )
                rows, _ = _collect(searcher, schema, recent, sort, cursor, first, False)
                if len(rows) > first:
                    return rows, -1
        rows, _ = _collect(searcher, schema, query, sort, cursor, first, False)
        return rows, -1
    if sort != "relevance":
        rescore = None
    return _collect(
        searcher,
        schema,
        query,
        sort,
        cursor,
        first,
        count,
        rescore,
        rescore_window,
        ranked,
    )


def _recent_weeks(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: Query,
    cursor: Cursor | None,
    first: int,
    anchor: int,
    lower_week: LowerWeek,
    types: Sequence[str],
) -> list[Row] | None:
    """The newest-first page when the weeks that hold about enough items
    contain it, else ``None``."""
    for budget in _WEEK_BUDGETS:
        lower = lower_week(anchor, budget * (first + 1))
        if lower is None:
            return None
        weeks = _weeks_from(schema, lower, anchor, types)
        recent = Query.boolean_query([(Occur.Must, query), (Occur.Must, weeks)])
        rows, _ = _collect(searcher, schema, recent, "date_desc", cursor, first, False)
        if len(rows) > first:
            return rows
    return None


def _weeks_from(
    schema: tantivy.Schema, lower: int, anchor: int, types: Sequence[str]
) -> Query:
    """The items of the weeks from ``lower`` on. For a list of a few types,
    its types' items of the weeks up to ``anchor``'s, read term by term, and
    later weeks (items dated ahead) by a range: a window of every type reads
    every item of those weeks, many times a page when the list holds one type
    among many."""
    every_type = Query.range_query(
        schema, WEEK_FIELD, FieldType.Integer, lower, I64_MAX
    )
    if not 0 < len(types) <= MAX_TYPES:
        return every_type
    last = week_of(anchor)
    terms = [
        Query.term_query(schema, TYPE_WEEK_FIELD, type_week(kind, week))
        for week in range(lower, last + 1)
        for kind in dict.fromkeys(types)
    ]
    ahead = Query.range_query(schema, WEEK_FIELD, FieldType.Integer, last + 1, I64_MAX)
    return Query.boolean_query([(Occur.Should, item) for item in [*terms, ahead]])


_KEY = itemgetter(0)
_UID = itemgetter(1)


def _order(rows: list[Row], *, descending: bool) -> None:
    """Sorts ``rows`` by key, ties by uid: two stable sorts by a C getter
    (relevance feedback sorts a few hundred rows for each search)."""
    rows.sort(key=_UID)
    rows.sort(key=_KEY, reverse=descending)


def _collect(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: Query,
    sort: str,
    cursor: Cursor | None,
    first: int,
    count: bool,
    rescore: Rescore | None = None,
    rescore_window: int = 0,
    ranked: Ranked | None = None,
) -> tuple[list[Row], int]:
    descending = sort != "date_asc"
    order = Order.Desc if descending else Order.Asc
    total: int | None = None if count else -1
    order_field: str | None = None
    scoped = query
    rescored: dict[int, float] | None = None
    if sort == "relevance":
        limit = (cursor.position if cursor is not None else 0) + first + 1 + _SLACK
        if rescore is not None:
            limit = max(limit, rescore_window + 1)
    else:
        order_field = "sort_ts"
        # A few rows more, so that dropping the ties of the last date rarely
        # leaves too few (then the tied rows are read again by uid).
        limit = first + 1 + _SLACK
        if cursor is not None:
            if total is None:
                total = hit_count(searcher.search(query, limit=1, count=True))
            scoped = Query.boolean_query(
                [
                    (Occur.Must, query),
                    (Occur.Must, _beyond(schema, cursor, descending)),
                ]
            )
    while True:
        result = searcher.search(
            scoped,
            limit=limit,
            count=total is None,
            order_by_field=order_field,
            order=order,
        )
        if total is None:
            total = hit_count(result)
        raw = result.hits
        addresses = [address for _, address in raw]
        uids = searcher.fast_field_values("uid", addresses) if addresses else []
        rows = [
            Row(
                float(key) if order_field is None else int(key),
                int(uid or 0),
                address,
            )
            for (key, address), uid in zip(raw, uids, strict=True)
        ]
        exhausted = len(raw) < limit
        if not exhausted:
            boundary = rows[-1].key
            rows = [row for row in rows if row.key != boundary]
        _order(rows, descending=descending)
        if rescore is not None and rows:
            if rescored is None:
                rescored = rescore(rows[:rescore_window])
            if rescored:
                rows = [
                    Row(rescored.get(uid, key), uid, address)
                    for key, uid, address in rows
                ]
                _order(rows, descending=True)
        if ranked is not None and order_field is None:
            ranked(rows, exhausted, -1 if total is None else total)
        if cursor is not None:
            rows = [
                row
                for row in rows
                if is_after(row.key, row.uid, cursor, descending=descending)
            ]
        if exhausted or len(rows) > first:
            return rows[: first + 1], total
        if order_field is not None:
            # Dates tie often (day precision): read the rows of the last date
            # in uid order instead of reading ever more rows.
            rows.extend(
                _tied_rows(
                    searcher, schema, scoped, int(boundary), first + 1 - len(rows)
                )
            )
            return rows, total
        limit *= 2


def _tied_rows(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: Query,
    key: int,
    count: int,
) -> list[Row]:
    """The first ``count`` rows of ``query`` whose date is ``key``, by uid."""
    tied = Query.boolean_query(
        [
            (Occur.Must, query),
            (
                Occur.Must,
                Query.range_query(schema, "sort_ts", FieldType.Integer, key, key),
            ),
        ]
    )
    hits = searcher.search(
        tied, limit=count, count=False, order_by_field="uid", order=Order.Asc
    ).hits
    return [Row(key, int(uid), address) for uid, address in hits]
