"""Recent windows of a newest-first list, sized by how many items each week holds.

tantivy orders hits by a fast field by reading every match, so a
newest-first page of a large read model would cost in proportion to the
whole list. A page needs only the newest rows: reading only the weeks that
hold about enough items keeps its cost to the page's neighbourhood. The
weekly counts come from the term statistics of the ``week`` field, one lookup
per week (and type, for a list of a few types: the ``type_week`` field),
memoised for a while per generation. They count deleted rows and every
language, which is fine: a window only has to be about right, since the rows
found in it are checked against the page.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Final

import tantivy

from search.backends._state_memo import StateMemo

__all__ = [
    "MAX_TYPES",
    "TYPE_WEEK_FIELD",
    "WEEK_FIELD",
    "WeekCounts",
    "type_week",
    "week_of",
]

WEEK_FIELD: Final = "week"
TYPE_WEEK_FIELD: Final = "type_week"
#: Lists of more types than this are sized by the weeks' counts of every type.
MAX_TYPES: Final = 4
_WEEK_US: Final = 7 * 24 * 3600 * 1_000_000


def week_of(microseconds: int) -> int:
    """The week number of a timestamp (weeks since the epoch, floored)."""
    return microseconds // _WEEK_US


def type_week(doc_type: str, week: int) -> str:
    """The ``type_week`` term of a type's items in a week."""
    return f"{doc_type}@{week}"


class WeekCounts:
    """Items per week of one read model, memoised for ``ttl`` seconds.

    A generation switch (a rebuild) starts afresh; commits within a generation
    shift the counts a little, which the ``ttl`` bounds.
    """

    def __init__(
        self, ttl: float = 30.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._counts: StateMemo[tuple[str, int], int] = StateMemo(ttl, clock)

    def lower_week(
        self,
        searcher: tantivy.Searcher,
        owner: str,
        anchor: int,
        budget: int,
        max_weeks: int,
        types: Sequence[str] = (),
    ) -> int | None:
        """The latest week from which the weeks up to ``anchor``'s (a timestamp
        in microseconds) hold at least ``budget`` items (of ``types``, when
        given), or ``None`` when the ``max_weeks`` before it hold fewer."""
        counts = self._counts.of(owner)
        kinds = tuple(types) if 0 < len(types) <= MAX_TYPES else ("",)
        week = week_of(anchor)
        held = 0
        for lower in range(week, week - max_weeks, -1):
            for kind in kinds:
                count = counts.get((kind, lower))
                if count is None:
                    if kind:
                        count = searcher.doc_freq(
                            TYPE_WEEK_FIELD, type_week(kind, lower)
                        )
                    else:
                        count = searcher.doc_freq(WEEK_FIELD, lower)
                    counts[(kind, lower)] = count
                held += count
            if held >= budget:
                return lower
        return None
