"""Drain the outbox into the search backend; runs until stopped (or once).

Every few seconds it also reports its progress to the read model (see
:mod:`indexing.metrics`); with ``HUB_METRICS_PORT`` it serves its metrics.
"""

from __future__ import annotations

import signal
import time
from datetime import timedelta

from django.core.management.base import BaseCommand

from core.metrics import serve_worker_metrics
from indexing.backend import get_search_backend
from indexing.metrics import REPORT_SECONDS, OutboxCollector, report_progress
from indexing.worker import drain_once, purge_done


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
            "--keep-days",
            type=int,
            default=7,
            help="Days to keep processed rows for replays.",
        )

    def handle(
        self, *args, once=False, batch_size=500, poll=0.25, keep_days=7, **options
    ):
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        serve_worker_metrics(OutboxCollector())
        backend = get_search_backend()
        last_purge = 0.0
        last_report = 0.0
        try:
            while not self._stopping:
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
                if idle or result.retried:
                    time.sleep(poll if not result.retried else min(poll * 8, 2.0))
        finally:
            backend.close()

    def _stop(self, signum, frame):
        # Finish the batch in hand; rows are only marked done after the backend
        # accepted them, so stopping here never loses an update.
        self._stopping = True
