"""What the indexer does, for Prometheus, and what it tells the read model.

Counted by the indexer process (:func:`indexing.worker.drain_once`):

* ``hub_indexer_batch_duration_seconds``: one batch, from reading the due
  rows to marking them done (batches with rows only);
* ``hub_indexer_rows_total{result}``: rows ``indexed``, ``removed``,
  ``superseded`` (an older row of a document in the same batch), ``retried``
  (the backend was down) and ``failed`` (set aside for staff).

Read from the database at scrape time (:class:`OutboxCollector`), so they stay
true when the indexer is down:

* ``hub_outbox_pending_rows`` and ``hub_outbox_failed_rows``;
* ``hub_outbox_lag_seconds``: the age of the oldest pending row (0 when none):
  how far the read model is behind the CMS.

The same figures go into the read model every :data:`REPORT_SECONDS`
(:func:`report_progress`), where the GraphQL service's readiness reads them
(``GRAPHQL_READY_MAX_LAG``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from prometheus_client import Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from indexing.models import OutboxEntry
from search.errors import SearchError
from search.progress import IndexerProgress

logger = logging.getLogger(__name__)

#: Seconds between two progress reports of a running indexer.
REPORT_SECONDS = 10.0

BATCH_SECONDS = Histogram(
    "hub_indexer_batch_duration_seconds",
    "Time one indexer batch took, from reading its rows to marking them done.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
ROWS = Counter(
    "hub_indexer_rows",
    "Outbox rows the indexer handled, by result.",
    ["result"],
)


@dataclass(frozen=True)
class OutboxState:
    pending: int
    failed: int
    oldest_pending_at: float | None  # Unix seconds

    def lag(self, now: float) -> float:
        if self.oldest_pending_at is None:
            return 0.0
        return max(0.0, now - self.oldest_pending_at)


def outbox_state() -> OutboxState:
    """Pending and failed rows, and when the oldest pending one was written."""
    found = OutboxEntry.objects.aggregate(
        pending=Count("pk", filter=Q(state=OutboxEntry.State.PENDING)),
        failed=Count("pk", filter=Q(state=OutboxEntry.State.FAILED)),
        oldest=Min("created_at", filter=Q(state=OutboxEntry.State.PENDING)),
    )
    oldest = found["oldest"]
    return OutboxState(
        found["pending"], found["failed"], oldest.timestamp() if oldest else None
    )


def count_batch(result, seconds: float) -> None:
    """Count one drained batch (a :class:`indexing.worker.DrainResult`)."""
    BATCH_SECONDS.observe(seconds)
    for name in ("indexed", "removed", "superseded", "retried", "failed"):
        value = getattr(result, name)
        if value:
            ROWS.labels(name).inc(value)


def report_progress(backend, now: float | None = None) -> IndexerProgress | None:
    """Tell the read model how far behind the CMS it is (``None``: not told)."""
    state = outbox_state()
    progress = IndexerProgress(
        time.time() if now is None else now,
        pending=state.pending,
        oldest_pending_at=state.oldest_pending_at,
        failed=state.failed,
    )
    try:
        backend.record_progress(progress)
    except SearchError as exc:
        logger.warning("Progress not reported to the read model: %s", exc)
        return None
    return progress


class OutboxCollector(Collector):
    """The outbox gauges, read from the database at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        state = outbox_state()
        yield GaugeMetricFamily(
            "hub_outbox_pending_rows",
            "Outbox rows waiting for the indexer.",
            value=state.pending,
        )
        yield GaugeMetricFamily(
            "hub_outbox_failed_rows",
            "Outbox rows set aside as failed (shown to staff as Search problems).",
            value=state.failed,
        )
        yield GaugeMetricFamily(
            "hub_outbox_lag_seconds",
            "Age of the oldest pending outbox row: how far search is behind the CMS.",
            value=state.lag(time.time()),
        )
