"""E-mails to people who sign up: confirmed, on the waiting list, promoted."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import select_template
from django.utils import formats, translation

if TYPE_CHECKING:
    from events.models import EventRegistration

logger = logging.getLogger(__name__)

KINDS = ("confirmed", "waitlisted", "promoted")


def render_registration_email(
    registration: EventRegistration, kind: str
) -> tuple[str, str]:
    """Subject and text of an e-mail, in the language the person signed up in.

    Templates are ``events/emails/<kind>.<language>.txt`` (English as fallback); the
    first line is the subject.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown registration e-mail {kind!r}")
    event = registration.event.specific
    language = registration.language or settings.LANGUAGE_CODE
    template = select_template(
        [f"events/emails/{kind}.{language}.txt", f"events/emails/{kind}.en.txt"]
    )
    with translation.override(language):
        start, end = event.local_start, event.local_end
        when = f"{formats.date_format(start, 'DATE_FORMAT')}, {start:%H:%M}–"
        if end.date() != start.date():
            when += f"{formats.date_format(end, 'DATE_FORMAT')}, "
        when += f"{end:%H:%M}"
        where = ", ".join(part for part in (event.venue_name, event.city) if part) or (
            event.online_link or ""
        )
        text = template.render(
            {
                "registration": registration,
                "event": event,
                "when": f"{when} ({event.time_zone})",
                "where": where,
                "url": event.get_full_url() or "",
            }
        )
    subject, _sep, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_registration_email(registration: EventRegistration, kind: str) -> None:
    """Send one e-mail; a mail server failure is logged, never shown to the visitor."""
    subject, body = render_registration_email(registration, kind)
    try:
        send_mail(subject, body, None, [registration.email])
    except OSError:
        logger.exception(
            "Could not send the %s e-mail for registration %s", kind, registration.pk
        )
