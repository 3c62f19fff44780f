"""Fixtures for the events tests: an event index and a factory for events."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

CPH = ZoneInfo("Europe/Copenhagen")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0):
    """An aware datetime in Copenhagen time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=CPH)


@pytest.fixture
def events_index(home):
    from events.models import EventIndexPage

    index = EventIndexPage(title="Events", slug="events")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_event(events_index) -> Callable[..., Any]:
    """Create a published event; sign-up is open now unless told otherwise."""
    from events.models import EventPage

    counter = iter(range(1, 1000))

    def make(**fields: Any):
        number = next(counter)
        values: dict[str, Any] = {
            "title": f"Seminar {number}",
            "slug": f"seminar-{number}",
            "start": at(2027, 3, 10, 9),
            "end": at(2027, 3, 10, 16),
            "venue_name": "Nordens Hus",
            "city": "Copenhagen",
            "registration_enabled": True,
            "registration_opens": at(2026, 1, 1),
            "registration_closes": at(2027, 3, 9, 12),
        }
        values.update(fields)
        event = EventPage(**values)
        events_index.add_child(instance=event)
        event.save_revision().publish()
        event.refresh_from_db()
        return event

    return make


def sign_up(event, number: int, **fields: Any):
    """Register person ``number`` directly through the model."""
    details = {
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "consent": True,
    }
    details.update(fields)
    return event.register(**details)
