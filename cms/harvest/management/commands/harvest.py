"""Harvest external sources: the due ones once, or forever with --loop."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from core.metrics import serve_worker_metrics
from harvest.harvester import RunResult, harvest_due
from harvest.models import ExternalSource


class Command(BaseCommand):
    help = (
        "Fetch external sources (RSS, Atom, JSON Feed) whose interval has passed and "
        "store their items. A failing source is reported and never stops the others."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            action="append",
            default=[],
            metavar="ID_OR_NAME",
            help="Harvest this source now, due or not, active or not (repeatable).",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--once", action="store_true", help="One pass, then exit (the default)."
        )
        mode.add_argument(
            "--loop",
            action="store_true",
            help="Keep running: harvest sources whenever they are due.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Harvest every active source now, ignoring the schedule.",
        )
        parser.add_argument(
            "--sleep",
            type=float,
            default=60.0,
            help="With --loop: longest pause between passes, in seconds (60).",
        )
        parser.add_argument(
            "--max-passes", type=int, default=0, help="With --loop: stop after N."
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        chosen = self._chosen_sources(options["source"])
        if not options["loop"]:
            self._pass(chosen, force=options["force"] or chosen is not None)
            return
        serve_worker_metrics()
        passes = 0
        try:
            while True:
                if not connection.in_atomic_block:
                    close_old_connections()  # a long-running process outlives them
                self._pass(chosen, force=options["force"])
                passes += 1
                if options["max_passes"] and passes >= options["max_passes"]:
                    return
                time.sleep(self._pause(options["sleep"]))
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def _chosen_sources(self, values: list[str]) -> list[int] | None:
        if not values:
            return None
        ids = []
        for value in values:
            lookup = Q(name=value)
            if value.isdigit():
                lookup |= Q(pk=int(value))
            source = ExternalSource.objects.filter(lookup).first()
            if source is None:
                raise CommandError(f"No external source {value!r}.")
            ids.append(source.pk)
        return ids

    def _pass(self, chosen: list[int] | None, *, force: bool) -> list[RunResult]:
        """Harvest due sources; ``chosen`` limits them to those ids (active or not)."""
        sources = None
        if chosen is not None:
            now = timezone.now()
            sources = [
                source
                for source in ExternalSource.objects.filter(pk__in=chosen).order_by(
                    "pk"
                )
                if force or source.is_due(now)
            ]
        results = harvest_due(force=force, sources=sources)
        for result in results:
            if result.failed:
                self.stderr.write(result.summary())
            else:
                self.stdout.write(result.summary())
        if not results and self.verbosity >= 1:  # the scheduler runs it quietly
            self.stdout.write("No source is due.")
        return results

    def _pause(self, longest: float) -> float:
        """Seconds until the next source is due, but at most ``longest``."""
        upcoming = [
            source.next_run_at
            for source in ExternalSource.objects.filter(is_active=True)
            if source.next_run_at is not None
        ]
        if not upcoming:
            return longest
        wait = (min(upcoming) - timezone.now()).total_seconds()
        # Never spin: wait at least a second (or ``longest``, when shorter).
        return max(min(1.0, longest), min(longest, wait))
