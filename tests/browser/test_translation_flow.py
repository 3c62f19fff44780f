"""Translate in a real browser: new drafts, the source panel, alt text per language."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.browser.conftest import ARTIFACTS, AXE, AXE_TAGS, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def axe_in(page: Any, selector: str) -> list[dict[str, Any]]:
    """Serious and critical violations inside ``selector`` (the part the project
    adds to a Wagtail admin page). Wagtail's own messages are left out: axe
    measures their contrast while they fade in."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async ([selector, tags]) => {
            const r = await axe.run({include: [[selector]], exclude: [['.messages']]},
                                    {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }""",
        [selector, AXE_TAGS],
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.fixture
def signed_in(browser_page, live_server, django_user_model):
    django_user_model.objects.create_superuser(
        "chief", "chief@example.org", "pw-chief-1"
    )
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "pw-chief-1")
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def test_translate_into_two_languages_then_open_a_draft_with_its_source(
    chromium, signed_in, live_server, home, locales, theme_image
):
    from core.models import StandardPage

    for code in ("nb", "sv"):
        home.copy_for_translation(locales[code]).save_revision().publish()
    programme = StandardPage(
        title="Programme",
        slug="programme",
        lead="The programme runs to 2030.",
        main_image=theme_image,
    )
    home.add_child(instance=programme)
    programme.save_revision().publish()

    page = signed_in
    page.goto(
        live_server.url
        + reverse("simple_translation:submit_page_translation", args=[programme.pk])
    )
    page.get_by_label("Norwegian (bokmål)").check()
    page.get_by_label("Swedish").check()
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()
    assert "/admin/translation/created/page/" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    assert "Norwegian" in rows.nth(0).inner_text()
    assert "Swedish" in rows.nth(1).inner_text()
    shoot(page, "translation-flow-new-drafts")
    assert axe_in(page, "main") == []

    programme.refresh_from_db()
    programme.lead = "The programme runs from 2025 to 2030."
    programme.save_revision().publish()

    rows.nth(0).get_by_role("link").click()
    page.wait_for_load_state()
    panel = page.locator("[data-translation-source]")
    assert "Translation of “Programme” (English)" in panel.inner_text()
    assert "1 field" in panel.locator("[data-translation-changes]").inner_text()
    assert page.locator("[data-translation-source] .addition").count() >= 1
    shoot(page, "translation-flow-source-panel")
    assert axe_in(page, "[data-translation-source]") == []

    page.goto(live_server.url + reverse("wagtailimages:edit", args=[theme_image.pk]))
    norwegian = page.locator('fieldset[data-language="nb"]')
    norwegian.get_by_label("Alt text").fill("To kvinner prater over en kopp kaffe")
    norwegian.get_by_label("Caption").fill("Språkkafé i Oslo")
    norwegian.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("fieldset[data-language]").first.locator("xpath=..").screenshot(
        path=str(ARTIFACTS / "image-alt-text-per-language.png")
    )
    assert page.locator("fieldset[data-language]").count() == 6
    assert axe_in(page, "fieldset[data-language]") == []
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    theme_image.refresh_from_db()
    assert theme_image.language_texts["nb"] == {
        "alt": "To kvinner prater over en kopp kaffe",
        "caption": "Språkkafé i Oslo",
    }
