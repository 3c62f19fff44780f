"""CORS: per-key allow-lists, anonymous public access, preflight requests."""

from __future__ import annotations

from pathlib import Path

import httpx

QUERY = {"query": "{ __typename }"}
NORDEN = "https://www.norden.org"


def test_preflight_for_a_partner_origin(server, client: httpx.Client) -> None:
    response = client.options(
        server.url,
        headers={
            "Origin": NORDEN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-api-key",
        },
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == NORDEN
    assert response.headers["access-control-allow-methods"] == "GET, POST, OPTIONS"
    assert "X-API-Key" in response.headers["access-control-allow-headers"]
    assert response.headers["access-control-max-age"] == "600"


def test_preflight_for_any_other_origin_is_anonymous(
    server, client: httpx.Client
) -> None:
    response = client.options(
        server.url,
        headers={
            "Origin": "https://example.com",
            "Access-Control-Request-Method": "GET",
        },
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "X-API-Key" not in response.headers["access-control-allow-headers"]


def test_keyed_request_from_an_allowed_origin(server, client: httpx.Client) -> None:
    response = client.post(
        server.url,
        json=QUERY,
        headers={"Origin": NORDEN, "X-API-Key": "partner-key-1234567890"},
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == NORDEN
    assert "ETag" in response.headers["access-control-expose-headers"]


def test_keyed_request_from_another_origin_is_403(server, client: httpx.Client) -> None:
    response = client.post(
        server.url,
        json=QUERY,
        headers={
            "Origin": "https://evil.example",
            "X-API-Key": "partner-key-1234567890",
        },
    )

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "ORIGIN_NOT_ALLOWED"


def test_anonymous_request_from_a_browser(server, client: httpx.Client) -> None:
    response = client.get(
        server.url, params=QUERY, headers={"Origin": "https://example.com"}
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


def test_anonymous_cors_can_be_switched_off(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path, GRAPHQL_ANONYMOUS_CORS="false")

    preflight = client.options(
        running.url,
        headers={
            "Origin": "https://example.com",
            "Access-Control-Request-Method": "GET",
        },
    )
    request = client.get(running.url, params=QUERY, headers={"Origin": "https://x.org"})

    assert preflight.status_code == 403
    assert "access-control-allow-origin" not in preflight.headers
    assert request.status_code == 200
    assert "access-control-allow-origin" not in request.headers
