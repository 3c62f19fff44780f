"""Search analytics: aggregated, free of personal data, shared between processes."""

from __future__ import annotations

from datetime import date

from search.analytics import AnalyticsStore, normalise_query


def test_queries_are_normalised_and_personal_data_dropped():
    assert (
        normalise_query("  Flygtninge   ARBEJDSMARKED ") == "flygtninge arbejdsmarked"
    )
    assert normalise_query("anna@example.org") is None
    assert normalise_query("010203-1234") is None  # a Danish CPR number
    assert normalise_query("19850101-1234") is None  # a Swedish personal number
    assert normalise_query("   ") is None
    assert normalise_query("x" * 500) == "x" * 100


def test_zero_result_report_per_language(tmp_path):
    store = AnalyticsStore(tmp_path / "analytics.sqlite3")
    day = date(2026, 11, 20)
    for _ in range(3):
        store.record("tolkning", "da", 0, when=day)
    store.record("tolkning", "da", 4, when=day)
    store.record("boligsocial", "da", 0, when=day)
    store.record("tulkning", "sv", 0, when=day)
    store.record("a@b.se", "sv", 0, when=day)
    assert store.flush() == 3

    da = store.top_zero_result("da")
    assert [(s.query, s.searches, s.zero_results) for s in da] == [
        ("tolkning", 4, 3),
        ("boligsocial", 1, 1),
    ]
    assert [s.query for s in store.top_zero_result("sv")] == ["tulkning"]
    assert store.flush() == 0


def test_two_writers_add_up(tmp_path):
    first = AnalyticsStore(tmp_path / "a.sqlite3")
    second = AnalyticsStore(tmp_path / "a.sqlite3")
    first.record("mentor", "nb", 0)
    second.record("mentor", "nb", 0)
    first.flush()
    second.flush()
    [stat] = first.top_zero_result("nb")
    assert stat.zero_results == 2
