"""Error translation and per-loop async clients, shared by both engine backends.

* :func:`translate_errors` turns the adapters' errors (:mod:`._engine_port`)
  into the package's errors: connection problems, timeouts, overload and
  server errors become :class:`BackendUnavailableError`; a rejected request
  becomes :class:`IndexingError` (writes) or :class:`InvalidQueryError`
  (reads), with the server's error type and reason but never the transport's
  internals. Messages name the product ("OpenSearch is unavailable ...").
* :class:`AsyncClients` keeps one async client per event loop (an aiohttp
  session belongs to the loop that opened it) and closes it when that loop
  shuts down, so callers that run ``asyncio.run`` more than once (tests,
  scripts) neither share a session across loops nor leak one.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from search.backends._engine_port import (
    AsyncEngine,
    EngineApiError,
    EngineSerializationError,
    EngineTransportError,
    UnsupportedServerError,
)
from search.errors import (
    BackendUnavailableError,
    IndexingError,
    InvalidBackendError,
    InvalidQueryError,
)

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable, Iterator

__all__ = [
    "AsyncClients",
    "error_reason",
    "error_type",
    "is_index_missing",
    "load_class",
    "translate_errors",
]

_UNAVAILABLE_STATUSES = frozenset({401, 403, 408, 429})

ClientT = TypeVar("ClientT", bound=AsyncEngine)


def error_type(exc: EngineApiError) -> str:
    """The server's error type (``index_not_found_exception`` ...), or ``""``."""
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            return str(error.get("type") or "")
    return ""


def error_reason(error: object) -> str:
    """``type: reason`` of an API error, or of a bulk item's ``error`` object."""
    if isinstance(error, EngineApiError):
        body = error.body
        inner = body.get("error") if isinstance(body, dict) else None
        return error_reason(inner) if inner else str(error.message)
    if isinstance(error, dict):
        causes = error.get("root_cause")
        cause = error
        if isinstance(causes, list) and causes and isinstance(causes[0], dict):
            cause = causes[0]
        kind = cause.get("type") or error.get("type") or "error"
        reason = cause.get("reason") or error.get("reason") or ""
        return f"{kind}: {reason}" if reason else str(kind)
    if isinstance(error, str) and error:
        return error
    return "unknown error"


def is_index_missing(exc: EngineApiError) -> bool:
    """Whether a 404 says the index or alias does not exist."""
    if exc.status != 404:
        return False
    kind = error_type(exc)
    if kind:
        return kind == "index_not_found_exception"
    body = exc.body
    return isinstance(body, dict) and "missing" in str(body.get("error", ""))


@contextlib.contextmanager
def translate_errors(product: str, action: str, *, write: bool) -> Iterator[None]:
    """Re-raise adapter errors as search errors (see the module docstring).

    Args:
        product: The engine's name for messages ("Elasticsearch", "OpenSearch").
        action: What was being done, for the message ("search", "bulk" ...).
        write: Whether a rejected request is an :class:`IndexingError`
            (otherwise an :class:`InvalidQueryError`).
    """
    try:
        yield
    except UnsupportedServerError as exc:
        raise BackendUnavailableError(
            f"{product} {action} failed: the server is not a supported {product}"
        ) from exc
    except EngineApiError as exc:
        status = exc.status
        message = f"{product} {action} failed ({status} {error_reason(exc)})"
        if status in _UNAVAILABLE_STATUSES or status >= 500:
            raise BackendUnavailableError(message) from exc
        if write:
            raise IndexingError(message) from exc
        if status == 400:
            raise InvalidQueryError(message) from exc
        raise BackendUnavailableError(message) from exc
    except EngineSerializationError as exc:
        if write:
            raise IndexingError(
                f"{product} {action} failed: a request could not be encoded"
            ) from exc
        raise BackendUnavailableError(
            f"{product} {action} failed: the response could not be read"
        ) from exc
    except EngineTransportError as exc:
        raise BackendUnavailableError(
            f"{product} is unavailable ({action}): {exc.problem}"
        ) from exc


def load_class(value: object, name: str) -> type[Any] | None:
    """A class given as itself or as a dotted path (``None`` stays ``None``).

    Raises:
        InvalidBackendError: the path cannot be imported.
    """
    if value is None or value == "":
        return None
    if isinstance(value, type):
        return value
    if not isinstance(value, str) or "." not in value:
        raise InvalidBackendError(f"{name}: expected a class or a dotted path")
    module_path, _, attribute = value.rpartition(".")
    try:
        loaded = getattr(importlib.import_module(module_path), attribute)
    except (ImportError, AttributeError) as exc:
        raise InvalidBackendError(f"{name}: cannot import {value!r}: {exc}") from exc
    if not isinstance(loaded, type):
        raise InvalidBackendError(f"{name}: {value!r} is not a class")
    return loaded


@dataclass(slots=True)
class _LoopClient(Generic[ClientT]):
    client: ClientT
    guard: AsyncGenerator[None, None]


async def _close_with_loop(client: AsyncEngine) -> AsyncGenerator[None, None]:
    """Suspended async generator that closes ``client`` when finalised.

    The event loop finalises the async generators it saw when it shuts down
    (``asyncio.run`` and uvicorn both do), which closes the aiohttp session
    inside the loop that owns it.
    """
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            await client.close()


class AsyncClients(Generic[ClientT]):
    """One async client per running event loop.

    Args:
        factory: Builds a new client (called inside the loop that uses it).
    """

    def __init__(self, factory: Callable[[], ClientT]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._clients: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, _LoopClient[ClientT]
        ] = weakref.WeakKeyDictionary()

    async def get(self) -> ClientT:
        loop = asyncio.get_running_loop()
        with self._lock:
            entry = self._clients.get(loop)
        if entry is not None:
            return entry.client
        with self._lock:
            # Clients of loops that shut down were closed by their guard.
            for done in [
                other
                for other, item in self._clients.items()
                if other.is_closed() and getattr(item.guard, "ag_frame", None) is None
            ]:
                del self._clients[done]
        client = self._factory()
        guard = _close_with_loop(client)
        await anext(guard)
        with self._lock:
            existing = self._clients.get(loop)
            if existing is None:
                self._clients[loop] = _LoopClient(client, guard)
                return client
        await guard.aclose()
        return existing.client

    async def aclose(self) -> None:
        """Close the client of the running loop (if any)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            entry = self._clients.pop(loop, None)
        if entry is not None:
            await entry.guard.aclose()
