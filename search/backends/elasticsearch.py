"""Elasticsearch backend: the official ``elasticsearch`` client (8.x/9.x).

Everything but the client lives in :mod:`._engine_backend` (shared with
:mod:`.opensearch`); this module adapts ``Elasticsearch`` and
``AsyncElasticsearch`` to the port of :mod:`._engine_port`. Options are
those of :meth:`EngineBackend.from_config`, with ``NODE_CLASS`` and
``ASYNC_NODE_CLASS`` as the transport node classes (default: urllib3 and
aiohttp). The official client talks only to Elasticsearch (it checks the
product header and sends vendor media types): use
:mod:`search.backends.opensearch` for OpenSearch.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Final, cast

from elastic_transport import (
    ApiError,
    ConnectionError,
    ConnectionTimeout,
    SerializationError,
    TlsError,
    TransportError,
)
from elasticsearch import AsyncElasticsearch, Elasticsearch, UnsupportedProductError

from search.backends._engine_backend import EngineBackend
from search.backends._engine_port import (
    EngineSerializationError,
    EngineTransportError,
    UnsupportedServerError,
    api_error,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from elastic_transport import ObjectApiResponse

    from search.backends._engine_port import Body

__all__ = ["ElasticsearchBackend", "SearchBackend", "native_errors"]

PRODUCT: Final = "Elasticsearch"


@contextlib.contextmanager
def native_errors() -> Iterator[None]:
    """Re-raise the client's exceptions as the port's errors."""
    try:
        yield
    except UnsupportedProductError as exc:
        raise UnsupportedServerError(str(exc)) from exc
    except ApiError as exc:
        raise api_error(exc.meta.status, exc.body, str(exc.message)) from exc
    except SerializationError as exc:
        raise EngineSerializationError(str(exc)) from exc
    except TransportError as exc:
        raise EngineTransportError(_problem(exc)) from exc


def _problem(exc: TransportError) -> str:
    """What went wrong, without the HTTP library's internals."""
    if isinstance(exc, ConnectionTimeout):
        return "the request timed out"
    if isinstance(exc, TlsError):
        return "the TLS connection failed"
    if isinstance(exc, ConnectionError):
        return "cannot connect to the cluster"
    return "the transport failed"


def _arguments(body: Body) -> dict[str, Any]:
    """A search body as keyword arguments (the client spells ``_source``
    ``source``)."""
    return {
        ("source" if key == "_source" else key): value for key, value in body.items()
    }


def _body(response: ObjectApiResponse[Any]) -> Body:
    """The decoded JSON object of a response."""
    return cast("Body", response.body)


def _with_node(options: dict[str, Any], node_class: type[Any] | None) -> dict[str, Any]:
    return options if node_class is None else {**options, "node_class": node_class}


class _Sync:
    """:class:`SyncEngine` on ``Elasticsearch``."""

    product = PRODUCT

    def __init__(self, client: Elasticsearch) -> None:
        self._client = client

    def search(self, index: str, body: Body, *, preference: str | None = None) -> Body:
        with native_errors():
            return _body(
                self._client.search(
                    index=index, preference=preference, **_arguments(body)
                )
            )

    def msearch(self, index: str, searches: Sequence[Body]) -> Body:
        with native_errors():
            return _body(self._client.msearch(index=index, searches=searches))

    def get(self, index: str, doc_id: str) -> Body:
        with native_errors():
            return _body(self._client.get(index=index, id=doc_id))

    def mget(self, index: str, ids: Sequence[str], source: Sequence[str]) -> Body:
        with native_errors():
            return _body(self._client.mget(index=index, ids=ids, source=source))

    def index(
        self, index: str, doc_id: str, document: Body, *, refresh: bool = False
    ) -> None:
        with native_errors():
            self._client.index(
                index=index, id=doc_id, document=document, refresh=refresh
            )

    def create(self, index: str, doc_id: str, document: Body) -> None:
        with native_errors():
            self._client.create(index=index, id=doc_id, document=document)

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
                    # Serialised lines are sent as they are (NDJSON).
                    operations=cast("list[dict[str, Any]]", list(lines)),
                    refresh=cast("Any", refresh),
                    require_alias=require_alias,
                )
            )

    def create_index(self, name: str, body: Body) -> None:
        with native_errors():
            self._client.indices.create(index=name, **body)

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
            self._client.indices.delete(index=list(names))

    def put_settings(self, index: str, settings: Body) -> None:
        with native_errors():
            self._client.indices.put_settings(index=index, settings=settings)

    def put_mapping(self, index: str, properties: Body) -> None:
        with native_errors():
            self._client.indices.put_mapping(index=index, properties=properties)

    def refresh(self, index: str) -> None:
        with native_errors():
            self._client.indices.refresh(index=index)

    def update_aliases(self, actions: Sequence[Body]) -> None:
        with native_errors():
            self._client.indices.update_aliases(actions=actions)

    def close(self) -> None:
        self._client.close()


class _Async:
    """:class:`AsyncEngine` on ``AsyncElasticsearch``."""

    product = PRODUCT

    def __init__(self, client: AsyncElasticsearch) -> None:
        self._client = client

    async def search(
        self, index: str, body: Body, *, preference: str | None = None
    ) -> Body:
        with native_errors():
            response = await self._client.search(
                index=index, preference=preference, **_arguments(body)
            )
            return _body(response)

    async def msearch(self, index: str, searches: Sequence[Body]) -> Body:
        with native_errors():
            return _body(await self._client.msearch(index=index, searches=searches))

    async def get(self, index: str, doc_id: str) -> Body:
        with native_errors():
            return _body(await self._client.get(index=index, id=doc_id))

    async def mget(self, index: str, ids: Sequence[str], source: Sequence[str]) -> Body:
        with native_errors():
            response = await self._client.mget(index=index, ids=ids, source=source)
            return _body(response)

    async def close(self) -> None:
        await self._client.close()


class ElasticsearchBackend(EngineBackend):
    """The engine backend on Elasticsearch (see :class:`EngineBackend`)."""

    PRODUCT = PRODUCT
    CLASS_OPTIONS = ("NODE_CLASS", "ASYNC_NODE_CLASS")

    def _connect(
        self, options: dict[str, Any], transport_class: type[Any] | None
    ) -> _Sync:
        return _Sync(Elasticsearch(self.urls, **_with_node(options, transport_class)))

    def _connect_async(
        self, options: dict[str, Any], transport_class: type[Any] | None
    ) -> _Async:
        return _Async(
            AsyncElasticsearch(self.urls, **_with_node(options, transport_class))
        )


SearchBackend = ElasticsearchBackend
