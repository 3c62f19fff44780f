"""EventRegistration.cancel: freed seats go to the waiting list in order."""

from __future__ import annotations

from django.core import mail

from events.choices import RegistrationStatus
from tests.cms.events.conftest import sign_up


def test_cancelling_a_seat_promotes_the_first_on_the_waiting_list(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    seated = sign_up(event, 1)
    first, second = sign_up(event, 2), sign_up(event, 3)
    assert (first.position, second.position) == (1, 2)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = seated.cancel()
    assert [r.pk for r in promoted] == [first.pk]
    seated.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert seated.status == RegistrationStatus.CANCELLED and seated.position is None
    assert first.status == RegistrationStatus.CONFIRMED and first.position is None
    assert second.status == RegistrationStatus.WAITLISTED and second.position == 1
    assert event.seats_left() == 0
    [message] = mail.outbox
    assert message.to == ["person2@example.org"]
    assert message.subject == f"A seat is free for you: {event.title}"


def test_leaving_the_waiting_list_moves_the_others_up(make_event):
    event = make_event(capacity=1)
    sign_up(event, 1)
    first, second, third = (sign_up(event, n) for n in (2, 3, 4))
    assert first.cancel() == []
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.position, third.position) == (1, 2)
    assert event.confirmed_count() == 1


def test_cancelling_twice_changes_nothing(make_event):
    event = make_event(capacity=1)
    seated = sign_up(event, 1)
    waiting = sign_up(event, 2)
    assert [r.pk for r in seated.cancel()] == [waiting.pk]
    assert seated.cancel() == []
    assert event.confirmed_count() == 1


def test_cancelling_without_a_waiting_list_frees_the_seat(make_event):
    event = make_event(capacity=1, waiting_list_enabled=False)
    seated = sign_up(event, 1)
    assert seated.cancel() == []
    assert event.seats_left() == 1
    assert event.registration_state() == "open"
