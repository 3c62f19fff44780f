"""Facet counts and highlights of embedded search results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from search.backends._tantivy_schema import FACET_FIELDS
from search.highlight import FRAGMENT_CHARS, highlight
from search.query import FacetValue

if TYPE_CHECKING:
    from collections.abc import Sequence

    import tantivy
    from tantivy import Query

    from search.backends._tantivy_query import QueryPlan
    from search.documents import Document

__all__ = ["facet_counts", "highlights"]


def facet_counts(
    searcher: tantivy.Searcher, query: Query, names: Sequence[str]
) -> dict[str, list[FacetValue]]:
    request = {
        name: {"terms": {"field": FACET_FIELDS[name], "size": 500}} for name in names
    }
    response = searcher.aggregate(query, request)
    facets: dict[str, list[FacetValue]] = {}
    for name in names:
        values = []
        for bucket in response.get(name, {}).get("buckets", []):
            key = bucket["key"]
            value = str(int(key)) if isinstance(key, float) else str(key)
            values.append(FacetValue(value, int(bucket["doc_count"])))
        values.sort(key=lambda item: (-item.count, item.value))
        facets[name] = values
    return facets


def highlights(document: Document, plan: QueryPlan) -> dict[str, str]:
    terms = plan.highlight.get(document.locale)
    if terms is None:
        return {}
    result: dict[str, str] = {}
    for name, text, size in (
        ("title", document.title, None),
        ("lead", document.lead, None),
        ("body", document.body, FRAGMENT_CHARS),
    ):
        marked = highlight(text, document.locale, terms, fragment_chars=size)
        if marked is not None:
            result[name] = marked
    return result
