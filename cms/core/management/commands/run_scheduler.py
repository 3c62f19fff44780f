"""Run the periodic jobs (scheduled publishing and expiry, harvesting, erasure)."""

from __future__ import annotations

import argparse
import signal
import threading

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.metrics import serve_worker_metrics
from core.schedule import JOBS, build_scheduler, with_intervals


def interval(value: str) -> tuple[str, float]:
    """``JOB=SECONDS`` from the command line."""
    name, _sep, seconds = value.partition("=")
    try:
        number = float(seconds)
    except ValueError:
        number = float("nan")
    if not name or not number > 0:
        raise argparse.ArgumentTypeError(
            f"expected JOB=SECONDS with SECONDS above 0, got {value!r}"
        )
    return name, number


class Command(BaseCommand):
    help = (
        "Run scheduled publishing and expiry, the harvester and the data-retention "
        "erasure on their intervals until stopped (SIGTERM or Ctrl-C). "
        "A failing job is logged and never stops the others."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            action="append",
            default=[],
            type=interval,
            metavar="JOB=SECONDS",
            help="Run JOB on another interval (repeatable). Jobs and defaults: "
            + ", ".join(f"{job.command}={job.every:g}" for job in JOBS)
            + ".",
        )

    def handle(self, *args, every: list[tuple[str, float]], **options) -> None:
        try:
            jobs = with_intervals(JOBS, dict(every))
        except ValueError as exc:
            raise CommandError(
                f"{exc} Use --every JOB=SECONDS with one of: "
                + ", ".join(job.command for job in JOBS)
                + "."
            ) from exc
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        serve_worker_metrics()
        scheduler = build_scheduler(jobs)
        scheduler.start()
        self.stdout.write(
            "Scheduler running: "
            + ", ".join(f"{job.command} every {job.every:g} s" for job in jobs)
        )
        while not stop.wait(1.0):
            pass
        # Jobs in hand finish (each is safe to repeat); no new ones start.
        scheduler.shutdown(wait=True)
        self.stdout.write("Scheduler stopped.")
