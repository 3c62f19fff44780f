"""Erase the personal data of event sign-ups once their retention period is over.

Run it daily next to ``erase_expired_applications``, for example:

    manage.py erase_expired_registrations

Sign-ups keep their details for ``HUB_EVENT_REGISTRATION_RETENTION_DAYS`` (90)
after the event ends: long enough for follow-up and certificates, no longer. It
is idempotent; the event, country, status, language and date are kept for
statistics.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.models import EventRegistration


class Command(BaseCommand):
    help = (
        "Blank the personal data of event sign-ups whose event ended longer ago "
        "than the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the sign-ups that would be erased.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        due = EventRegistration.objects.past_retention(timezone.now())
        if dry_run:
            self.stdout.write(f"Would erase {due.count()} sign-up(s).")
            return
        self.stdout.write(f"Erased {due.erase()} sign-up(s).")
