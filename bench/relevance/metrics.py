"""Ranking metrics of the relevance benchmark: pure functions on ranked ids.

A ranking is the list of collection ids a search returned, best first (ids
that are not in the collection, e.g. other content of the hub, count as not
relevant); ``relevant`` is the set of ids judged relevant for the query.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean


def recall_at(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """Share of the relevant ids found in the first ``k`` results."""
    if not relevant:
        raise ValueError("a query needs at least one relevant document")
    return len(set(ranking[:k]) & relevant) / len(relevant)


def precision_at(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """Share of the first ``k`` places that hold a relevant id (an empty place
    counts as a miss, so a short list cannot score higher)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    return sum(1 for doc_id in dict.fromkeys(ranking[:k]) if doc_id in relevant) / k


def reciprocal_rank(ranking: Sequence[str], relevant: set[str]) -> float:
    """1 / the rank of the first relevant id; 0 when none was returned."""
    for rank, doc_id in enumerate(ranking, start=1):
        if doc_id in relevant:
            return 1.0 / rank
    return 0.0


def percentile(values: Iterable[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0-1); NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    if not 0 < share <= 1:
        raise ValueError("share must be in (0, 1]")
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class QueryScore:
    """The figures of one query."""

    query_id: str
    kind: str
    recall_at_10: float
    precision_at_5: float
    reciprocal_rank: float


def score_query(
    query_id: str, kind: str, ranking: Sequence[str], relevant: set[str]
) -> QueryScore:
    return QueryScore(
        query_id=query_id,
        kind=kind,
        recall_at_10=recall_at(ranking, relevant, 10),
        precision_at_5=precision_at(ranking, relevant, 5),
        reciprocal_rank=reciprocal_rank(ranking[:10], relevant),
    )


@dataclass(frozen=True)
class Summary:
    """Means over a group of queries (NaN for an empty group)."""

    queries: int
    recall_at_10: float
    precision_at_5: float
    mrr: float


def summarise(scores: Sequence[QueryScore]) -> Summary:
    if not scores:
        return Summary(0, math.nan, math.nan, math.nan)
    return Summary(
        queries=len(scores),
        recall_at_10=fmean(s.recall_at_10 for s in scores),
        precision_at_5=fmean(s.precision_at_5 for s in scores),
        mrr=fmean(s.reciprocal_rank for s in scores),
    )


def by_kind(scores: Sequence[QueryScore]) -> dict[str, Summary]:
    """Summaries for all queries, the cross-language ones and the same-language ones."""
    return {
        "all": summarise(scores),
        "cross": summarise([s for s in scores if s.kind == "cross"]),
        "same": summarise([s for s in scores if s.kind == "same"]),
    }
