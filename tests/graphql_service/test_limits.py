"""Depth, alias, token and cost limits (in-process, through schema.execute)."""

from __future__ import annotations

import pytest
from graphql import parse

from graphql_service.cost import LIST_FACTOR, operation_cost
from graphql_service.schema import get_schema

pytestmark = pytest.mark.anyio

DEEP = """
{ newsArticles(first: 1) { edges { node { translations { translations {
  translations { translations { translations { translations { title } } } } } } } } }
}
"""

ALIASES = "{ " + " ".join(f"a{n}: themes {{ slug }}" for n in range(11)) + " }"

COSTLY = """
{ newsArticles(first: 20) { edges { node {
  translations { themes { name } countries { name } goals { name } }
} } } }
"""

FEED = """
query Feed($first: Int!) {
  newsArticles(locale: "da", first: $first) {
    totalCount
    edges { node { title image { rendition(width: 400) { url } } } }
  }
}
"""


async def test_too_deep_queries_are_refused(execute) -> None:
    result = await execute(DEEP)

    assert result.data is None
    assert [error.message for error in result.errors] == [
        "'anonymous' exceeds maximum operation depth of 8"
    ]


async def test_too_many_aliases_are_refused(execute) -> None:
    result = await execute(ALIASES)

    assert [error.message for error in result.errors] == [
        "11 aliases found. Allowed: 10"
    ]


async def test_too_costly_queries_are_refused_with_the_cost(execute) -> None:
    result = await execute(COSTLY)

    assert result.data is None
    error = result.errors[0]
    assert error.message == (
        "Query cost 6642 exceeds the budget of 2000: ask for fewer items per page "
        "(first/limit) or fewer nested lists."
    )
    assert error.extensions == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 6642,
        "maxCost": 2000,
    }


def test_cost_counts_pages_once_per_item() -> None:
    schema = get_schema()._schema

    small = operation_cost(schema, parse(FEED), None, {"first": 5}, max_page_size=50)
    large = operation_cost(schema, parse(FEED), None, {"first": 20}, max_page_size=50)
    unknown = operation_cost(schema, parse(FEED), None, {}, max_page_size=50)

    # newsArticles + totalCount + edges + 5 x (node, title, image, rendition, url)
    assert small == 1 + 1 + 1 + 5 * (1 + 1 + 1 + 1 + 1)
    assert large == 1 + 1 + 1 + 20 * 5
    assert unknown == 1 + 1 + 1 + 50 * 5
    assert LIST_FACTOR == 10


async def test_queries_under_the_limits_run(execute) -> None:
    result = await execute(FEED, {"first": 2})

    assert result.errors is None
    assert len(result.data["newsArticles"]["edges"]) == 2
