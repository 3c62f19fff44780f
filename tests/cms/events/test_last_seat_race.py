"""Concurrent sign-ups for the last seat: the event lock lets only one through."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from events.choices import RegistrationStatus
from events.models import EventFullError, EventPage, EventRegistration
from tests.cms.events.conftest import sign_up

THREADS = 4


def race(event_pk: int, monkeypatch) -> list[object]:
    """Sign up THREADS people at the same moment; return each result or error."""
    original = EventPage.registration_state

    def slow_state(self, now=None):
        # Widen the gap between counting the seats and saving the sign-up.
        state = original(self, now)
        time.sleep(0.05)
        return state

    monkeypatch.setattr(EventPage, "registration_state", slow_state)
    barrier = threading.Barrier(THREADS)
    results: list[object] = [None] * THREADS

    def attempt(index: int) -> None:
        try:
            event = EventPage.objects.get(pk=event_pk)
            barrier.wait(timeout=10)
            results[index] = sign_up(event, 100 + index)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_one_of_concurrent_sign_ups_gets_the_last_seat(make_event, monkeypatch):
    event = make_event(capacity=2, waiting_list_enabled=True)
    sign_up(event, 1)
    results = race(event.pk, monkeypatch)
    assert all(isinstance(r, EventRegistration) for r in results), results
    statuses = sorted(r.status for r in results)
    assert statuses == [RegistrationStatus.CONFIRMED] + [
        RegistrationStatus.WAITLISTED
    ] * (THREADS - 1)
    assert event.confirmed_count() == 2
    positions = sorted(
        EventRegistration.objects.filter(
            status=RegistrationStatus.WAITLISTED
        ).values_list("position", flat=True)
    )
    assert positions == list(range(1, THREADS))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_waiting_list_the_others_are_refused(make_event, monkeypatch):
    event = make_event(capacity=2, waiting_list_enabled=False)
    sign_up(event, 1)
    results = race(event.pk, monkeypatch)
    confirmed = [r for r in results if isinstance(r, EventRegistration)]
    refused = [r for r in results if isinstance(r, EventFullError)]
    assert len(confirmed) == 1 and len(refused) == THREADS - 1, results
    assert EventRegistration.objects.count() == 2
