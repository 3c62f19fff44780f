"""Response cache: ETag and 304, and invalidation when the read model changes."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from search.backends.embedded import EmbeddedBackend
from search.testing import make_document
from tests.graphql_service.corpus import news, taxonomy

FEED = (
    '{ newsArticles(locale: "da", fallback: false, first: 3) '
    "{ nodes { documentId title } } }"
)
BY_PATH = '{ contentByPath(path: "/da/nyheder/ny/") { documentId title } }'


def test_etag_and_not_modified(server, client: httpx.Client) -> None:
    first = client.get(server.url, params={"query": FEED})
    again = client.get(
        server.url,
        params={"query": FEED},
        headers={"If-None-Match": first.headers["etag"]},
    )
    other = client.get(
        server.url, params={"query": FEED}, headers={"If-None-Match": '"stale"'}
    )

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == "public, max-age=30"
    assert other.status_code == 200
    assert other.content == first.content


def test_keyed_responses_are_private(server, client: httpx.Client) -> None:
    response = client.get(
        server.url,
        params={"query": FEED},
        headers={"X-API-Key": "partner-key-1234567890"},
    )

    assert response.headers["cache-control"] == "private, max-age=30"


def test_a_change_in_the_read_model_shows_in_the_next_request(
    tmp_path: Path, start_server, client: httpx.Client
) -> None:
    index = tmp_path / "index"
    writer = EmbeddedBackend(index)
    try:
        writer.bulk([*taxonomy(), *news()])
        writer.refresh()
        running = start_server(index)
        before = client.get(running.url, params={"query": FEED})
        cached = client.get(running.url, params={"query": FEED})
        assert cached.content == before.content

        fresh = make_document(
            id="news:50",
            type="news",
            locale="da",
            title="Helt ny nyhed",
            url_path="/da/nyheder/ny/",
            date=datetime(2030, 1, 1, tzinfo=UTC),
        )
        writer.index(fresh)
        after = client.get(running.url, params={"query": FEED})

        assert [
            n["documentId"] for n in before.json()["data"]["newsArticles"]["nodes"]
        ] == [
            "news:1",
            "news:4",
        ]
        assert [
            n["documentId"] for n in after.json()["data"]["newsArticles"]["nodes"]
        ] == [
            "news:50",
            "news:1",
            "news:4",
        ]
        assert after.headers["etag"] != before.headers["etag"]

        # Paths come from the directory, rebuilt in the background.
        deadline = time.monotonic() + 10
        found = None
        while time.monotonic() < deadline:
            found = client.get(running.url, params={"query": BY_PATH}).json()
            if found["data"]["contentByPath"] is not None:
                break
            time.sleep(0.1)
        assert found == {
            "data": {
                "contentByPath": {"documentId": "news:50", "title": "Helt ny nyhed"}
            }
        }
    finally:
        writer.close()
