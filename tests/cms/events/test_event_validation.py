"""The editor refuses events with impossible dates, sessions, windows or places."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text, streamfield

from events.models import EventPage
from tests.cms.admin_flow import form_errors, page_form


def event_data(**overrides) -> dict:
    fields = {
        "kind": "seminar",
        "start": "2027-03-10 09:00",
        "end": "2027-03-10 16:00",
        "time_zone": "Europe/Oslo",
        "venue_name": "Litteraturhuset",
        "city": "Oslo",
        "online_link": "",
        "programme": streamfield([]),
        "organisers": streamfield([]),
        "documents": streamfield([]),
        "body": streamfield([]),
        "registration_enabled": "on",
        "registration_opens": "2027-01-01 09:00",
        "registration_closes": "2027-03-08 12:00",
        "capacity": "40",
        "waiting_list_enabled": "on",
    }
    fields.update(overrides)
    return page_form("Seminar on housing", "housing-seminar", fields)


def session(start: str, end: str) -> dict:
    return {
        "date": "",
        "start_time": start,
        "end_time": end,
        "title": "Panel",
        "description": rich_text(""),
        "speakers": streamfield([]),
        "moderators": streamfield([]),
    }


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"end": "2027-03-10 08:59"},
            "end",
            "The event cannot end before it starts.",
        ),
        (
            {"registration_closes": "2027-01-01 09:00"},
            "registration_closes",
            "Sign-up must close after it opens.",
        ),
        (
            {"registration_closes": "2027-03-10 16:01"},
            "registration_closes",
            "Sign-up cannot close after the event has ended.",
        ),
        (
            {"registration_opens": "2027-03-10 09:00", "registration_closes": ""},
            "registration_opens",
            "Sign-up closes when the event starts",
        ),
        (
            {"capacity": "0"},
            "capacity",
            "An event needs at least one seat",
        ),
        (
            {"venue_name": "", "online_link": ""},
            "venue_name",
            "Give a venue or an online link (or both).",
        ),
    ],
    ids=[
        "end-before-start",
        "closes-before-opens",
        "closes-after-end",
        "opens-after-start",
        "capacity-zero",
        "no-venue-or-link",
    ],
)
def test_editor_refuses_invalid_event(
    editor_client, events_index, overrides, field, message
):
    errors = form_errors(
        editor_client, events_index, EventPage, event_data(**overrides)
    )
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors
    assert not EventPage.objects.exists()


def test_online_event_needs_no_venue(editor_client, events_index):
    from tests.cms.admin_flow import create_page

    data = event_data(venue_name="", city="", online_link="https://meet.example.org/x")
    page = create_page(editor_client, events_index, EventPage, data)
    assert page.is_online


def test_session_cannot_end_before_it_starts(editor_client, events_index):
    data = event_data(programme=streamfield([("session", session("10:00", "09:45"))]))
    url = reverse(
        "wagtailadmin_pages:add", args=["events", "eventpage", events_index.pk]
    )
    response = editor_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    [stream_error] = response.context["form"].errors["programme"].as_data()
    session_error = stream_error.block_errors[0]
    assert [str(m) for m in session_error.block_errors["end_time"]] == [
        "The session cannot end before it starts."
    ]
    assert "The session cannot end before it starts." in response.content.decode()
    assert not EventPage.objects.exists()


def test_session_without_end_time_is_fine(editor_client, events_index):
    from tests.cms.admin_flow import create_page

    data = event_data(programme=streamfield([("session", session("10:00", ""))]))
    page = create_page(editor_client, events_index, EventPage, data)
    assert page.programme[0].value["end_time"] is None
