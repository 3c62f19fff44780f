"""EventPage.registration_state, seats_left and is_upcoming."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from events.choices import RegistrationState, RegistrationStatus
from tests.cms.events.conftest import at, sign_up


def test_state_follows_the_sign_up_window(make_event):
    event = make_event()
    assert event.registration_state(at(2025, 12, 31, 23, 59)) == "not_open"
    assert event.registration_state(at(2026, 1, 1)) == RegistrationState.OPEN
    assert event.registration_state(at(2027, 3, 9, 11, 59)) == RegistrationState.OPEN
    assert event.registration_state(at(2027, 3, 9, 12)) == RegistrationState.CLOSED


def test_sign_up_closes_at_the_start_when_no_closing_time(make_event):
    event = make_event(registration_closes=None)
    assert event.registration_state(at(2027, 3, 10, 8, 59)) == RegistrationState.OPEN
    assert event.registration_state(at(2027, 3, 10, 9)) == RegistrationState.CLOSED


def test_disabled_or_cancelled_event_is_closed(make_event):
    now = at(2026, 6, 1)
    assert make_event(registration_enabled=False).registration_state(now) == "closed"
    assert make_event(is_cancelled=True).registration_state(now) == "closed"


def test_full_event_offers_the_waiting_list_only_when_enabled(make_event):
    with_list = make_event(capacity=1, waiting_list_enabled=True)
    without_list = make_event(capacity=1, waiting_list_enabled=False)
    sign_up(with_list, 1)
    sign_up(without_list, 1)
    now = at(2026, 6, 1)
    assert with_list.registration_state(now) == RegistrationState.FULL_WAITING_LIST
    assert without_list.registration_state(now) == RegistrationState.FULL


def test_seats_left_counts_confirmed_sign_ups_only(make_event):
    event = make_event(capacity=3)
    assert event.seats_left() == 3
    first = sign_up(event, 1)
    sign_up(event, 2)
    assert event.seats_left() == 1
    first.cancel()
    assert event.seats_left() == 2
    assert make_event(capacity=None).seats_left() is None


def test_language_versions_share_the_seats(make_event, locales):
    event = make_event(capacity=2)
    danish = event.copy_for_translation(locales["da"], copy_parents=True)
    danish.save_revision().publish()
    sign_up(event, 1)
    second = sign_up(danish, 2)
    assert second.status == RegistrationStatus.CONFIRMED
    assert event.seats_left() == danish.seats_left() == 0
    assert sign_up(danish, 3).status == RegistrationStatus.WAITLISTED


@pytest.mark.parametrize(
    ("end_offset", "expected"),
    [(datetime.timedelta(hours=1), True), (-datetime.timedelta(minutes=1), False)],
)
def test_is_upcoming_until_the_event_ends(make_event, end_offset, expected):
    now = timezone.now()
    event = make_event(
        start=now - datetime.timedelta(hours=2),
        end=now + end_offset,
        registration_opens=None,
        registration_closes=None,
    )
    assert event.is_upcoming is expected
