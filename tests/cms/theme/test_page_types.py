"""Every page type renders with its language, hreflang links and structured data."""

from __future__ import annotations

import pytest

from tests.cms.theme.helpers import hreflangs, html_lang, json_ld, tags

PAGE_KEYS = [
    "home",
    "news_index",
    "news",
    "events_index",
    "event",
    "cancelled_event",
    "knowledge",
    "statistics",
    "statistics_line",
    "funding",
    "open_funding",
    "call",
    "standard",
]


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_type_renders_with_lang_and_structured_data(client, theme_site, key):
    page = theme_site.pages[key]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert len(tags(html, "h1")) == 1
    assert tags(html, "main", id="main")
    assert tags(html, "a", href="#main"), "skip link"
    assert json_ld(html), "JSON-LD parses"
    assert tags(html, "meta", property="og:title")
    assert hreflangs(html).get("en") == page.full_url


def test_translated_page_links_every_language_version(client, theme_site):
    news, news_da = theme_site.pages["news"], theme_site.da["news"]
    html = client.get(news_da.url).content.decode()
    assert html_lang(html) == "da"
    assert hreflangs(html) == {
        "en": news.full_url,
        "da": news_da.full_url,
        "x-default": news.full_url,
    }
    switcher = tags(html, "a", hreflang="en")
    assert switcher and switcher[0]["href"] == news.url
    assert tags(html, "a", hreflang="da")[0].get("aria-current") == "true"


def test_untranslated_page_offers_no_other_language(client, theme_site):
    html = client.get(theme_site.pages["statistics"].url).content.decode()
    assert set(hreflangs(html)) == {"en", "x-default"}


def test_danish_page_shows_dates_in_danish(client, theme_site):
    html = client.get(theme_site.da["news"].url).content.decode()
    assert "2. marts 2026" in html


def test_event_times_are_shown_in_the_event_time_zone(client, theme_site):
    event = theme_site.pages["event"]
    html = client.get(event.url).content.decode()
    assert event.local_start.strftime("%H:%M") == "09:30"
    assert "09:30" in html
    assert f'datetime="{event.local_start.isoformat()}"' in html


def test_header_has_landmarks_language_switcher_and_search(client, theme_site):
    html = client.get(theme_site.pages["home"].url).content.decode()
    assert tags(html, "header")
    assert tags(html, "footer")
    assert tags(html, "nav", id="main-nav")
    assert tags(html, "form", role="search", action="/en/search/")
    assert tags(html, "label", **{"for": "site-search-q"})


def test_feeds_block_is_left_in_the_head(client, theme_site):
    from django.template.loader import get_template

    source = get_template("base.html").template.source
    head = source.split("</head>")[0]
    assert "{% block alternate_feeds %}" in head


def test_calendar_link_points_to_the_delivery_service(client, theme_site, settings):
    settings.HUB_GRAPHQL_URL = "http://api.example.org/graphql"
    event = theme_site.pages["event"]
    html = client.get(event.url).content.decode()
    assert f'href="http://api.example.org/events/event%3A{event.pk}.ics"' in html


def test_programme_shows_speakers(client, theme_site):
    html = client.get(theme_site.pages["event"].url).content.decode()
    assert "What we know" in html
    assert "Kari Nilsen" in html
