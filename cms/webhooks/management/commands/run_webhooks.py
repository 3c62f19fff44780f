"""Send webhook deliveries to partners; runs until stopped (or once).

With ``HUB_METRICS_PORT`` it serves its metrics (see :mod:`webhooks.metrics`).
"""

from __future__ import annotations

import signal
import time
from datetime import timedelta

from django.core.management.base import BaseCommand

from core.metrics import serve_worker_metrics
from webhooks.metrics import WebhookQueueCollector
from webhooks.worker import deliver_once, make_client, purge


class Command(BaseCommand):
    help = "Run the webhook sender: deliver queued change notices to partners."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Send what is due now, then exit."
        )
        parser.add_argument(
            "--per-endpoint",
            type=int,
            default=100,
            help="Deliveries sent to one partner before moving to the next.",
        )
        parser.add_argument(
            "--poll",
            type=float,
            default=1.0,
            help="Seconds to wait when nothing is due.",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=30,
            help="Days to keep delivered rows in the delivery log.",
        )

    def handle(
        self, *args, once=False, per_endpoint=100, poll=1.0, keep_days=30, **options
    ):
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        serve_worker_metrics(WebhookQueueCollector())
        client = make_client()
        last_purge = 0.0
        try:
            while not self._stopping:
                result = deliver_once(client, per_endpoint=per_endpoint)
                if result.attempts or result.skipped:
                    self.stdout.write(
                        f"delivered {result.delivered}, failed {result.failed}, "
                        f"skipped {result.skipped}"
                    )
                for name in result.paused:
                    self.stderr.write(f"paused endpoint {name!r} after failures")
                if time.monotonic() - last_purge > 3600:
                    purge(timedelta(days=keep_days))
                    last_purge = time.monotonic()
                idle = not result.handled
                if once and idle:
                    break
                if idle:
                    time.sleep(poll)
        finally:
            client.close()

    def _stop(self, signum, frame):
        # Finish the request in hand; a delivery is marked only after the partner
        # answered, so stopping here never loses one.
        self._stopping = True
