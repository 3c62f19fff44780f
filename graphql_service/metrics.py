"""Prometheus metrics of the service, and ``GET /metrics``.

Series (``door`` is ``graphql``, ``feeds``, ``calendar``, ``changes`` or
``other``; ``operation`` is the GraphQL operation name (``operationName``, or
the document's first operation), ``-`` when there is none, ``other`` past 100
distinct names per process or for an odd name, so a client cannot flood the
time-series database):

* ``hub_graphql_requests_total{door,operation,status}``: answered requests;
* ``hub_graphql_request_duration_seconds{door,operation}``: histogram, from
  the edge to the last byte;
* ``hub_graphql_response_cache_total{result}``: ``hit`` or ``miss`` of the
  response cache (a hit ratio is ``hit / (hit + miss)``);
* ``hub_graphql_rate_limited_total{door}``: 429 answers;
* ``hub_graphql_rejected_total{door,code}``: other 4xx answers by error code
  (``UNAUTHENTICATED``, ``ORIGIN_NOT_ALLOWED``, ``QUERY_TOO_COSTLY`` ...);
* ``hub_graphql_server_errors_total{door,code}``: 5xx answers by code;
  ``SERVICE_UNAVAILABLE`` counts a read model (engine cluster) that could not
  answer, ``TIMEOUT`` a query stopped after ``GRAPHQL_TIMEOUT``;
* ``hub_graphql_ready``, ``hub_graphql_read_model_documents`` and
  ``hub_graphql_read_model_lag_seconds``: what the last ``/readyz`` found
  (the lag only with ``GRAPHQL_READY_MAX_LAG``; the CMS's
  ``hub_outbox_lag_seconds`` is the lag itself).

Under several workers, ``PROMETHEUS_MULTIPROC_DIR`` names a folder of this
service's own: each worker writes its values there and ``/metrics`` adds them
up, whichever worker answers. ``python -m graphql_service`` empties it at
start, and with ``GRAPHQL_WORKERS`` above 1 and the variable unset picks a
temporary folder itself. Under another process manager (gunicorn), set it and
empty it before the workers start. With one worker and no folder, the process
keeps its own registry.

``/metrics`` is on unless ``GRAPHQL_METRICS=false``. It names operations and
counts refusals, so keep it from the public: route only ``/graphql``, the
feeds and ``/changes`` through the public proxy, or set
``GRAPHQL_METRICS_TOKEN`` and have Prometheus send it as a bearer token.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import os
import re
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

import orjson
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graphql_service.transport.caching import ResponseCaching
from graphql_service.transport.params import RequestReader

if TYPE_CHECKING:
    from collections.abc import Hashable

    from starlette.requests import Request

    from graphql_service.cache import CachedResponse
    from graphql_service.edge.asgi import ASGIApp, Message, Receive, Scope, Send
    from graphql_service.settings import Settings
    from graphql_service.transport.params import GraphQLRequest

__all__ = [
    "MeteredCaching",
    "MeteredReader",
    "MetricsMiddleware",
    "observe_readiness",
    "prepare_multiprocess_dir",
    "process_exited",
    "render",
    "routes",
]

MULTIPROC_ENV: Final = "PROMETHEUS_MULTIPROC_DIR"
#: Where :class:`MeteredReader` leaves the operation name for the middleware.
OPERATION: Final = "hub.operation"
MAX_OPERATIONS: Final = 100
_NAME_RE: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_CODE_RE: Final = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
#: ``query Name`` after blanks, commas and ``#`` comments.
_FIRST_OPERATION_RE: Final = re.compile(
    r"(?:[\s,\ufeff]|#[^\n\r]*)*(?:query|mutation|subscription)\s+([A-Za-z_]\w{0,63})"
)
#: Bytes of an error answer read for its code (errors are small JSON bodies).
_ERROR_PEEK: Final = 4096
_BUCKETS: Final = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
)

REQUESTS: Final = Counter(
    "hub_graphql_requests",
    "Requests answered, by door, GraphQL operation and HTTP status.",
    ["door", "operation", "status"],
)
DURATION: Final = Histogram(
    "hub_graphql_request_duration_seconds",
    "Time from the edge to the last byte of the answer.",
    ["door", "operation"],
    buckets=_BUCKETS,
)
CACHE: Final = Counter(
    "hub_graphql_response_cache",
    "Lookups in the response cache, by result (hit or miss).",
    ["result"],
)
RATE_LIMITED: Final = Counter(
    "hub_graphql_rate_limited", "Requests refused by a rate limit (429).", ["door"]
)
REJECTED: Final = Counter(
    "hub_graphql_rejected",
    "Requests refused with another 4xx status, by error code.",
    ["door", "code"],
)
SERVER_ERRORS: Final = Counter(
    "hub_graphql_server_errors",
    "5xx answers by error code (SERVICE_UNAVAILABLE: the read model could not "
    "answer; TIMEOUT: the query ran too long).",
    ["door", "code"],
)
READY: Final = Gauge(
    "hub_graphql_ready",
    "1 when the last readiness check passed (the lowest of the workers).",
    multiprocess_mode="livemin",
)
DOCUMENTS: Final = Gauge(
    "hub_graphql_read_model_documents",
    "Documents in the read model at the last readiness probe.",
    multiprocess_mode="livemax",
)
LAG: Final = Gauge(
    "hub_graphql_read_model_lag_seconds",
    "How far the read model may be behind the CMS, as the indexer last reported.",
    multiprocess_mode="livemax",
)


def door_of(path: str) -> str:
    """The door a path belongs to (a bounded label)."""
    if path == "/graphql":
        return "graphql"
    if path.startswith("/feeds/"):
        return "feeds"
    if path.endswith(".ics"):
        return "calendar"
    if path == "/changes":
        return "changes"
    return "other"


class OperationNames:
    """Operation names as a label: at most :data:`MAX_OPERATIONS` distinct ones."""

    def __init__(self, limit: int = MAX_OPERATIONS) -> None:
        self.limit = limit
        self._seen: set[str] = set()

    def label(self, name: object) -> str:
        if not isinstance(name, str) or not name:
            return "-"
        if name in self._seen:
            return name
        if not _NAME_RE.match(name) or len(self._seen) >= self.limit:
            return "other"
        self._seen.add(name)
        return name


def error_code(status: int, body: bytes) -> str:
    """The error code of an error answer (``HTTP_<status>`` when it has none)."""
    code: object = None
    with contextlib.suppress(orjson.JSONDecodeError):
        data = orjson.loads(body)
        if isinstance(data, dict):
            errors = data.get("errors")
            if isinstance(errors, list) and errors and isinstance(errors[0], dict):
                extensions = errors[0].get("extensions")
                if isinstance(extensions, dict):
                    code = extensions.get("code")
            error = data.get("error")
            if isinstance(error, dict):
                code = error.get("code")
    if isinstance(code, str) and _CODE_RE.match(code):
        return code
    return f"HTTP_{status}"


class MetricsMiddleware:
    """Counts and times every answer (outermost, so refusals count too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.names = OperationNames()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in _UNCOUNTED:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        peek = bytearray()
        counted = False

        def count() -> None:
            nonlocal counted
            counted = True
            door = door_of(path)
            operation = self.names.label(scope.get(OPERATION))
            REQUESTS.labels(door, operation, str(status)).inc()
            DURATION.labels(door, operation).observe(time.perf_counter() - started)
            if status == 429:
                RATE_LIMITED.labels(door).inc()
            elif status >= 400:
                counter = REJECTED if status < 500 else SERVER_ERRORS
                counter.labels(door, error_code(status, bytes(peek))).inc()

        async def observe(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                if status >= 400 and len(peek) < _ERROR_PEEK:
                    peek.extend(message.get("body", b"")[:_ERROR_PEEK])
                if not message.get("more_body", False) and not counted:
                    # Counted before the last byte leaves: a client that
                    # scrapes right after its answer finds it counted.
                    count()
            await send(message)

        try:
            await self.app(scope, receive, observe)
        finally:
            if not counted:  # no complete answer (an error, a disconnect)
                count()


#: Probes and the scrape itself are not traffic.
_UNCOUNTED: Final = frozenset({"/metrics", "/livez", "/readyz", "/healthz"})


def operation_name(request: GraphQLRequest) -> str | None:
    """``operationName``, else the name of a document's first operation.

    Read from the text without parsing it (the runner parses it later, once per
    text); a name this cannot see counts as ``-``.
    """
    if request.operation_name:
        return request.operation_name
    match = _FIRST_OPERATION_RE.match(request.query)
    return match.group(1) if match else None


class MeteredReader(RequestReader):
    """Reads requests as :class:`RequestReader` does and notes the operation name."""

    def request(
        self, scope: Scope, content_type: bytes | None, body: bytes | None
    ) -> GraphQLRequest:
        request = super().request(scope, content_type, body)
        scope[OPERATION] = operation_name(request)
        return request


class MeteredCaching(ResponseCaching):
    """The response cache, counting hits and misses."""

    def get(self, cache_key: Hashable) -> CachedResponse | None:
        entry = super().get(cache_key)
        if self.enabled:
            CACHE.labels("hit" if entry is not None else "miss").inc()
        return entry


def observe_readiness(ready: bool, documents: int, lag: float | None) -> None:
    READY.set(1 if ready else 0)
    DOCUMENTS.set(documents)
    if lag is not None:
        LAG.set(lag)


def render() -> bytes:
    """The exposition: every worker's values in multiprocess mode, else this one's."""
    directory = os.environ.get(MULTIPROC_ENV)
    if directory:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def prepare_multiprocess_dir(workers: int = 1) -> str | None:
    """Ready ``PROMETHEUS_MULTIPROC_DIR`` before the workers start.

    Several workers without it would each show only their own counts, so a
    fresh temporary folder is chosen for them (the workers inherit the
    variable). Files of an earlier run are removed: they would add its counts
    to this one's. Returns the folder (``None``: one registry per process).
    """
    directory = os.environ.get(MULTIPROC_ENV)
    if not directory:
        if workers <= 1:
            return None
        directory = tempfile.mkdtemp(prefix="hub-graphql-metrics-")
        os.environ[MULTIPROC_ENV] = directory
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink(missing_ok=True)
    return directory


def process_exited() -> None:
    """Drop this worker's live gauges (multiprocess mode) when it stops."""
    if os.environ.get(MULTIPROC_ENV):
        mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


def _authorised(token: str, header: str | None) -> bool:
    if not token:
        return True
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def routes(settings: Settings) -> list[Route]:
    """``GET /metrics`` (none when ``GRAPHQL_METRICS`` is off)."""
    if not settings.metrics:
        return []
    token = settings.metrics_token

    async def metrics(request: Request) -> Response:
        if not _authorised(token, request.headers.get("authorization")):
            return JSONResponse(
                {
                    "error": {
                        "status": 401,
                        "code": "UNAUTHENTICATED",
                        "message": "Send the metrics token as a bearer token.",
                    }
                },
                status_code=401,
                headers={"www-authenticate": "Bearer", "cache-control": "no-store"},
            )
        body = await asyncio.to_thread(render)
        return Response(
            body,
            media_type=CONTENT_TYPE_LATEST,
            headers={"cache-control": "no-store"},
        )

    return [Route("/metrics", metrics, methods=["GET"])]
