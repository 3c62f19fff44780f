"""``GET /changes``: change sync over plain HTTP, for partners without GraphQL.

The same changes as the ``changes`` query, as JSON: each item in the read
model's own shape (``item``, null when deleted). ``?after=<cursor>&first=<n>``;
``ETag`` and ``304`` let pollers skip unchanged answers. Bad parameters give
400, a read model that cannot answer 503, never 500. Behind the service's edge
(API keys, rate limits, usage, CORS, readiness) like ``/graphql``.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING, Any, Final, cast

import orjson
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import Route

from search.changes import MAX_CHANGES, Change, ChangeSet
from search.errors import InvalidQueryError, SearchError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from starlette.requests import Request

    from graphql_service.app import Service

__all__ = ["sync_routes"]

logger = logging.getLogger(__name__)

_PARAMETERS: Final = frozenset({"after", "first"})
_JSON: Final = "application/json"


def _error(status: int, message: str) -> Response:
    headers = {"cache-control": "no-store"}
    if status == 503:
        headers["retry-after"] = "30"
    body = orjson.dumps({"error": {"status": status, "message": message}})
    return Response(body, status_code=status, media_type=_JSON, headers=headers)


def _limit(value: str | None) -> int:
    if value is None:
        return 100
    if not value.isdigit() or not 1 <= int(value) <= MAX_CHANGES:
        raise InvalidQueryError(f"first: must be a number from 1 to {MAX_CHANGES}")
    return int(value)


def _entry(change: Change) -> dict[str, Any]:
    document = change.document
    return {
        "cursor": change.cursor,
        "version": change.version,
        "documentId": change.id,
        "contentType": document.type if document else change.id.split(":", 1)[0],
        "deleted": change.deleted,
        "locale": document.locale if document else None,
        "item": document.to_dict() if document else None,
    }


def _body(changes: ChangeSet) -> bytes:
    return orjson.dumps(
        {
            "changes": [_entry(change) for change in changes.changes],
            "cursor": changes.cursor,
            "hasMore": changes.has_more,
            "watermark": changes.watermark,
        }
    )


async def changes_view(request: Request) -> Response:
    service = cast("Service", request.app.state.service)
    params = request.query_params
    unknown = sorted(set(params) - _PARAMETERS)
    if unknown:
        return _error(400, f"Unknown parameter {unknown[0]!r}: use after and first.")
    try:
        first = _limit(params.get("first"))
        changes = await service.backend.achanges(params.get("after"), first)
    except InvalidQueryError as exc:
        return _error(400, str(exc))
    except SearchError as exc:
        logger.warning("change sync failed: %s", exc)
        return _error(503, "The content index is not available; retry later.")
    body = _body(changes)
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    headers = {"etag": etag, "cache-control": "no-cache"}
    match = request.headers.get("if-none-match", "")
    if etag in {tag.strip().removeprefix("W/") for tag in match.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=_JSON, headers=headers)


def sync_routes(middleware: Sequence[Middleware] = ()) -> list[Route]:
    """``/changes`` behind ``middleware`` (the service's edge)."""
    return [
        Route(
            "/changes",
            changes_view,
            methods=["GET", "HEAD", "OPTIONS"],
            middleware=list(middleware),
        )
    ]
