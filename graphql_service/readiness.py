"""Liveness and readiness: is the process up, and can it serve the read model?

Two questions, answered at two places:

* **Can a door answer at all?** (:meth:`Readiness.check`, on every request at
  the edge.) Only once the read model has been built (its generation is not
  :data:`~search.backends.base.NEVER_BUILT`) and the worker has read its
  taxonomy and glossary from it. Until then every door answers 503 with the
  reason. The check costs nothing between generation checks, and a service
  started before the indexer becomes ready once the read model is built,
  without a restart.
* **Should the load balancer send traffic here?** (:meth:`Readiness.probe`,
  ``/readyz`` and its alias ``/healthz``.) All of the above, and, checked
  live on each call: the read model answers now (one generation read: an
  engine cluster that is entirely down is not ready, although answers cached
  earlier would still be served), it holds documents (an empty one is not
  ready), and, when ``GRAPHQL_READY_MAX_LAG`` is above 0, it is not stale: the
  indexer's last report (:mod:`search.progress`) shows nothing pending for
  longer than that many seconds and is itself no older than that. A read model
  whose indexer has stopped reporting cannot be vouched for. 503 with the
  reason otherwise.

``/livez`` answers 200 while the process serves requests, and reads nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from starlette.responses import JSONResponse

from graphql_service.metrics import observe_readiness
from search.backends.base import NEVER_BUILT
from search.errors import SearchError
from search.query import SearchQuery

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.requests import Request

    from graphql_service.cache import GenerationWatcher
    from graphql_service.common.terms import TermsCache

__all__ = ["Readiness", "State"]

logger = logging.getLogger(__name__)

UNREACHABLE: Final = "The read model cannot be reached; retry later."
UNBUILT: Final = (
    "The read model has never been built: run the indexer "
    "(manage.py run_indexer or rebuild_search_index)."
)
UNREADABLE: Final = "The read model cannot be read yet; retry later."
EMPTY: Final = "The read model holds no documents: run the indexer."
UNREPORTED: Final = (
    "The indexer has not reported on this read model yet: is manage.py "
    "run_indexer running?"
)
#: Longest wait for the read model's answer in a probe.
PROBE_TIMEOUT: Final = 5.0
#: What a read model that cannot answer raises (backends wrap their errors).
_UNREACHABLE_ERRORS: Final = (SearchError, TimeoutError, OSError)
#: Least seconds between two attempts to read the terms after a failure.
_RETRY_SECONDS: Final = 1.0


@dataclass(frozen=True, slots=True)
class State:
    """What readiness found: ``reason`` is ``None`` when ready."""

    reason: str | None
    documents: int = 0
    generation: str | None = None
    #: Seconds the read model may be behind the CMS (when reported).
    lag: float | None = None

    @property
    def ready(self) -> bool:
        return self.reason is None


class Readiness:
    """Checks the read model (see the module docstring)."""

    def __init__(
        self,
        watcher: GenerationWatcher,
        terms: TermsCache,
        cross_language: Callable[[], dict[str, object]] | None = None,
        *,
        max_lag: float = 0.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.watcher = watcher
        self.terms = terms
        #: Seconds of lag behind the CMS tolerated by :meth:`probe` (0: any).
        self.max_lag = max_lag
        self.clock = clock
        #: What cross-language search runs on (reported, never a reason to
        #: refuse: without a lexicon, search runs on the glossary alone).
        self.cross_language = cross_language
        self._retry_at = 0.0
        self._reported: str | None = None
        #: Documents counted by the last probe.
        self._documents = 0

    async def check(self) -> State:
        """The current state, trying to read the terms when they are missing."""
        watcher = self.watcher
        if watcher.due():
            await watcher.check()
        if self.terms.current is not None:
            return State(None, self._documents, watcher.generation)
        generation = watcher.generation
        if generation is None:
            return self._not_ready(UNREACHABLE, generation)
        if generation == NEVER_BUILT:
            return self._not_ready(UNBUILT, generation)
        if time.monotonic() < self._retry_at:
            return self._not_ready(UNREADABLE, generation)
        try:
            await self.terms.snapshot()
        except Exception:
            logger.exception("cannot read the taxonomy and glossary")
            self._retry_at = time.monotonic() + _RETRY_SECONDS
            return self._not_ready(UNREADABLE, generation)
        self._reported = None
        return State(None, self._documents, watcher.generation)

    async def probe(self) -> State:
        """:meth:`check`, then the live checks of ``/readyz`` (module docstring)."""
        state = await self.check()
        if not state.ready:
            return state
        backend = self.watcher.backend
        try:
            generation = await asyncio.wait_for(backend.ageneration(), PROBE_TIMEOUT)
            if generation != NEVER_BUILT:
                counted = await asyncio.wait_for(
                    backend.asearch(SearchQuery(first=1)), PROBE_TIMEOUT
                )
                self._documents = counted.total
        except _UNREACHABLE_ERRORS as exc:
            # A cluster that is down: the error is logged once, not per probe.
            return self._not_ready(UNREACHABLE, state.generation, cause=exc)
        if generation == NEVER_BUILT:
            return self._not_ready(UNBUILT, generation)
        state = State(None, self._documents, generation)
        if state.documents == 0:
            return self._not_ready(EMPTY, generation)
        if self.max_lag <= 0:
            self._recovered()
            return state
        try:
            progress = await asyncio.wait_for(backend.aprogress(), PROBE_TIMEOUT)
        except _UNREACHABLE_ERRORS as exc:
            return self._not_ready(UNREACHABLE, generation, cause=exc)
        if progress is None:
            return self._not_ready(UNREPORTED, generation)
        now = self.clock()
        lag = progress.lag(now)
        if lag > self.max_lag:
            silent = now - progress.reported_at
            reason = (
                f"The read model is stale: the indexer last reported {silent:.0f} s "
                f"ago (GRAPHQL_READY_MAX_LAG is {self.max_lag:g} s)."
                if silent > self.max_lag
                else f"The read model is stale: {progress.pending} changes have "
                f"waited up to {lag:.0f} s for the indexer (GRAPHQL_READY_MAX_LAG "
                f"is {self.max_lag:g} s)."
            )
            return self._not_ready(
                reason, generation, lag=lag, stale=True, documents=state.documents
            )
        self._recovered()
        return State(None, state.documents, state.generation, lag)

    def _recovered(self) -> None:
        if self._reported is not None:
            logger.info("ready again")
            self._reported = None

    def _not_ready(
        self,
        reason: str,
        generation: str | None,
        *,
        lag: float | None = None,
        stale: bool = False,
        cause: BaseException | None = None,
        documents: int = 0,
    ) -> State:
        # Stale reasons carry changing numbers: report the kind once.
        kind = "stale" if stale else reason
        if kind != self._reported:
            if cause is not None:
                logger.warning("not ready: %s (%s)", reason, cause)
            else:
                logger.warning("not ready: %s", reason)
            self._reported = kind
        return State(reason, documents, generation, lag)

    async def endpoint(self, request: Request) -> JSONResponse:
        """``/readyz`` and ``/healthz``: 200 when ready, else 503 with the reason."""
        state = await self.probe()
        observe_readiness(state.ready, state.documents, state.lag)
        body: dict[str, object] = {
            "status": "ok" if state.ready else "unavailable",
            "documents": state.documents,
            "generation": state.generation,
        }
        if state.lag is not None:
            body["lagSeconds"] = round(state.lag, 1)
        if not state.ready:
            body["reason"] = state.reason
        if self.cross_language is not None:
            body["crossLanguage"] = self.cross_language()
        return JSONResponse(
            body,
            status_code=200 if state.ready else 503,
            headers={"cache-control": "no-store"},
        )


async def liveness(request: Request) -> JSONResponse:
    """``/livez``: 200 while the process serves requests at all."""
    return JSONResponse({"status": "alive"}, headers={"cache-control": "no-store"})
