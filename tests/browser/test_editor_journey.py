"""The editor's journey in a real browser, as the demo team works.

An editor (not a superuser) writes a Danish news article with a picture,
translates it into Norwegian and Swedish and submits the three versions; a
reviewer approves all three languages at each of the two workflow steps and
they go live; the editor finds the article in the admin by a part of a compound
word and by its year, and sends an item that failed to reach search again from
"Search problems". All along, no page asks any other host for anything, and the
parts of the admin the project adds have no serious accessibility violations.
Screenshots of each step go to ``tests/artifacts/``.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.browser.conftest import shoot
from tests.browser.test_translation_flow import axe_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "journey-pw-2026"
TITLE = "Integrationskonference samlede kommunerne i København"


@pytest.fixture
def newsroom(home, locales):
    """Danish, Norwegian and Swedish homes with a news section each, in the demo
    team's workflow, and the demo accounts."""
    from core.demo import workflow as demo_workflow
    from core.demo.helpers import DemoContext
    from news.models import NewsIndexPage

    homes = {"en": home}
    for code in ("da", "nb", "sv"):
        copy = home.copy_for_translation(locales[code])
        copy.save_revision().publish()
        homes[code] = copy
    news = NewsIndexPage(title="Nyheder", slug="nyheder")
    homes["da"].add_child(instance=news)
    news.save_revision().publish()
    for code in ("nb", "sv"):
        news.copy_for_translation(locales[code]).save_revision().publish()
    demo_workflow.load(DemoContext(homes=homes))
    call_command(
        "create_demo_editor",
        stdout=StringIO(),
    )
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.filter(username__in=["editor", "reviewer"]):
        user.set_password(PASSWORD)
        user.save()
    return news


class ForeignRequests:
    """Every request the browser makes to a host other than the site's."""

    def __init__(self, page: Any, own: str) -> None:
        self.own = urlsplit(own).netloc
        self.seen: list[str] = []
        page.on("request", self._record)

    def _record(self, request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.own:
            self.seen.append(request.url)


def sign_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()  # a new person at the keyboard
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def run_action(page: Any, label: str) -> None:
    """Click an item of the page editor's action menu (some sit in the closed
    dropdown) and wait for the page that answers."""
    button = page.locator("footer button", has_text=re.compile(rf"^\s*{label}\s*$"))
    with page.expect_navigation():
        button.first.evaluate("button => button.click()")


def test_write_translate_review_publish_find_and_fix(
    chromium, browser_page, live_server, newsroom, theme_image
):
    from indexing.models import OutboxEntry
    from news.models import NewsPage

    page = browser_page
    base = live_server.url
    foreign = ForeignRequests(page, base)

    # 1. The editor writes a Danish article with a picture and saves a draft.
    sign_in(page, base, "editor")
    page.goto(f"{base}/admin/pages/add/news/newspage/{newsroom.pk}/")
    page.fill("#id_title", TITLE)
    page.locator("#id_title").press("Tab")
    page.wait_for_function("document.querySelector('#id_slug').value !== ''")
    page.fill("#id_date", "2018-11-20")
    page.fill("#id_lead", "Over 300 deltagere fra hele Norden mødtes om integration.")
    page.get_by_role("button", name="Choose an image").click()
    page.locator(".modal a", has_text=theme_image.title).first.click()
    page.wait_for_selector(".modal", state="hidden")
    shoot(page, "journey-1-danish-draft")
    with page.expect_navigation():
        page.locator("button.action-save").first.evaluate("b => b.click()")
    article = NewsPage.objects.get(title=TITLE)
    assert article.main_image_id == theme_image.pk and not article.live

    # 2. Translate into Norwegian and Swedish: the new drafts are listed.
    page.goto(
        base + reverse("simple_translation:submit_page_translation", args=[article.pk])
    )
    page.get_by_label("Norwegian (bokmål)").check()
    page.get_by_label("Swedish").check()
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    drafts = page.locator("main table tbody tr")
    assert drafts.count() == 2
    shoot(page, "journey-2-new-drafts")
    assert axe_in(page, "main table") == []  # (the message above it is Wagtail's)
    versions = {
        copy.locale.language_code: copy
        for copy in NewsPage.objects.filter(translation_key=article.translation_key)
    }
    assert sorted(versions) == ["da", "nb", "sv"]

    # 3. The editor submits each version; there is no way to publish directly.
    for code in ("da", "nb", "sv"):
        page.goto(base + reverse("wagtailadmin_pages:edit", args=[versions[code].pk]))
        assert page.locator('button[name="action-publish"]').count() == 0
        run_action(page, "Submit to Review and publish")
        assert "submitted" in page.locator(".messages").inner_text()
    shoot(page, "journey-3-submitted")

    # 4. The reviewer approves all languages at each step; they go live.
    sign_in(page, base, "reviewer")
    shoot(page, "journey-4-reviewer-dashboard")
    dashboard_panels = page.locator("[id^=hub-]")
    assert dashboard_panels.count() >= 1
    for panel in range(dashboard_panels.count()):
        panel_id = dashboard_panels.nth(panel).get_attribute("id")
        assert axe_in(page, f"#{panel_id}") == [], panel_id
    edit_danish = base + reverse("wagtailadmin_pages:edit", args=[article.pk])
    page.goto(edit_danish)
    run_action(page, "Approve all languages")
    confirmation = page.locator(".messages").inner_text()
    assert "Danish" in confirmation and "Swedish" in confirmation
    assert "Publishing approval" in confirmation
    page.goto(edit_danish)
    run_action(page, "Approve and publish all languages")
    shoot(page, "journey-5-published")
    for copy in versions.values():
        copy.refresh_from_db()
        assert copy.live, copy.locale.language_code

    # 5. The editor finds it by a part of a compound word and by its year.
    sign_in(page, base, "editor")
    for query in ("konference", "2018"):
        page.goto(f"{base}/admin/pages/search/?q={query}")
        results = page.locator("main table tbody")
        assert TITLE in results.inner_text(), query
    shoot(page, "journey-6-admin-search")

    # 6. An item that failed to reach search is sent again.
    failed = OutboxEntry.objects.create(
        action=OutboxEntry.Action.UPSERT,
        doc_id=f"news:{article.pk}",
        model_label=article._meta.label,
        object_pk=str(article.pk),
        state=OutboxEntry.State.FAILED,
        attempts=8,
        last_error="ValueError: cannot render body",
    )
    page.goto(base + reverse("search_problems"))
    assert TITLE in page.locator("main").inner_text()
    shoot(page, "journey-7-search-problems")
    assert axe_in(page, "main") == []
    with page.expect_navigation():
        page.get_by_role("button", name="Retry", exact=True).first.click()
    failed.refresh_from_db()
    assert failed.state == OutboxEntry.State.DONE
    assert OutboxEntry.objects.filter(
        doc_id=f"news:{article.pk}", state=OutboxEntry.State.PENDING, reason="retry"
    ).exists()

    # 7. Translations report (a screen the project adds).
    page.goto(base + reverse("translation_report"))
    assert axe_in(page, "main") == []

    assert foreign.seen == []
