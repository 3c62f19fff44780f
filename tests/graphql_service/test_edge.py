"""One edge for every door: /graphql, /feeds/*, /changes and the calendars apply
the same key checks, rate limits, CORS rules and usage counting."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from graphql_service.usage import read_usage

QUERY = {"query": "{ __typename }"}
FEED_DOORS = (
    "/feeds/news.rss",
    "/feeds/events.json",
    "/changes",
    "/calendar.ics",
    "/events/event:1.ics",
)


def door(server, path: str, client: httpx.Client, **headers: str) -> httpx.Response:
    if path == "/graphql":
        return client.post(server.url, json=QUERY, headers=headers)
    return client.get(server.base + path, headers=headers)


@pytest.mark.parametrize("path", ["/graphql", *FEED_DOORS])
def test_a_revoked_key_is_refused_at_every_door(
    server, client: httpx.Client, path: str
) -> None:
    revoked = door(server, path, client, **{"X-API-Key": "revoked-key-1234567890"})
    unknown = door(server, path, client, **{"X-API-Key": "no-such-key"})

    for response in (revoked, unknown):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'ApiKey header="X-API-Key"'
        assert response.headers["x-request-id"]
    if path != "/graphql":
        assert revoked.json() == {
            "error": {
                "status": 401,
                "code": "UNAUTHENTICATED",
                "message": "The API key revoked-… has been revoked.",
            }
        }


def test_a_key_shares_one_limit_across_the_doors(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path)
    tight = {"X-API-Key": "tight-key-1234567890"}  # 3 requests per minute

    allowed = [
        door(running, path, client, **tight).status_code
        for path in ("/graphql", "/feeds/news.rss", "/changes")
    ]
    limited = {
        path: door(running, path, client, **tight) for path in ("/graphql", *FEED_DOORS)
    }

    assert allowed == [200, 200, 200]
    for path, response in limited.items():
        assert response.status_code == 429, path
        assert 1 <= int(response.headers["retry-after"]) <= 60
    assert limited["/changes"].json()["error"]["code"] == "RATE_LIMITED"


def test_anonymous_clients_are_limited_on_feeds_too(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path, GRAPHQL_ANONYMOUS_RATE_LIMIT="2")

    statuses = [
        client.get(running.base + path).status_code
        for path in ("/feeds/all.atom", "/calendar.ics", "/changes", "/graphql")
    ]
    keyed = client.get(
        running.base + "/changes", headers={"X-API-Key": "partner-key-1234567890"}
    )

    assert statuses == [200, 200, 429, 429]
    assert keyed.status_code == 200


def test_feed_requests_are_counted_as_usage(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path)
    partner = {"X-API-Key": "partner-key-1234567890"}
    for path in ("/feeds/news.rss", "/changes", "/calendar.ics"):
        assert client.get(running.base + path, headers=partner).status_code == 200

    database = Path(running.env["HUB_API_USAGE_DB"])
    deadline = time.monotonic() + 10
    counted = 0
    while time.monotonic() < deadline and counted < 3:
        counted = sum(r.requests for r in read_usage(database, key_id="partner"))
        time.sleep(0.1)

    assert counted == 3


def test_cors_rules_of_a_key_hold_on_feeds(server, client: httpx.Client) -> None:
    partner = {"X-API-Key": "partner-key-1234567890"}
    allowed = client.get(
        server.base + "/feeds/news.json",
        headers={**partner, "Origin": "https://www.norden.org"},
    )
    elsewhere = client.get(
        server.base + "/feeds/news.json",
        headers={**partner, "Origin": "https://evil.example"},
    )
    anonymous = client.get(
        server.base + "/changes", headers={"Origin": "https://example.com"}
    )
    preflight = client.options(
        server.base + "/changes",
        headers={
            "Origin": "https://www.norden.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-api-key",
        },
    )

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://www.norden.org"
    assert elsewhere.status_code == 403
    assert elsewhere.json()["error"]["code"] == "ORIGIN_NOT_ALLOWED"
    assert anonymous.headers["access-control-allow-origin"] == "*"
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert "X-API-Key" in preflight.headers["access-control-allow-headers"]


def test_health_endpoints_are_outside_the_edge(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path, GRAPHQL_ANONYMOUS_RATE_LIMIT="0")

    assert client.get(running.url, params=QUERY).status_code == 401
    assert client.get(running.base + "/feeds/news.rss").status_code == 401
    for path in ("/healthz", "/readyz", "/livez"):
        assert client.get(running.base + path).status_code == 200, path
