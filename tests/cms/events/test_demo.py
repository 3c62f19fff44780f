"""The events demo loader: runs twice without duplicating anything."""

from __future__ import annotations

import pytest

from events.choices import RegistrationState
from events.models import EventIndexPage, EventPage, EventRegistration


def load_demo() -> object:
    from core.demo import site
    from core.demo.helpers import DemoContext
    from events import demo

    ctx = DemoContext()
    site.load(ctx)
    demo.load(ctx)
    return ctx


@pytest.mark.django_db
def test_demo_loader_is_idempotent(locales):
    load_demo()
    counts = (
        EventIndexPage.objects.count(),
        EventPage.objects.count(),
        EventRegistration.objects.count(),
    )
    ctx = load_demo()
    assert counts == (
        EventIndexPage.objects.count(),
        EventPage.objects.count(),
        EventRegistration.objects.count(),
    )
    assert counts[0] == 6
    assert counts[2] == 3
    conference = EventPage.objects.filter(slug="nordic-integration-conference-2018")
    assert sorted(conference.values_list("locale__language_code", flat=True)) == [
        "da",
        "en",
        "nb",
        "sv",
    ]
    assert len({page.translation_key for page in conference}) == 1
    assert ctx.pages["events-index-en"].specific_class is EventIndexPage


@pytest.mark.django_db
def test_demo_has_the_events_a_browser_test_needs(client, locales):
    ctx = load_demo()
    conference = ctx.pages["event-conference-2018-en"].specific
    assert conference.local_start.isoformat() == "2018-11-20T09:30:00+01:00"
    assert len(conference.programme) == 6
    assert not conference.is_upcoming

    seminar = ctx.pages["event-seminar-language-2027-en"].specific
    assert seminar.registration_state() == RegistrationState.OPEN
    assert seminar.capacity == 3 and seminar.waiting_list_enabled

    webinar = ctx.pages["event-webinar-statistics-2027-en"].specific
    assert webinar.kind == "webinar" and webinar.online_link
    assert webinar.registration_state() == RegistrationState.OPEN

    past = [
        ctx.pages["event-seminar-local-2025-en"].specific,
        ctx.pages["event-network-coordinators-2025-en"].specific,
    ]
    assert not any(event.is_upcoming for event in past)

    index = ctx.pages["events-index-en"]
    response = client.get(index.url)
    assert response.status_code == 200
    upcoming = [e.slug for e in response.context["upcoming_events"]]
    assert upcoming == [
        "seminar-language-training-2027",
        "webinar-integration-statistics-2027",
    ]
    for lang in ("en", "da", "nb", "sv"):
        page = ctx.pages[f"event-conference-2018-{lang}"]
        assert client.get(page.url).status_code == 200
