"""The error every door raises to refuse a request, rendered by the door."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from graphql_service.edge.asgi import HeaderList

__all__ = ["EdgeError"]


class EdgeError(Exception):
    """A refused request: HTTP status, message, error code and extra headers.

    ``/graphql`` renders it as a GraphQL response (:meth:`graphql_body`), the
    feeds and ``/changes`` as ``{"error": {...}}`` (:meth:`plain_body`).
    """

    def __init__(
        self,
        status: int,
        message: str,
        code: str,
        *,
        headers: HeaderList | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers: HeaderList = headers or []
        self.extensions = dict(extensions or {})

    def graphql_body(self) -> bytes:
        extensions = {"code": self.code, **self.extensions}
        return orjson.dumps(
            {"errors": [{"message": self.message, "extensions": extensions}]}
        )

    def plain_body(self) -> bytes:
        return orjson.dumps(
            {
                "error": {
                    "status": self.status,
                    "code": self.code,
                    "message": self.message,
                }
            }
        )
