"""Reading a web page's own description of itself, and parsing sitemaps safely."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from harvest.parse import FeedError
from harvest.sitemap import parse_sitemap
from harvest.webpage import read_page
from tests.cms.harvest.sitemaps import index, url, urlset

BASE = "https://partner.example/news/story"


def read(html: str | bytes, content_type: str = "text/html; charset=utf-8"):
    content = html.encode() if isinstance(html, str) else html
    return read_page(content, url=BASE, content_type=content_type)


def test_open_graph_wins_over_plain_html():
    page = read(
        '<html lang="sv"><head><title>Site | Story</title>'
        '<meta name="description" content="Plain description">'
        '<meta property="og:title" content="Story &amp; more">'
        '<meta property="og:description" content="  Open  Graph\n lead ">'
        '<meta property="og:image" content="../img/a.jpg">'
        '<meta property="article:published_time" content="2024-03-04T08:30:00+01:00">'
        '<meta property="article:modified_time" content="2024-03-05T08:30:00Z">'
        '<meta property="article:section" content="Labour">'
        '<meta property="article:tag" content="Mentors">'
        '<meta property="article:tag" content="labour">'
        "</head><body><h1>Heading</h1></body></html>"
    )
    assert page.title == "Story & more"
    assert page.description == "Open Graph lead"
    assert page.image == "https://partner.example/img/a.jpg"
    assert page.language == "sv"
    assert page.published == datetime(2024, 3, 4, 7, 30, tzinfo=UTC)
    assert page.modified == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert page.categories == ("Labour", "Mentors")


def test_json_ld_article_is_preferred_to_the_web_page_object():
    page = read(
        "<html><head><title>T</title>"
        '<meta property="og:locale" content="nb_NO">'
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "WebPage", "datePublished": "2019-01-01"},'
        '{"@type": ["NewsArticle"], "headline": "H", "datePublished": "2024-01-02",'
        ' "description": "From JSON-LD", "image": ["https://cdn.example/i.png"]}'
        "]}</script>"
        '<script type="application/ld+json">{not json</script>'
        "</head><body></body></html>"
    )
    assert page.title == "H"
    assert page.description == "From JSON-LD"
    assert page.published == datetime(2024, 1, 2, tzinfo=UTC)
    assert page.image == "https://cdn.example/i.png"
    assert page.language == "nb-no"


def test_lead_comes_from_the_first_real_paragraph_of_the_article():
    page = read(
        "<html><head><title>Only a title</title><script>var p = '<p>no</p>';</script>"
        "</head><body><nav><p>Menu menu menu menu menu menu menu menu menu</p></nav>"
        "<article><p>Short</p><p>Newcomers in Tromsø find work through "
        "<b>mentoring</b> programmes.</p></article></body></html>"
    )
    assert page.title == "Only a title"
    assert (
        page.description
        == "Newcomers in Tromsø find work through mentoring programmes."
    )
    assert page.image == "" and page.published is None


TITLED = "<html><head><title>Malmö</title></head></html>"
META_CHARSET = '<html><head><meta charset="iso-8859-1"><title>Malmö</title></head>'
XHTML = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Malmö</title></head>'
    "</html>"
)


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (TITLED.encode("cp1252"), "text/html; charset=windows-1252"),
        (META_CHARSET.encode("latin-1"), "text/html"),
        (TITLED.encode(), "text/html"),
        (TITLED.encode("cp1252"), "text/html"),
        (XHTML.encode(), "application/xhtml+xml"),
    ],
    ids=["header", "meta", "utf-8-undeclared", "cp1252-undeclared", "xhtml"],
)
def test_character_encodings(content, content_type):
    assert read(content, content_type).title == "Malmö"


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (b"%PDF-1.7", "application/pdf", r"not a web page \(application/pdf\)"),
        (b'{"a": 1}', "application/json", "not a web page"),
        (b"   ", "text/html", "empty"),
    ],
)
def test_other_content_is_refused(content, content_type, message):
    with pytest.raises(FeedError, match=message):
        read(content, content_type)


def test_sitemap_extensions_are_read():
    sitemap = parse_sitemap(
        urlset(
            url(
                "/relative/page",
                "2024-03-05",
                '<xhtml:link rel="alternate" hreflang="sv" href="/relative/page"/>'
                '<xhtml:link rel="alternate" hreflang="en" href="/en/page"/>'
                "<news:news><news:publication><news:language>SV</news:language>"
                "</news:publication><news:title> Nyhet </news:title>"
                "<news:publication_date>2024-03-04</news:publication_date></news:news>",
            ),
            url("javascript:alert(1)"),
            "<url><lastmod>2024-01-01</lastmod></url>",
        ),
        url="https://partner.example/sitemap.xml",
    )
    [entry] = sitemap.urls
    assert entry.loc == "https://partner.example/relative/page"
    assert entry.lastmod == datetime(2024, 3, 5, tzinfo=UTC)
    assert entry.alternates == {
        "sv": "https://partner.example/relative/page",
        "en": "https://partner.example/en/page",
    }
    assert (entry.news_title, entry.news_language) == ("Nyhet", "sv")
    assert entry.date == datetime(2024, 3, 4, tzinfo=UTC)
    assert entry.language == "sv"
    assert sitemap.skipped == 2 and not sitemap.is_index


def test_sitemap_without_namespace_and_index_are_read():
    plain = parse_sitemap(
        b"<urlset><url><loc>https://p.example/a</loc></url></urlset>", url=BASE
    )
    assert [u.loc for u in plain.urls] == ["https://p.example/a"]
    nested = parse_sitemap(index(("https://p.example/s1.xml", "2024-01-01")), url=BASE)
    assert nested.is_index and [s.loc for s in nested.sitemaps] == [
        "https://p.example/s1.xml"
    ]


def test_gzip_bomb_sitemap_is_refused(settings):
    settings.HARVEST_MAX_BYTES = 1024 * 1024
    bomb = gzip.compress(b"<urlset>" + b" " * (20 * 1024 * 1024) + b"</urlset>")
    with pytest.raises(FeedError, match="larger than 1 MB"):
        parse_sitemap(bomb, url=BASE)
