"""GraphQL over HTTP through a real uvicorn server: methods, media types, statuses."""

from __future__ import annotations

import json

import httpx

FEED = """
query Feed($locale: LocaleCode!) {
  newsArticles(locale: $locale, first: 2) { edges { node { documentId locale } } }
}
"""
FEED_DATA = {
    "data": {
        "newsArticles": {
            "edges": [
                {"node": {"documentId": "news:1", "locale": "da"}},
                {"node": {"documentId": "news:4", "locale": "da"}},
            ]
        }
    }
}
MUTATION = "mutation { doSomething }"
RESPONSE = "application/graphql-response+json"


def test_post_json(server, client: httpx.Client) -> None:
    response = client.post(
        server.url, json={"query": FEED, "variables": {"locale": "da"}}
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{RESPONSE}; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-request-id"]
    assert response.json() == FEED_DATA


def test_get_with_variables(server, client: httpx.Client) -> None:
    response = client.get(
        server.url,
        params={"query": FEED, "variables": json.dumps({"locale": "da"})},
        headers={"Accept": RESPONSE},
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{RESPONSE}; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=30"
    assert response.headers["etag"].startswith('"')
    assert response.json() == FEED_DATA


def test_accept_negotiation(server, client: httpx.Client) -> None:
    preferred = client.post(
        server.url,
        json={"query": "{ __typename }"},
        headers={"Accept": f"application/json;q=0.5, {RESPONSE}"},
    )
    json_only = client.post(
        server.url,
        json={"query": "{ __typename }"},
        headers={"Accept": "application/json"},
    )
    refused = client.post(
        server.url, json={"query": "{ __typename }"}, headers={"Accept": "text/xml"}
    )

    assert preferred.headers["content-type"].startswith(RESPONSE)
    assert json_only.headers["content-type"] == "application/json; charset=utf-8"
    assert refused.status_code == 406
    assert refused.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


def test_request_ids_are_echoed(server, client: httpx.Client) -> None:
    response = client.post(
        server.url,
        json={"query": "{ __typename }"},
        headers={"X-Request-Id": "abc-123"},
    )
    invalid = client.post(
        server.url, json={"query": "{ __typename }"}, headers={"X-Request-Id": "a b"}
    )

    assert response.headers["x-request-id"] == "abc-123"
    assert invalid.headers["x-request-id"] != "a b"


def test_mutations_over_get_are_405(server, client: httpx.Client) -> None:
    response = client.get(server.url, params={"query": MUTATION})

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json() == {
        "errors": [
            {
                "message": "Mutations are not allowed over GET: use POST.",
                "extensions": {"code": "METHOD_NOT_ALLOWED"},
            }
        ]
    }


def test_mutations_over_post_fail_validation(server, client: httpx.Client) -> None:
    response = client.post(server.url, json={"query": MUTATION})

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["message"] == "The mutation operation is not supported by the schema."
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


def test_other_methods_are_405(server, client: httpx.Client) -> None:
    response = client.put(server.url, json={"query": "{ __typename }"})

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST, OPTIONS"


def test_wrong_content_type_is_415(server, client: httpx.Client) -> None:
    form = client.post(server.url, data={"query": "{ __typename }"})
    graphql = client.post(
        server.url,
        content=b"{ __typename }",
        headers={"Content-Type": "application/graphql"},
    )
    missing = client.post(server.url, content=b'{"query": "{ __typename }"}')

    for response in (form, graphql, missing):
        assert response.status_code == 415
        assert response.json()["errors"][0]["extensions"]["code"] == (
            "UNSUPPORTED_MEDIA_TYPE"
        )


def test_malformed_bodies_are_400(server, client: httpx.Client) -> None:
    cases = {
        b"{not json": "The request body is not valid JSON.",
        b"[]": "Batched requests are not supported: send one operation.",
        b'"query"': "The request body must be a JSON object.",
        b"{}": "The request has no query.",
        b'{"query": 5}': "query must be a string.",
        b'{"query": "{ __typename }", "variables": [1]}': (
            "variables must be a JSON object."
        ),
        b'{"query": "{ __typename }", "operationName": 3}': (
            "operationName must be a string."
        ),
        b'{"query": "{ __typename }", "extensions": "x"}': (
            "extensions must be a JSON object."
        ),
    }
    for body, message in cases.items():
        response = client.post(
            server.url, content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400, body
        assert response.json()["errors"][0]["message"] == message


def test_malformed_get_parameters_are_400(server, client: httpx.Client) -> None:
    response = client.get(server.url, params={"query": FEED, "variables": "{nope"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "The variables parameter is not valid JSON."
    )


def test_syntax_and_validation_errors_are_400(server, client: httpx.Client) -> None:
    syntax = client.post(server.url, json={"query": "{ newsArticles { "})
    unknown = client.post(server.url, json={"query": "{ nothing }"})
    bad_variable = client.post(
        server.url, json={"query": FEED, "variables": {"locale": "de"}}
    )

    assert syntax.status_code == 400
    assert syntax.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert syntax.json()["errors"][0]["message"].startswith("Syntax Error")
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["message"] == (
        "Cannot query field 'nothing' on type 'Query'."
    )
    assert bad_variable.status_code == 400
    assert (
        "'de' is not a supported locale" in bad_variable.json()["errors"][0]["message"]
    )


def test_operation_selection(server, client: httpx.Client) -> None:
    document = "query A { __typename } query B { themes { slug } }"
    chosen = client.post(server.url, json={"query": document, "operationName": "A"})
    missing = client.post(server.url, json={"query": document})
    unknown = client.post(server.url, json={"query": document, "operationName": "C"})

    assert chosen.json() == {"data": {"__typename": "Query"}}
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["message"] == (
        "Must provide operationName: the document has several operations."
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["message"] == "Unknown operation named 'C'."


def test_body_and_variables_limits_are_413(server, client: httpx.Client) -> None:
    big_body = client.post(server.url, json={"query": "{ __typename }" + " " * 30000})
    big_variables = client.post(
        server.url,
        json={"query": FEED, "variables": {"locale": "da", "x": "y" * 3000}},
    )

    assert big_body.status_code == 413
    assert big_body.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert big_variables.status_code == 413
    assert big_variables.json()["errors"][0]["message"].startswith("Variables of 3")
    assert big_variables.json()["errors"][0]["message"].endswith(
        "bytes are over the limit of 2000 bytes."
    )


def test_limits_are_400_with_clear_messages(server, client: httpx.Client) -> None:
    deep = (
        "{ themes { slug } "
        + "newsArticles(first: 1) { edges { node { "
        + ("translations { " * 6)
        + "title"
        + " }" * 6
        + " } } } }"
    )
    aliases = "{ " + " ".join(f"a{n}: __typename" for n in range(11)) + " }"
    costly = "{ newsArticles(first: 20) { edges { node { translations { themes { name } countries { name } goals { name } } } } } }"  # noqa: E501

    responses = [
        client.post(server.url, json={"query": q}) for q in (deep, aliases, costly)
    ]

    assert [r.status_code for r in responses] == [400, 400, 400]
    assert (
        responses[0]
        .json()["errors"][0]["message"]
        .endswith("exceeds maximum operation depth of 8")
    )
    assert (
        responses[1].json()["errors"][0]["message"] == "11 aliases found. Allowed: 10"
    )
    costly_error = responses[2].json()["errors"][0]
    assert costly_error["message"].startswith(
        "Query cost 6642 exceeds the budget of 2000"
    )
    assert costly_error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 6642,
        "maxCost": 2000,
    }


def test_field_errors_are_200_with_partial_data(server, client: httpx.Client) -> None:
    response = client.post(
        server.url,
        json={"query": "{ themes { slug } newsArticles(first: 99) { totalCount } }"},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": (
                "first: must be between 1 and 20 (the maximum page size), got 99"
            ),
            "locations": [{"line": 1, "column": 19}],
            "path": ["newsArticles"],
            "extensions": {"code": "BAD_USER_INPUT"},
        }
    ]


def test_accept_language_sets_the_default_locale(server, client: httpx.Client) -> None:
    query = "{ newsArticles(first: 1) { nodes { documentId requestedLocale } } }"
    norwegian = client.get(
        server.url, params={"query": query}, headers={"Accept-Language": "nb-NO, en"}
    )
    default = client.get(server.url, params={"query": query})

    assert norwegian.json() == {
        "data": {
            "newsArticles": {
                "nodes": [{"documentId": "news:2", "requestedLocale": "nb"}]
            }
        }
    }
    assert default.json() == {
        "data": {
            "newsArticles": {
                "nodes": [{"documentId": "news:3", "requestedLocale": "en"}]
            }
        }
    }


def test_graphiql_is_off_without_debug(server, client: httpx.Client) -> None:
    response = client.get(server.url, headers={"Accept": "text/html"})

    assert response.status_code == 406


def test_head_requests_have_no_body(server, client: httpx.Client) -> None:
    response = client.head(server.url, params={"query": "{ __typename }"})

    assert response.status_code == 200
    assert response.content == b""


def test_health(server, client: httpx.Client) -> None:
    response = client.get(f"{server.base}/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["documents"] == 74
