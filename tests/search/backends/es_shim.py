"""Transport nodes that let the official client talk to OpenSearch-compatible
test servers.

The ``elasticsearch`` client (8.x and 9.x) sends ``Content-Type`` and
``Accept`` as ``application/vnd.elasticsearch+json; compatible-with=N`` (and
the ``x-ndjson`` variant for bulk requests). Elasticsearch understands that
media type; OpenSearch and the osmem test server answer 406. These node
classes, passed as the client's documented ``node_class`` argument (backend
options ``NODE_CLASS`` and ``ASYNC_NODE_CLASS``), map it back to plain
``application/json`` / ``application/x-ndjson``. Test code only: production
talks to Elasticsearch and never needs it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from elastic_transport import AiohttpHttpNode, Urllib3HttpNode

if TYPE_CHECKING:
    from elastic_transport import HttpHeaders
    from elastic_transport._node import NodeApiResponse

__all__ = ["AsyncCompatHeaderNode", "CompatHeaderNode", "plain_media_types"]

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
        return super().perform_request(
            method, target, body, plain_media_types(headers), **options
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
        return await super().perform_request(
            method, target, body, plain_media_types(headers), **options
        )
