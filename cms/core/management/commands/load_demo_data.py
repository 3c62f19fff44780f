"""Load the demo content (idempotent); ``--scale N`` adds N generated pages."""

from __future__ import annotations

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo.helpers import DemoContext

# Loaders run in this order; later ones use pages and terms made by earlier ones.
LOADERS = [
    "core.demo.site",
    "core.demo.pages",
    "news.demo",
    "experts.demo",
    "events.demo",
    "knowledge.demo",
    "funding.demo",
    "networks.demo",
    "applications.demo",
    "harvest.demo",
    "core.demo.workflow",
]


class Command(BaseCommand):
    help = "Load multilingual demo content. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N multilingual pages for benchmarks.",
        )

    def handle(self, *args, scale: int = 0, **options):
        ctx = DemoContext()
        for dotted in LOADERS:
            try:
                module = importlib.import_module(dotted)
            except ModuleNotFoundError as exc:
                if exc.name != dotted:
                    raise
                continue
            with transaction.atomic():
                module.load(ctx)
            self.stdout.write(f"  loaded {dotted}")
        if scale:
            from core.demo.scale import generate

            generate(ctx, scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
