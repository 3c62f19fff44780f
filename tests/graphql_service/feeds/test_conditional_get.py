"""ETag, Last-Modified and Cache-Control; 304 when nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.graphql_service.feeds.conftest import PUBLISHED, Hub, page

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    "url", ["/feeds/news.rss", "/feeds/news.atom", "/feeds/all.json", "/calendar.ics"]
)
async def test_if_none_match_gives_304(hub: Hub, url: str) -> None:
    first = await hub.client.get(url)
    etag = first.headers["etag"]

    again = await hub.client.get(url, headers={"If-None-Match": etag})

    assert first.headers["cache-control"] == "public, max-age=300"
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = await hub.client.get(url, headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200


async def test_etag_depends_on_the_query(hub: Hub) -> None:
    plain = await hub.client.get("/feeds/news.json")
    danish = await hub.client.get("/feeds/news.json?locale=da")
    same = await hub.client.get("/feeds/news.json?locale=da")

    assert plain.headers["etag"] != danish.headers["etag"]
    assert danish.headers["etag"] == same.headers["etag"]


async def test_if_modified_since_gives_304_until_an_item_changes(hub: Hub) -> None:
    first = await hub.client.get("/feeds/news.rss?locale=en")
    modified = first.headers["last-modified"]
    assert modified == "Thu, 06 Mar 2025 08:30:00 GMT"

    again = await hub.client.get(
        "/feeds/news.rss?locale=en", headers={"If-Modified-Since": modified}
    )
    assert again.status_code == 304

    hub.write(
        page(
            "news",
            12,
            "en",
            "news/new",
            title="Nordic ministers meet on integration",
            published_at=PUBLISHED + timedelta(days=9),
            updated_at=PUBLISHED + timedelta(days=9),
            version=50,
        )
    )
    changed = await hub.client.get(
        "/feeds/news.rss?locale=en",
        headers={"If-Modified-Since": modified, "If-None-Match": first.headers["etag"]},
    )
    assert changed.status_code == 200
    assert changed.headers["etag"] != first.headers["etag"]
    assert changed.headers["last-modified"] == "Thu, 13 Mar 2025 08:30:00 GMT"
    assert b"Nordic ministers meet on integration" in changed.content


async def test_head_answers_headers_only(hub: Hub) -> None:
    response = await hub.client.head("/feeds/events.atom")

    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["etag"]
