"""Rate limits per key and per anonymous client: 429 with Retry-After."""

from __future__ import annotations

from pathlib import Path

import httpx

QUERY = {"query": "{ __typename }"}


def test_key_over_its_limit_gets_429(server, client: httpx.Client) -> None:
    headers = {"X-API-Key": "tight-key-1234567890"}
    statuses = [
        client.post(server.url, json=QUERY, headers=headers).status_code
        for _ in range(3)
    ]
    limited = client.post(server.url, json=QUERY, headers=headers)
    other_key = client.post(
        server.url, json=QUERY, headers={"X-API-Key": "partner-key-1234567890"}
    )

    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    retry_after = int(limited.headers["retry-after"])
    assert 1 <= retry_after <= 60
    assert limited.json() == {
        "errors": [
            {
                "message": (
                    "Rate limit of 3 requests per minute exceeded: retry in "
                    f"{retry_after} s."
                ),
                "extensions": {
                    "code": "RATE_LIMITED",
                    "retryAfter": retry_after,
                    "limitPerMinute": 3,
                },
            }
        ]
    }
    assert other_key.status_code == 200


def test_anonymous_clients_are_limited_per_address(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path, GRAPHQL_ANONYMOUS_RATE_LIMIT="2")

    statuses = [client.post(running.url, json=QUERY).status_code for _ in range(3)]
    keyed = client.post(
        running.url, json=QUERY, headers={"X-API-Key": "partner-key-1234567890"}
    )

    assert statuses == [200, 200, 429]
    assert keyed.status_code == 200
