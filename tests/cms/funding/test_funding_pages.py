"""Funding pool and call pages through the real Wagtail editor."""

from __future__ import annotations

from wagtail.test.utils.form_data import rich_text, streamfield

from funding.models import FundingCallPage, FundingIndexPage
from tests.cms.admin_flow import assert_full_lifecycle, form_errors, page_form


def call_form(**fields):
    return page_form(
        "Call for projects 2027",
        "call-2027",
        {
            "lead": "Develop new methods for integration.",
            "opens_at": "2026-01-15 09:00",
            "closes_at": "2030-03-01 12:00",
            "amount_min": "100000",
            "amount_max": "500000",
            "currency": "DKK",
            "who_may_apply": rich_text("<p>Civil-society organisations.</p>"),
            "criteria": rich_text("<p>Nordic added value.</p>"),
            "how_to_apply": rich_text("<p>Fill in the form.</p>"),
            "application_url": "https://example.org/apply",
            "contact_email": "pool@example.org",
            "body": streamfield([]),
            **fields,
        },
    )


def test_funding_index_lifecycle(editor_client, home):
    data = page_form(
        "Funding",
        "funding",
        {
            "lead": "Money for new knowledge and methods.",
            "body": streamfield(
                [("paragraph", rich_text("<p>The pool funds Nordic projects.</p>"))]
            ),
        },
    )
    assert_full_lifecycle(
        editor_client,
        home,
        FundingIndexPage,
        data,
        edited={"lead": "Grants for integration projects."},
        expect_in_preview="The pool funds Nordic projects.",
        expect_after_edit="Grants for integration projects.",
    )


def test_funding_call_lifecycle(editor_client, funding_index):
    page = assert_full_lifecycle(
        editor_client,
        funding_index,
        FundingCallPage,
        call_form(),
        edited={"amount_min": ""},
        expect_in_preview="100,000–500,000 DKK",
        expect_after_edit="up to 500,000 DKK",
    )
    assert page.is_open()
    html = editor_client.get(page.url).content.decode()
    assert "Open for applications" in html
    assert 'href="https://example.org/apply"' in html
    assert '<time datetime="2030-03-01T12:00:00+01:00">' in html
    assert "Civil-society organisations." in html


def test_call_must_close_after_it_opens(editor_client, funding_index):
    data = call_form(opens_at="2027-03-01 12:00", closes_at="2027-03-01 12:00")
    errors = form_errors(editor_client, funding_index, FundingCallPage, data)
    assert errors["closes_at"] == ["The call must close after it opens."]


def test_smallest_grant_cannot_exceed_largest(editor_client, funding_index):
    data = call_form(amount_min="600000", amount_max="500000")
    errors = form_errors(editor_client, funding_index, FundingCallPage, data)
    assert errors["amount_max"] == [
        "The largest grant cannot be smaller than the smallest grant."
    ]


def test_amounts_cannot_be_negative(editor_client, funding_index):
    data = call_form(amount_min="-1")
    errors = form_errors(editor_client, funding_index, FundingCallPage, data)
    assert errors["amount_min"] == ["Ensure this value is greater than or equal to 0."]


def test_closed_call_hides_the_apply_button(funding_index, make_call, client):
    call = make_call("old-call", -60, -30)
    call.application_url = "https://example.org/apply"
    call.save_revision().publish()
    html = client.get(call.url).content.decode()
    assert "This call is closed" in html
    assert "https://example.org/apply" not in html
