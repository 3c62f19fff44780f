"""Automatic persisted queries (the protocol of Apollo's APQ link).

A client first sends only ``extensions.persistedQuery.sha256Hash``; when the
service does not know the hash it answers with the ``PersistedQueryNotFound``
error, and the client sends the query again together with the hash, which
the service checks and remembers. Each worker keeps its own bounded store,
so a client may be asked once per worker.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Final

__all__ = ["PersistedQueryStore", "sha256_hex"]

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
