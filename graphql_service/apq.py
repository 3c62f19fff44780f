"""Automatic persisted queries (the protocol of Apollo's APQ link).

A client first sends only ``extensions.persistedQuery.sha256Hash``; when the
service does not know the hash it answers with the ``PersistedQueryNotFound``
error, and the client sends the query again together with the hash, which
the service checks and remembers.

Each worker keeps a bounded store in memory (:class:`PersistedQueryStore`,
``GRAPHQL_APQ_MAX_ENTRIES`` queries, least recently used dropped first). By
default that is all, so behind a load balancer a client may be asked once
per worker. With ``GRAPHQL_APQ_URL=redis://...``
(:class:`RedisPersistedQueryStore`) a query registered on one host is found
on every other: the memory store stays in front of Redis (a known hash costs
no round trip), a hash it lacks is looked up in Redis, and a registration is
written to Redis (key ``inh:apq:<sha256>``) before the answer goes out, for
``GRAPHQL_APQ_TTL`` seconds (7 days). Give that Redis a ``maxmemory`` with an
LRU policy: anyone may register queries. When Redis cannot be reached the
worker's own store still answers, and a hash found nowhere gets
``PersistedQueryNotFound`` (the client then sends the query again), so an
outage costs round trips, never errors.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = [
    "PersistedQueryStore",
    "RedisPersistedQueryStore",
    "open_persisted_queries",
    "sha256_hex",
]

logger = logging.getLogger(__name__)

#: Prefix of the Redis keys (one key per query hash).
REDIS_PREFIX: Final = "inh:apq:"
#: Seconds to wait for Redis (connecting, and each command).
REDIS_TIMEOUT: Final = 1.0

_HEX: Final = frozenset("0123456789abcdef")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


class PersistedQueryStore:
    """Query texts by SHA-256, least recently used dropped first."""

    def __init__(self, max_entries: int = 5000) -> None:
        self.max_entries = max_entries
        self._queries: OrderedDict[str, str] = OrderedDict()

    def get(self, digest: str) -> str | None:
        query = self._queries.get(digest)
        if query is not None:
            self._queries.move_to_end(digest)
        return query

    def put(self, digest: str, query: str) -> None:
        self._queries[digest] = query
        self._queries.move_to_end(digest)
        while len(self._queries) > self.max_entries:
            self._queries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._queries)

    async def lookup(self, digest: str) -> str | None:
        """The query registered under ``digest`` (``None``: ask the client)."""
        return self.get(digest)

    async def register(self, digest: str, query: str) -> None:
        """Share ``query`` (its hash checked, already :meth:`put` here)."""
        self.put(digest, query)

    async def aclose(self) -> None:
        """Release connections (at shutdown)."""


class RedisPersistedQueryStore(PersistedQueryStore):
    """The worker's store in front of one Redis that every host shares.

    Args:
        url: ``redis://host:6379/0`` (or ``rediss://``, ``unix://``).
        ttl: Seconds Redis keeps a registered query.
        max_entries: Size of the worker's own store.
    """

    def __init__(self, url: str, ttl: int, max_entries: int = 5000) -> None:
        super().__init__(max_entries)
        from redis.asyncio import Redis
        from redis.exceptions import RedisError

        self._errors = (RedisError, OSError)
        self.ttl = ttl
        self.redis: Redis = Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT,
            socket_timeout=REDIS_TIMEOUT,
            decode_responses=True,
        )
        self._failing = False
        #: Hashes known to be in Redis (no second write for them).
        self._shared: set[str] = set()

    def _failed(self, action: str, exc: Exception) -> None:
        if not self._failing:
            logger.error(
                "persisted queries: Redis unreachable (%s; this worker's "
                "queries only): %s",
                action,
                exc,
            )
            self._failing = True

    def _recovered(self) -> None:
        if self._failing:
            logger.warning("persisted queries: Redis reachable again")
            self._failing = False

    async def lookup(self, digest: str) -> str | None:
        query = self.get(digest)
        if query is not None:
            return query
        try:
            found = await self.redis.get(REDIS_PREFIX + digest)
        except self._errors as exc:
            self._failed("lookup", exc)
            return None
        self._recovered()
        if not isinstance(found, str) or sha256_hex(found) != digest:
            return None  # unknown (or not what the key says: never trusted)
        self.put(digest, found)
        self._remember_shared(digest)
        return found

    async def register(self, digest: str, query: str) -> None:
        if digest in self._shared:
            return  # written (or found in Redis) by this worker already
        self.put(digest, query)
        try:
            await self.redis.set(REDIS_PREFIX + digest, query, ex=self.ttl)
        except self._errors as exc:
            self._failed("register", exc)
            return
        self._recovered()
        self._remember_shared(digest)

    def _remember_shared(self, digest: str) -> None:
        if len(self._shared) >= self.max_entries:
            self._shared.clear()
        self._shared.add(digest)

    async def aclose(self) -> None:
        await self.redis.aclose()


def open_persisted_queries(url: str, ttl: int, max_entries: int) -> PersistedQueryStore:
    """The store ``GRAPHQL_APQ_URL`` selects (empty: the worker's memory)."""
    if url:
        return RedisPersistedQueryStore(url, ttl, max_entries)
    return PersistedQueryStore(max_entries)
