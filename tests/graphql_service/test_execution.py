"""The plain-field shortcuts answer exactly like graphql-core's normal path."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest
import strawberry
from strawberry.extensions import ParserCache
from strawberry.schema.config import StrawberryConfig

from graphql_service import execution
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
class Part:
    label: str


@strawberry.type
class Thing:
    name: str
    nickname: str | None
    colour: Colour
    size: int
    part: Part | None = None
    whole: Part = strawberry.field(default_factory=lambda: Part(label="whole"))
    #: A value of the wrong type where a ``Part`` belongs.
    odd: Part | None = None
    tags: list[str] = strawberry.field(default_factory=lambda: ["a", "b"])
    pieces: list[Part | None] = strawberry.field(
        default_factory=lambda: [Part(label="p"), None]
    )

    @strawberry.field
    def scaled(self, factor: int = 2, label: str | None = None) -> Part:
        if factor < 0:
            raise ValueError("factor: must not be negative")
        return Part(label=f"{label or self.name}:{self.size * factor}")

    @strawberry.field
    def maybe(self) -> Part | None:
        return self.part

    @strawberry.field
    async def later(self) -> str:
        return f"later {self.size}"


@strawberry.type
class ThingQuery:
    @strawberry.field
    def odd_things(self) -> list[Thing]:
        return [
            Thing(name="fine", nickname=None, colour=Colour.RED, size=1),
            Thing(
                name="odd",
                nickname=None,
                colour=Colour.RED,
                size=2,
                odd="x",  # type: ignore[arg-type]
                tags=["c", None],  # type: ignore[list-item]
            ),
        ]

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


async def assert_same_answers(
    fast: strawberry.Schema,
    plain: strawberry.Schema,
    queries: list[tuple[str, dict[str, Any] | None]],
) -> None:
    """Both schemas give the same data and the same errors at the same paths."""
    for query, variables in queries:
        ours = await fast.execute(query, variable_values=variables)
        theirs = await plain.execute(query, variable_values=variables)
        assert ours.data == theirs.data, query
        assert [(e.message, e.path) for e in ours.errors or []] == [
            (e.message, e.path) for e in theirs.errors or []
        ], query


async def test_objects_and_methods_answer_like_the_normal_path() -> None:
    fast = strawberry.Schema(
        query=ThingQuery, execution_context_class=HubExecutionContext
    )
    plain = strawberry.Schema(query=ThingQuery)
    queries = [
        ("{ things { part { label } whole { label } maybe { label } } }", None),
        (
            "query Q($f: Int!, $l: String) { things { a: scaled { label } "
            "b: scaled(factor: $f, label: $l) { label } } }",
            {"f": 3, "l": "x"},
        ),
        ("query Q($f: Int!) { things { scaled(factor: $f) { label } } }", {"f": -1}),
        ("{ things { scaled(factor: 2) { label } } }", None),
    ]
    await assert_same_answers(fast, plain, queries)
    broken = await fast.execute(
        "query Q($f: Int!) { things { scaled(factor: $f) { label } } }",
        variable_values={"f": -1},
    )
    assert broken.data == {"things": [None, None]}
    assert [error.path for error in broken.errors or []] == [
        ["things", 0, "scaled"],
        ["things", 1, "scaled"],
    ]


async def test_fields_keep_the_selection_order_around_objects_and_awaits() -> None:
    """Plain scalars are read in one pass beside graphql-core's other fields;
    the answer keeps the query's order, nulls and errors included."""
    fast = strawberry.Schema(
        query=ThingQuery, execution_context_class=HubExecutionContext
    )
    plain = strawberry.Schema(query=ThingQuery)
    selections = [
        # graphql-core's part answers at once ...
        ["colour", "whole { label }", "size", "maybe { label }", "n: name"],
        # ... or later
        ["later", "colour", "whole { label }", "nickname", "l2: later", "n: name"],
    ]
    for fields in selections:
        query = "{ things { " + " ".join(fields) + " } }"
        ours = await fast.execute(query)
        theirs = await plain.execute(query)
        assert ours.data == theirs.data
        first = ours.data["things"][0]  # type: ignore[index]
        assert list(first) == [field.split()[0].rstrip(":") for field in fields]
        assert ours.data["things"][1] is None  # type: ignore[index]
        assert [(e.message, e.path) for e in ours.errors or []] == [
            (e.message, e.path) for e in theirs.errors or []
        ]
        assert ours.errors and ours.errors[0].path[:2] == ["things", 1]


async def test_whole_plain_selections_answer_like_the_normal_path() -> None:
    """Fragments, directives, aliases, ``__typename`` and a value of the wrong
    type inside selections that are answered in one loop."""
    fast = strawberry.Schema(
        query=ThingQuery, execution_context_class=HubExecutionContext
    )
    plain = strawberry.Schema(query=ThingQuery)
    queries = [
        (
            "query Q($more: Boolean!) { things { __typename ...T "
            "whole { ... on Part { label } l: label } "
            "size @include(if: $more) c: colour @skip(if: $more) } } "
            "fragment T on Thing { nickname part { __typename label } }",
            {"more": True},
        ),
        (
            "query Q($more: Boolean!) { things { size @include(if: $more) } }",
            {"more": False},
        ),
        ("{ oddThings { name size odd { label } } }", None),
        ("{ oddThings { name scaled(factor: 3) { label } } }", None),
        ("{ oddThings { name pieces { label } tags } }", None),
        ("{ things { pieces { label } tags } }", None),
    ]
    await assert_same_answers(fast, plain, queries)
    odd = await fast.execute("{ oddThings { name odd { label } } }")
    assert odd.data == {
        "oddThings": [{"name": "fine", "odd": None}, {"name": "odd", "odd": None}]
    }
    assert [error.path for error in odd.errors or []] == [
        ["oddThings", 1, "odd", "label"]
    ]


async def test_a_plain_selection_runs_no_field_of_graphql_cores_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Objects of plain fields, nested objects and methods included, are
    answered without graphql-core executing their fields one by one."""
    executed: list[str] = []
    normal = HubExecutionContext.execute_fields

    def counted(self: Any, parent_type: Any, *args: Any, **kwargs: Any) -> Any:
        executed.append(parent_type.name)
        return normal(self, parent_type, *args, **kwargs)

    monkeypatch.setattr(HubExecutionContext, "execute_fields", counted)
    fast = strawberry.Schema(
        query=ThingQuery, execution_context_class=HubExecutionContext
    )
    result = await fast.execute(
        "{ oddThings { __typename name colour whole { label } scaled { label } "
        "pieces { label } } }"
    )
    assert result.errors is None
    assert result.data == {
        "oddThings": [
            {
                "__typename": "Thing",
                "name": name,
                "colour": "RED",
                "whole": {"label": "whole"},
                "scaled": {"label": label},
                "pieces": [{"label": "p"}, None],
            }
            for name, label in (("fine", "fine:2"), ("odd", "odd:4"))
        ]
    }
    assert executed == ["ThingQuery"]


async def test_executions_of_one_document_share_its_compiled_selections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same document with the same variables compiles once; other
    variables (directives, method arguments) compile their own steps."""
    compiled: list[str] = []
    normal = HubExecutionContext._compile

    def counted(self: Any, object_type: Any, *args: Any) -> Any:
        compiled.append(object_type.name)
        return normal(self, object_type, *args)

    monkeypatch.setattr(HubExecutionContext, "_compile", counted)
    fast = strawberry.Schema(  # documents parsed once, as the service's are
        query=ThingQuery,
        execution_context_class=HubExecutionContext,
        extensions=[ParserCache],
    )
    plain = strawberry.Schema(query=ThingQuery)
    query = (
        "query Q($f: Int!, $more: Boolean!) { oddThings { name "
        "size @include(if: $more) scaled(factor: $f) { label } } }"
    )
    runs = [{"f": 2, "more": True}, {"f": 3, "more": True}, {"f": 2, "more": False}]
    for variables in runs * 2:
        ours = await fast.execute(query, variable_values=variables)
        theirs = await plain.execute(query, variable_values=variables)
        assert ours.errors is None
        assert ours.data == theirs.data, variables
    # Thing and Part per set of variables, the first time only.
    assert compiled == ["Thing", "Part"] * len(runs)


async def test_the_shared_memo_of_selections_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(execution, "SHARED_SELECTIONS", 4)
    fast = strawberry.Schema(
        query=ThingQuery, execution_context_class=HubExecutionContext
    )
    for factor in range(10):
        result = await fast.execute(
            "query Q($f: Int!) { oddThings { scaled(factor: $f) { label } } }",
            variable_values={"f": factor},
        )
        assert result.data == {
            "oddThings": [
                {"scaled": {"label": f"fine:{factor}"}},
                {"scaled": {"label": f"odd:{2 * factor}"}},
            ]
        }
    assert 0 < len(execution._SHARED[fast._schema]) <= 4
