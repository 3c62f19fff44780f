"""Response cache and the watch on the read model's generation.

Responses of successful queries are cached by (key scope, locale, operation
name, query text, variables). The cache is emptied when the read model
changes: :class:`GenerationWatcher` asks the backend for its generation token
at most every ``GRAPHQL_GENERATION_CHECK_INTERVAL`` seconds (the request that
finds the interval elapsed does the check; concurrent ones wait for it), and
when it changed refreshes the backend's readers, clears the cache and has the
worker's taxonomy and glossary brought up to date from change sync. Entries
also expire after ``GRAPHQL_CACHE_TTL`` seconds, since answers about "upcoming"
and "open" depend on the time.

The generation is the read model's own (:meth:`BaseBackend.generation
<search.backends.base.BaseBackend.generation>`), whatever the engine: the
embedded index's commit marker on one machine; on Elasticsearch or OpenSearch
a document in the cluster that every indexer bumps once its writes are
searchable. Each host keeps its own cache, and every host empties it when any
indexer writes (``tests/graphql_service/test_generation_on_engine.py``).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from graphql_service.common.reads import ANY, matches

if TYPE_CHECKING:
    from search.backends.base import BaseBackend

__all__ = [
    "EVERYTHING",
    "CachedResponse",
    "GenerationWatcher",
    "ResponseCache",
    "make_etag",
]

#: The reads of a response that depends on anything.
EVERYTHING: Final = frozenset({(ANY, ANY)})

logger = logging.getLogger(__name__)


def make_etag(body: bytes) -> str:
    """A strong ETag of a response body."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


@dataclass(frozen=True, slots=True)
class CachedResponse:
    body: bytes
    etag: str
    expires: float
    #: The ``(type, locale)`` pairs the response read (see
    #: :mod:`graphql_service.common.reads`).
    reads: frozenset[tuple[str, str]] = EVERYTHING


class ResponseCache:
    """Bounded LRU of response bodies, with an epoch bumped on every clear
    and every invalidation.

    A response computed while the read model changed must not be stored:
    callers take :attr:`epoch` before executing and pass it to :meth:`put`,
    which drops the entry when a clear happened in between. While
    :attr:`paused` (the read model changed and what changed is being read),
    nothing is served or stored.
    """

    def __init__(self, max_bytes: int, ttl: float) -> None:
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.epoch = 0
        self.size = 0
        self.paused = False
        self._entries: OrderedDict[Hashable, CachedResponse] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> CachedResponse | None:
        if self.paused:
            self.misses += 1
            return None
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        if entry.expires <= time.monotonic():
            self._remove(key)
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(
        self,
        key: Hashable,
        body: bytes,
        epoch: int,
        reads: frozenset[tuple[str, str]] = EVERYTHING,
    ) -> CachedResponse:
        entry = CachedResponse(
            body, make_etag(body), time.monotonic() + self.ttl, reads
        )
        if self.paused or epoch != self.epoch or len(body) > self.max_bytes // 8:
            return entry
        if key in self._entries:
            self._remove(key)
        self._entries[key] = entry
        self.size += len(body)
        while self.size > self.max_bytes and self._entries:
            self._remove(next(iter(self._entries)))
        return entry

    def _remove(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)

    def pause(self) -> None:
        """Serve and store nothing until :meth:`invalidate` or :meth:`clear`."""
        self.paused = True
        self.epoch += 1

    def invalidate(self, changed: Iterable[tuple[str | None, str | None]]) -> int:
        """Drop the entries that read a changed ``(type, locale)`` (``None``:
        unknown, matches any); resumes a paused cache. Returns how many."""
        pairs = set(changed)
        stale = [
            key
            for key, entry in self._entries.items()
            if any(matches(entry.reads, kind, locale) for kind, locale in pairs)
        ]
        for key in stale:
            self._remove(key)
        self.epoch += 1
        self.paused = False
        return len(stale)

    def clear(self) -> None:
        self._entries.clear()
        self.size = 0
        self.paused = False
        self.epoch += 1

    def __len__(self) -> int:
        return len(self._entries)


class GenerationWatcher:
    """Notices changes of the read model (see the module docstring).

    Args:
        backend: The read model.
        interval: Least seconds between two checks.
        on_change: Called with the new generation after the backend's
            readers were refreshed.
    """

    def __init__(
        self,
        backend: BaseBackend,
        interval: float,
        on_change: Callable[[str], None],
    ) -> None:
        self.backend = backend
        self.interval = interval
        self.on_change = on_change
        self.generation: str | None = None
        self.next_check = 0.0
        self._running: asyncio.Future[None] | None = None

    def due(self) -> bool:
        return time.monotonic() >= self.next_check

    async def check(self) -> None:
        """Check now (or wait for the check another request is doing)."""
        running = self._running
        if running is not None:
            await asyncio.shield(running)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._running = future
        try:
            generation = await self.backend.ageneration()
            if self.generation is None:
                self.generation = generation
            elif generation != self.generation:
                await asyncio.to_thread(self.backend.refresh)
                self.generation = generation
                logger.info("read model changed (generation %s)", generation)
                self.on_change(generation)
        except Exception:
            logger.exception("checking the read model's generation failed")
        finally:
            self.next_check = time.monotonic() + self.interval
            self._running = None
            future.set_result(None)
