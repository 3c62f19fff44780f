"""GraphQL over HTTP, one row per rule, through a real uvicorn server.

The rules are the MUST and SHOULD statements of the GraphQL-over-HTTP draft
with its legacy watershed: ``application/graphql-response+json`` answers a
GraphQL request error with 400, ``application/json`` (legacy clients) with
200; a request that is not well-formed is 400 with both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

GQL = "application/graphql-response+json"
LEGACY = "application/json"
TYPENAME = "{ __typename }"
FEED = (
    "query Feed($locale: LocaleCode!) "
    "{ newsArticles(locale: $locale, first: 1) { totalCount } }"
)


@dataclass(frozen=True)
class Rule:
    """One request and what the rule says about its answer."""

    rule: str
    method: str = "POST"
    json_body: Any = None
    content: bytes | None = None
    params: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    no_accept: bool = False
    status: int = 200
    content_type: str | None = GQL
    check: Callable[[dict[str, Any]], bool] | None = None


def has_data(body: dict[str, Any]) -> bool:
    return "data" in body


def request_error(code: str) -> Callable[[dict[str, Any]], bool]:
    def check(body: dict[str, Any]) -> bool:
        return "data" not in body and body["errors"][0]["extensions"]["code"] == code

    return check


def ok(body: dict[str, Any]) -> bool:
    return body == {"data": {"__typename": "Query"}}


def both(rule: str, status_gql: int, status_legacy: int, **request: Any) -> list[Rule]:
    """The same request with each media type (the watershed)."""
    check = request.pop("check", None)
    extra = request.pop("extra_headers", {})
    return [
        Rule(
            f"{rule} [{GQL}]",
            headers={**extra, "Accept": GQL},
            status=status_gql,
            content_type=GQL,
            check=check,
            **request,
        ),
        Rule(
            f"{rule} [{LEGACY}]",
            headers={**extra, "Accept": LEGACY},
            status=status_legacy,
            content_type=LEGACY,
            check=check,
            **request,
        ),
    ]


RULES: list[Rule] = [
    # Request: methods.
    Rule("MUST accept POST", json_body={"query": TYPENAME}, check=ok),
    Rule("MAY accept GET", method="GET", params={"query": TYPENAME}, check=ok),
    Rule(
        "405 with Allow for other methods",
        method="PUT",
        json_body={"query": TYPENAME},
        status=405,
        check=request_error("METHOD_NOT_ALLOWED"),
    ),
    Rule(
        "MUST NOT run a mutation over GET: 405",
        method="GET",
        params={"query": "mutation { doSomething }"},
        status=405,
        check=request_error("METHOD_NOT_ALLOWED"),
    ),
    # Request: GET parameters.
    Rule(
        "GET variables are JSON",
        method="GET",
        params={"query": FEED, "variables": json.dumps({"locale": "da"})},
        check=has_data,
    ),
    Rule(
        "GET variables that are not JSON: 400",
        method="GET",
        params={"query": FEED, "variables": "{da"},
        status=400,
        check=request_error("BAD_REQUEST"),
    ),
    Rule(
        "GET empty optional parameters are absent",
        method="GET",
        params={
            "query": TYPENAME,
            "operationName": "",
            "variables": "",
            "extensions": "",
        },
        check=ok,
    ),
    # Request: POST body and Content-Type.
    Rule(
        "MUST accept application/json with charset=utf-8",
        content=b'{"query": "{ __typename }"}',
        headers={"Content-Type": "application/json; charset=UTF-8"},
        check=ok,
    ),
    Rule(
        "MUST assume UTF-8 without a charset",
        content='{"query": "{ __typename } # æøå þð"}'.encode(),
        headers={"Content-Type": "application/json"},
        check=ok,
    ),
    Rule(
        "another charset: 415",
        content='{"query": "{ __typename }"}'.encode("utf-16"),
        headers={"Content-Type": "application/json; charset=utf-16"},
        status=415,
        check=request_error("UNSUPPORTED_MEDIA_TYPE"),
    ),
    Rule(
        "SHOULD reject a POST without Content-Type (4xx)",
        content=b'{"query": "{ __typename }"}',
        status=415,
        check=request_error("UNSUPPORTED_MEDIA_TYPE"),
    ),
    Rule(
        "an unsupported Content-Type: 415",
        content=b"query={ __typename }",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        status=415,
        check=request_error("UNSUPPORTED_MEDIA_TYPE"),
    ),
    Rule(
        "null optional parameters are absent",
        json_body={
            "query": TYPENAME,
            "operationName": None,
            "variables": None,
            "extensions": None,
        },
        check=ok,
    ),
    Rule(
        "MUST ignore members it does not understand",
        json_body={"query": TYPENAME, "documentId": "x", "more": [1]},
        check=ok,
    ),
    Rule(
        "extensions are a map; unknown ones are ignored",
        json_body={"query": TYPENAME, "extensions": {"tracing": True}},
        check=ok,
    ),
    # Response: Accept and the media types.
    Rule(
        "MUST answer in application/graphql-response+json when asked",
        json_body={"query": TYPENAME},
        headers={"Accept": GQL},
        check=ok,
    ),
    Rule(
        "MUST answer in application/json when asked",
        json_body={"query": TYPENAME},
        headers={"Accept": LEGACY},
        content_type=LEGACY,
        check=ok,
    ),
    Rule(
        "MUST use the highest priority type (application/json first)",
        json_body={"query": TYPENAME},
        headers={"Accept": f"{LEGACY}, {GQL};q=0.9"},
        content_type=LEGACY,
        check=ok,
    ),
    Rule(
        "MUST use the highest priority type (the GraphQL type first)",
        json_body={"query": TYPENAME},
        headers={"Accept": f"{LEGACY};q=0.9, {GQL}"},
        check=ok,
    ),
    Rule(
        "a wildcard gets the GraphQL type",
        json_body={"query": TYPENAME},
        headers={"Accept": "*/*"},
        check=ok,
    ),
    Rule(
        "SHOULD treat a missing Accept as the GraphQL type",
        json_body={"query": TYPENAME},
        no_accept=True,
        check=ok,
    ),
    Rule(
        "nothing acceptable: 406",
        json_body={"query": TYPENAME},
        headers={"Accept": "text/xml, application/graphql-response+json;q=0"},
        status=406,
        content_type=LEGACY,
        check=request_error("NOT_ACCEPTABLE"),
    ),
    # Status codes: not well-formed requests are 400 with both types.
    *both(
        "a body that is not JSON",
        400,
        400,
        content=b'{"query":',
        extra_headers={"Content-Type": "application/json"},
        check=request_error("BAD_REQUEST"),
    ),
    *both(
        "a missing query",
        400,
        400,
        json_body={"qeury": TYPENAME},
        check=request_error("BAD_REQUEST"),
    ),
    *both(
        "a query that is not a string",
        400,
        400,
        json_body={"query": {"a": 1}},
        check=request_error("BAD_REQUEST"),
    ),
    *both(
        "variables that are not a map",
        400,
        400,
        json_body={"query": FEED, "variables": [7]},
        check=request_error("BAD_REQUEST"),
    ),
    # Status codes: GraphQL request errors, the watershed.
    *both(
        "a document that does not parse",
        400,
        200,
        json_body={"query": "{"},
        check=request_error("GRAPHQL_PARSE_FAILED"),
    ),
    *both(
        "a document that does not validate",
        400,
        200,
        json_body={"query": "{ nothing }"},
        check=request_error("GRAPHQL_VALIDATION_FAILED"),
    ),
    *both(
        "an operation that cannot be determined",
        400,
        200,
        json_body={"query": "query A { __typename } query B { __typename }"},
        check=request_error("BAD_REQUEST"),
    ),
    *both(
        "variables that cannot be coerced",
        400,
        200,
        json_body={"query": FEED, "variables": {"locale": None}},
        check=lambda body: "data" not in body and len(body["errors"]) == 1,
    ),
    # Status codes: executed operations are 200 with both types.
    *both(
        "MUST use 2xx when data is present",
        200,
        200,
        json_body={"query": FEED, "variables": {"locale": "da"}},
        check=lambda body: body["data"]["newsArticles"]["totalCount"] >= 1,
    ),
    *both(
        "field errors are 200 with data",
        200,
        200,
        json_body={"query": "{ newsArticles(first: 99) { totalCount } }"},
        check=lambda body: (
            has_data(body) and body["errors"][0]["path"] == ["newsArticles"]
        ),
    ),
    # Status codes: a client that may not ask.
    *both(
        "an unknown key: 401",
        401,
        401,
        json_body={"query": TYPENAME},
        extra_headers={"X-API-Key": "nobody"},
        check=request_error("UNAUTHENTICATED"),
    ),
]


def send(server, client: httpx.Client, rule: Rule) -> httpx.Response:
    headers = dict(rule.headers)
    request = client.build_request(
        rule.method,
        server.url,
        params=rule.params,
        json=rule.json_body,
        content=rule.content,
        headers=headers,
    )
    if rule.content is not None and "Content-Type" not in headers:
        request.headers.pop("content-type", None)
    if rule.no_accept:
        request.headers.pop("accept", None)
    return client.send(request)


@pytest.mark.parametrize("rule", RULES, ids=[rule.rule for rule in RULES])
def test_rule(server, client: httpx.Client, rule: Rule) -> None:
    response = send(server, client, rule)

    assert response.status_code == rule.status, response.text
    if rule.content_type is not None:
        expected = f"{rule.content_type}; charset=utf-8"
        assert response.headers["content-type"] == expected
    if rule.status == 405:
        assert response.headers["allow"]
    if rule.check is not None:
        assert rule.check(response.json()), response.text
