"""Prometheus metrics of the CMS and its workers, and the CMS's ``/metrics``.

What is measured lives beside what it measures (:mod:`indexing.metrics`,
:mod:`harvest.metrics`, :mod:`webhooks.metrics`); this module serves it:

* **Requests** (:class:`RequestMetricsMiddleware`):
  ``hub_cms_requests_total{method,view,status}`` and
  ``hub_cms_request_duration_seconds{view}`` (``view`` is the URL pattern's
  name, ``wagtail_serve`` for every page, ``unresolved`` for 404s of unknown
  paths, so the series stay few).
* **Queues read at scrape time** from the database (so they are true even
  when a worker is down): the outbox (:class:`indexing.metrics.OutboxCollector`)
  and the webhook queue (:class:`webhooks.metrics.WebhookQueueCollector`).
* **Scheduled jobs** (:mod:`core.schedule`):
  ``hub_scheduler_job_runs_total{job,outcome}`` and
  ``hub_scheduler_job_duration_seconds{job}``.
* **Workers** (indexer, webhook sender, harvester loop, scheduler) count in
  their own process. They show their numbers in one of two ways, chosen by
  the environment of each process:

  - ``HUB_METRICS_PORT`` (a port; 0 or unset: off): the worker serves its
    own ``/metrics`` on ``HUB_METRICS_ADDR`` [127.0.0.1] at that port
    (:func:`serve_worker_metrics`). For containers and Kubernetes, where
    each worker is a pod of its own: scrape each.
  - ``PROMETHEUS_MULTIPROC_DIR`` shared by the CMS and the workers on one
    host: every process writes its values there and the CMS's ``/metrics``
    adds them up (also needed for several gunicorn workers). Empty the folder
    before the processes start.

``/metrics`` on the CMS answers (else 404) only with ``HUB_METRICS=true`` (off
by default) and, when ``HUB_METRICS_TOKEN`` is set, wants it as a bearer token
(production refuses to start with metrics on and no token: the CMS is public).
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    start_http_server,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "hub_cms_requests",
    "Requests answered by the CMS, by method, view and HTTP status.",
    ["method", "view", "status"],
)
DURATION = Histogram(
    "hub_cms_request_duration_seconds",
    "Time the CMS took to answer, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

JOB_RUNS = Counter(
    "hub_scheduler_job_runs",
    "Runs of the scheduler's jobs, by job and outcome (ok or failed).",
    ["job", "outcome"],
)
JOB_DURATION = Histogram(
    "hub_scheduler_job_duration_seconds",
    "Time one run of a scheduled job took.",
    ["job"],
    buckets=(0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0),
)


def count_job(job: str, ok: bool, seconds: float) -> None:
    JOB_RUNS.labels(job, "ok" if ok else "failed").inc()
    JOB_DURATION.labels(job).observe(seconds)


def _collectors() -> list[Collector]:
    """The database collectors (imported here: apps are loaded by now)."""
    from indexing.metrics import OutboxCollector
    from webhooks.metrics import WebhookQueueCollector

    return [OutboxCollector(), WebhookQueueCollector()]


def render(collectors: Iterable[Collector] = ()) -> bytes:
    """The exposition: counters of every process (multiprocess mode) or of this
    one, then what ``collectors`` read now."""
    directory = os.environ.get(MULTIPROC_ENV)
    if directory:
        base = CollectorRegistry()
        MultiProcessCollector(base, path=directory)
    else:
        base = REGISTRY
    body = generate_latest(base)
    extra = CollectorRegistry()
    for collector in collectors:
        extra.register(collector)
    return body + generate_latest(extra)


def _authorised(request: HttpRequest) -> bool:
    token = getattr(settings, "HUB_METRICS_TOKEN", "")
    if not token:
        return True
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """``GET /metrics``: 404 unless ``HUB_METRICS`` (see the module docstring)."""
    if not settings.HUB_METRICS:
        raise Http404
    if not _authorised(request):
        response = JsonResponse(
            {"error": "Send the metrics token as a bearer token."}, status=401
        )
        response["WWW-Authenticate"] = "Bearer"
        return response
    response = HttpResponse(render(_collectors()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


class RequestMetricsMiddleware:
    """Counts and times every request (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/metrics" and settings.HUB_METRICS:
            # Answered before the host check and the HTTPS redirect further
            # down: Prometheus scrapes each pod by its IP address over plain
            # HTTP, which ALLOWED_HOSTS would refuse. The token guards it.
            return metrics_view(request)
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or "unnamed") if match is not None else "unresolved"
        if view != "metrics":
            REQUESTS.labels(request.method, view, str(response.status_code)).inc()
            DURATION.labels(view).observe(time.perf_counter() - started)
        return response


class _WorkerRegistry(CollectorRegistry):
    """What a worker serves: this process's metrics, then its database readers.

    The readers stay out of the process-wide registry, which other parts of
    the process (a GraphQL app in the same test run) render too.
    """

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()
        try:
            yield from super().collect()
        finally:
            if threading.current_thread() is not threading.main_thread():
                # The metrics server's thread: let go of the database
                # connections its readers opened (they are per thread).
                connections.close_all()


_WORKER_REGISTRY = _WorkerRegistry()
_serving: int | None = None
_registered: set[str] = set()


def serve_worker_metrics(*collectors: Collector) -> int | None:
    """Serve this worker's metrics on ``HUB_METRICS_PORT`` (when set).

    ``collectors`` (database readers) are served beside this process's metrics.
    Returns the port, or ``None`` when off. Calling it again (a command run
    twice in one process) serves and registers nothing twice.
    """
    global _serving
    raw = os.environ.get("HUB_METRICS_PORT", "").strip()
    if not raw or raw == "0":
        return None
    port = int(raw) if raw.isdigit() else -1
    if not 0 < port < 65536:
        raise ValueError(f"HUB_METRICS_PORT must be a port number, not {raw!r}")
    for collector in collectors:
        name = type(collector).__qualname__
        if name not in _registered:
            _WORKER_REGISTRY.register(collector)
            _registered.add(name)
    if _serving is None:
        address = os.environ.get("HUB_METRICS_ADDR", "127.0.0.1")
        start_http_server(port, addr=address, registry=_WORKER_REGISTRY)
        logger.info("metrics on http://%s:%d/metrics", address, port)
        _serving = port
    return _serving
