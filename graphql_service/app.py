"""The ASGI application: ``create_app()`` builds it, once per worker.

Routes: ``/graphql`` (:class:`~graphql_service.http.GraphQLEndpoint`) and
``/healthz`` (200 once the read-model directory is built, else 503).
The schema, caches, key store and rate limiter are made here, never per
request. Lifespan startup checks the read model and builds the directory
(which also sets the backend's glossary, see :mod:`graphql_service.glossary`);
a background task writes usage counts and search analytics, and shutdown
writes the last ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graphql_service.apq import PersistedQueryStore
from graphql_service.cache import GenerationWatcher, ResponseCache
from graphql_service.common.directory import Directory
from graphql_service.feeds import routes as feed_routes
from graphql_service.glossary import GlossaryUpdater
from graphql_service.http import GraphQLEndpoint
from graphql_service.keys import KeyStore
from graphql_service.ratelimit import RateLimiter
from graphql_service.schema import build_schema
from graphql_service.settings import Settings, load_settings
from graphql_service.sync.views import sync_routes
from graphql_service.usage import UsageCounter, write_usage
from search.analytics import AnalyticsStore
from search.backends import get_backend

if TYPE_CHECKING:
    from search.backends.base import BaseBackend

__all__ = ["Service", "create_app"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Service:
    """Everything one worker shares between requests (``app.state.service``)."""

    settings: Settings
    backend: BaseBackend
    owns_backend: bool
    endpoint: GraphQLEndpoint
    directory: Directory
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
            logger.exception("writing search analytics to %s failed", analytics.path)

    async def flush_usage(self) -> None:
        """Write the usage counted so far (kept for next time if writing fails)."""
        counts = self.usage.drain()
        if not counts:
            return
        try:
            await asyncio.to_thread(write_usage, self.settings.usage_db, counts)
        except Exception:
            logger.exception("writing API usage to %s failed", self.settings.usage_db)
            self.usage.merge(counts)

    async def usage_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.usage_flush_interval)
            await self.flush_usage()
            await self.flush_analytics()


def _analytics_store(settings: Settings) -> AnalyticsStore | None:
    """The search analytics file, or ``None`` (logged) when it cannot be opened."""
    try:
        return AnalyticsStore(settings.search_analytics_db)
    except Exception:
        logger.exception(
            "search analytics are off: cannot open %s", settings.search_analytics_db
        )
        return None


def create_app(
    settings: Settings | None = None, *, backend: BaseBackend | None = None
) -> Starlette:
    """Build the service.

    Args:
        settings: Defaults to :func:`~graphql_service.settings.load_settings`.
        backend: The read model; defaults to ``search.get_backend()`` built
            from the ``SEARCH_*`` variables (closed again at shutdown).
    """
    settings = settings or load_settings()
    owns_backend = backend is None
    if backend is None:
        backend = get_backend(settings.search_config)
    schema = build_schema(settings)
    cache = ResponseCache(settings.cache_max_bytes, settings.cache_ttl)
    directory = Directory(
        backend,
        min_interval=settings.directory_min_interval,
        on_rebuilt=cache.clear,
        on_installed=GlossaryUpdater(backend),
    )

    def changed(generation: str) -> None:
        cache.clear()
        directory.generation_changed(generation)

    watcher = GenerationWatcher(backend, settings.generation_check_interval, changed)
    usage = UsageCounter()
    analytics = _analytics_store(settings)
    endpoint = GraphQLEndpoint(
        settings=settings,
        schema=schema,
        backend=backend,
        directory=directory,
        keys=KeyStore(settings.api_keys_file, settings.keys_check_interval),
        limiter=RateLimiter(settings.rate_limit_storage),
        usage=usage,
        cache=cache,
        watcher=watcher,
        persisted=PersistedQueryStore(settings.apq_max_entries),
        analytics=analytics,
    )
    service = Service(
        settings=settings,
        backend=backend,
        owns_backend=owns_backend,
        endpoint=endpoint,
        directory=directory,
        cache=cache,
        watcher=watcher,
        usage=usage,
        analytics=analytics,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Threads for work handed off the event loop (directory rebuilds, writes).
        executor: ThreadPoolExecutor | None = None
        if settings.search_threads:
            executor = ThreadPoolExecutor(
                max_workers=settings.search_threads, thread_name_prefix="read-model"
            )
            asyncio.get_running_loop().set_default_executor(executor)
        await watcher.check()
        try:
            await directory.snapshot()
        except Exception:
            logger.exception("cannot build the read-model directory yet")
        flusher = asyncio.get_running_loop().create_task(service.usage_loop())
        try:
            yield
        finally:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
            await service.flush_usage()
            await service.flush_analytics()
            await directory.close()
            if owns_backend:
                backend.close()
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)

    async def health(request: Request) -> Response:
        snapshot = directory.current
        ready = snapshot is not None
        return JSONResponse(
            {
                "status": "ok" if ready else "starting",
                "documents": snapshot.documents if snapshot else 0,
                "generation": watcher.generation,
            },
            status_code=200 if ready else 503,
        )

    app = Starlette(
        debug=False,
        routes=[
            Route("/graphql", endpoint),
            Route("/healthz", health, methods=["GET"]),
            *feed_routes(),
            *sync_routes(),
        ],
        lifespan=lifespan,
    )
    app.state.service = service
    return app
