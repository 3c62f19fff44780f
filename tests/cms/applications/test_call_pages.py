"""Call pages through the real Wagtail editor, and the rules on their dates."""

from __future__ import annotations

import datetime

from django.test import override_settings
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text, streamfield

from applications.models import CallForApplicationsPage
from tests.cms.admin_flow import assert_full_lifecycle, form_errors, page_form
from tests.cms.applications.factories import DAY, make_call

FMT = "%Y-%m-%d %H:%M"


def call_form(**overrides):
    now = timezone.localtime()
    fields = {
        "lead": "Experts with migrant background are invited to apply.",
        "opens_at": (now - DAY).strftime(FMT),
        "closes_at": (now + 30 * DAY).strftime(FMT),
        "selection_by": (now + 45 * DAY).strftime("%Y-%m-%d"),
        "body": streamfield(
            [
                ("heading", {"text": "Background", "level": "h2"}),
                ("paragraph", rich_text("<p>Two online meetings a year.</p>")),
            ]
        ),
        "criteria": rich_text("<p>Born outside the Nordic region.</p>"),
        "privacy_notice": rich_text("<p>Only the secretariat reads it.</p>"),
        "notify_email": "",
        "retention_days": "",
    }
    fields.update(overrides)
    return page_form("Join the expert forum", "expert-forum", fields)


def test_call_page_lifecycle(editor_client, home, theme):
    page = assert_full_lifecycle(
        editor_client,
        home,
        CallForApplicationsPage,
        call_form(),
        edited={"lead": "Apply by the end of the month."},
        expect_in_preview="Only the secretariat reads it.",
        expect_after_edit="Apply by the end of the month.",
    )
    html = editor_client.get(page.url).content.decode()
    assert "Two online meetings a year." in html
    assert "Born outside the Nordic region." in html
    assert 'name="full_name"' in html
    assert page.is_open()


def test_call_must_close_after_it_opens(editor_client, home):
    now = timezone.localtime()
    data = call_form(opens_at=now.strftime(FMT), closes_at=(now - DAY).strftime(FMT))
    errors = form_errors(editor_client, home, CallForApplicationsPage, data)
    assert errors["closes_at"] == ["The call must close after it opens."]


def test_selection_cannot_end_before_the_call_closes(editor_client, home):
    now = timezone.localtime()
    data = call_form(selection_by=(now + 10 * DAY).strftime("%Y-%m-%d"))
    errors = form_errors(editor_client, home, CallForApplicationsPage, data)
    assert errors["selection_by"] == ["Selection cannot end before the call closes."]


def test_privacy_notice_is_required(editor_client, home):
    data = call_form(privacy_notice=rich_text(""))
    errors = form_errors(editor_client, home, CallForApplicationsPage, data)
    assert errors["privacy_notice"] == [
        "Tell applicants how their data is handled before they apply."
    ]


def test_is_open_only_inside_the_window(home):
    opens = timezone.now()
    call = make_call(home, "window", opens, opens + DAY)
    assert not call.is_open(opens - datetime.timedelta(seconds=1))
    assert call.is_open(opens)
    assert call.is_open(opens + DAY - datetime.timedelta(seconds=1))
    assert not call.is_open(opens + DAY)


@override_settings(APPLICATION_RETENTION_DAYS=30)
def test_erase_after_uses_the_site_default_or_the_call_override(home):
    closes = timezone.now()
    call = make_call(home, "retention", closes - DAY, closes)
    assert call.erase_after() == closes + 30 * DAY
    call.retention_days = 90
    assert call.erase_after() == closes + 90 * DAY
