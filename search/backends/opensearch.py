"""OpenSearch backend: the ``opensearch-py`` client (OpenSearch 2.x).

Everything but the client lives in :mod:`._engine_backend` (shared with
:mod:`.elasticsearch`: the same indices, analysis, queries and versioning);
this module adapts ``OpenSearch`` and ``AsyncOpenSearch`` to the port of
:mod:`._engine_port`. Select it with
``SEARCH_BACKEND=search.backends.opensearch``. Options are those of
:meth:`EngineBackend.from_config`; ``CLIENT_OPTIONS`` are keyword arguments
of both clients (``http_auth``, ``use_ssl``, ``verify_certs``, ``ca_certs``,
``timeout``, ``max_retries`` ...), and ``CONNECTION_CLASS`` and
``ASYNC_CONNECTION_CLASS`` their connection classes (default: urllib3 and
aiohttp; e.g. ``RequestsHttpConnection`` and ``AsyncHttpConnection`` with
AWS SigV4 authentication).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Final, cast

from search.backends._engine_backend import EngineBackend
from search.backends._engine_port import (
    EngineSerializationError,
    EngineTransportError,
    api_error,
)
from search.backends._opensearch_client import opensearchpy

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from search.backends._engine_port import Body

__all__ = ["OpenSearchBackend", "SearchBackend", "native_errors"]

PRODUCT: Final = "OpenSearch"


@contextlib.contextmanager
def native_errors() -> Iterator[None]:
    """Re-raise the client's exceptions as the port's errors."""
    try:
        yield
    except opensearchpy.SerializationError as exc:
        raise EngineSerializationError(str(exc)) from exc
    except opensearchpy.ConnectionError as exc:
        raise EngineTransportError(_problem(exc)) from exc
    except opensearchpy.TransportError as exc:
        status = exc.status_code
        if not isinstance(status, int):  # "N/A": no answer at all
            raise EngineTransportError("the transport failed") from exc
        raise api_error(status, exc.info, str(exc.error)) from exc


def _problem(exc: opensearchpy.ConnectionError) -> str:
    """What went wrong, without the HTTP library's internals."""
    if isinstance(exc, opensearchpy.ConnectionTimeout):
        return "the request timed out"
    if isinstance(exc, opensearchpy.SSLError):
        return "the TLS connection failed"
    return "cannot connect to the cluster"


def _body(response: Any) -> Body:
    """The decoded JSON object of a response (the client types it ``Any``)."""
    return cast("Body", response)


def _params(preference: str | None) -> dict[str, str]:
    return {} if preference is None else {"preference": preference}


def _flag(value: bool) -> str:
    """A boolean URL parameter (``params`` are sent as given, not escaped)."""
    return "true" if value else "false"


def _bulk_body(lines: Sequence[bytes]) -> bytes:
    """Serialised NDJSON lines, newline-terminated as the bulk API wants."""
    return b"\n".join(lines) + b"\n"


class _Sync:
    """:class:`SyncEngine` on ``OpenSearch``."""

    product = PRODUCT

    def __init__(self, client: opensearchpy.OpenSearch) -> None:
        self._client = client

    def search(self, index: str, body: Body, *, preference: str | None = None) -> Body:
        with native_errors():
            return _body(
                self._client.search(index=index, body=body, params=_params(preference))
            )

    def msearch(self, index: str, searches: Sequence[Body]) -> Body:
        with native_errors():
            return _body(self._client.msearch(index=index, body=list(searches)))

    def get(self, index: str, doc_id: str) -> Body:
        with native_errors():
            return _body(self._client.get(index=index, id=doc_id))

    def mget(self, index: str, ids: Sequence[str], source: Sequence[str]) -> Body:
        with native_errors():
            return _body(
                self._client.mget(
                    index=index,
                    body={"ids": list(ids)},
                    params={"_source": ",".join(source)},
                )
            )

    def index(
        self, index: str, doc_id: str, document: Body, *, refresh: bool = False
    ) -> None:
        with native_errors():
            self._client.index(
                index=index,
                id=doc_id,
                body=document,
                params={"refresh": _flag(refresh)},
            )

    def create(self, index: str, doc_id: str, document: Body) -> None:
        with native_errors():
            self._client.create(index=index, id=doc_id, body=document)

    def delete(self, index: str, doc_id: str) -> None:
        with native_errors():
            self._client.delete(index=index, id=doc_id)

    def bulk(
        self, index: str, lines: Sequence[bytes], *, refresh: str, require_alias: bool
    ) -> Body:
        with native_errors():
            return _body(
                self._client.bulk(
                    index=index,
                    body=_bulk_body(lines),
                    params={"refresh": refresh, "require_alias": _flag(require_alias)},
                )
            )

    def create_index(self, name: str, body: Body) -> None:
        with native_errors():
            self._client.indices.create(index=name, body=body)

    def index_exists(self, name: str) -> bool:
        with native_errors():
            return bool(self._client.indices.exists(index=name))

    def alias_exists(self, name: str) -> bool:
        with native_errors():
            return bool(self._client.indices.exists_alias(name=name))

    def get_aliases(self, pattern: str) -> Body:
        with native_errors():
            return _body(self._client.indices.get_alias(index=pattern))

    def delete_indices(self, names: Sequence[str]) -> None:
        with native_errors():
            self._client.indices.delete(index=",".join(names))

    def put_settings(self, index: str, settings: Body) -> None:
        with native_errors():
            self._client.indices.put_settings(index=index, body=settings)

    def put_mapping(self, index: str, properties: Body) -> None:
        with native_errors():
            self._client.indices.put_mapping(
                index=index, body={"properties": properties}
            )

    def refresh(self, index: str) -> None:
        with native_errors():
            self._client.indices.refresh(index=index)

    def update_aliases(self, actions: Sequence[Body]) -> None:
        with native_errors():
            self._client.indices.update_aliases(body={"actions": list(actions)})

    def close(self) -> None:
        self._client.close()


class _Async:
    """:class:`AsyncEngine` on ``AsyncOpenSearch``."""

    product = PRODUCT

    def __init__(self, client: opensearchpy.AsyncOpenSearch) -> None:
        self._client = client

    async def search(
        self, index: str, body: Body, *, preference: str | None = None
    ) -> Body:
        with native_errors():
            response = await self._client.search(
                index=index, body=body, params=_params(preference)
            )
            return _body(response)

    async def msearch(self, index: str, searches: Sequence[Body]) -> Body:
        with native_errors():
            return _body(await self._client.msearch(index=index, body=list(searches)))

    async def get(self, index: str, doc_id: str) -> Body:
        with native_errors():
            return _body(await self._client.get(index=index, id=doc_id))

    async def mget(self, index: str, ids: Sequence[str], source: Sequence[str]) -> Body:
        with native_errors():
            response = await self._client.mget(
                index=index,
                body={"ids": list(ids)},
                params={"_source": ",".join(source)},
            )
            return _body(response)

    async def close(self) -> None:
        await self._client.close()


class OpenSearchBackend(EngineBackend):
    """The engine backend on opensearchpy.OpenSearch (see :class:`EngineBackend`)."""

    PRODUCT = PRODUCT
    CLASS_OPTIONS = ("CONNECTION_CLASS", "ASYNC_CONNECTION_CLASS")

    def _connect(
        self, options: dict[str, Any], transport_class: type[Any] | None
    ) -> _Sync:
        extra = {} if transport_class is None else {"connection_class": transport_class}
        return _Sync(opensearchpy.OpenSearch(self.urls, **options, **extra))

    def _connect_async(
        self, options: dict[str, Any], transport_class: type[Any] | None
    ) -> _Async:
        extra = {} if transport_class is None else {"connection_class": transport_class}
        return _Async(opensearchpy.AsyncOpenSearch(self.urls, **options, **extra))


SearchBackend = OpenSearchBackend
