"""Sign-ups lose their personal data once the event's retention period is over."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from events.models import EventPage, EventRegistration
from tests.cms.events.conftest import sign_up

pytestmark = pytest.mark.django_db

PERSONAL = ("name", "email", "organisation", "accessibility_needs", "dietary_needs")


def ended(event, days_ago: int) -> None:
    """Move ``event`` into the past (sign-ups are only taken for future events)."""
    end = timezone.now() - timedelta(days=days_ago)
    EventPage.objects.filter(pk=event.pk).update(
        start=end - timedelta(hours=6), end=end
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command("erase_expired_registrations", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_and_recent(make_event, locales):
    old, recent = make_event(), make_event()
    people = [
        sign_up(
            old,
            n,
            organisation="Malmö stad",
            accessibility_needs="Wheelchair access",
            dietary_needs="Vegan",
        )
        for n in (1, 2, 3)
    ]
    people.append(sign_up(recent, 4, organisation="Oslo kommune"))
    ended(old, days_ago=91)
    ended(recent, days_ago=10)
    return people


@override_settings(EVENT_REGISTRATION_RETENTION_DAYS=90)
def test_personal_data_goes_after_the_retention_period(old_and_recent):
    assert run("--dry-run") == "Would erase 3 sign-up(s).\n"
    assert not EventRegistration.objects.filter(erased_at__isnull=False).exists()

    assert run() == "Erased 3 sign-up(s).\n"
    erased = EventRegistration.objects.filter(erased_at__isnull=False)
    assert erased.count() == 3
    for registration in erased:
        assert all(getattr(registration, field) == "" for field in PERSONAL)
        # What statistics need stays.
        assert registration.status and registration.created_at and registration.event
        assert str(registration) == f"Erased sign-up #{registration.pk}"
    kept = EventRegistration.objects.get(erased_at__isnull=True)
    assert (kept.name, kept.organisation) == ("Person 4", "Oslo kommune")

    # Idempotent: nothing more to do, and the erased rows are left alone.
    stamps = sorted(erased.values_list("erased_at", flat=True))
    assert run() == "Erased 0 sign-up(s).\n"
    assert sorted(erased.values_list("erased_at", flat=True)) == stamps


@override_settings(EVENT_REGISTRATION_RETENTION_DAYS=5)
def test_a_shorter_period_erases_more(old_and_recent):
    assert run() == "Erased 4 sign-up(s).\n"


def test_the_form_tells_people_when_their_details_go(client, make_event, locales):
    event = make_event()
    html = client.get(event.url).content.decode()
    assert "Your details are deleted 90 days after the event." in html
