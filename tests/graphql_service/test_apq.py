"""Automatic persisted queries: not found, register, hash mismatch, GET by hash."""

from __future__ import annotations

import hashlib
import json

import httpx

QUERY = '{ themes(locale: "da") { slug name } }'
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()
THEMES = {
    "data": {
        "themes": [
            {"slug": "education", "name": "Uddannelse"},
            {"slug": "housing", "name": "Bolig"},
            {"slug": "labour-market", "name": "Arbejdsmarked"},
        ]
    }
}


def persisted(digest: str = DIGEST) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def test_unknown_hash_then_register_then_hash_only(
    server, client: httpx.Client
) -> None:
    other = hashlib.sha256(b"never sent").hexdigest()
    unknown = client.post(
        server.url,
        json={"extensions": persisted(other)},
        headers={"Accept": "application/json"},
    )
    unknown_graphql = client.post(
        server.url,
        json={"extensions": persisted(other)},
        headers={"Accept": "application/graphql-response+json"},
    )
    registered = client.post(
        server.url, json={"query": QUERY, "extensions": persisted()}
    )
    by_hash = client.post(server.url, json={"extensions": persisted()})
    by_get = client.get(server.url, params={"extensions": json.dumps(persisted())})

    assert unknown.status_code == 200
    assert unknown.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    # A request error: 200 for legacy clients, 400 with the GraphQL media type.
    assert unknown_graphql.status_code == 400
    assert unknown_graphql.json() == unknown.json()
    assert registered.json() == THEMES
    assert by_hash.json() == THEMES
    assert by_get.status_code == 200
    assert by_get.json() == THEMES
    assert by_get.headers["etag"]


def test_hash_mismatch_is_refused(server, client: httpx.Client) -> None:
    response = client.post(
        server.url,
        json={
            "query": QUERY,
            "extensions": persisted(hashlib.sha256(b"x").hexdigest()),
        },
    )

    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "message": "provided sha does not match query",
        "extensions": {"code": "PERSISTED_QUERY_HASH_MISMATCH"},
    }


def test_malformed_persisted_query_extension(server, client: httpx.Client) -> None:
    response = client.post(
        server.url,
        json={"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "zz"}}},
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith(
        "extensions.persistedQuery must be"
    )
