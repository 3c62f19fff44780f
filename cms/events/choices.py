"""Choices for events: kinds, time zones, registration status and state."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    SEMINAR = "seminar", _("Seminar")
    WEBINAR = "webinar", _("Webinar")
    NETWORK_MEETING = "network_meeting", _("Network meeting")


# IANA zone names (all in zoneinfo) for the Nordic countries and territories, and UTC.
# Fixed here rather than read from zoneinfo so that migrations do not depend on the
# tz database of the machine that makes them.
DEFAULT_TIME_ZONE = "Europe/Copenhagen"
TIME_ZONE_CHOICES = [
    ("Europe/Copenhagen", _("Denmark (Europe/Copenhagen)")),
    ("Europe/Oslo", _("Norway (Europe/Oslo)")),
    ("Europe/Stockholm", _("Sweden (Europe/Stockholm)")),
    ("Europe/Helsinki", _("Finland (Europe/Helsinki)")),
    ("Europe/Mariehamn", _("Åland (Europe/Mariehamn)")),
    ("Atlantic/Reykjavik", _("Iceland (Atlantic/Reykjavik)")),
    ("Atlantic/Faroe", _("Faroe Islands (Atlantic/Faroe)")),
    ("America/Nuuk", _("Greenland (America/Nuuk)")),
    ("Arctic/Longyearbyen", _("Svalbard (Arctic/Longyearbyen)")),
    ("UTC", _("UTC")),
]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")


class RegistrationState(models.TextChoices):
    """Whether the public can sign up for an event right now."""

    NOT_OPEN = "not_open", _("Registration has not opened yet")
    OPEN = "open", _("Registration is open")
    CLOSED = "closed", _("Registration is closed")
    FULL_WAITING_LIST = "full_waiting_list", _("Full: waiting list open")
    FULL = "full", _("Fully booked")
