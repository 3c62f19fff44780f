"""sitemap.xml with translations, robots.txt and the friendly error pages."""

from __future__ import annotations

from xml.etree import ElementTree

from django.template.loader import render_to_string

from tests.cms.theme.helpers import html_lang, tags

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_lists_pages_of_every_language_with_alternates(client, theme_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    entries = {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    news, news_da = theme_site.pages["news"], theme_site.da["news"]
    assert news.full_url in entries and news_da.full_url in entries
    assert entries[news.full_url] == {"en": news.full_url, "da": news_da.full_url}
    assert entries[news_da.full_url] == entries[news.full_url]
    assert theme_site.pages["statistics"].full_url in entries


def test_sitemap_leaves_out_unpublished_pages(client, theme_site):
    news = theme_site.pages["news"]
    news.unpublish()
    assert news.full_url.encode() not in client.get("/sitemap.xml").content


def test_robots_txt_points_to_the_sitemap(client, theme_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_missing_page_gets_the_friendly_404_in_its_language(client, theme_site):
    response = client.get("/da/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_lang(html) == "da"
    assert tags(html, "h1")
    assert tags(html, "form", role="search", action="/da/search/")


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert 'lang="en"' in html
