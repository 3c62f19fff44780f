"""Feeds and calendars are advertised on the home page and on each list page."""

from __future__ import annotations

import re

import pytest

from news.models import NewsIndexPage

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"')


def feed_links(html: str) -> dict[str, str]:
    return {
        kind: href
        for kind, href in LINK.findall(html)
        if "feed" in href or href.endswith(".ics") or ".ics?" in href
    }


def test_home_and_list_pages_advertise_feeds(client, home, settings):
    settings.HUB_GRAPHQL_URL = "http://api.example.org/graphql"
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()

    on_home = feed_links(client.get(home.url).content.decode())
    assert (
        on_home["application/rss+xml"]
        == "http://api.example.org/feeds/all.rss?locale=en"
    )
    assert on_home["application/atom+xml"].endswith("/feeds/all.atom?locale=en")
    assert on_home["text/calendar"] == "http://api.example.org/calendar.ics?locale=en"

    on_news = feed_links(client.get(index.url).content.decode())
    assert on_news["application/rss+xml"].endswith("/feeds/news.rss?locale=en")
    assert "text/calendar" not in on_news
