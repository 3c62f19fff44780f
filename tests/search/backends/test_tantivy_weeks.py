"""Recent windows of newest-first lists on the embedded backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from search.backends._tantivy_schema import timestamp
from search.backends._tantivy_weeks import WeekCounts, type_week, week_of
from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery
from search.testing import make_document

NOW = datetime(2026, 12, 4, tzinfo=UTC)


class _Searcher:
    """Counts of a few weeks, and the lookups made."""

    def __init__(self, counts: dict[int | str, int]) -> None:
        self.counts = counts
        self.lookups: list[int | str] = []

    def doc_freq(self, field: str, value: int | str) -> int:
        assert field == ("week" if isinstance(value, int) else "type_week")
        self.lookups.append(value)
        return self.counts.get(value, 0)


def test_the_window_reaches_back_past_empty_weeks_to_enough_items() -> None:
    anchor = timestamp(NOW)
    week = week_of(anchor)
    searcher: Any = _Searcher({week - 5: 30, week - 6: 30, week - 9: 100})
    weeks = WeekCounts()
    assert weeks.lower_week(searcher, "gen-1", anchor, 50, 52) == week - 6
    assert weeks.lower_week(searcher, "gen-1", anchor, 61, 52) == week - 9
    assert weeks.lower_week(searcher, "gen-1", anchor, 161, 52) is None
    assert weeks.lower_week(searcher, "gen-1", anchor, 61, 8) is None


def test_a_list_of_a_few_types_counts_their_items_only() -> None:
    anchor = timestamp(NOW)
    week = week_of(anchor)
    searcher: Any = _Searcher(
        {
            week: 500,
            type_week("event", week): 500,
            type_week("news", week - 3): 40,
            type_week("call", week - 4): 40,
        }
    )
    weeks = WeekCounts()
    assert weeks.lower_week(searcher, "gen-1", anchor, 60, 52, ("news", "call")) == (
        week - 4
    )
    assert weeks.lower_week(searcher, "gen-1", anchor, 60, 52) == week
    # Many types: sized by every type's items.
    many = ("news", "call", "event", "page", "seminar")
    assert weeks.lower_week(searcher, "gen-1", anchor, 60, 52, many) == week


def test_counts_are_looked_up_again_after_the_ttl_or_in_a_new_generation() -> None:
    anchor = timestamp(NOW)
    week = week_of(anchor)
    clock = [0.0]
    searcher: Any = _Searcher({week: 10})
    weeks = WeekCounts(ttl=30, clock=lambda: clock[0])
    weeks.lower_week(searcher, "gen-1", anchor, 5, 4)
    weeks.lower_week(searcher, "gen-1", anchor, 5, 4)
    assert searcher.lookups == [week]
    searcher.counts[week] = 2
    clock[0] = 31.0
    assert weeks.lower_week(searcher, "gen-1", anchor, 5, 4) is None
    assert len(searcher.lookups) == 5
    searcher.counts[week] = 10
    assert weeks.lower_week(searcher, "gen-2", anchor, 5, 4) == week


def test_weeks_before_the_epoch_floor_to_earlier_weeks() -> None:
    assert week_of(0) == 0
    assert week_of(-1) == -1
    assert week_of(timestamp(datetime(1970, 1, 8, tzinfo=UTC))) == 1


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedBackend:
    # 340 items: most in one week ten weeks ago (none since), others years
    # back, a few ahead; one rare type among them; many share a date.
    days = [70 + number % 5 for number in range(280)]
    days += [400 + 37 * number for number in range(50)]
    days += [-3, -40, -400, -4000, 9, 9, 9, 2000, 2000, 2000]
    documents = [
        make_document(
            id=f"news:w{number}",
            type="event" if number % 61 == 0 else "news",
            published_at=NOW - timedelta(days=day),
        )
        for number, day in enumerate(days)
    ]
    made = EmbeddedBackend(
        tmp_path_factory.mktemp("weeks"), writer_heap_size=50_000_000
    )
    made.bulk(documents)
    made.refresh()
    return made


@pytest.mark.parametrize(
    ("types", "first", "windowed"),
    [((), 1, True), ((), 7, True), (("news",), 3, True), (("event",), 2, False)],
)
def test_a_list_read_through_recent_weeks_pages_like_a_counted_one(
    backend: EmbeddedBackend,
    monkeypatch: pytest.MonkeyPatch,
    types: tuple[str, ...],
    first: int,
    windowed: bool,
) -> None:
    found: list[int | None] = []
    lower_week = WeekCounts.lower_week

    def spy(self: WeekCounts, *args: Any) -> int | None:
        lower = lower_week(self, *args)
        found.append(lower)
        return lower

    monkeypatch.setattr(WeekCounts, "lower_week", spy)

    def pages(count: bool) -> list[list[str]]:
        seen: list[list[str]] = []
        after = None
        for _ in range(400):
            page = backend.search(
                SearchQuery(
                    types=types,
                    sort="date_desc",
                    first=first,
                    after=after,
                    count=count,
                    now=NOW,
                )
            )
            seen.append([hit.document.id for hit in page.hits])
            if not page.has_next_page:
                return seen
            after = page.end_cursor
        raise AssertionError("the list did not end")

    uncounted = pages(count=False)
    # Six items of the rare type cannot fill a window: whole years are read.
    assert any(lower is not None for lower in found) == windowed
    assert uncounted == pages(count=True)
    assert sum(map(len, uncounted)) == backend.search(SearchQuery(types=types)).total
