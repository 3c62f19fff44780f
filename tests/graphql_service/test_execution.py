"""The scalar-field shortcut answers exactly like graphql-core's normal path."""

from __future__ import annotations

from enum import Enum

import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig

from graphql_service.common.scalars import SCALAR_MAP
from graphql_service.common.types import all_content_types
from graphql_service.execution import HubExecutionContext
from graphql_service.schema import Query, build_schema
from graphql_service.settings import Settings
from tests.graphql_service.conftest import Executor

pytestmark = pytest.mark.anyio

QUERIES = [
    """{ newsArticles(locale: "da", first: 5) { totalCount edges { cursor node {
         id documentId title lead url locale isFallback date publishedAt
         image { alt credit width height rendition(width: 400) { url width height } }
         themes { slug name } } } } }""",
    """{ search(text: "integration arbejdsmarked", locale: "da", first: 5) {
         totalCount didYouMean facets { types { value count }
         themes { theme { slug name } count } years { value count } }
         edges { node { __typename id title url } highlights { title lead } } } }""",
    """{ events(first: 5) { edges { node { title start end timeZone kind
         isCancelled venue { name city } } } } }""",
]


@pytest.mark.parametrize("query", QUERIES)
async def test_answers_match_the_normal_path(execute: Executor, query: str) -> None:
    fast = await execute(query)
    plain = await Executor(
        strawberry.Schema(  # type: ignore[arg-type]
            query=Query,
            types=all_content_types(),
            config=StrawberryConfig(scalar_map=SCALAR_MAP),
        ),
        execute.backend,
        execute.settings,
        execute.terms,
    )(query)
    assert fast.errors is None and plain.errors is None, (fast.errors, plain.errors)
    assert fast.data == plain.data
    assert build_schema(Settings()).execution_context_class is HubExecutionContext


@strawberry.enum
class Colour(Enum):
    RED = "red"


@strawberry.type
class Thing:
    name: str
    nickname: str | None
    colour: Colour
    size: int


@strawberry.type
class ThingQuery:
    @strawberry.field
    def things(self) -> list[Thing | None]:
        return [
            Thing(name="ok", nickname=None, colour=Colour.RED, size=3),
            Thing(name=None, nickname="x", colour=Colour.RED, size=2**40),  # type: ignore[arg-type]
        ]


async def test_nulls_and_bad_values_still_fail_where_the_spec_says() -> None:
    schema = strawberry.Schema(
        query=ThingQuery, execution_context_class=HubExecutionContext
    )
    result = await schema.execute("{ things { nickname colour size } }")
    assert result.data == {
        "things": [{"nickname": None, "colour": "RED", "size": 3}, None]
    }
    assert [error.path for error in result.errors or []] == [["things", 1, "size"]]
    assert "Int cannot represent" in result.errors[0].message  # type: ignore[index]

    result = await schema.execute("{ things { name } }")
    assert result.data == {"things": [{"name": "ok"}, None]}
    assert [error.path for error in result.errors or []] == [["things", 1, "name"]]
    assert "non-nullable" in result.errors[0].message  # type: ignore[index]
