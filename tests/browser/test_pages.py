"""Every page type in Chromium: no serious axe violations, valid HTML, screenshots."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.browser.conftest import axe_violations, html_errors, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = [
    ("home", "home"),
    ("news-list", "news_index"),
    ("news-article", "news"),
    ("events-list", "events_index"),
    ("event", "event"),
    ("event-cancelled", "cancelled_event"),
    ("knowledge-bank", "knowledge"),
    ("statistics-bar", "statistics"),
    ("statistics-line", "statistics_line"),
    ("funding-list", "funding"),
    ("funding-call", "open_funding"),
    ("call-for-applications", "call"),
    ("standard-page", "standard"),
]


def test_every_page_type_is_accessible_and_valid(
    browser_page, live_server, theme_site, expert_group, network, tmp_path: Path
):
    page = browser_page
    urls = {name: theme_site.pages[key].url for name, key in PAGES}
    urls["expert-groups"] = expert_group.get_parent().url
    urls["expert-group"] = expert_group.url
    urls["networks"] = network.get_parent().url
    urls["network"] = network.url
    urls["news-article-da"] = theme_site.da["news"].url
    urls["events-list-filtered"] = theme_site.pages["events_index"].url + "?kind=x"
    urls["search-empty"] = "/en/search/"
    urls["not-found"] = "/en/no-such-page/"
    problems: dict[str, list] = {}
    documents: dict[str, str] = {}
    for name, url in urls.items():
        response = page.goto(live_server.url + url)
        expected = 404 if name == "not-found" else 200
        assert response.status == expected, f"{name}: {response.status}"
        shoot(page, name)
        violations = axe_violations(page)
        if violations:
            problems[name] = violations
        documents[name] = httpx.get(live_server.url + url).text
    assert not problems, problems
    assert html_errors(documents, tmp_path) == []


def test_sign_up_errors_are_valid_and_accessible(
    browser_page, live_server, theme_site, tmp_path: Path
):
    page = browser_page
    page.goto(live_server.url + theme_site.pages["event"].url)
    page.get_by_role("button", name="Sign up").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_by_label("Name").get_attribute("aria-invalid") == "true"
    shoot(page, "event-sign-up-errors")
    html = page.content()  # before axe adds its script
    assert axe_violations(page) == []
    assert html_errors({"sign-up-errors": html}, tmp_path) == []


def test_phone_layout_has_no_sideways_scrolling(
    chromium, live_server, theme_site, settings
):
    settings.HUB_SERVE_MEDIA = True
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for name, key in (
            ("home", "home"),
            ("event", "event"),
            ("stats", "statistics"),
        ):
            page.goto(live_server.url + theme_site.pages[key].url)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
            shoot(page, f"phone-{name}")
        menu = page.get_by_role("button", name="Menu")
        assert menu.get_attribute("aria-expanded") == "false"
        assert not page.locator("#main-nav").is_visible()
        menu.click()
        assert page.locator("#main-nav").is_visible()
    finally:
        context.close()


def test_keyboard_users_can_skip_to_the_content(browser_page, live_server, theme_site):
    page = browser_page
    page.goto(live_server.url + theme_site.pages["news"].url)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
