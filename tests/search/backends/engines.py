"""The two engine backends as test parameters, and helpers for their indices.

Both run against the OpenSearch node the tests start (:mod:`tests.engine`):
the OpenSearch backend directly, the Elasticsearch backend through the
header shim of :mod:`tests.search.backends.es_shim` (its official client
talks only to Elasticsearch). Raw index inspection uses ``opensearch-py``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elastic_transport import ConnectionError as EsConnectionError
from elasticsearch import ApiError

from search.backends import elasticsearch, opensearch
from search.backends._opensearch_client import opensearchpy
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.opensearch import OpenSearchBackend
from tests.search.backends.es_shim import AsyncCompatHeaderNode, CompatHeaderNode

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable

    from search.backends._engine_backend import EngineBackend

__all__ = [
    "ELASTICSEARCH",
    "ENGINES",
    "OPENSEARCH",
    "Engine",
    "drop_indices",
    "new_prefix",
    "prefix_of",
    "raw_client",
]


def _es_api_error(status: int, body: object) -> Exception:
    node = NodeConfig("http", "localhost", 9200)
    meta = ApiResponseMeta(status, "1.1", HttpHeaders(), 0.01, node)
    return ApiError(message="error", meta=meta, body=body)


def _os_api_error(status: int, body: object) -> Exception:
    kind = opensearchpy.exceptions.HTTP_EXCEPTIONS.get(
        status, opensearchpy.TransportError
    )
    return kind(status, "query_shard_exception", body)


@dataclass(frozen=True)
class Engine:
    """One engine backend and how the tests drive it."""

    name: str
    module: str
    backend_class: type[EngineBackend]
    product: str
    #: Options every test backend gets (the shim for the official client).
    options: dict[str, Any] = field(default_factory=dict)
    #: ``CLIENT_OPTIONS`` for a short timeout and no retries.
    impatient: dict[str, Any] = field(default_factory=dict)
    #: The client-specific option naming the sync transport class, and a
    #: valid dotted path for it.
    class_option: tuple[str, str] = ("", "")
    #: The adapter's translation of the client's exceptions.
    native_errors: Callable[[], contextlib.AbstractContextManager[None]] = (
        elasticsearch.native_errors
    )
    #: The client's exception for an error status with a JSON body.
    api_error: Callable[[int, object], Exception] = _es_api_error
    #: The client's exception for a refused connection.
    connection_error: Callable[[], Exception] = EsConnectionError

    def make(self, url: str, prefix: str, **options: Any) -> EngineBackend:
        return self.backend_class.from_config(
            {"URLS": [url], "INDEX_PREFIX": prefix, **self.options, **options}
        )


OPENSEARCH = Engine(
    name="opensearch",
    module="search.backends.opensearch",
    backend_class=OpenSearchBackend,
    product="OpenSearch",
    impatient={"timeout": 2, "max_retries": 0},
    class_option=("CONNECTION_CLASS", "opensearchpy.RequestsHttpConnection"),
    native_errors=opensearch.native_errors,
    api_error=_os_api_error,
    connection_error=lambda: opensearchpy.ConnectionError(
        "N/A", "connection refused", OSError("refused")
    ),
)
ELASTICSEARCH = Engine(
    name="elasticsearch",
    module="search.backends.elasticsearch",
    backend_class=ElasticsearchBackend,
    product="Elasticsearch",
    options={"NODE_CLASS": CompatHeaderNode, "ASYNC_NODE_CLASS": AsyncCompatHeaderNode},
    impatient={"request_timeout": 2, "max_retries": 0},
    class_option=("NODE_CLASS", "tests.search.backends.es_shim.CompatHeaderNode"),
    native_errors=elasticsearch.native_errors,
    api_error=_es_api_error,
    connection_error=lambda: EsConnectionError(
        "HTTPConnection(host='x'): connection refused"
    ),
)
ENGINES = (OPENSEARCH, ELASTICSEARCH)


def new_prefix() -> str:
    return f"test-{uuid.uuid4().hex[:10]}-"


def prefix_of(backend: EngineBackend) -> str:
    return backend.alias.removesuffix("hub")


def raw_client(url: str) -> opensearchpy.OpenSearch:
    return opensearchpy.OpenSearch([url])


def drop_indices(url: str, prefixes: list[str]) -> None:
    client = raw_client(url)
    try:
        for prefix in prefixes:
            names = list(client.indices.get_alias(index=f"{prefix}hub*"))
            if names:
                client.indices.delete(index=",".join(names))
    finally:
        client.close()
