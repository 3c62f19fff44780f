"""Every absolute URL the product hands out answers, wherever it is served.

The CMS runs as a real HTTP server (Django's live server) with the default site
given that server's address, the way ``make run`` and ``configure_site`` do it.
Then every link in sitemap.xml, a page's canonical and Open Graph URLs, and every
link of an RSS feed and of GraphQL ``url`` fields (the GraphQL service, a real
uvicorn process, serves them from the read model the indexer filled) is followed
and must answer 200 from that server.
"""

from __future__ import annotations

import httpx
import pytest
from defusedxml import ElementTree

from core.site_address import configure_default_site
from indexing.worker import drain_once
from tests.cms.theme.conftest import theme_image, theme_site  # noqa: F401 - fixtures
from tests.cms.theme.helpers import tags
from tests.graphql_service.conftest import launch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SITEMAP = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
URLS = '{ newsArticles(locale: "en", first: 20) { edges { node { url } } } }'


def answers(url: str, *, redirects: bool = False) -> int:
    """The status ``url`` answers with, after redirects on the same server if asked."""
    response = httpx.get(url, timeout=30, follow_redirects=redirects)
    assert response.url.host == httpx.URL(url).host, response.url
    return response.status_code


@pytest.fixture
def served(live_server, theme_site, settings, tmp_path, request):  # noqa: F811
    """The CMS at the live server's address, and the GraphQL service beside it."""
    from search.backends import get_backend

    settings.HUB_SERVE_MEDIA = True  # no web server in front of the live server
    settings.SEARCH_PATH = index = tmp_path / "index"
    writer = get_backend({"BACKEND": "search.backends.embedded", "PATH": str(index)})
    request.addfinalizer(writer.close)
    drain_once(writer)  # documents first carry the fixture's address (testserver)
    assert configure_default_site(live_server.url)
    drain_once(writer)  # moving the site queued every page again
    service = launch(index, tmp_path, HUB_PUBLIC_BASE_URL=live_server.url)
    request.addfinalizer(service.stop)
    return live_server.url, service


def test_every_sitemap_link_answers(served, theme_site):  # noqa: F811
    base, _service = served
    response = httpx.get(f"{base}/sitemap.xml", timeout=30)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    links = {loc.text for loc in root.iterfind("s:url/s:loc", SITEMAP)}
    links |= {a.get("href") for a in root.iterfind("s:url/x:link", SITEMAP)}
    assert theme_site.pages["news"].get_full_url() in links
    assert len(links) >= 10
    for link in sorted(links):
        assert link.startswith(f"{base}/"), link
        assert answers(link) == 200, link


def test_a_pages_canonical_hreflang_and_open_graph_urls_answer(served, theme_site):  # noqa: F811
    base, _service = served
    html = httpx.get(theme_site.pages["news"].get_full_url(), timeout=30).text
    links = [link["href"] for link in tags(html, "link", rel="canonical")]
    links += [link["href"] for link in tags(html, "link", rel="alternate")]
    links += [meta["content"] for meta in tags(html, "meta", property="og:url")]
    links += [meta["content"] for meta in tags(html, "meta", property="og:image")]
    assert len(links) >= 4
    for link in links:
        if link.startswith(f"{base}/"):  # feeds advertised by the page live on :8001
            assert answers(link) == 200, link
        else:
            assert "/feeds/" in link, link


def test_every_link_of_a_feed_and_of_graphql_answers(served, theme_site):  # noqa: F811
    base, service = served
    response = httpx.get(f"{service.base}/feeds/all.rss", timeout=30)
    assert response.status_code == 200, response.text
    channel = ElementTree.fromstring(response.content).find("channel")
    links = [channel.findtext("link")]
    links += [item.findtext("link") for item in channel.iterfind("item")]
    links += [e.get("url") for e in channel.iterfind("item/enclosure")]
    assert theme_site.pages["news"].get_full_url() in links
    assert theme_site.pages["event"].get_full_url() in links

    graphql = httpx.post(service.url, json={"query": URLS}, timeout=30).json()
    assert "errors" not in graphql, graphql
    edges = graphql["data"]["newsArticles"]["edges"]
    links += [edge["node"]["url"] for edge in edges]
    assert theme_site.pages["news"].get_full_url() in links[-len(edges) :]

    for link in links:
        assert link.startswith(f"{base}/"), link
        # The feed's home link is the site root, which redirects to a language.
        assert answers(link, redirects=True) == 200, link
