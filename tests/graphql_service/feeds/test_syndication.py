"""RSS 2.0, Atom 1.0 and JSON Feed 1.1: valid, complete, absolute links."""

from __future__ import annotations

import email.utils
from datetime import datetime

import feedparser
import pytest

from search.errors import BackendUnavailableError
from tests.graphql_service.feeds.conftest import SITE, Hub

pytestmark = pytest.mark.anyio

KINDS = ("news", "events", "knowledge", "funding", "all")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("form", ["rss", "atom"])
async def test_xml_feeds_parse_without_errors(hub: Hub, kind: str, form: str) -> None:
    response = await hub.client.get(f"/feeds/{kind}.{form}")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(f"application/{form}+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if form == "rss" else "atom10")
    assert parsed.feed.title.startswith("Integration Norden")
    assert parsed.feed.link.startswith(SITE)
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.title
        assert entry.id.startswith("urn:integrationnorden:")
        assert entry.link.startswith(("https://", "http://"))
        assert entry.published_parsed is not None


@pytest.mark.parametrize("kind", KINDS)
async def test_json_feed_has_the_required_fields(hub: Hub, kind: str) -> None:
    response = await hub.client.get(f"/feeds/{kind}.json")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"]
    assert feed["feed_url"] == f"http://api.test/feeds/{kind}.json"
    assert feed["items"]
    for item in feed["items"]:
        assert item["id"]
        assert item["url"].startswith("https://")
        assert "content_html" in item or "content_text" in item
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None


async def test_rss_items_have_links_enclosures_categories_and_rfc822_dates(
    hub: Hub,
) -> None:
    parsed = feedparser.parse((await hub.client.get("/feeds/news.rss")).content)
    entries = {entry.id: entry for entry in parsed.entries}

    article = entries["urn:integrationnorden:news:10"]
    assert article.link == f"{SITE}/da/nyheder/sprogcafe/"
    assert article.enclosures[0].href == f"{SITE}/media/images/cafe.width-1200.webp"
    assert article.enclosures[0].type == "image/webp"
    assert {tag.term for tag in article.tags} == {"Arbejdsmarked"}
    raw = (await hub.client.get("/feeds/news.rss")).text
    assert "<pubDate>Tue, 04 Mar 2025 08:30:00 +0000</pubDate>" in raw
    assert email.utils.parsedate_to_datetime(article.published).tzinfo is not None


async def test_external_items_are_marked_with_category_and_source(hub: Hub) -> None:
    parsed = feedparser.parse((await hub.client.get("/feeds/news.atom")).content)
    external = next(e for e in parsed.entries if e.id.endswith("external:77"))

    assert external.link == "https://www.kl.dk/nyheder/rapport-integration"
    assert {"external", "source:KL"} <= {tag.term for tag in external.tags}
    assert external.author == "KL"
    item = next(
        i
        for i in (await hub.client.get("/feeds/news.json")).json()["items"]
        if i["id"].endswith("external:77")
    )
    assert item["external_url"] == "https://www.kl.dk/nyheder/rapport-integration"
    assert item["authors"] == [{"name": "KL"}]
    assert item["_integration_norden"]["is_external"] is True
    assert item["image"] == "https://www.kl.dk/media/rapport.jpg"


async def test_atom_dates_are_rfc3339_and_categories_are_named(hub: Hub) -> None:
    raw = (await hub.client.get("/feeds/news.atom?locale=en")).text
    parsed = feedparser.parse(raw)

    assert "<updated>2025-03-06T08:30:00+00:00</updated>" in raw
    entry = parsed.entries[0]
    assert entry.tags[0].term == "education"
    assert entry.tags[0].label == "Education"
    danish = feedparser.parse(
        (await hub.client.get("/feeds/news.atom?locale=da")).content
    )
    labels = {tag.label for e in danish.entries for tag in e.tags}
    assert "Arbejdsmarked" in labels


async def test_events_feed_lists_upcoming_events_soonest_first(hub: Hub) -> None:
    items = (await hub.client.get("/feeds/events.json")).json()["items"]

    ids = [item["id"].removeprefix("urn:integrationnorden:") for item in items]
    assert ids == ["event:41", "event:40", "event:42"]
    starts = [item["_integration_norden"]["start"] for item in items]
    assert starts == sorted(starts, key=datetime.fromisoformat)
    funding = (await hub.client.get("/feeds/funding.json")).json()["items"][0]
    assert {"opens_at", "closes_at"} <= funding["_integration_norden"].keys()


async def test_feed_language_follows_a_single_locale(hub: Hub) -> None:
    feed = (await hub.client.get("/feeds/news.json?locale=da")).json()

    assert feed["language"] == "da"
    assert feed["home_page_url"] == f"{SITE}/da/"


async def test_atom_and_json_carry_the_image(hub: Hub) -> None:
    image = f"{SITE}/media/images/cafe.width-1200.webp"
    atom = feedparser.parse((await hub.client.get("/feeds/news.atom")).content)
    article = next(e for e in atom.entries if e.id.endswith("news:10"))
    item = next(
        i
        for i in (await hub.client.get("/feeds/news.json")).json()["items"]
        if i["id"].endswith("news:10")
    )

    assert article.link == f"{SITE}/da/nyheder/sprogcafe/"
    assert [(e.href, e.type) for e in article.enclosures] == [(image, "image/webp")]
    assert item["image"] == image
    assert item["attachments"] == [{"url": image, "mime_type": "image/webp"}]
    assert item["content_html"] == "<p>Sprogcaféen i Ishøj mødes hver tirsdag.</p>"


async def test_an_unavailable_read_model_gives_503_not_500(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def fail(*args: object) -> None:
        raise BackendUnavailableError("index is being moved")

    monkeypatch.setattr(hub.backend, "asearch", fail)
    monkeypatch.setattr(hub.backend, "aget_many", fail)

    for url in ("/feeds/news.rss", "/calendar.ics", "/events/event:40.ics"):
        response = await hub.client.get(url)
        assert response.status_code == 503
        assert response.headers["retry-after"] == "30"
        assert "retry later" in response.json()["error"]["message"]
