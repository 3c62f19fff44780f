"""Load the starter glossary shipped with the search package (idempotent)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import BaseCommand

from glossary.models import GlossaryConcept, field_name
from search import documents as search_documents

STARTER = Path(search_documents.__file__).resolve().parent / "glossary" / "starter.csv"


class Command(BaseCommand):
    help = "Create glossary concepts from the starter set; existing concepts are kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite concepts that already exist.",
        )

    def handle(self, *args, update: bool = False, **options):
        created = updated = 0
        with STARTER.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                values = {
                    field_name(lang): row.get(lang, "")
                    for lang in ("da", "nb", "sv", "fi", "is", "en")
                }
                concept, was_created = GlossaryConcept.objects.get_or_create(
                    key=row["concept_id"], defaults=values
                )
                if was_created:
                    created += 1
                elif update:
                    for name, value in values.items():
                        setattr(concept, name, value)
                    concept.save()
                    updated += 1
        self.stdout.write(f"Glossary: {created} concepts created, {updated} updated.")
