"""Mine linked translations for glossary suggestions (idempotent; run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from glossary.suggestions import suggest


class Command(BaseCommand):
    help = (
        "Suggest glossary term pairs found in linked translations of pages and "
        "snippets; decided pairs are kept as staff left them."
    )

    def handle(self, *args, **options):
        summary = suggest()
        if options["verbosity"] > 0 or summary.created:
            self.stdout.write(summary.line())
