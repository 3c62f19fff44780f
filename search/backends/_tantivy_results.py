"""Facet counts and highlights of embedded search results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from search.backends._state_memo import keep
from search.backends._tantivy_schema import FACET_FIELDS
from search.explain import highlight_terms
from search.highlight import FRAGMENT_CHARS, highlight
from search.query import FacetValue

if TYPE_CHECKING:
    from collections.abc import Sequence

    import tantivy
    from tantivy import Query

    from search.backends._tantivy_query import QueryPlan
    from search.documents import Document

__all__ = ["facet_counts", "highlights"]

#: Highlights by (title, lead, body, what they depend on in the plan: its
#: language's terms and the query's expansions): the same recent items
#: are found by the same popular queries again and again.
_HIGHLIGHTS: dict[tuple[object, ...], dict[str, str]] = {}
_MAX_HIGHLIGHTS: Final = 4096


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
    key = (
        document.title,
        document.lead,
        document.body,
        plan.highlight_key(document.locale),
    )
    cached = _HIGHLIGHTS.get(key)
    if cached is not None:
        return dict(cached)
    own = plan.highlight.get(document.locale)
    terms = highlight_terms(
        document, own, plan.expansions, plan.translated_from, plan.unsearched
    )
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
    keep(_HIGHLIGHTS, key, result, _MAX_HIGHLIGHTS)
    return dict(result)
