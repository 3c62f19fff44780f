"""How many clauses a hit must match (shared by both backends)."""

from __future__ import annotations

from search.backends._text_clauses import required_matches


def test_a_translated_query_needs_a_third_of_its_clauses() -> None:
    needed = [required_matches(count, translated=True) for count in range(1, 8)]
    assert needed == [1, 1, 1, 2, 2, 2, 3]


def test_a_query_within_one_language_needs_every_clause() -> None:
    assert required_matches(3, translated=False) == 3
