"""A page past its expiry that ``publish_scheduled`` has not unpublished yet.

Such a page is still ``live`` in the database; visitors must not see it anyway:
not its URL, not in the sitemap, not in lists, menus or language links, and it
must not reach the read model.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from indexing.documents.pages import related_ids
from indexing.publicity import page_is_public
from tests.cms.theme.helpers import tags


def expire(page, *, ago: datetime.timedelta = datetime.timedelta(seconds=1)) -> None:
    """Give ``page`` an expiry in the past without unpublishing it."""
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - ago)
    page.refresh_from_db()
    assert page.live and not page.expired


def test_the_expired_page_answers_404_until_it_is_unpublished(client, theme_site):
    news = theme_site.pages["news"]
    assert client.get(news.url).status_code == 200
    expire(news)
    assert client.get(news.url).status_code == 404
    # Its translation has no expiry of its own and stays visible.
    assert client.get(theme_site.da["news"].url).status_code == 200


def test_a_page_whose_expiry_is_ahead_is_still_shown(client, theme_site):
    news = theme_site.pages["news"]
    expire(news, ago=-datetime.timedelta(hours=1))
    assert client.get(news.url).status_code == 200


def test_routes_below_an_expired_event_answer_404(client, theme_site):
    event = theme_site.pages["event"]
    expire(event)
    assert client.get(event.url).status_code == 404
    assert client.post(event.url, {"name": "A"}).status_code == 404


def test_the_sitemap_leaves_out_an_expired_page_and_its_alternate(client, theme_site):
    news, news_da = theme_site.pages["news"], theme_site.da["news"]
    expire(news)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{news.full_url}</loc>" not in sitemap
    assert news.full_url not in sitemap  # not as the Danish page's alternate either
    assert f"<loc>{news_da.full_url}</loc>" in sitemap


def test_lists_and_home_highlights_leave_out_an_expired_page(client, theme_site):
    news, index = theme_site.pages["news"], theme_site.pages["news_index"]
    assert news.url in client.get(index.url).content.decode()
    assert news.url in client.get(theme_site.pages["home"].url).content.decode()
    expire(news)
    assert news.url not in client.get(index.url).content.decode()
    assert news.url not in client.get(theme_site.pages["home"].url).content.decode()


def test_language_links_and_menu_leave_out_an_expired_page(client, theme_site):
    news_da, news_index = theme_site.da["news"], theme_site.pages["news_index"]
    expire(theme_site.pages["news"])
    html = client.get(news_da.url).content.decode()
    hreflangs = {link["hreflang"] for link in tags(html, "link", rel="alternate")}
    assert "da" in hreflangs and "en" not in hreflangs

    home_html = client.get(theme_site.pages["home"].url).content.decode()
    assert f'href="{news_index.url}"' in home_html
    expire(news_index)
    home_html = client.get(theme_site.pages["home"].url).content.decode()
    assert f'href="{news_index.url}"' not in home_html


@pytest.mark.parametrize("key", ["news", "event", "standard", "call"])
def test_an_expired_page_never_reaches_the_read_model(theme_site, key):
    page = theme_site.pages[key]
    assert page_is_public(page)
    expire(page)
    assert not page_is_public(page)
    assert related_ids([page]) == []
