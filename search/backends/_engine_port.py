"""What the engine backend needs from a search client, and the errors it sees.

Elasticsearch and OpenSearch take the same request bodies, but their Python
clients differ in call style and exceptions. The shared backend
(:mod:`._engine_backend`) talks only to :class:`SyncEngine` and
:class:`AsyncEngine`; one adapter per client (in :mod:`.elasticsearch` and
:mod:`.opensearch`) implements them and raises only the errors below, so
not-found, conflict and error translation (:mod:`._engine_client`) work the
same for both. Bodies are plain JSON objects (``_source``, not a client's
keyword spelling); responses are plain dicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "AsyncEngine",
    "EngineApiError",
    "EngineConflictError",
    "EngineError",
    "EngineNotFoundError",
    "EngineSerializationError",
    "EngineTransportError",
    "SyncEngine",
    "UnsupportedServerError",
    "api_error",
]

Body = dict[str, Any]


class EngineError(Exception):
    """A client's exception, translated by its adapter (chained as the cause)."""


class EngineApiError(EngineError):
    """The server answered with an error status.

    Attributes:
        status: HTTP status.
        body: The decoded error body (a dict when the server sent JSON).
    """

    def __init__(self, status: int, body: object, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = body
        self.message = message


class EngineNotFoundError(EngineApiError):
    """404: a missing document, index or alias."""


class EngineConflictError(EngineApiError):
    """409: a version conflict, or a document that already exists."""


class EngineTransportError(EngineError):
    """No usable answer: ``problem`` says why, without the HTTP library's
    internals ("cannot connect to the cluster", "the request timed out" ...)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class EngineSerializationError(EngineError):
    """A request could not be encoded, or a response decoded."""


class UnsupportedServerError(EngineError):
    """The client refuses to talk to this server (wrong product)."""


def api_error(status: int, body: object, message: str) -> EngineApiError:
    """The shared error for an error status (404 and 409 have their own)."""
    if status == 404:
        return EngineNotFoundError(status, body, message)
    if status == 409:
        return EngineConflictError(status, body, message)
    return EngineApiError(status, body, message)


class SyncEngine(Protocol):
    """The blocking operations of the backend (writes, rebuilds, sync reads)."""

    product: str

    def search(
        self, index: str, body: Body, *, preference: str | None = None
    ) -> Body: ...

    def msearch(self, index: str, searches: Sequence[Body]) -> Body: ...

    def get(self, index: str, doc_id: str) -> Body: ...

    def mget(self, index: str, ids: Sequence[str], source: Sequence[str]) -> Body: ...

    def index(
        self, index: str, doc_id: str, document: Body, *, refresh: bool = False
    ) -> None: ...

    def create(self, index: str, doc_id: str, document: Body) -> None: ...

    def delete(self, index: str, doc_id: str) -> None: ...

    def bulk(
        self,
        index: str,
        lines: Sequence[bytes],
        *,
        refresh: str,
        require_alias: bool,
    ) -> Body: ...

    def create_index(self, name: str, body: Body) -> None: ...

    def index_exists(self, name: str) -> bool: ...

    def alias_exists(self, name: str) -> bool: ...

    def get_aliases(self, pattern: str) -> Body: ...

    def delete_indices(self, names: Sequence[str]) -> None: ...

    def put_settings(self, index: str, settings: Body) -> None: ...

    def put_mapping(self, index: str, properties: Body) -> None: ...

    def refresh(self, index: str) -> None: ...

    def update_aliases(self, actions: Sequence[Body]) -> None: ...

    def close(self) -> None: ...


class AsyncEngine(Protocol):
    """The read operations of the async backend methods."""

    product: str

    async def search(
        self, index: str, body: Body, *, preference: str | None = None
    ) -> Body: ...

    async def msearch(self, index: str, searches: Sequence[Body]) -> Body: ...

    async def get(self, index: str, doc_id: str) -> Body: ...

    async def mget(
        self, index: str, ids: Sequence[str], source: Sequence[str]
    ) -> Body: ...

    async def close(self) -> None: ...
