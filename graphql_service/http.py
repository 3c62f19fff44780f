"""The ``/graphql`` door: GraphQL over HTTP, composed from :mod:`.transport`.

Behind the edge (:mod:`graphql_service.edge`: request id, CORS, API key, rate
limit, usage, readiness), for each request:

1. ``GET`` from a browser without parameters: GraphiQL (``GRAPHQL_DEBUG`` only).
2. ``Accept`` negotiation (:mod:`.transport.negotiation`): 406 when neither
   GraphQL media type is acceptable.
3. The request (:mod:`.transport.params`): 413, 415, 400 as it deserves;
   automatic persisted queries.
4. The response cache (:mod:`.transport.caching`): ``ETag``, ``304`` for GET.
5. Preparing and executing (:mod:`.transport.runner`) under
   ``GRAPHQL_TIMEOUT``; a request error's status follows the media type.

Every error is a GraphQL response (``{"errors": [...]}``) with a code in
``extensions.code``; internal errors are logged with the request id and masked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from graphql import GraphQLError
from strawberry.http.ides import get_graphql_ide_html

from graphql_service.edge import Door, EdgeError, client_of
from graphql_service.edge.asgi import (
    HeaderList,
    Receive,
    Scope,
    Send,
    read_headers,
    respond,
)
from graphql_service.locales import negotiate_locale
from graphql_service.transport.caching import etag_matches
from graphql_service.transport.negotiation import (
    CONTENT_TYPES,
    JSON,
    negotiate_media_type,
    request_error_status,
    wants_html,
)
from graphql_service.transport.runner import Outcome, request_error

if TYPE_CHECKING:
    from graphql_service.cache import ResponseCache
    from graphql_service.keys import ApiKey
    from graphql_service.settings import Settings
    from graphql_service.transport.caching import ResponseCaching
    from graphql_service.transport.params import RequestReader
    from graphql_service.transport.runner import Runner

__all__ = ["GRAPHQL_DOOR", "GraphQLEndpoint"]

logger = logging.getLogger(__name__)

_HEADERS: Final = frozenset(
    {
        b"accept",
        b"accept-language",
        b"content-type",
        b"content-length",
        b"if-none-match",
    }
)
_NO_STORE: Final = (b"cache-control", b"no-store")


def _render(error: EdgeError, headers: dict[bytes, bytes]) -> tuple[bytes, bytes]:
    media = negotiate_media_type(headers.get(b"accept")) or JSON
    return CONTENT_TYPES[media], error.graphql_body()


#: How ``/graphql`` meets the edge.
GRAPHQL_DOOR: Final = Door(
    methods=b"GET, POST, OPTIONS",
    vary=b"Accept, Accept-Language, Origin, X-API-Key",
    render=_render,
)


class GraphQLEndpoint:
    """The ``/graphql`` ASGI app (see the module docstring)."""

    def __init__(
        self,
        *,
        settings: Settings,
        reader: RequestReader,
        caching: ResponseCaching,
        cache: ResponseCache,
        runner: Runner,
    ) -> None:
        self.settings = settings
        self.reader = reader
        self.caching = caching
        self.cache = cache
        self.runner = runner
        self._graphiql: bytes | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = client_of(scope)
        headers = read_headers(scope, _HEADERS)
        head = scope["method"] == "HEAD"
        media = JSON
        try:
            accept = headers.get(b"accept")
            if self._wants_ide(scope, accept):
                page = [(b"content-type", b"text/html; charset=utf-8")]
                await respond(send, 200, page, self._ide())
                return
            negotiated = negotiate_media_type(accept)
            if negotiated is None:
                raise EdgeError(
                    406,
                    "Not acceptable: accept application/graphql-response+json or "
                    "application/json.",
                    "NOT_ACCEPTABLE",
                )
            media = negotiated
            await self._answer(scope, receive, send, headers, media, client.key)
        except EdgeError as error:
            response = [
                *error.headers,
                (b"content-type", CONTENT_TYPES[media]),
                _NO_STORE,
            ]
            await respond(send, error.status, response, error.graphql_body(), head=head)
        except Exception:
            request_id = client.request_id
            logger.exception("request %s failed", request_id)
            internal = EdgeError(
                500,
                f"Internal server error (request id {request_id}).",
                "INTERNAL_SERVER_ERROR",
                extensions={"requestId": request_id},
            )
            response = [(b"content-type", CONTENT_TYPES[media]), _NO_STORE]
            await respond(send, 500, response, internal.graphql_body(), head=head)

    def _wants_ide(self, scope: Scope, accept: bytes | None) -> bool:
        return (
            self.settings.debug
            and scope["method"] == "GET"
            and wants_html(accept)
            and not scope.get("query_string")
        )

    def _ide(self) -> bytes:
        if self._graphiql is None:
            self._graphiql = get_graphql_ide_html("graphiql").encode("utf-8")
        return self._graphiql

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[bytes, bytes],
        media: str,
        key: ApiKey | None,
    ) -> None:
        is_get = scope["method"] != "POST"
        head = scope["method"] == "HEAD"
        reader = self.reader
        body = (
            None
            if is_get
            else await reader.read_body(receive, headers.get(b"content-length"))
        )
        request = await reader.resolve(scope, headers.get(b"content-type"), body)
        if request is None:
            missing = GraphQLError(
                "PersistedQueryNotFound",
                extensions={"code": "PERSISTED_QUERY_NOT_FOUND"},
            )
            await self._request_error(send, request_error([missing], ""), media, head)
            return
        locale = (
            negotiate_locale(headers.get(b"accept-language", b"").decode("latin-1"))
            or self.settings.default_locale
        )
        caching = self.caching
        cache_key = caching.key(key, locale, request)
        cached = caching.get(cache_key)
        if cached is not None:
            await self._success(
                send, headers, media, key, cached.body, cached.etag, is_get, head
            )
            return
        epoch = self.cache.epoch
        outcome = await self.runner.run(
            request,
            is_get=is_get,
            locale=locale,
            request_id=client_of(scope).request_id,
        )
        if not outcome.executed:
            await self._request_error(send, outcome, media, head)
            return
        etag = ""
        if is_get or outcome.cacheable:
            etag = caching.store(cache_key, outcome, epoch)
        await self._success(send, headers, media, key, outcome.body, etag, is_get, head)

    @staticmethod
    async def _request_error(
        send: Send, outcome: Outcome, media: str, head: bool
    ) -> None:
        status = request_error_status(media)
        response = [(b"content-type", CONTENT_TYPES[media]), _NO_STORE]
        await respond(send, status, response, outcome.body, head=head)

    async def _success(
        self,
        send: Send,
        headers: dict[bytes, bytes],
        media: str,
        key: ApiKey | None,
        body: bytes,
        etag: str,
        is_get: bool,
        head: bool,
    ) -> None:
        content_type = (b"content-type", CONTENT_TYPES[media])
        if not is_get:
            await respond(send, 200, [content_type, _NO_STORE], body)
            return
        response: HeaderList = self.caching.headers(key, etag)
        if_none_match = headers.get(b"if-none-match")
        if if_none_match is not None and etag_matches(
            if_none_match, etag.encode("ascii")
        ):
            await send(
                {"type": "http.response.start", "status": 304, "headers": response}
            )
            await send({"type": "http.response.body", "body": b""})
            return
        response.append(content_type)
        await respond(send, 200, response, body, head=head)
