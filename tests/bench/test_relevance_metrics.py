"""The ranking metrics of the relevance benchmark, on hand-made rankings."""

from __future__ import annotations

import math

import pytest

from bench.relevance.metrics import (
    by_kind,
    percentile,
    precision_at,
    recall_at,
    reciprocal_rank,
    score_query,
)

RELEVANT = {"a", "b", "c", "d"}


def test_recall_counts_relevant_ids_within_k_only():
    ranking = ["x", "a", "y", "b", "z", "c"]
    assert recall_at(ranking, RELEVANT, 10) == pytest.approx(3 / 4)
    assert recall_at(ranking, RELEVANT, 4) == pytest.approx(2 / 4)
    assert recall_at(ranking, RELEVANT, 1) == 0.0


def test_recall_counts_a_repeated_id_once():
    assert recall_at(["a", "a", "a"], RELEVANT, 10) == pytest.approx(1 / 4)


def test_recall_needs_relevant_documents():
    with pytest.raises(ValueError, match="relevant"):
        recall_at(["a"], set(), 10)


def test_precision_divides_by_k_even_for_short_lists():
    assert precision_at(["a", "x", "b", "y", "c"], RELEVANT, 5) == pytest.approx(3 / 5)
    # Two results, both relevant: still 2 of 5 places.
    assert precision_at(["a", "b"], RELEVANT, 5) == pytest.approx(2 / 5)
    assert precision_at(["a", "a", "a", "a", "a"], RELEVANT, 5) == pytest.approx(1 / 5)
    assert precision_at(["x", "y", "z", "w", "v", "a"], RELEVANT, 5) == 0.0


def test_reciprocal_rank_is_one_over_the_first_relevant_rank():
    assert reciprocal_rank(["a", "x"], RELEVANT) == 1.0
    assert reciprocal_rank(["x", "y", "c", "a"], RELEVANT) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y"], RELEVANT) == 0.0
    assert reciprocal_rank([], RELEVANT) == 0.0


def test_query_score_cuts_the_reciprocal_rank_at_ten():
    late = [f"other-{n}" for n in range(10)] + ["a"]
    score = score_query("q1", "cross", late, RELEVANT)
    assert score.reciprocal_rank == 0.0
    assert score.recall_at_10 == 0.0
    assert score_query("q2", "same", ["x", "b"], RELEVANT).reciprocal_rank == 0.5


def test_summaries_by_kind_average_each_group():
    scores = [
        score_query("q1", "cross", ["a", "b", "c", "d"], RELEVANT),  # perfect
        score_query("q2", "cross", ["x", "y"], RELEVANT),  # nothing
        score_query("q3", "same", ["x", "a"], RELEVANT),
    ]
    summary = by_kind(scores)
    assert summary["all"].queries == 3
    assert summary["cross"].recall_at_10 == pytest.approx(0.5)
    assert summary["cross"].mrr == pytest.approx(0.5)
    assert summary["cross"].precision_at_5 == pytest.approx(0.4)
    assert summary["same"].recall_at_10 == pytest.approx(0.25)
    assert summary["same"].mrr == pytest.approx(0.5)
    assert summary["all"].mrr == pytest.approx(0.5)
    assert summary["all"].recall_at_10 == pytest.approx((1 + 0 + 0.25) / 3)


def test_an_empty_group_has_no_figures():
    summary = by_kind([score_query("q1", "cross", ["a"], RELEVANT)])
    assert summary["same"].queries == 0
    assert math.isnan(summary["same"].recall_at_10)


def test_percentile_uses_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]  # 1 .. 100
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile(reversed(values), 1.0) == 100.0
    assert percentile([7.0], 0.99) == 7.0
    assert math.isnan(percentile([], 0.5))
