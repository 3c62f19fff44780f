"""Partner API keys: valid, unknown, revoked, and the key file reloaded on change."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from tests.graphql_service.conftest import KEYS, write_keys

QUERY = {"query": "{ __typename }"}


def test_valid_key(server, client: httpx.Client) -> None:
    response = client.post(
        server.url, json=QUERY, headers={"X-API-Key": "partner-key-1234567890"}
    )

    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_unknown_key_is_401(server, client: httpx.Client) -> None:
    response = client.post(server.url, json=QUERY, headers={"X-API-Key": "guess"})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'ApiKey header="X-API-Key"'
    assert response.json() == {
        "errors": [
            {
                "message": "Unknown or revoked API key.",
                "extensions": {"code": "UNAUTHENTICATED"},
            }
        ]
    }


def test_revoked_key_is_401(server, client: httpx.Client) -> None:
    response = client.post(
        server.url, json=QUERY, headers={"X-API-Key": "revoked-key-1234567890"}
    )

    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == (
        "The API key revoked-… has been revoked."
    )


def test_key_file_changes_apply_without_restart(
    tmp_path: Path, index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path)
    keys_file = Path(running.env["HUB_API_KEYS_FILE"])
    headers = {"X-API-Key": "partner-key-1234567890"}
    assert client.post(running.url, json=QUERY, headers=headers).status_code == 200

    revoked = {
        **KEYS,
        "partner-key-1234567890": {**KEYS["partner-key-1234567890"], "revoked": True},
    }
    write_keys(keys_file, revoked)
    stat = keys_file.stat()
    os.utime(keys_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert client.post(running.url, json=QUERY, headers=headers).status_code == 401


def test_anonymous_access_can_be_switched_off(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path, GRAPHQL_ANONYMOUS_RATE_LIMIT="0")

    anonymous = client.post(running.url, json=QUERY)
    keyed = client.post(
        running.url, json=QUERY, headers={"X-API-Key": "partner-key-1234567890"}
    )

    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["message"] == (
        "An API key is required: send it in the X-API-Key header."
    )
    assert keyed.status_code == 200
