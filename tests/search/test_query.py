"""SearchQuery validation and cursors."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from search.cursor import Cursor
from search.errors import InvalidQueryError
from search.query import SearchQuery


def test_defaults() -> None:
    query = SearchQuery()
    assert (query.first, query.sort, query.cross_language, query.highlight) == (
        20,
        "relevance",
        True,
        False,
    )
    assert query.effective_sort == "date_desc"
    assert SearchQuery(text="asyl").effective_sort == "relevance"
    assert SearchQuery(text=" !! ").effective_sort == "date_desc"


def test_lists_become_tuples_and_facets_are_deduplicated() -> None:
    query = SearchQuery(themes=["education"], facets=["type", "type", "year"])  # type: ignore[arg-type]
    assert query.themes == ("education",)
    assert query.facets == ("type", "year")


def test_plain_dates_cover_the_whole_day() -> None:
    query = SearchQuery(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31))  # type: ignore[arg-type]
    assert query.date_from == datetime(2024, 1, 1, tzinfo=UTC)
    assert query.date_to is not None
    assert (query.date_to.day, query.date_to.hour) == (31, 23)


def test_error_messages_name_the_field() -> None:
    with pytest.raises(InvalidQueryError, match="first: must be between 1 and 100"):
        SearchQuery(first=500)
    with pytest.raises(InvalidQueryError, match="locale: 'de' is not one of"):
        SearchQuery(locale="de")
    with pytest.raises(InvalidQueryError, match="locale: is required"):
        SearchQuery(cross_language=False)


def test_fingerprint_ignores_page_size_but_not_filters() -> None:
    base = SearchQuery(text="asyl", types=("news",))
    assert (
        base.fingerprint()
        == SearchQuery(text="asyl", types=("news",), first=5).fingerprint()
    )
    assert base.fingerprint() != SearchQuery(text="asyl").fingerprint()
    assert (
        base.fingerprint()
        != SearchQuery(text="asyl", types=("news",), sort="date_asc").fingerprint()
    )
    excluding = SearchQuery(text="asyl", exclude_types=("theme",))
    assert excluding.fingerprint() != SearchQuery(text="asyl").fingerprint()


@pytest.mark.parametrize(
    "change",
    [
        {"text": "asyl"},
        {"locale": "da"},
        {"locale": "da", "cross_language": False},
        {"types": ("event",)},
        {"exclude_types": ("theme",)},
        {"locales": ("da", "sv")},
        {"locales": ("da", "sv"), "best_version": True},
        {"themes": ("education",)},
        {"countries": ("dk",)},
        {"goals": ("green",)},
        {"translation_keys": ("k",)},
        {"paths": ("/da/a/",)},
        {"date_from": date(2024, 1, 1)},
        {"date_to": date(2024, 1, 1)},
        {"upcoming": True},
        {"open_calls": True},
        {"sort": "date_asc"},
    ],
)
def test_every_filter_and_the_order_change_the_selection(
    change: dict[str, object],
) -> None:
    """The embedded backend keeps built list queries by their selection: two
    lists that differ in anything they match or sort by must not share one."""
    base = SearchQuery(locales=("da",), types=("news",))
    changed = SearchQuery(**{"locales": ("da",), "types": ("news",), **change})  # type: ignore[arg-type]
    assert changed.selection() != base.selection()
    assert SearchQuery(locales=("da",), types=("news",), first=3).selection() == (
        base.selection()
    )


def test_a_locale_filter_of_every_language_filters_nothing() -> None:
    every = SearchQuery(locales=("en", "is", "fi", "sv", "nb", "da"))
    assert every.locale_filter == ()
    assert SearchQuery(locales=("da", "sv")).locale_filter == ("da", "sv")
    with pytest.raises(InvalidQueryError, match="exclude_types: '' is not a valid"):
        SearchQuery(exclude_types=("",))


def test_cursor_round_trip_and_checks() -> None:
    query = SearchQuery(sort="date_asc")
    cursor = Cursor(
        "date_asc", 1_700_000_000_000_000, 2**64 - 1, 14, query.fingerprint()
    )
    assert Cursor.decode(cursor.encode(), query) == cursor
    with pytest.raises(InvalidQueryError, match="another query"):
        Cursor.decode(cursor.encode(), SearchQuery(sort="date_desc"))
    with pytest.raises(InvalidQueryError, match="not a valid cursor"):
        Cursor.decode("%%%", query)
