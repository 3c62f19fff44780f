"""Deep, long and wide documents get a clear GraphQL error, never a 500.

The reported case (a 10 KB chain of 250 fragments answered 500), the limits
that now answer it (nesting, depth and aliases measured once per fragment,
the cost walk), and a seeded fuzz run of documents of every shape through
real servers: one with the test limits, one whose body, token, alias and
cost limits let every document reach validation and execution.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from graphql import parse

from graphql_service.cost import operation_cost
from graphql_service.document_limits import MAX_NESTING
from graphql_service.schema import HubSchema

RESPONSE = "application/graphql-response+json"
#: Seconds any single document may take to be answered.
PROMPT = 10.0


def fragment_chain(length: int) -> str:
    """``{ themes { ...F0 } }`` where each fragment spreads the next one."""
    fragments = " ".join(
        f"fragment F{n} on Theme {{ slug ...F{n + 1} }}" for n in range(length)
    )
    return (
        f"query {{ themes {{ ...F0 }} }} {fragments} "
        f"fragment F{length} on Theme {{ slug }}"
    )


def fragment_diamond(levels: int, width: int = 2, field: str = "slug") -> str:
    """Each fragment spreads the next ``width`` times: a walk that follows
    every spread visits ``width ** levels`` fragments."""
    fragments = " ".join(
        f"fragment F{n} on Theme {{ {field} " + f"...F{n + 1} " * width + "}"
        for n in range(levels)
    )
    return (
        f"query {{ themes {{ ...F0 }} }} {fragments} "
        f"fragment F{levels} on Theme {{ slug }}"
    )


def nested_list(levels: int) -> str:
    """JSON text of ``"x"`` in ``levels`` arrays (deeper than encoders go)."""
    return "[" * levels + '"x"' + "]" * levels


def post(
    client: httpx.Client, url: str, query: str, variables: str | None = None
) -> httpx.Response:
    """POST ``query`` with ``variables`` given as JSON text."""
    body = f'{{"query": {json.dumps(query)}, "variables": {variables or "null"}}}'
    return client.post(
        url,
        content=body,
        headers={"Accept": RESPONSE, "Content-Type": "application/json"},
        timeout=PROMPT,
    )


def refusal(response: httpx.Response) -> dict[str, Any]:
    """The only error of a 400 GraphQL response."""
    assert response.status_code == 400, response.text[:500]
    assert response.headers["content-type"].startswith(RESPONSE)
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    return dict(error)


# -- the reported case ----------------------------------------------------------


@pytest.mark.parametrize("length", [150, 200, 250, 400])
def test_a_long_fragment_chain_is_refused_as_too_deep(
    server, client: httpx.Client, length: int
) -> None:
    query = fragment_chain(length)

    error = refusal(post(client, server.url, query))

    # The operation, themes' selection and the fragments F0..F{length}.
    assert error["extensions"] == {
        "code": "QUERY_TOO_DEEP",
        "nesting": length + 3,
        "maxNesting": MAX_NESTING,
    }
    assert error["message"] == (
        f"The document nests selections {length + 3} levels deep, counting those "
        f"of the fragments it spreads: at most {MAX_NESTING} are allowed."
    )
    assert error["locations"] == [{"line": 1, "column": 1}]


@pytest.mark.anyio
async def test_the_schema_answers_a_long_fragment_chain_with_errors(execute) -> None:
    result = await execute(fragment_chain(250))

    assert result.data is None
    [error] = result.errors
    assert error.extensions["code"] == "QUERY_TOO_DEEP"


@pytest.mark.anyio
async def test_a_recursion_error_while_validating_is_a_clear_error(
    execute, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*args: Any, **kwargs: Any) -> list[Any]:
        raise RecursionError

    monkeypatch.setattr("graphql_service.extensions.validate", exhausted)

    result = await execute("{ themes { slug name } }")

    [error] = result.errors
    assert error.extensions == {"code": "QUERY_TOO_COMPLEX"}
    assert error.message.startswith("Validation aborted: the document is too complex")


def test_a_fragment_chain_up_to_the_nesting_limit_runs(
    server, client: httpx.Client
) -> None:
    longest = MAX_NESTING - 3

    allowed = post(client, server.url, fragment_chain(longest))
    refused = post(client, server.url, fragment_chain(longest + 1))

    assert allowed.status_code == 200
    slugs = [theme["slug"] for theme in allowed.json()["data"]["themes"]]
    assert slugs and all(slugs)
    assert refusal(refused)["extensions"]["nesting"] == MAX_NESTING + 1


def test_a_cycle_through_many_fragments_is_refused_as_too_deep(
    server, client: httpx.Client
) -> None:
    length = 300
    fragments = " ".join(
        f"fragment F{n} on Theme {{ slug ...F{(n + 1) % length} }}"
        for n in range(length)
    )

    error = refusal(post(client, server.url, f"{{ themes {{ ...F0 }} }} {fragments}"))

    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"


def test_a_short_fragment_cycle_is_a_validation_error(
    server, client: httpx.Client
) -> None:
    query = (
        "{ themes { ...A } } fragment A on Theme { slug ...B } "
        "fragment B on Theme { slug ...A }"
    )

    response = post(client, server.url, query)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["message"] == "Cannot spread fragment 'A' within itself via 'B'."
    assert {error["extensions"]["code"] for error in errors} == {
        "GRAPHQL_VALIDATION_FAILED"
    }


def test_an_unknown_fragment_is_a_validation_error(
    server, client: httpx.Client
) -> None:
    error = refusal(post(client, server.url, "{ themes { slug ...Missing } }"))

    assert error["message"] == "Unknown fragment 'Missing'."
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


@pytest.mark.parametrize(
    "query",
    [
        "{ themes " + "{ slug ... on Theme " * 80 + "{ slug }" + " }" * 80 + " }",
        "{ themes(locale: " + "[" * 80 + "]" * 80 + ") { slug } }",
        "{ newsArticles(first: 1, themes: "
        + "[" * 5000
        + "]" * 5000
        + ") { totalCount } }",
    ],
    ids=["inline fragments", "list argument", "list argument past the parser"],
)
def test_deep_brackets_are_refused_before_parsing(
    server, client: httpx.Client, query: str
) -> None:
    error = refusal(post(client, server.url, query))

    assert error["message"] == (
        f"The document nests braces, brackets or parentheses more than "
        f"{MAX_NESTING} levels deep."
    )
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "maxNesting": MAX_NESTING}
    assert error["locations"][0]["line"] == 1


@pytest.mark.parametrize("levels", [MAX_NESTING, 300])
def test_deeply_nested_variables_are_refused(
    server, client: httpx.Client, levels: int
) -> None:
    query = (
        "query ($t: [String!]) { newsArticles(first: 1, themes: $t) { totalCount } }"
    )

    error = refusal(post(client, server.url, query, f'{{"t": {nested_list(levels)}}}'))

    assert error == {
        "message": f"Variables nest over {MAX_NESTING} levels deep.",
        "extensions": {"code": "QUERY_TOO_DEEP"},
    }


def test_variables_within_the_nesting_limit_are_coerced(
    server, client: httpx.Client
) -> None:
    query = (
        "query ($t: [String!]) { newsArticles(first: 1, themes: $t) { totalCount } }"
    )

    error = refusal(post(client, server.url, query, '{"t": [[["x"]]]}'))

    assert error["message"] == (
        "Variable '$t' has invalid value at [0]: String cannot represent a non "
        "string value: [['x']]"
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_depth_limit_counts_fields_through_fragments(
    server, client: httpx.Client
) -> None:
    query = (
        "{ newsArticles(first: 1) { edges { node { ...A } } } } "
        "fragment A on NewsArticle { translations { ...B } } "
        "fragment B on Content { translations { ...C } } "
        "fragment C on Content { translations { translations { translations { "
        "translations { title } } } } }"
    )

    error = refusal(post(client, server.url, query))

    assert error["message"] == "'anonymous' exceeds maximum operation depth of 8"
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "depth": 9, "maxDepth": 8}


# -- fragments spread more than once ----------------------------------------------


def test_fragments_spread_twice_at_every_level_are_answered_at_once(
    server, client: httpx.Client
) -> None:
    started = time.monotonic()

    error = refusal(post(client, server.url, fragment_diamond(40)))

    assert time.monotonic() - started < 2
    # Each level spreads the next one twice: 2**41 - 1 slugs, plus themes.
    assert error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 1 + 10 * (2**41 - 1),
        "maxCost": 2000,
    }


def test_aliases_count_every_spread_of_their_fragment(
    server, client: httpx.Client
) -> None:
    started = time.monotonic()

    error = refusal(post(client, server.url, fragment_diamond(30, field="a: slug")))

    assert time.monotonic() - started < 2
    assert error["message"] == f"{2**30 - 1} aliases found. Allowed: 10"
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "maxAliases": 10}


def test_cost_counts_fragments_however_deep_they_are_spread(
    schema: HubSchema,
) -> None:
    length = 55
    costly = "translations { ... on NewsArticle { themes { name } goals { name } } }"
    chained = (
        "{ newsArticles(first: 10) { edges { node { ...F0 } } } } "
        + " ".join(
            f"fragment F{n} on NewsArticle {{ title ...F{n + 1} }}"
            for n in range(length)
        )
        + f" fragment F{length} on NewsArticle {{ {costly} }}"
    )
    inlined = (
        "{ newsArticles(first: 10) { edges { node { "
        + "title " * length
        + costly
        + " } } } }"
    )

    def cost(query: str) -> int:
        return operation_cost(
            schema._schema, parse(query), None, None, max_page_size=20
        )

    assert cost(chained) == cost(inlined) > 2000


# -- fuzz -------------------------------------------------------------------------

#: Codes a refused document may carry.
CODES = {
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "QUERY_TOO_DEEP",
    "QUERY_TOO_COMPLEX",
    "QUERY_TOO_COSTLY",
    "BAD_REQUEST",
    "BAD_USER_INPUT",
    "PAYLOAD_TOO_LARGE",
}

#: Label, query, variables (JSON text).
Document = tuple[str, str, str | None]


def _nested_inline(rng: random.Random) -> Document:
    levels = rng.randint(1, 2000)
    query = (
        "{ themes "
        + "{ slug ... on Theme " * levels
        + "{ slug }"
        + " }" * levels
        + " }"
    )
    return f"inline x{levels}", query, None


def _nested_fields(rng: random.Random) -> Document:
    levels = rng.choice([rng.randint(1, 10), rng.randint(1, 2000)])
    query = (
        "{ newsArticles(first: 1) { edges { node { "
        + "translations { " * levels
        + "title"
        + " }" * levels
        + " } } } }"
    )
    return f"fields x{levels}", query, None


def _list_argument(rng: random.Random) -> Document:
    levels = rng.randint(1, 3000)
    value = "[" * levels + '"x"' + "]" * levels
    return (
        f"list argument x{levels}",
        f"{{ newsArticles(first: 1, themes: {value}) {{ totalCount }} }}",
        None,
    )


def _object_argument(rng: random.Random) -> Document:
    levels = rng.randint(1, 3000)
    value = "{a: " * levels + "1" + "}" * levels
    return (
        f"object argument x{levels}",
        f"{{ themes(locale: {value}) {{ slug }} }}",
        None,
    )


def _list_variable(rng: random.Random) -> Document:
    levels = rng.randint(1, 1500)
    query = (
        "query ($t: [String!]) { newsArticles(first: 1, themes: $t) { totalCount } }"
    )
    return f"list variable x{levels}", query, f'{{"t": {nested_list(levels)}}}'


def _chain(rng: random.Random) -> Document:
    length = rng.randint(10, 2000)
    return f"chain x{length}", fragment_chain(length), None


def _diamond(rng: random.Random) -> Document:
    levels, width = rng.randint(2, 60), rng.randint(2, 6)
    field = rng.choice(["slug", "a: slug"])
    return f"diamond {levels}x{width}", fragment_diamond(levels, width, field), None


def _cycle(rng: random.Random) -> Document:
    length = rng.randint(1, 500)
    fragments = " ".join(
        f"fragment F{n} on Theme {{ slug ...F{(n + 1) % length} }}"
        for n in range(length)
    )
    return f"cycle x{length}", f"{{ themes {{ ...F0 }} }} {fragments}", None


def _wide(rng: random.Random) -> Document:
    width = rng.randint(1, 3000)
    shape = rng.choice(["fields", "aliases", "spreads", "inline"])
    if shape == "fields":
        body = "slug " * width
    elif shape == "aliases":
        body = " ".join(f"a{n}: slug" for n in range(width))
    elif shape == "inline":
        body = "... on Theme { slug } " * width
    else:
        spreads = " ".join(f"...F{n}" for n in range(width))
        fragments = " ".join(f"fragment F{n} on Theme {{ slug }}" for n in range(width))
        return (
            f"wide spreads x{width}",
            f"{{ themes {{ {spreads} }} }} {fragments}",
            None,
        )
    return f"wide {shape} x{width}", f"{{ themes {{ {body} }} }}", None


def _mixed(rng: random.Random) -> Document:
    """A random tree of fields, inline fragments and spreads of fragments that
    are themselves random trees."""
    count = rng.randint(1, 200)

    def selection(budget: int, fragment: int) -> str:
        parts = ["slug"]
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if budget > 0 and kind < 0.4:
                parts.append(f"... on Theme {{ {selection(budget - 1, fragment)} }}")
            elif kind < 0.8 and fragment + 1 < count:
                parts.append(f"...F{rng.randint(fragment + 1, count - 1)}")
            else:
                parts.append(rng.choice(["name", "__typename", "locale", "x: slug"]))
        return " ".join(parts)

    fragments = " ".join(
        f"fragment F{n} on Theme {{ {selection(rng.randint(0, 40), n)} }}"
        for n in range(count)
    )
    return f"mixed x{count}", f"{{ themes {{ ...F0 }} }} {fragments}", None


SHAPES: tuple[Callable[[random.Random], Document], ...] = (
    _nested_inline,
    _nested_fields,
    _list_argument,
    _object_argument,
    _list_variable,
    _chain,
    _diamond,
    _cycle,
    _wide,
    _mixed,
)


def documents(seed: int, per_shape: int) -> Iterator[Document]:
    rng = random.Random(seed)
    for shape in SHAPES:
        for _ in range(per_shape):
            yield shape(rng)
    yield "reported", fragment_chain(250), None
    yield "long chain", fragment_chain(2000), None


def check_answer(label: str, response: httpx.Response) -> set[str]:
    """Assert a clear answer; its error codes."""
    context = f"{label}: {response.status_code} {response.text[:300]}"
    assert response.status_code in (200, 400, 413), context
    body = response.json()
    codes = {error["extensions"]["code"] for error in body.get("errors", [])}
    if response.status_code == 200:
        assert body["data"] is not None, context
        return codes | {"OK"}
    assert response.headers["content-type"].startswith(RESPONSE), context
    assert body.get("data") is None, context
    assert codes, context
    assert codes <= CODES, context
    return codes


def test_documents_of_every_shape_get_a_clear_answer(
    server, start_server, index_path, client: httpx.Client
) -> None:
    generous = start_server(
        index_path,
        GRAPHQL_MAX_BODY_BYTES="2000000",
        GRAPHQL_MAX_VARIABLES_BYTES="1000000",
        GRAPHQL_MAX_TOKENS="1000000",
        GRAPHQL_MAX_ALIASES="100000",
        GRAPHQL_MAX_COST="1000000000",
    )
    seen: set[str] = set()

    for label, query, variables in documents(seed=20260310, per_shape=6):
        for target in (server, generous):
            response = post(client, target.url, query, variables)
            seen |= check_answer(label, response)
        # The second time, the prepared document comes from the cache.
        check_answer(label, post(client, generous.url, query, variables))

    # The run reached every kind of answer, so it tests the limits.
    assert {
        "OK",
        "QUERY_TOO_DEEP",
        "QUERY_TOO_COSTLY",
        "GRAPHQL_VALIDATION_FAILED",
    } <= seen
