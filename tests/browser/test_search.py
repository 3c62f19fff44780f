"""Search through the public GraphQL API, in a browser, as the public uses it."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import axe_violations, drain_outbox, shoot, wait_for_search

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_search_with_a_facet_and_a_language_switch(
    browser_page, live_server, theme_site, graphql_service
):
    drain_outbox()
    wait_for_search(graphql_service, "programme")
    page = browser_page
    page.goto(live_server.url + theme_site.pages["home"].url)
    box = page.get_by_role("searchbox", name="Search the hub")
    box.fill("programme")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=programme"))
    results = page.locator(".search-result")
    assert results.count() >= 1
    first = results.first
    assert "programme" in first.locator("mark").first.inner_text().lower()
    shoot(page, "search-results")
    assert axe_violations(page) == []

    news = page.locator("input[name=type][value=news]")
    news.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"type=news"))
    assert page.locator("input[name=type][value=news]").is_checked()
    titles = page.locator(".search-result h3").all_inner_texts()
    assert "New programme puts jobs first" in titles
    assert "Seminar on language at work" not in titles
    shoot(page, "search-facet-news")

    page.locator(".language-switcher").get_by_role("link", name="Dansk").click()
    page.wait_for_url(re.compile(r"/da/search/\?.*type=news"))
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("#search-q").input_value() == "programme"
    assert page.locator(".search-result").count() >= 1
    shoot(page, "search-danish")


def test_search_box_suggests_titles(
    browser_page, live_server, theme_site, graphql_service
):
    drain_outbox()
    wait_for_search(graphql_service, "programme")
    page = browser_page
    page.goto(live_server.url + "/en/search/")
    with page.expect_response(lambda r: "/search/suggestions/" in r.url) as answer:
        page.locator("#search-q").press_sequentially("New pro", delay=30)
    assert answer.value.status == 200
    page.wait_for_function(
        "document.querySelectorAll('#search-suggestions option').length > 0"
    )
    options = page.locator("#search-suggestions option").evaluate_all(
        "opts => opts.map(o => o.value)"
    )
    assert "New programme puts jobs first" in options


def test_search_unavailable_is_explained(browser_page, live_server, home, settings):
    settings.HUB_GRAPHQL_URL = "http://127.0.0.1:9/graphql"
    page = browser_page
    response = page.goto(live_server.url + "/en/search/?q=integration")
    assert response.status == 503
    assert page.get_by_role("alert").is_visible()
    assert "Search is unavailable" in page.get_by_role("alert").inner_text()
    shoot(page, "search-unavailable")
    assert axe_violations(page) == []


def test_editor_publishes_news_and_finds_it_on_the_search_page(
    browser_page, live_server, theme_site, graphql_service, editor
):
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))

    index = theme_site.pages["news_index"]
    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/")
    page.fill("#id_title", "Sauna diplomacy brings newcomers together")
    # The slug follows the title when the field is left: wait for it, or the
    # form comes back asking for one.
    page.locator("#id_title").press("Tab")
    page.wait_for_function("document.querySelector('#id_slug').value !== ''")
    page.fill("#id_lead", "Public saunas in Finland become meeting places.")
    shoot(page, "admin-news-editor")
    page.locator('button[name="action-publish"]').evaluate("button => button.click()")
    try:
        page.wait_for_url(re.compile(r"/admin/pages/\d+/$"), timeout=30_000)
    finally:
        shoot(page, "admin-after-publish")
    from news.models import NewsPage

    article = NewsPage.objects.get(title__startswith="Sauna diplomacy")
    assert article.live

    drain_outbox()
    wait_for_search(graphql_service, "sauna")
    page.goto(live_server.url + "/en/search/?q=sauna")
    link = page.get_by_role("link", name=re.compile("Sauna diplomacy"))
    assert link.is_visible()
    shoot(page, "search-finds-published-news")
    link.click()
    page.wait_for_url(re.compile(rf"{re.escape(article.url)}$"))
    assert page.locator("h1").inner_text() == (
        "Sauna diplomacy brings newcomers together"
    )
