"""Filters by locale, theme, country and type; bad values give 400, not 500."""

from __future__ import annotations

import pytest

from tests.graphql_service.feeds.conftest import Hub

pytestmark = pytest.mark.anyio


async def ids(hub: Hub, url: str) -> list[str]:
    response = await hub.client.get(url)
    assert response.status_code == 200, response.text
    return sorted(
        item["id"].removeprefix("urn:integrationnorden:")
        for item in response.json()["items"]
    )


async def test_locale_theme_and_country_combine(hub: Hub) -> None:
    url = "/feeds/news.json?locale=da&theme=labour-market&country=denmark"

    assert await ids(hub, url) == ["external:77", "news:10"]
    assert await ids(hub, "/feeds/news.json?locale=en") == ["news:11"]
    assert await ids(hub, "/feeds/all.json?country=sweden") == [
        "event:41",
        "news:11",
        "publication:20",
    ]


async def test_values_of_one_filter_combine_with_or(hub: Hub) -> None:
    assert await ids(hub, "/feeds/news.json?locale=da,en") == [
        "external:77",
        "news:10",
        "news:11",
    ]
    assert await ids(hub, "/feeds/news.json?theme=education&theme=labour-market") == [
        "external:77",
        "news:10",
        "news:11",
    ]


async def test_type_filter_picks_types_of_the_kind(hub: Hub) -> None:
    assert await ids(hub, "/feeds/news.json?type=external") == ["external:77"]
    assert await ids(hub, "/feeds/knowledge.json?type=publication") == [
        "publication:20"
    ]
    assert await ids(hub, "/feeds/funding.json") == ["funding_call:30"]


async def test_limit_caps_the_items(hub: Hub) -> None:
    assert len(await ids(hub, "/feeds/all.json?limit=2")) == 2


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/feeds/news.rss?locale=de", "locale: 'de' is not one of"),
        ("/feeds/news.atom?theme=astrology", "theme: unknown theme 'astrology'"),
        ("/feeds/news.json?country=Denmark!", "country: 'Denmark!' is not a valid"),
        ("/feeds/news.json?type=event", "type: 'event' is not one of news, external"),
        ("/feeds/news.json?limit=0", "limit: must be a whole number from 1 to 100"),
        ("/feeds/news.json?limit=abc", "limit: must be a whole number"),
        ("/feeds/news.json?colour=red", "unknown parameter 'colour'"),
        ("/feeds/news.json?theme=", "theme: empty value"),
        ("/calendar.ics?type=event", "unknown parameter 'type'"),
        ("/calendar.ics?country=narnia", "country: unknown country 'narnia'"),
    ],
)
async def test_bad_filters_are_400_with_a_clear_message(
    hub: Hub, url: str, message: str
) -> None:
    response = await hub.client.get(url)

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert message in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "url", ["/feeds/blog.rss", "/feeds/news.xml", "/feeds/news", "/feeds/.rss"]
)
async def test_unknown_feeds_are_404(hub: Hub, url: str) -> None:
    assert (await hub.client.get(url)).status_code == 404
