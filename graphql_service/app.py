"""The ASGI application: ``create_app()`` builds it, once per worker.

Routes: every door (``/graphql``, ``/feeds/*``, ``/changes``,
``/calendar.ics``, ``/events/*.ics``) behind one edge
(:mod:`graphql_service.edge`: keys, limits, usage, CORS, readiness);
``/livez`` (the process is up), ``/readyz`` and ``/healthz`` (the read model
is built and its taxonomy read, else 503 with the reason; see
:mod:`graphql_service.readiness`) and ``/metrics`` (:mod:`graphql_service.metrics`,
which also counts and times every answer) outside it.

The schema, caches, key store and rate limiter are made here, never per
request. The read model is opened read-only: a missing index is reported,
never created. Lifespan startup checks the read model and reads its taxonomy
and glossary (:mod:`graphql_service.common.terms`, which also sets the
backend's glossary, see :mod:`graphql_service.glossary`); a background task
writes usage counts and search analytics, and shutdown writes the last ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from graphql_service import logs, metrics
from graphql_service.apq import open_persisted_queries
from graphql_service.cache import GenerationWatcher, ResponseCache
from graphql_service.common.terms import TermsCache
from graphql_service.edge import Door, Edge, plain_error
from graphql_service.edge.access import Access
from graphql_service.edge.cors import CorsPolicy
from graphql_service.edge.identity import RequestIds
from graphql_service.feeds import routes as feed_routes
from graphql_service.glossary import GlossaryUpdater
from graphql_service.http import GRAPHQL_DOOR, GraphQLEndpoint
from graphql_service.invalidation import Invalidator
from graphql_service.keys import open_key_store
from graphql_service.ratelimit import RateLimiter
from graphql_service.readiness import Readiness, liveness
from graphql_service.schema import build_schema
from graphql_service.settings import Settings, load_settings
from graphql_service.sync.views import sync_routes
from graphql_service.transport.runner import Runner
from graphql_service.usage import UsageCounter, write_usage
from search.analytics import AnalyticsStore
from search.backends import config_from_env, get_backend
from search.shared_db import redact

if TYPE_CHECKING:
    from search.backends.base import BaseBackend

__all__ = ["Service", "create_app"]

logger = logging.getLogger(__name__)

#: How much rarer than by default a serving worker's full collections are.
FULL_COLLECTIONS_RARER: Final = 10


@dataclass(slots=True)
class Service:
    """Everything one worker shares between requests (``app.state.service``)."""

    settings: Settings
    backend: BaseBackend
    owns_backend: bool
    endpoint: GraphQLEndpoint
    edge: Edge
    terms: TermsCache
    cache: ResponseCache
    watcher: GenerationWatcher
    usage: UsageCounter
    analytics: AnalyticsStore | None = None

    async def flush_analytics(self) -> None:
        """Write the searches counted so far (lost if writing fails)."""
        analytics = self.analytics
        if analytics is None:
            return
        try:
            await asyncio.to_thread(analytics.flush)
        except Exception:
            logger.exception(
                "writing search analytics to %s failed", analytics.location
            )

    async def flush_usage(self) -> None:
        """Write the usage counted so far (kept for next time if writing fails)."""
        counts = self.usage.drain()
        if not counts:
            return
        target = self.settings.usage_url or self.settings.usage_db
        try:
            await asyncio.to_thread(write_usage, target, counts)
        except Exception:
            logger.exception("writing API usage to %s failed", redact(target))
            self.usage.merge(counts)

    async def usage_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.usage_flush_interval)
            await self.flush_usage()
            await self.flush_analytics()


def _analytics_store(settings: Settings) -> AnalyticsStore | None:
    """The search analytics store, or ``None`` (logged) when it cannot be opened."""
    target = settings.search_analytics_url or settings.search_analytics_db
    try:
        return AnalyticsStore(target)
    except Exception:
        logger.exception("search analytics are off: cannot open %s", redact(target))
        return None


def create_app(
    settings: Settings | None = None, *, backend: BaseBackend | None = None
) -> Starlette:
    """Build the service.

    Args:
        settings: Defaults to :func:`~graphql_service.settings.load_settings`.
        backend: The read model; defaults to ``search.get_backend()`` built
            from the ``SEARCH_*`` variables, read-only (closed again at
            shutdown).
    """
    settings = settings or load_settings()
    logs.configure()
    owns_backend = backend is None
    if backend is None:
        config = dict(settings.search_config or config_from_env())
        # A reader never creates the index: a wrong SEARCH_PATH must show.
        backend = get_backend({**config, "CREATE": False})
    schema = build_schema(settings)
    cache = ResponseCache(settings.cache_max_bytes, settings.cache_ttl)
    terms = TermsCache(backend, on_glossary=GlossaryUpdater(backend))
    invalidator = Invalidator(backend, cache, terms)
    watcher = GenerationWatcher(
        backend, settings.generation_check_interval, invalidator.generation_changed
    )
    usage = UsageCounter()
    analytics = _analytics_store(settings)
    keys = open_key_store(settings)
    persisted = open_persisted_queries(
        settings.apq_url, settings.apq_ttl, settings.apq_max_entries
    )
    reader: BaseBackend = backend
    readiness = Readiness(
        watcher,
        terms,
        lambda: reader.translator.status(),
        max_lag=settings.ready_max_lag,
    )
    edge = Edge(
        ids=RequestIds(),
        access=Access(
            settings=settings,
            keys=keys,
            limiter=RateLimiter(settings.rate_limit_storage),
            usage=usage,
        ),
        cors=CorsPolicy(settings, keys),
        readiness=readiness,
    )
    endpoint = GraphQLEndpoint(
        settings=settings,
        reader=metrics.MeteredReader(settings, persisted),
        caching=metrics.MeteredCaching(settings, cache),
        cache=cache,
        runner=Runner(
            settings=settings,
            schema=schema,
            backend=backend,
            terms=terms,
            analytics=analytics,
        ),
    )
    service = Service(
        settings=settings,
        backend=backend,
        owns_backend=owns_backend,
        endpoint=endpoint,
        edge=edge,
        terms=terms,
        cache=cache,
        watcher=watcher,
        usage=usage,
        analytics=analytics,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Threads for work handed off the event loop (writes, backend refreshes).
        executor: ThreadPoolExecutor | None = None
        if settings.search_threads:
            executor = ThreadPoolExecutor(
                max_workers=settings.search_threads, thread_name_prefix="read-model"
            )
            asyncio.get_running_loop().set_default_executor(executor)
        await keys.start()
        await invalidator.start()
        await readiness.check()  # logs why when not ready
        # Opens the lexicon now rather than on the first search, and says
        # what cross-language search runs on.
        logger.info("cross-language search: %s", reader.translator.status()["mode"])
        # What start-up built lives as long as the worker: moved out of the
        # collector's reach, a full collection scans only what requests made
        # since (2 ms instead of 50 ms and more, which showed as a slow request
        # every thousand or so).
        gc.freeze()
        # What requests leave behind for long (the read model's caches of
        # parsed documents, translations and built queries, bounded) is most
        # of what a full collection then scans: 30 to 45 ms for some 80,000
        # objects, once every two hundred new searches or so. Ten times
        # rarer, they leave the slowest of a hundred searches.
        threshold = gc.get_threshold()
        gc.set_threshold(*threshold[:2], threshold[2] * FULL_COLLECTIONS_RARER)
        flusher = asyncio.get_running_loop().create_task(service.usage_loop())
        try:
            yield
        finally:
            gc.set_threshold(*threshold)
            gc.unfreeze()
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
            await service.flush_usage()
            await service.flush_analytics()
            await keys.aclose()
            await persisted.aclose()
            await invalidator.close()
            if owns_backend:
                backend.close()
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)
            metrics.process_exited()

    feeds = edge.middleware(
        Door(
            methods=b"GET, HEAD, OPTIONS", vary=b"Origin, X-API-Key", render=plain_error
        )
    )
    app = Starlette(
        debug=False,
        routes=[
            Route("/graphql", endpoint, middleware=edge.middleware(GRAPHQL_DOOR)),
            *feed_routes(feeds),
            *sync_routes(feeds),
            Route("/livez", liveness, methods=["GET"]),
            Route("/readyz", readiness.endpoint, methods=["GET"]),
            Route("/healthz", readiness.endpoint, methods=["GET"]),
            *metrics.routes(settings),
        ],
        middleware=[Middleware(metrics.MetricsMiddleware)],
        lifespan=lifespan,
    )
    app.state.service = service
    return app
