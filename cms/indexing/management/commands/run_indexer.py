"""Drain the outbox into the search backend; runs until stopped (or once).

Every few seconds it also reports its progress to the read model (see
:mod:`indexing.metrics`); with ``HUB_METRICS_PORT`` it serves its metrics.
"""

from __future__ import annotations

import signal
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from core.metrics import serve_worker_metrics
from indexing.backend import get_search_backend
from indexing.metrics import REPORT_SECONDS, OutboxCollector, report_progress
from indexing.worker import drain_once, pause_after, purge_done
from search.backends.base import REFRESH_INTERVAL


class Command(BaseCommand):
    help = "Run the search indexer: apply outbox rows to the search backend."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Drain what is due now, then exit."
        )
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--poll",
            type=float,
            default=0.25,
            help="Seconds to wait when nothing is due.",
        )
        parser.add_argument(
            "--refresh-interval",
            type=float,
            default=REFRESH_INTERVAL,
            help="Seconds to gather changes into one commit once caught up "
            "(0: write each batch at once).",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=7,
            help="Days to keep processed rows for replays.",
        )

    def handle(
        self,
        *args,
        once=False,
        batch_size=500,
        poll=0.25,
        refresh_interval=REFRESH_INTERVAL,
        keep_days=7,
        **options,
    ):
        if refresh_interval < 0 or poll < 0:
            raise CommandError("--poll and --refresh-interval must not be negative")
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        serve_worker_metrics(OutboxCollector())
        backend = get_search_backend()
        last_purge = 0.0
        last_report = 0.0
        try:
            while not self._stopping:
                began = time.monotonic()
                result = drain_once(backend, batch_size=batch_size)
                if time.monotonic() - last_report >= REPORT_SECONDS:
                    report_progress(backend)
                    last_report = time.monotonic()
                if result.handled or result.failed:
                    self.stdout.write(
                        f"indexed {result.indexed}, removed {result.removed}, "
                        f"superseded {result.superseded}, failed {result.failed}"
                    )
                if time.monotonic() - last_purge > 3600:
                    purge_done(timedelta(days=keep_days))
                    last_purge = time.monotonic()
                idle = not result.handled and not result.failed
                if once and (idle or result.retried):
                    break
                pause = pause_after(
                    result,
                    batch_size=batch_size,
                    elapsed=time.monotonic() - began,
                    poll=poll,
                    # A single pass drains as fast as it can.
                    refresh_interval=0.0 if once else refresh_interval,
                )
                if pause:
                    time.sleep(pause)
        finally:
            backend.close()

    def _stop(self, signum, frame):
        # Finish the batch in hand; rows are only marked done after the backend
        # accepted them, so stopping here never loses an update.
        self._stopping = True
