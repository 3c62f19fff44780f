"""Parsing and normalising RSS 2.0, Atom and JSON Feed entries."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from harvest.normalise import canonical_link, html_to_text, safe_url
from harvest.parse import FeedError, parse
from tests.cms.harvest.conftest import ATOM, rss, rss_item

FEED_URL = "https://partner.example/feed.xml"


def test_rss_entry_is_normalised():
    parsed = parse("feed", rss(rss_item("mentors")), url=FEED_URL, content_type="")
    assert parsed.complete and not parsed.warnings
    [entry] = parsed.entries
    assert entry.key == "id:mentors"
    assert entry.title == "Story mentors"
    assert entry.summary == "Mentors help newcomers."
    assert entry.link == "https://nordicwelfare.example/news/mentors"
    assert entry.published_at == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert entry.categories == ("Labour market", "Integration")
    assert entry.image_url == "https://nordicwelfare.example/img/mentors.jpg"


def test_atom_entry_is_normalised():
    parsed = parse(
        "feed", ATOM.encode(), url=FEED_URL, content_type="application/atom+xml"
    )
    [entry] = parsed.entries
    assert entry.key == "id:urn:uuid:entry-1"
    assert entry.title == "Bostäder och segregation"
    assert entry.summary == "A report on housing."  # tags and the script are gone
    assert entry.link == "https://partner.example/publications/housing?utm_source=feed"
    assert entry.published_at == datetime(2024, 3, 4, 7, 30, tzinfo=UTC)
    assert entry.updated_at == datetime(2024, 3, 5, 14, 15, tzinfo=UTC)
    assert entry.categories == ("Housing",)
    assert entry.image_url == "https://nordregio.example/cover.png"


def test_json_feed_items_are_normalised():
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Partner",
        "home_page_url": "https://partner.example/",
        "items": [
            {
                "id": 42,
                "url": "/news/42",
                "title": "Språkcafé i Malmö",
                "content_html": "<p>Every <b>Tuesday</b>.</p>",
                "date_published": "2024-03-05T10:00:00+01:00",
                "date_modified": "2024-03-06T10:00:00",
                "tags": ["language", "Language", "volunteers"],
                "image": "https://partner.example/cafe.jpg",
            },
            {"id": "no-link", "content_text": "A note without its own page."},
            {"id": "bad", "url": "javascript:alert(1)", "title": "Sneaky"},
            "not an item",
        ],
    }
    parsed = parse(
        "json_feed", json.dumps(feed).encode(), url=FEED_URL, content_type=""
    )
    first, second, third = parsed.entries
    assert first.key == "id:42" and first.link == "https://partner.example/news/42"
    assert first.summary == "Every Tuesday."
    assert first.updated_at == datetime(2024, 3, 6, 10, 0, tzinfo=UTC)
    assert first.categories == ("language", "volunteers")
    assert second.title == "A note without its own page."
    assert second.link == "https://partner.example/" and not second.own_link
    # A javascript: link never reaches the site: the item points at the home page.
    assert third.link == "https://partner.example/" and third.title == "Sneaky"
    assert parsed.skipped == 1 and parsed.warnings


def test_not_a_json_feed_is_an_error():
    with pytest.raises(FeedError, match="not a JSON Feed"):
        parse("json_feed", b'{"items": []}', url=FEED_URL, content_type="")
    with pytest.raises(FeedError, match="not valid JSON"):
        parse("json_feed", b"{oops", url=FEED_URL, content_type="")


def test_keys_fall_back_to_link_then_to_title_and_date():
    items = [
        rss_item("a", guid=None, link="https://p.example/a?utm_medium=rss#top"),
        rss_item("b", guid=None, link=""),
    ]
    parsed = parse("feed", rss(*items), url=FEED_URL, content_type="")
    first, second = parsed.entries
    assert first.key == "link:https://p.example/a"
    assert second.key.startswith("hash:") and not second.own_link


def test_duplicates_in_one_feed_are_kept_once():
    items = [
        rss_item("one", title="First copy"),
        rss_item("one", title="Second copy, same guid"),
        rss_item("two", link="https://nordicwelfare.example/news/one?utm_source=x"),
        rss_item("three"),
    ]
    parsed = parse("feed", rss(*items), url=FEED_URL, content_type="")
    assert [e.title for e in parsed.entries] == ["First copy", "Story three"]


def test_wrong_encoding_declaration_is_read_with_a_warning():
    body = rss(rss_item("malmo", title="Malmö och Århus")).replace(
        b'<?xml version="1.0" encoding="utf-8"?>', b""
    )
    latin1 = body.decode("utf-8").encode("latin-1")
    parsed = parse("feed", latin1, url=FEED_URL, content_type="application/xml")
    assert [e.title for e in parsed.entries] == ["Malmö och Århus"]
    assert parsed.complete and "encoding" in parsed.warnings[0]


def test_damaged_feed_with_entries_is_accepted_but_incomplete():
    body = rss(rss_item("a"), rss_item("b"))[:-40]
    parsed = parse("feed", body, url=FEED_URL, content_type="")
    assert len(parsed.entries) == 2
    assert not parsed.complete and "damaged" in parsed.warnings[0]


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"<rss><channel><title>x</ti\x00tle>", "application/rss+xml", "not a valid"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "text/html", "HTML"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "", "JSON"),
        (b"   ", "application/rss+xml", "empty"),
    ],
)
def test_no_entries_and_bozo_is_an_error(body, content_type, message):
    with pytest.raises(FeedError, match=message):
        parse("feed", body, url=FEED_URL, content_type=content_type)


def test_valid_empty_feed_has_no_entries():
    parsed = parse("feed", rss(), url=FEED_URL, content_type="")
    assert parsed.entries == [] and parsed.complete


def test_helpers_keep_only_safe_text_and_links():
    assert html_to_text("<p>One&nbsp;&amp; two</p><style>p{}</style><p>Three</p>") == (
        "One & two\n\nThree"
    )
    assert safe_url("javascript:alert(1)", FEED_URL) == ""
    assert safe_url("data:text/html,x", FEED_URL) == ""
    assert safe_url("//cdn.example/x.jpg", FEED_URL) == "https://cdn.example/x.jpg"
    assert canonical_link("HTTPS://Example.org:443/a?b=1&utm_source=x#f") == (
        "https://example.org/a?b=1"
    )


def test_feed_served_as_html_is_read_with_a_warning():
    parsed = parse(
        "feed",
        rss(rss_item("a")),
        url=FEED_URL,
        content_type="text/html; charset=utf-8",
    )
    assert [e.key for e in parsed.entries] == ["id:a"]
    assert parsed.complete and "does not label the feed as XML" in parsed.warnings[0]
