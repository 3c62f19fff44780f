"""What the webhook sender does, for Prometheus.

Counted by the sender (:func:`webhooks.worker.deliver_once`):

* ``hub_webhook_deliveries_total{outcome}``: attempts that ``delivered``,
  ``failed`` (retried later, or given up) or were ``skipped`` (the item was
  no longer public);
* ``hub_webhook_endpoints_paused_total``: endpoints paused after failures.

Read from the database at scrape time (:class:`WebhookQueueCollector`):

* ``hub_webhook_queue_length``: deliveries pending (due or waiting for a retry);
* ``hub_webhook_queue_oldest_seconds``: age of the oldest pending delivery;
* ``hub_webhook_failed_deliveries``: deliveries that gave up (staff can replay);
* ``hub_webhook_paused_endpoints``: endpoints paused and waiting for staff.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.db.models import Count, Min, Q
from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEndpoint

DELIVERIES = Counter(
    "hub_webhook_deliveries",
    "Webhook delivery attempts and skips, by outcome.",
    ["outcome"],
)
PAUSED = Counter(
    "hub_webhook_endpoints_paused",
    "Endpoints the sender paused after failures.",
)


def count_run(result) -> None:
    """Count one run of the sender (a :class:`webhooks.worker.RunResult`)."""
    for outcome in ("delivered", "failed", "skipped"):
        value = getattr(result, outcome)
        if value:
            DELIVERIES.labels(outcome).inc(value)
    if result.paused:
        PAUSED.inc(len(result.paused))


class WebhookQueueCollector(Collector):
    """The webhook queue gauges, read from the database at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        found = WebhookDelivery.objects.aggregate(
            pending=Count("pk", filter=Q(status=DeliveryStatus.PENDING)),
            failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
            oldest=Min("created_at", filter=Q(status=DeliveryStatus.PENDING)),
        )
        oldest = found["oldest"]
        yield GaugeMetricFamily(
            "hub_webhook_queue_length",
            "Webhook deliveries pending (due now or waiting for a retry).",
            value=found["pending"],
        )
        yield GaugeMetricFamily(
            "hub_webhook_queue_oldest_seconds",
            "Age of the oldest pending delivery (0 when none).",
            value=max(0.0, time.time() - oldest.timestamp()) if oldest else 0.0,
        )
        yield GaugeMetricFamily(
            "hub_webhook_failed_deliveries",
            "Webhook deliveries that gave up (staff can replay them).",
            value=found["failed"],
        )
        yield GaugeMetricFamily(
            "hub_webhook_paused_endpoints",
            "Webhook endpoints paused after failures, waiting for staff.",
            value=WebhookEndpoint.objects.filter(paused_at__isnull=False).count(),
        )
