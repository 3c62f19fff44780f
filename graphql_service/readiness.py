"""Liveness and readiness: is the process up, and can it serve the read model?

The service is *ready* when the read model has been built (its generation is
not :data:`~search.backends.base.NEVER_BUILT`) and the read-model directory is
in place. Until then every door answers 503 with the reason, and so does
``/readyz`` (``/healthz`` is the same check); ``/livez`` answers 200 while the
process runs. Readiness is checked again on each request, so a service started
before the indexer becomes ready once the read model is built, without a restart.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from starlette.responses import JSONResponse

from search.backends.base import NEVER_BUILT

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.requests import Request

    from graphql_service.cache import GenerationWatcher
    from graphql_service.common.directory import Directory

__all__ = ["Readiness", "State"]

logger = logging.getLogger(__name__)

UNREACHABLE: Final = "The read model cannot be reached; retry later."
UNBUILT: Final = (
    "The read model has never been built: run the indexer "
    "(manage.py run_indexer or rebuild_search_index)."
)
UNREADABLE: Final = "The read model cannot be read yet; retry later."
#: Least seconds between two attempts to build the directory after a failure.
_RETRY_SECONDS: Final = 1.0


@dataclass(frozen=True, slots=True)
class State:
    """What readiness found: ``reason`` is ``None`` when ready."""

    reason: str | None
    documents: int = 0
    generation: str | None = None

    @property
    def ready(self) -> bool:
        return self.reason is None


class Readiness:
    """Checks the read model (see the module docstring)."""

    def __init__(
        self,
        watcher: GenerationWatcher,
        directory: Directory,
        cross_language: Callable[[], dict[str, object]] | None = None,
    ) -> None:
        self.watcher = watcher
        self.directory = directory
        #: What cross-language search runs on (reported, never a reason to
        #: refuse: without a lexicon, search runs on the glossary alone).
        self.cross_language = cross_language
        self._retry_at = 0.0
        self._reported: str | None = None

    async def check(self) -> State:
        """The current state, trying to build the directory when it is missing."""
        watcher = self.watcher
        if watcher.due():
            await watcher.check()
        snapshot = self.directory.current
        if snapshot is not None:
            return State(None, snapshot.documents, watcher.generation)
        generation = watcher.generation
        if generation is None:
            return self._not_ready(UNREACHABLE, generation)
        if generation == NEVER_BUILT:
            return self._not_ready(UNBUILT, generation)
        if time.monotonic() < self._retry_at:
            return self._not_ready(UNREADABLE, generation)
        try:
            snapshot = await self.directory.snapshot()
        except Exception:
            logger.exception("cannot build the read-model directory")
            self._retry_at = time.monotonic() + _RETRY_SECONDS
            return self._not_ready(UNREADABLE, generation)
        self._reported = None
        return State(None, snapshot.documents, watcher.generation)

    def _not_ready(self, reason: str, generation: str | None) -> State:
        if reason != self._reported:
            logger.warning("not ready: %s", reason)
            self._reported = reason
        return State(reason, 0, generation)

    async def endpoint(self, request: Request) -> JSONResponse:
        """``/readyz`` and ``/healthz``: 200 when ready, else 503 with the reason."""
        state = await self.check()
        body: dict[str, object] = {
            "status": "ok" if state.ready else "unavailable",
            "documents": state.documents,
            "generation": state.generation,
        }
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
