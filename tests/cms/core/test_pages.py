"""Home and standard pages through the real Wagtail editor."""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from core.models import HomePage, StandardPage
from tests.cms.admin_flow import assert_full_lifecycle, form_errors, page_form


def test_standard_page_lifecycle(editor_client, home):
    data = page_form(
        "Reference group",
        "reference-group",
        {
            "lead": "Ministries guide the programme.",
            "body": streamfield(
                [
                    ("heading", {"text": "Members", "level": "h2"}),
                    ("paragraph", rich_text("<p>One member per ministry.</p>")),
                    (
                        "contact",
                        {
                            "name": "Secretariat",
                            "role": "",
                            "organisation": "",
                            "email": "integration@norden.example",
                            "phone": "",
                        },
                    ),
                ]
            ),
        },
    )
    assert_full_lifecycle(
        editor_client,
        home,
        StandardPage,
        data,
        edited={"lead": "Ministries steer the programme."},
        expect_in_preview="One member per ministry.",
        expect_after_edit="Ministries steer the programme.",
    )


def test_home_page_lifecycle(admin_client, locales):
    root = Page.get_first_root_node()
    data = page_form(
        "Forside",
        "home-da",
        {
            "hero_title": "Viden om integration",
            "lead": "Nordisk viden",
            "body": streamfield([]),
        },
    )
    data["locale"] = "da"
    assert_full_lifecycle(
        admin_client,
        root,
        HomePage,
        data,
        edited={"hero_title": "Nordisk viden om integration"},
        expect_in_preview="Viden om integration",
        expect_after_edit="Nordisk viden om integration",
        check_public=False,  # a new root outside any site has no public URL yet
    )


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (
            {"label": "Read more", "page": "", "url": ""},
            "Choose a page or enter an address",
        ),
        (
            {"label": "Read more", "page": "HOME", "url": "https://norden.org"},
            "Choose a page or enter an address",
        ),
    ],
)
def test_link_block_needs_exactly_one_target(editor_client, home, block, message):
    block = {**block, "page": str(home.pk) if block["page"] == "HOME" else ""}
    data = page_form("Links", "links", {"body": streamfield([("link", block)])})
    errors = form_errors(editor_client, home, StandardPage, data)
    assert message in str(errors)
