"""What the harvester does, per source, for Prometheus.

Counted where a source is harvested (:func:`harvest.harvester.harvest_source`,
so ``manage.py harvest``, its ``--loop`` and the scheduler all count):

* ``hub_harvest_runs_total{source,status}``: runs by the status they ended with
  (``busy`` when another harvester held the source);
* ``hub_harvest_failures_total{source}``: runs that failed (fetch or parse);
* ``hub_harvest_items_total{source,change}``: items ``created``, ``updated``,
  ``unchanged``, ``removed`` and ``skipped``;
* ``hub_harvest_duration_seconds{source}``: time one run took.

``source`` is the source's name in the admin (staff add a handful, so the
series stay few).
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

RUNS = Counter(
    "hub_harvest_runs",
    "Harvest runs by source and the status they ended with.",
    ["source", "status"],
)
FAILURES = Counter(
    "hub_harvest_failures", "Harvest runs that failed, by source.", ["source"]
)
ITEMS = Counter(
    "hub_harvest_items",
    "Harvested items by source and what happened to them.",
    ["source", "change"],
)
DURATION = Histogram(
    "hub_harvest_duration_seconds",
    "Time one harvest of one source took.",
    ["source"],
    buckets=(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0),
)

_CHANGES = ("created", "updated", "unchanged", "removed", "skipped")


def count_run(result, seconds: float) -> None:
    """Count one run (a :class:`harvest.harvester.RunResult`)."""
    source = result.source
    RUNS.labels(source, str(result.status)).inc()
    if result.failed:
        FAILURES.labels(source).inc()
    for change in _CHANGES:
        value = getattr(result, change)
        if value:
            ITEMS.labels(source, change).inc(value)
    if result.status != "busy":
        DURATION.labels(source).observe(seconds)
