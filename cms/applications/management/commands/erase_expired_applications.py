"""Erase the personal data of applications whose call's retention period is over.

Run it daily (cron, a systemd timer or the platform's scheduler), for example:

    manage.py erase_expired_applications

It is idempotent: an erased application is never touched again, so running it
twice, or late, is safe. Only the call, the country of residence and the time of
submission are kept, for statistics.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from applications.models import Application


class Command(BaseCommand):
    help = (
        "Blank the personal data of applications to calls that closed longer ago "
        "than their retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the applications that would be erased.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        due = Application.objects.past_retention(now)
        if dry_run:
            count = due.count()
            self.stdout.write(f"Would erase {count} application(s).")
            return
        count = due.erase(now)
        self.stdout.write(f"Erased {count} application(s).")
