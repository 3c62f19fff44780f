"""Transport nodes that let the official client talk to OpenSearch.

The ``elasticsearch`` client (8.x and 9.x) sends ``Content-Type`` and
``Accept`` as ``application/vnd.elasticsearch+json; compatible-with=N`` (and
the ``x-ndjson`` variant for bulk requests). Elasticsearch understands that
media type; OpenSearch answers 406. These node classes, passed as the
client's documented ``node_class`` argument (backend options ``NODE_CLASS``
and ``ASYNC_NODE_CLASS``), map it back to plain
``application/json`` / ``application/x-ndjson``. The client also refuses a
server that does not name itself Elasticsearch in the ``X-Elastic-Product``
response header; the nodes add it. Test code only: it lets the tests run the
Elasticsearch backend against the OpenSearch node they start; production
talks to OpenSearch through :mod:`search.backends.opensearch`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from elastic_transport import AiohttpHttpNode, Urllib3HttpNode

from search.backends.elasticsearch import ElasticsearchBackend

if TYPE_CHECKING:
    from elastic_transport import HttpHeaders
    from elastic_transport._node import NodeApiResponse

__all__ = [
    "AsyncCompatHeaderNode",
    "CompatHeaderNode",
    "OpenSearchCompatBackend",
    "as_elasticsearch",
    "plain_media_types",
]

_VENDOR_MEDIA_TYPE = re.compile(
    r"application/vnd\.elasticsearch\+(json|x-ndjson)\s*(?:;\s*compatible-with=\d+)?"
)


def plain_media_types(headers: HttpHeaders | None) -> HttpHeaders | None:
    """A copy of ``headers`` with vendor media types replaced by plain ones."""
    if headers is None:
        return None
    fixed = headers.copy()
    for name in ("content-type", "accept"):
        value = fixed.get(name)
        if value:
            fixed[name] = _VENDOR_MEDIA_TYPE.sub(r"application/\1", value)
    return fixed


def as_elasticsearch(response: NodeApiResponse) -> NodeApiResponse:
    """The response with the product header the client checks for."""
    headers = response.meta.headers.copy()
    headers["x-elastic-product"] = "Elasticsearch"
    meta = dataclasses.replace(response.meta, headers=headers)
    return type(response)(meta, response.body)


class CompatHeaderNode(Urllib3HttpNode):
    """Sync node (urllib3) sending plain JSON media types."""

    def perform_request(  # type: ignore[override]
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        **options: Any,
    ) -> NodeApiResponse:
        return as_elasticsearch(
            super().perform_request(
                method, target, body, plain_media_types(headers), **options
            )
        )


class AsyncCompatHeaderNode(AiohttpHttpNode):
    """Async node (aiohttp) sending plain JSON media types."""

    async def perform_request(  # type: ignore[override]
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        **options: Any,
    ) -> NodeApiResponse:
        return as_elasticsearch(
            await super().perform_request(
                method, target, body, plain_media_types(headers), **options
            )
        )


class OpenSearchCompatBackend(ElasticsearchBackend):
    """The Elasticsearch backend with these nodes: ``SEARCH_BACKEND`` can name
    it, so services started by the tests reach OpenSearch through it."""

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> Self:
        return super().from_config(
            {
                "NODE_CLASS": CompatHeaderNode,
                "ASYNC_NODE_CLASS": AsyncCompatHeaderNode,
                **options,
            }
        )


SearchBackend = OpenSearchCompatBackend
