"""Event pages through the real Wagtail editor."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import rich_text, streamfield

from events.choices import TIME_ZONE_CHOICES
from events.models import EventIndexPage, EventPage
from tests.cms.admin_flow import assert_full_lifecycle, create_page, page_form


@pytest.fixture
def expert(locales):
    from experts.models import ExpertProfile

    return ExpertProfile.objects.create(
        name="Dr Ingrid Lund",
        organisation="Nordregio",
        is_public=True,
        consent_date=datetime.date(2026, 1, 5),
        locale=locales["en"],
    )


@pytest.fixture
def document(db):
    document = get_document_model()(title="Conference report")
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=False)
    document.save()
    return document


def event_fields(expert, document, **overrides) -> dict:
    fields = {
        "kind": "conference",
        "lead": "Nordic ministers and researchers meet on integration.",
        "start": "2027-11-20 09:30",
        "end": "2027-11-20 16:30",
        "time_zone": "Europe/Copenhagen",
        "venue_name": "Nordens Hus",
        "street_address": "Ved Stranden 18",
        "city": "Copenhagen",
        "online_link": "https://stream.example.org/live",
        "programme": streamfield(
            [
                (
                    "session",
                    {
                        "date": "",
                        "start_time": "09:30",
                        "end_time": "10:15",
                        "title": "Where do we want to be in ten years?",
                        "description": rich_text("<p>Opening debate.</p>"),
                        "speakers": streamfield(
                            [
                                ("expert", expert.pk),
                                (
                                    "person",
                                    {"name": "Maja Berg", "organisation": "Oslo"},
                                ),
                            ]
                        ),
                        "moderators": streamfield(
                            [("person", {"name": "Jonas Ek", "organisation": ""})]
                        ),
                    },
                )
            ]
        ),
        "organisers": streamfield(
            [
                (
                    "organiser",
                    {
                        "name": "Nordic Council of Ministers",
                        "url": "https://www.norden.org",
                    },
                )
            ]
        ),
        "documents": streamfield(
            [("document", {"document": document.pk, "title": ""})]
        ),
        "recording_link": "",
        "body": streamfield(
            [("paragraph", rich_text("<p>Work and language from day one.</p>"))]
        ),
        "registration_enabled": "on",
        "registration_opens": "2026-01-01 09:00",
        "registration_closes": "2027-11-13 12:00",
        "capacity": "120",
        "waiting_list_enabled": "on",
    }
    fields.update(overrides)
    return fields


def test_event_index_lifecycle(editor_client, home):
    data = page_form("Events", "events", {"lead": "Conferences and seminars."})
    assert_full_lifecycle(
        editor_client,
        home,
        EventIndexPage,
        data,
        edited={"lead": "Meet the Nordic integration community"},
        expect_in_preview="Conferences and seminars.",
        expect_after_edit="Meet the Nordic integration community",
    )


def test_event_page_lifecycle(editor_client, events_index, expert, document):
    data = page_form(
        "What can we learn from each other?",
        "nordic-conference",
        event_fields(expert, document),
    )
    page = assert_full_lifecycle(
        editor_client,
        events_index,
        EventPage,
        data,
        edited={"lead": "Registration is open for the Nordic conference."},
        expect_in_preview="Where do we want to be in ten years?",
        expect_after_edit="Registration is open for the Nordic conference.",
    )
    assert page.kind == "conference"
    assert page.capacity == 120 and page.registration_enabled
    [session] = page.programme
    assert [child.block_type for child in session.value["speakers"]] == [
        "expert",
        "person",
    ]
    assert session.value["speakers"][0].value == expert
    assert page.organisers[0].value["name"] == "Nordic Council of Ministers"
    assert page.documents[0].value["document"] == document
    html = editor_client.get(page.url).content.decode()
    assert "Dr Ingrid Lund" in html and "Maja Berg" in html and "Jonas Ek" in html
    assert '<time datetime="2027-11-20T09:30:00+01:00">' in html
    assert "09:30" in html and "10:15" in html
    assert "Conference report" in html
    assert 'id="registration"' in html


def test_editor_enters_local_time_of_the_event_zone(
    editor_client, events_index, expert, document
):
    data = page_form(
        "Network meeting in Reykjavik",
        "reykjavik-meeting",
        event_fields(
            expert,
            document,
            kind="network_meeting",
            start="2027-06-01 09:00",
            end="2027-06-01 12:00",
            time_zone="Atlantic/Reykjavik",
            registration_opens="",
            registration_closes="2027-05-30 18:00",
        ),
    )
    page = create_page(editor_client, events_index, EventPage, data)
    utc = datetime.UTC
    assert page.start == datetime.datetime(2027, 6, 1, 9, 0, tzinfo=utc)
    assert page.end == datetime.datetime(2027, 6, 1, 12, 0, tzinfo=utc)
    assert page.registration_closes == datetime.datetime(2027, 5, 30, 18, tzinfo=utc)
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = edit.content.decode()
    assert 'value="2027-06-01 09:00"' in html
    assert 'value="2027-05-30 18:00"' in html


def test_times_are_read_in_the_zone_chosen_on_the_page(
    editor_client, events_index, expert, document
):
    data = page_form(
        "Helsinki seminar",
        "helsinki-seminar",
        event_fields(expert, document, time_zone="Europe/Helsinki"),
    )
    page = create_page(editor_client, events_index, EventPage, data)
    helsinki = ZoneInfo("Europe/Helsinki")
    assert page.start == datetime.datetime(2027, 11, 20, 9, 30, tzinfo=helsinki)
    assert page.local_start.hour == 9


def test_every_time_zone_choice_is_a_real_zone():
    for name, _label in TIME_ZONE_CHOICES:
        assert ZoneInfo(name).key == name


def test_index_lists_upcoming_events_first_then_past(client, make_event, events_index):
    from tests.cms.events.conftest import at

    def event(title, day):
        make_event(
            title=title,
            start=at(*day, 9),
            end=at(*day, 12),
            registration_opens=None,
            registration_closes=None,
        )

    event("Later seminar", (2027, 9, 1))
    event("Sooner seminar", (2027, 2, 1))
    event("Old meeting", (2024, 5, 1))
    response = client.get(events_index.url)
    upcoming = [e.title for e in response.context["upcoming_events"]]
    past = [e.title for e in response.context["past_events"]]
    assert upcoming == ["Sooner seminar", "Later seminar"]
    assert past == ["Old meeting"]
    html = response.content.decode()
    assert html.index("Sooner seminar") < html.index("Later seminar")
    assert html.index("Later seminar") < html.index("Old meeting")
