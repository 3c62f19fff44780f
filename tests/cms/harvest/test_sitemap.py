"""Sitemap sources: the newest pages a sitemap lists become external items."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from harvest.choices import RunStatus, SourceKind
from harvest.harvester import harvest_due, harvest_source
from harvest.models import ExternalItem
from indexing.worker import drain_once
from search.query import SearchQuery
from tests.cms.harvest.conftest import rss, rss_item
from tests.cms.harvest.sitemaps import index, page, url, urlset

pytestmark = pytest.mark.django_db

HTML = "text/html; charset=utf-8"


@pytest.fixture
def site(feed_server):
    """A partner site: three article pages and a sitemap listing them."""
    feed_server.serve("/news/mentors", page(), content_type=HTML)
    feed_server.serve(
        "/news/housing",
        page(
            "Housing shortage in the cities",
            description=None,
            image=None,
            published=None,
            head=(
                '<meta name="description" content="Rents rise faster than wages.">'
                '<script type="application/ld+json">{"@context": "https://schema.org",'
                ' "@type": "NewsArticle", "datePublished": "2024-02-01T09:00:00Z",'
                ' "image": {"url": "https://cdn.example/housing.png"}}</script>'
            ),
        ),
        content_type=HTML,
    )
    # A page with nothing but a <title>, a lang attribute and a first paragraph.
    feed_server.serve(
        "/about",
        b"<html lang='en'><head><title>About the centre</title></head><body>"
        b"<main><p>Tiny.</p><p>The centre works for the integration of newcomers "
        b"in all Nordic countries.</p></main></body></html>",
        content_type=HTML,
    )
    feed_server.serve(
        "/sitemap.xml",
        urlset(
            url(feed_server.url("/news/mentors"), "2024-03-05T10:00:00+01:00"),
            url(feed_server.url("/news/housing"), "2024-02-02"),
            url(feed_server.url("/about"), None),
        ),
        content_type="application/xml",
    )
    return feed_server


def sitemap_source(make_source, server, path="/sitemap.xml", **fields):
    return make_source(server.url(path), kind=SourceKind.SITEMAP, **fields)


def test_pages_of_a_sitemap_become_items(site, make_source):
    source = sitemap_source(make_source, site)

    result = harvest_source(source)

    assert (result.status, result.created, result.warnings) == (RunStatus.OK, 3, [])
    items = {item.link: item for item in source.items.all()}
    mentors = items[site.url("/news/mentors")]
    assert mentors.title == "Mentors open doors to work"
    assert mentors.summary == "Volunteer mentors meet newcomers every week."
    assert mentors.image_url == site.url("/images/mentors.jpg")
    assert mentors.published_at == datetime(2024, 3, 4, 7, 30, tzinfo=UTC)
    assert mentors.updated_at == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert mentors.key == f"link:{site.url('/news/mentors')}"

    housing = items[site.url("/news/housing")]
    assert housing.title == "Housing shortage in the cities"
    assert housing.summary == "Rents rise faster than wages."
    assert housing.image_url == "https://cdn.example/housing.png"
    assert housing.published_at == datetime(2024, 2, 1, 9, 0, tzinfo=UTC)

    about = items[site.url("/about")]
    assert about.title == "About the centre"
    assert about.summary.startswith("The centre works for the integration")
    assert about.published_at is None and about.image_url == ""
    source.refresh_from_db()
    assert source.last_status == RunStatus.OK and source.items_count == 3


def test_items_reach_the_search_read_model_and_leave_it(
    site, make_source, search_backend
):
    source = sitemap_source(make_source, site, name="Nordic Welfare Centre")
    harvest_source(source)
    while drain_once(search_backend).handled:
        pass
    hits = search_backend.search(SearchQuery(text="mentors", locale="en")).hits
    assert [hit.document.url_path for hit in hits] == [site.url("/news/mentors")]
    assert hits[0].document.is_external
    assert hits[0].document.source == "Nordic Welfare Centre"

    # The partner takes the page out of its sitemap.
    site.serve(
        "/sitemap.xml",
        urlset(url(site.url("/news/housing")), url(site.url("/about"))),
        content_type="application/xml",
    )
    result = harvest_source(source)
    while drain_once(search_backend).handled:
        pass

    assert result.removed == 1
    assert not source.items.filter(link=site.url("/news/mentors")).exists()
    assert search_backend.search(SearchQuery(text="mentors", locale="en")).total == 0


def test_unchanged_pages_are_not_fetched_again(site, make_source):
    source = sitemap_source(make_source, site)
    harvest_source(source)

    result = harvest_source(source)

    assert (result.unchanged, result.updated, result.created) == (3, 0, 0)
    # Pages with a lastmod are read once; the one without is read every time.
    assert len(site.requests_to("/news/mentors")) == 1
    assert len(site.requests_to("/news/housing")) == 1
    assert len(site.requests_to("/about")) == 2


def test_a_newer_lastmod_reads_the_page_again(site, make_source):
    source = sitemap_source(make_source, site)
    harvest_source(source)
    site.serve("/news/mentors", page("Mentors wanted"), content_type=HTML)
    site.serve(
        "/sitemap.xml",
        urlset(url(site.url("/news/mentors"), "2024-03-06T10:00:00+01:00")),
        content_type="application/xml",
    )

    result = harvest_source(source)

    assert (result.updated, result.removed) == (1, 2)
    assert source.items.get().title == "Mentors wanted"


def test_unchanged_sitemap_is_asked_for_conditionally(site, make_source):
    site.routes["/sitemap.xml"].etag = '"s1"'
    source = sitemap_source(make_source, site)
    harvest_source(source)

    result = harvest_source(source)

    assert result.status == RunStatus.NOT_MODIFIED
    assert site.requests_to("/sitemap.xml")[1]["If-None-Match"] == '"s1"'
    assert len(site.requests_to("/about")) == 1


def test_only_the_most_recent_pages_are_read(feed_server, make_source, settings):
    settings.HARVEST_SITEMAP_MAX_PAGES = 2
    dates = {"old": "2023-01-01", "newest": "2024-05-01", "new": "2024-04-01"}
    for slug in (*dates, "undated"):
        feed_server.serve(f"/p/{slug}", page(f"Page {slug}"), content_type=HTML)
    feed_server.serve(
        "/sitemap.xml",
        urlset(
            url(feed_server.url("/p/undated"), None),
            *(url(feed_server.url(f"/p/{slug}"), date) for slug, date in dates.items()),
        ),
    )
    source = sitemap_source(make_source, feed_server)

    assert harvest_source(source).created == 2

    assert sorted(source.items.values_list("title", flat=True)) == [
        "Page new",
        "Page newest",
    ]
    assert feed_server.requests_to("/p/old") == []
    assert feed_server.requests_to("/p/undated") == []


def test_sitemap_index_is_followed_one_level(feed_server, make_source):
    for slug in ("a", "b", "c"):
        feed_server.serve(f"/p/{slug}", page(f"Page {slug}"), content_type=HTML)
    feed_server.serve(
        "/sitemap-2024.xml",
        urlset(url(feed_server.url("/p/a")), url(feed_server.url("/p/b"))),
    )
    # Gzipped, served as a file (no Content-Encoding), as many sites do.
    feed_server.serve(
        "/sitemap-2023.xml.gz",
        gzip.compress(urlset(url(feed_server.url("/p/c"), "2023-06-01"))),
        content_type="application/gzip",
    )
    feed_server.serve("/nested.xml", index((feed_server.url("/p/a"), None)))
    feed_server.serve(
        "/sitemap_index.xml",
        index(
            (feed_server.url("/sitemap-2024.xml"), "2024-03-05"),
            (feed_server.url("/sitemap-2023.xml.gz"), "2023-12-31"),
            (feed_server.url("/nested.xml"), "2022-01-01"),
        ),
    )
    source = sitemap_source(make_source, feed_server, "/sitemap_index.xml")

    result = harvest_source(source)

    assert result.created == 3
    assert sorted(source.items.values_list("title", flat=True)) == [
        "Page a",
        "Page b",
        "Page c",
    ]
    assert any("sitemap index itself" in warning for warning in result.warnings)


def test_unreadable_sitemap_of_an_index_keeps_its_items(feed_server, make_source):
    feed_server.serve("/p/a", page("Page a"), content_type=HTML)
    feed_server.serve("/p/b", page("Page b"), content_type=HTML)
    feed_server.serve("/one.xml", urlset(url(feed_server.url("/p/a"))))
    feed_server.serve("/two.xml", urlset(url(feed_server.url("/p/b"))))
    feed_server.serve(
        "/index.xml",
        index((feed_server.url("/one.xml"), None), (feed_server.url("/two.xml"), None)),
    )
    source = sitemap_source(make_source, feed_server, "/index.xml")
    harvest_source(source)
    feed_server.serve("/two.xml", b"gone", status=500, content_type="text/plain")

    result = harvest_source(source)

    assert result.status == RunStatus.WARNING and result.removed == 0
    assert source.items.count() == 2
    assert (
        "could not be read" in result.warnings[0] and "HTTP 500" in (result.warnings[0])
    )


def test_news_extension_and_alternates(feed_server, make_source):
    news = (
        "<news:news><news:publication><news:name>NVC</news:name>"
        "<news:language>en</news:language></news:publication>"
        "<news:publication_date>2024-03-01T12:00:00Z</news:publication_date>"
        "<news:title>Language cafés open in Malmö</news:title></news:news>"
        "<image:image><image:loc>https://cdn.example/cafe.jpg</image:loc>"
        "</image:image>"
    )
    english, danish = feed_server.url("/en/cafe"), feed_server.url("/da/cafe")
    alternates = (
        f'<xhtml:link rel="alternate" hreflang="en" href="{english}"/>'
        f'<xhtml:link rel="alternate" hreflang="da" href="{danish}"/>'
    )
    # The page itself has no title, dates or image of its own.
    feed_server.serve(
        "/en/cafe", b"<html><body><p>x</p></body></html>", content_type=HTML
    )
    feed_server.serve("/da/cafe", page("Sprogcaféer", lang="da"), content_type=HTML)
    feed_server.serve(
        "/sitemap.xml",
        urlset(
            url(english, "2024-03-02", news + alternates),
            url(danish, "2024-03-02", alternates),
        ),
    )
    source = sitemap_source(make_source, feed_server, locale="en")

    result = harvest_source(source)

    item = source.items.get()
    assert item.title == "Language cafés open in Malmö"
    assert item.published_at == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    assert item.image_url == "https://cdn.example/cafe.jpg"
    # The Danish page is left out without being fetched: the source is English.
    assert feed_server.requests_to("/da/cafe") == []
    assert result.skipped == 1 and result.warnings == []


def test_page_in_another_language_is_left_out(feed_server, make_source):
    feed_server.serve("/a", page("Integration i Norden", lang="sv"), content_type=HTML)
    feed_server.serve("/b", page("Integrasjon", lang="nn-NO"), content_type=HTML)
    feed_server.serve(
        "/sitemap.xml", urlset(url(feed_server.url("/a")), url(feed_server.url("/b")))
    )
    source = sitemap_source(make_source, feed_server, locale="nb")

    harvest_source(source)

    assert list(source.items.values_list("title", flat=True)) == ["Integrasjon"]


@pytest.mark.parametrize(
    ("body", "content_type", "fragment"),
    [
        (b"<urlset><url><loc>x</loc></url", "application/xml", "not valid XML"),
        (
            b"<!DOCTYPE html><html><head><title>Home</title></head></html>",
            "text/html",
            "web page (HTML), not a sitemap",
        ),
        (rss(rss_item("x")), "application/rss+xml", "a feed, not a sitemap"),
        (b"<catalog><book/></catalog>", "application/xml", "root element is <catalog>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<urlset><url><loc>&b;</loc></url></urlset>",
            "application/xml",
            "refused for safety",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]><urlset><url><loc>&x;</loc></url></urlset>',
            "application/xml",
            "refused for safety",
        ),
        (b"\x1f\x8b\x08\x00broken", "application/gzip", "gzipped sitemap is damaged"),
    ],
    ids=[
        "broken-xml",
        "html",
        "rss",
        "other-xml",
        "entities",
        "external-entity",
        "gzip",
    ],
)
def test_unusable_sitemap_fails_with_a_clear_message(
    feed_server, make_source, body, content_type, fragment
):
    source = sitemap_source(make_source, feed_server)
    feed_server.serve("/sitemap.xml", body, content_type=content_type)

    result = harvest_source(source)

    assert result.failed and fragment in result.error
    source.refresh_from_db()
    assert source.last_status == RunStatus.FAILED and fragment in source.last_error
    assert source.items.count() == 0


def test_pages_that_fail_are_warnings_and_the_rest_is_stored(site, make_source):
    site.serve("/report.pdf", b"%PDF-1.7", content_type="application/pdf")
    site.serve(
        "/sitemap.xml",
        urlset(
            url(site.url("/news/mentors")),
            url(site.url("/missing")),
            url(site.url("/report.pdf")),
        ),
        etag='"s2"',
    )
    source = sitemap_source(make_source, site)

    result = harvest_source(source)

    assert result.status == RunStatus.WARNING and result.created == 1
    [warning] = result.warnings
    assert f"{site.url('/missing')}: The source answered HTTP 404" in warning
    assert f"{site.url('/report.pdf')}: It is not a web page (application/pdf)" in (
        warning
    )
    source.refresh_from_db()
    # Not kept: the next run reads the unchanged sitemap again to retry the pages.
    assert "HTTP 404" in source.last_warning and source.etag == ""


def test_page_that_fails_later_keeps_its_item(site, make_source):
    source = sitemap_source(make_source, site)
    harvest_source(source)
    site.serve("/about", b"down", status=503, content_type="text/plain")

    result = harvest_source(source)

    assert result.status == RunStatus.WARNING and result.removed == 0
    assert source.items.filter(link=site.url("/about")).exists()


def test_no_readable_page_fails_the_source(feed_server, make_source):
    feed_server.serve(
        "/sitemap.xml",
        urlset(url(feed_server.url("/gone-1")), url(feed_server.url("/gone-2"))),
    )
    source = sitemap_source(make_source, feed_server)

    result = harvest_source(source)

    assert result.failed and "None of the 2 pages could be read" in result.error
    assert "/gone-1: The source answered HTTP 404" in result.error


def test_pages_on_other_hosts_are_skipped(feed_server, make_source):
    feed_server.serve("/ok", page("Our page"), content_type=HTML)
    feed_server.serve(
        "/sitemap.xml",
        urlset(url(feed_server.url("/ok")), url("https://elsewhere.example/page")),
    )
    source = sitemap_source(make_source, feed_server)

    result = harvest_source(source)

    assert result.created == 1 and result.status == RunStatus.WARNING
    assert "on another host than the sitemap's" in result.warnings[0]


def test_page_redirecting_to_an_internal_address_is_refused(feed_server, make_source):
    feed_server.serve("/secret", page("Secret"), content_type=HTML)
    feed_server.serve("/ok", page("Our page"), content_type=HTML)
    feed_server.serve("/jump", redirect=f"http://localhost:{feed_server.port}/secret")
    feed_server.serve(
        "/sitemap.xml",
        urlset(url(feed_server.url("/ok")), url(feed_server.url("/jump"))),
    )
    source = sitemap_source(make_source, feed_server)

    result = harvest_source(source)

    assert result.created == 1 and "internal address" in result.warnings[0]
    assert feed_server.requests_to("/secret") == []


def test_broken_sitemap_does_not_stop_other_sources(site, make_source):
    site.serve("/broken.xml", b"<urlset><url>", content_type="application/xml")
    broken = sitemap_source(make_source, site, "/broken.xml", name="broken")
    good_sitemap = sitemap_source(make_source, site, name="sitemap")
    feed = make_source(site.serve("/rss", rss(rss_item("one"))), name="feed")

    results = harvest_due()

    assert {r.source: r.failed for r in results} == {
        "broken": True,
        "sitemap": False,
        "feed": False,
    }
    assert good_sitemap.items.count() == 3 and feed.items.count() == 1
    assert ExternalItem.objects.filter(source=broken).count() == 0


def test_pages_beyond_the_time_budget_follow_in_the_next_run(
    feed_server, make_source, settings
):
    settings.HARVEST_SITEMAP_BUDGET = 0.1
    feed_server.serve("/p/slow", page("Slow page"), content_type=HTML, delay=0.3)
    for slug in ("a", "b"):
        feed_server.serve(f"/p/{slug}", page(f"Page {slug}"), content_type=HTML)
    feed_server.serve(
        "/sitemap.xml",
        urlset(
            url(feed_server.url("/p/slow"), "2024-03-03"),
            url(feed_server.url("/p/a"), "2024-03-02"),
            url(feed_server.url("/p/b"), "2024-03-01"),
        ),
        etag='"s1"',
    )
    source = sitemap_source(make_source, feed_server)

    first = harvest_source(source)

    assert first.created == 1 and source.items.get().title == "Slow page"
    assert "2 pages follow in the next run" in first.warnings[0]
    assert feed_server.requests_to("/p/a") == []

    settings.HARVEST_SITEMAP_BUDGET = 60
    second = harvest_source(source)

    # The sitemap is read again (no If-None-Match), the rest of the pages follow.
    assert "If-None-Match" not in feed_server.requests_to("/sitemap.xml")[1]
    assert (second.created, second.unchanged) == (2, 1)
    assert len(feed_server.requests_to("/p/slow")) == 1
