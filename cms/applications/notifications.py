"""E-mails sent when an application arrives: a receipt and a note to staff."""

from __future__ import annotations

import logging
from smtplib import SMTPException
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from applications.models import Application

logger = logging.getLogger(__name__)


def send_application_emails(application: Application) -> None:
    """Confirm receipt to the applicant and tell staff, in the call's language.

    A mail server that is down must not lose the application, which is already
    stored: failures are logged, not raised.
    """
    call = application.call
    with translation.override(call.locale.language_code):
        context = {
            "application": application,
            "call": call,
            "call_url": call.full_url,
            "erase_after": call.erase_after(),
        }
        _send(
            _("We have received your application: %(call)s") % {"call": call.title},
            render_to_string("applications/emails/confirmation.txt", context),
            application.email,
        )
        if call.notify_email:
            admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                "applications:inspect", args=[application.pk]
            )
            _send(
                _("New application: %(call)s") % {"call": call.title},
                render_to_string(
                    "applications/emails/notification.txt",
                    {**context, "admin_url": admin_url},
                ),
                call.notify_email,
            )


def _send(subject: str, body: str, recipient: str) -> None:
    try:
        send_mail(subject, body, None, [recipient])
    except (SMTPException, OSError):
        logger.exception("Could not send an application e-mail")
