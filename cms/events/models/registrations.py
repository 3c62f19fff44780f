"""Sign-ups for events, with seats, a waiting list and safe concurrent booking."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choices import RegistrationState, RegistrationStatus

if TYPE_CHECKING:
    import datetime

    from core.models import Country

    from .pages import EventPage

T = TypeVar("T")


class RegistrationError(Exception):
    """A sign-up that cannot be accepted; ``message`` says why, for the public."""

    state = RegistrationState.CLOSED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegistrationNotOpenError(RegistrationError):
    state = RegistrationState.NOT_OPEN


class RegistrationClosedError(RegistrationError):
    state = RegistrationState.CLOSED


class EventFullError(RegistrationError):
    state = RegistrationState.FULL


class DuplicateRegistrationError(RegistrationError):
    state = RegistrationState.OPEN


#: What an erased sign-up keeps: event, country, status, language and date, for
#: statistics; everything that names or describes the person is blanked.
ERASED_VALUES = {
    "name": "",
    "email": "",
    "organisation": "",
    "accessibility_needs": "",
    "dietary_needs": "",
}


class RegistrationQuerySet(models.QuerySet):
    def not_erased(self) -> RegistrationQuerySet:
        return self.filter(erased_at__isnull=True)

    def past_retention(
        self, now: datetime.datetime | None = None
    ) -> RegistrationQuerySet:
        """Sign-ups still holding personal data after their event's retention."""
        now = now or timezone.now()
        days = settings.EVENT_REGISTRATION_RETENTION_DAYS
        return self.not_erased().filter(event__end__lte=now - timedelta(days=days))

    def erase(self, now: datetime.datetime | None = None) -> int:
        """Blank the personal data of these sign-ups; returns how many."""
        return self.not_erased().update(
            erased_at=now or timezone.now(), **ERASED_VALUES
        )


class EventRegistration(models.Model):
    """One person's sign-up for an event; staff see and cancel them in the admin."""

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=160)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country or territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_needs = models.TextField(
        _("accessibility needs"), blank=True, max_length=1000
    )
    dietary_needs = models.TextField(_("dietary needs"), blank=True, max_length=1000)
    consent = models.BooleanField(
        _("consent to storing the details"),
        default=False,
        help_text=_("Required: the person agreed that the details are stored."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    position = models.PositiveIntegerField(
        _("place on the waiting list"),
        null=True,
        blank=True,
        help_text=_("1 is the next to get a seat; empty unless on the waiting list."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("Language of the page used to sign up; e-mails use it."),
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "status", "position", "created_at"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled") & Q(erased_at__isnull=True),
                name="events_registration_unique_email",
                violation_error_message=_(
                    "This e-mail address is already signed up for the event."
                ),
            ),
            models.CheckConstraint(
                condition=Q(consent=True),
                name="events_registration_consent",
                violation_error_message=_("Consent is required."),
            ),
        ]

    def __str__(self) -> str:
        if self.erased_at is not None:
            return str(_("Erased sign-up #%(id)s") % {"id": self.pk})
        return f"{self.name} <{self.email}>"

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED

    def cancel(self) -> list[EventRegistration]:
        """Cancel this sign-up and give freed seats to the waiting list.

        Returns the registrations promoted from the waiting list (usually the first
        one in line, or none). The promoted people are told by e-mail.
        """

        def cancel_locked() -> list[EventRegistration]:
            event = _lock_event(self.event)
            current = EventRegistration.objects.get(pk=self.pk)
            if current.status == RegistrationStatus.CANCELLED:
                return []
            was_waitlisted = current.status == RegistrationStatus.WAITLISTED
            old_position = current.position
            current.status = RegistrationStatus.CANCELLED
            current.position = None
            current.save(update_fields=["status", "position"])
            if was_waitlisted and old_position is not None:
                _waiting_list(event).filter(position__gt=old_position).update(
                    position=F("position") - 1
                )
                return []
            return _promote(event)

        promoted = _serialised(cancel_locked)
        self.refresh_from_db()
        for registration in promoted:
            _notify_on_commit(registration, "promoted")
        return promoted


def register(
    event: EventPage,
    *,
    name: str,
    email: str,
    consent: bool,
    organisation: str = "",
    country: Country | None = None,
    accessibility_needs: str = "",
    dietary_needs: str = "",
    now: datetime.datetime | None = None,
) -> EventRegistration:
    """Sign someone up for ``event``: a seat, a place on the waiting list, or an error.

    The event row is locked before the seats are counted, so two people can never
    both get the last seat: PostgreSQL takes a row lock (SELECT ... FOR UPDATE);
    SQLite has no row locks, so the transaction takes the database write lock first
    (the settings begin transactions IMMEDIATE; otherwise a no-op write does it).

    Raises:
        RegistrationError: a subclass saying why the sign-up was refused.
    """
    if not consent:
        raise RegistrationError(_("Consent is required to sign up."))
    email = email.strip()

    def register_locked() -> EventRegistration:
        locked = _lock_event(event)
        state = locked.registration_state(now)
        if state == RegistrationState.NOT_OPEN:
            raise RegistrationNotOpenError(_("Sign-up has not opened yet."))
        if state == RegistrationState.CLOSED:
            raise RegistrationClosedError(_("Sign-up for this event is closed."))
        if state == RegistrationState.FULL:
            raise EventFullError(_("The event is fully booked."))
        active = locked.registrations_for_event().exclude(
            status=RegistrationStatus.CANCELLED
        )
        if active.filter(email__iexact=email).exists():
            raise DuplicateRegistrationError(
                _("This e-mail address is already signed up for the event.")
            )
        registration = EventRegistration(
            event=event,
            name=name,
            email=email,
            organisation=organisation,
            country=country,
            accessibility_needs=accessibility_needs,
            dietary_needs=dietary_needs,
            consent=True,
            language=event.locale.language_code if event.locale_id else "",
        )
        if state == RegistrationState.FULL_WAITING_LIST:
            registration.status = RegistrationStatus.WAITLISTED
            registration.position = _waiting_list(locked).count() + 1
        else:
            registration.status = RegistrationStatus.CONFIRMED
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:
            # The check above runs under the lock, so only a sign-up saved without
            # this function can get here; the constraint still keeps the data clean.
            raise DuplicateRegistrationError(
                _("This e-mail address is already signed up for the event.")
            ) from exc
        return registration

    registration = _serialised(register_locked)
    kind = "confirmed" if registration.is_confirmed else "waitlisted"
    _notify_on_commit(registration, kind)
    return registration


def _waiting_list(event: EventPage) -> models.QuerySet[EventRegistration]:
    return (
        event.registrations_for_event()
        .filter(status=RegistrationStatus.WAITLISTED)
        .order_by("position", "created_at", "pk")
    )


def _promote(event: EventPage) -> list[EventRegistration]:
    """Move people from the waiting list to free seats (the caller holds the lock)."""
    promoted: list[EventRegistration] = []
    while True:
        if event.seats_left() == 0:
            break
        first = _waiting_list(event).first()
        if first is None:
            break
        first.status = RegistrationStatus.CONFIRMED
        first.position = None
        first.save(update_fields=["status", "position"])
        _waiting_list(event).update(position=F("position") - 1)
        promoted.append(first)
    return promoted


def _lock_event(event: EventPage) -> EventPage:
    """Lock every language version of ``event`` and return a fresh copy of it.

    Must run inside ``transaction.atomic()``. All language versions share the seats,
    so all their rows are locked, always in the same order to avoid deadlocks.
    """
    from .pages import EventPage

    group = EventPage.objects.filter(translation_key=event.translation_key).order_by(
        "pk"
    )
    if connection.features.has_select_for_update:
        locked = list(group.select_for_update(of=("self",)))
    else:
        if not _sqlite_begins_immediate():
            # Take SQLite's write lock before reading anything that decides a seat.
            group.update(capacity=F("capacity"))
        locked = list(group)
    for page in locked:
        if page.pk == event.pk:
            return page
    return EventPage.objects.get(pk=event.pk)


def _sqlite_begins_immediate() -> bool:
    options = connection.settings_dict.get("OPTIONS", {})
    return str(options.get("transaction_mode", "")).upper() in {
        "IMMEDIATE",
        "EXCLUSIVE",
    }


def _serialised(work: Callable[[], T], attempts: int = 200) -> T:
    """Run ``work`` in a transaction, retrying while SQLite reports a lock.

    SQLite normally waits for the write lock itself (the busy timeout), but a
    shared-cache database (the in-memory test database) reports "locked" at once;
    the whole transaction is then rolled back and run again after a short pause.
    """
    attempt = 0
    while True:
        try:
            with transaction.atomic():
                return work()
        except OperationalError as exc:
            attempt += 1
            retry = (
                connection.vendor == "sqlite"
                and "locked" in str(exc)
                and not connection.in_atomic_block
                and attempt < attempts
            )
            if not retry:
                raise
            time.sleep(0.01 + random.random() * 0.04)  # noqa: S311


def _notify_on_commit(registration: EventRegistration, kind: str) -> None:
    from events.emails import send_registration_email

    transaction.on_commit(lambda: send_registration_email(registration, kind))
