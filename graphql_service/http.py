"""GraphQL over HTTP: the ASGI endpoint behind ``/graphql``.

A plain ASGI callable (no per-request framework objects) so that a cached
answer costs little more than a static response. What it does, in order:

1. ``OPTIONS``: CORS preflight. Other methods than GET, HEAD and POST: 405.
2. ``Accept``: ``application/graphql-response+json`` when acceptable, else
   ``application/json``; neither: 406. GraphiQL for browsers only with
   ``GRAPHQL_DEBUG``.
3. ``X-API-Key``: unknown or revoked key: 401; no key: anonymous access (if
   enabled). A browser ``Origin`` not allowed for the key: 403.
4. Rate limit per key (its ``rate_limit_per_minute``) or per client address
   (anonymous): 429 with ``Retry-After``. Usage is counted per key and day.
5. The request: GET query string or POST JSON (other content types: 415;
   body over ``GRAPHQL_MAX_BODY_BYTES``: 413; variables over
   ``GRAPHQL_MAX_VARIABLES_BYTES``: 413; malformed: 400). Automatic
   persisted queries through ``extensions.persistedQuery``.
6. The response cache (ETag, ``If-None-Match`` -> 304 for GET).
7. Parsing and validation (cached per query text): syntax or validation
   errors, unknown operation, over the depth, alias or cost limits: 400;
   a mutation over GET: 405.
8. Execution under ``GRAPHQL_TIMEOUT`` (504 when exceeded). Internal errors
   are logged with the request id and masked; 200 otherwise.

Every error is a GraphQL response (``{"errors": [...]}``) with a code in
``extensions.code`` and the request id in the ``X-Request-Id`` header.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl

import orjson
from graphql import GraphQLError, OperationType
from strawberry.http.ides import get_graphql_ide_html
from strawberry.types.graphql import OperationType as StrawberryOperation

from graphql_service.apq import PersistedQueryStore, is_sha256, sha256_hex
from graphql_service.cache import GenerationWatcher, ResponseCache, make_etag
from graphql_service.common.errors import CLIENT_ERRORS
from graphql_service.context import build_context
from graphql_service.cost import CostError
from graphql_service.locales import negotiate_locale
from graphql_service.usage import ANONYMOUS, UsageCounter

if TYPE_CHECKING:
    from graphql_service.common.directory import Directory
    from graphql_service.keys import ApiKey, KeyStore
    from graphql_service.ratelimit import RateLimiter
    from graphql_service.schema import HubSchema
    from graphql_service.settings import Settings
    from search.analytics import AnalyticsStore
    from search.backends.base import BaseBackend

__all__ = ["GRAPHQL_RESPONSE", "JSON", "GraphQLEndpoint"]

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

GRAPHQL_RESPONSE: Final = "application/graphql-response+json"
JSON: Final = "application/json"
_CT_GRAPHQL_RESPONSE: Final = b"application/graphql-response+json; charset=utf-8"
_CT_JSON: Final = b"application/json"
_VARY: Final = b"Accept, Accept-Language, Origin, X-API-Key"
_ALLOWED_METHODS: Final = b"GET, POST, OPTIONS"
_EXPOSE: Final = b"ETag, Retry-After, X-Request-Id"
_REQUEST_ID_RE: Final = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_WANTED_HEADERS: Final = frozenset(
    {
        b"accept",
        b"accept-language",
        b"content-type",
        b"content-length",
        b"x-api-key",
        b"origin",
        b"if-none-match",
        b"x-request-id",
        b"x-forwarded-for",
        b"access-control-request-method",
        b"access-control-request-headers",
    }
)
_accept_cache: dict[bytes, str | None] = {}
_MAX_REMEMBERED_REQUEST: Final = 8192
_MAX_REMEMBERED_REQUESTS: Final = 2000
_QUERIES_ONLY: Final = frozenset({StrawberryOperation.QUERY})


class RequestError(Exception):
    """A request the service refuses, with its HTTP status and error code."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str,
        *,
        headers: list[tuple[bytes, bytes]] | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers or []
        self.extensions = dict(extensions or {})

    def body(self) -> bytes:
        return orjson.dumps(
            {
                "errors": [
                    {
                        "message": self.message,
                        "extensions": {"code": self.code, **self.extensions},
                    }
                ]
            }
        )


def negotiate_media_type(accept: bytes | None) -> str | None:
    """``application/graphql-response+json``, ``application/json`` or ``None``.

    A missing ``Accept`` means ``application/json`` (older clients).
    """
    if not accept:
        return JSON
    cached = _accept_cache.get(accept, "")
    if cached != "":
        return cached
    result = _negotiate(accept.decode("latin-1"))
    if len(_accept_cache) > 500:
        _accept_cache.clear()
    _accept_cache[accept] = result
    return result


def _negotiate(header: str) -> str | None:
    best: tuple[float, int, str] | None = None
    for part in header.split(","):
        media, *params = (item.strip() for item in part.split(";"))
        media = media.lower()
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if media == GRAPHQL_RESPONSE:
            choice, rank = GRAPHQL_RESPONSE, 0
        elif media in (JSON, "application/*", "*/*"):
            choice, rank = JSON, 1
        else:
            continue
        candidate = (-quality, rank, choice)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else best[2]


def _wants_html(accept: bytes | None) -> bool:
    return bool(accept) and b"text/html" in (accept or b"")


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    variables_key: bytes
    operation_name: str | None
    persisted_only: bool = False


class GraphQLEndpoint:
    """The ``/graphql`` ASGI app (see the module docstring)."""

    def __init__(
        self,
        *,
        settings: Settings,
        schema: HubSchema,
        backend: BaseBackend,
        directory: Directory,
        keys: KeyStore,
        limiter: RateLimiter,
        usage: UsageCounter,
        cache: ResponseCache,
        watcher: GenerationWatcher,
        persisted: PersistedQueryStore,
        analytics: AnalyticsStore | None = None,
    ) -> None:
        self.settings = settings
        self.schema = schema
        self.backend = backend
        self.directory = directory
        self.keys = keys
        self.limiter = limiter
        self.usage = usage
        self.cache = cache
        self.watcher = watcher
        self.persisted = persisted
        self.analytics = analytics
        self._prefix = os.urandom(3).hex()
        self._counter = 0
        self._graphiql: bytes | None = None
        self._requests: dict[bytes, GraphQLRequest] = {}

    # -- helpers ----------------------------------------------------------------

    def _request_id(self, given: bytes | None) -> str:
        if given:
            text = given.decode("latin-1")
            if _REQUEST_ID_RE.match(text):
                return text
        self._counter += 1
        return f"{self._prefix}-{self._counter:x}"

    @staticmethod
    async def _send(
        send: Send,
        status: int,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
        *,
        head: bool = False,
    ) -> None:
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        await send(
            {"type": "http.response.start", "status": status, "headers": headers}
        )
        await send({"type": "http.response.body", "body": b"" if head else body})

    def _client_address(self, scope: Scope, forwarded: bytes | None) -> str:
        if forwarded and self.settings.trust_forwarded_for:
            return forwarded.decode("latin-1").split(",")[0].strip()
        client = scope.get("client")
        return str(client[0]) if client else "unknown"

    # -- ASGI -------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # pragma: no cover - websockets are not routed here
            return
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in _WANTED_HEADERS:
                headers[name] = value
        request_id = self._request_id(headers.get(b"x-request-id"))
        base = [(b"x-request-id", request_id.encode("ascii")), (b"vary", _VARY)]
        method = scope["method"]
        media = JSON
        try:
            if method == "OPTIONS":
                await self._preflight(headers, base, send)
                return
            if method not in ("GET", "HEAD", "POST"):
                raise RequestError(
                    405,
                    f"Method {method} is not allowed: use GET or POST.",
                    "METHOD_NOT_ALLOWED",
                    headers=[(b"allow", _ALLOWED_METHODS)],
                )
            accept = headers.get(b"accept")
            if (
                method == "GET"
                and self.settings.debug
                and _wants_html(accept)
                and not scope.get("query_string")
            ):
                await self._send(
                    send,
                    200,
                    [*base, (b"content-type", b"text/html; charset=utf-8")],
                    self._ide(),
                )
                return
            negotiated = negotiate_media_type(accept)
            if negotiated is None:
                raise RequestError(
                    406,
                    "Not acceptable: accept application/graphql-response+json or "
                    "application/json.",
                    "NOT_ACCEPTABLE",
                )
            media = negotiated
            await self._handle(scope, receive, send, headers, base, media, request_id)
        except RequestError as error:
            await self._send_error(send, error, base, media, head=method == "HEAD")
        except Exception:
            logger.exception("request %s failed", request_id)
            internal = RequestError(
                500,
                f"Internal server error (request id {request_id}).",
                "INTERNAL_SERVER_ERROR",
                extensions={"requestId": request_id},
            )
            await self._send_error(send, internal, base, media, head=method == "HEAD")

    async def _send_error(
        self,
        send: Send,
        error: RequestError,
        base: list[tuple[bytes, bytes]],
        media: str,
        *,
        head: bool,
    ) -> None:
        content_type = _CT_GRAPHQL_RESPONSE if media == GRAPHQL_RESPONSE else _CT_JSON
        await self._send(
            send,
            error.status,
            [
                *base,
                *error.headers,
                (b"content-type", content_type),
                (b"cache-control", b"no-store"),
            ],
            error.body(),
            head=head,
        )

    def _ide(self) -> bytes:
        if self._graphiql is None:
            self._graphiql = get_graphql_ide_html("graphiql").encode("utf-8")
        return self._graphiql

    async def _preflight(
        self, headers: dict[bytes, bytes], base: list[tuple[bytes, bytes]], send: Send
    ) -> None:
        origin = headers.get(b"origin")
        wanted = headers.get(b"access-control-request-method", b"").upper()
        if origin is None or wanted not in (b"GET", b"POST", b"HEAD"):
            await self._send(
                send,
                204,
                [*base, (b"allow", _ALLOWED_METHODS)],
                b"",
            )
            return
        origin_text = origin.decode("latin-1").rstrip("/")
        if self.keys.origin_known(origin_text):
            allow_origin = origin
            allowed_headers = (
                b"Accept, Content-Type, If-None-Match, X-API-Key, X-Request-Id"
            )
        elif self.settings.anonymous_cors and self.settings.anonymous_rate_limit > 0:
            allow_origin = b"*"
            allowed_headers = b"Accept, Content-Type, If-None-Match, X-Request-Id"
        else:
            raise RequestError(
                403, "Origin not allowed: ask for an API key.", "ORIGIN_NOT_ALLOWED"
            )
        await self._send(
            send,
            204,
            [
                *base,
                (b"access-control-allow-origin", allow_origin),
                (b"access-control-allow-methods", _ALLOWED_METHODS),
                (b"access-control-allow-headers", allowed_headers),
                (b"access-control-max-age", b"600"),
            ],
            b"",
        )

    # -- the request ------------------------------------------------------------

    def _authenticate(self, headers: dict[bytes, bytes]) -> ApiKey | None:
        raw = headers.get(b"x-api-key")
        if raw is None:
            if self.settings.anonymous_rate_limit <= 0:
                raise RequestError(
                    401,
                    "An API key is required: send it in the X-API-Key header.",
                    "UNAUTHENTICATED",
                    headers=[(b"www-authenticate", b'ApiKey header="X-API-Key"')],
                )
            return None
        key = self.keys.lookup(raw.decode("latin-1").strip())
        if key is None or key.revoked:
            raise RequestError(
                401,
                "Unknown or revoked API key."
                if key is None
                else f"The API key {key.prefix}… has been revoked.",
                "UNAUTHENTICATED",
                headers=[(b"www-authenticate", b'ApiKey header="X-API-Key"')],
            )
        return key

    def _cors(
        self, headers: dict[bytes, bytes], key: ApiKey | None
    ) -> list[tuple[bytes, bytes]]:
        origin = headers.get(b"origin")
        if origin is None:
            return []
        if key is not None:
            if origin.decode("latin-1").rstrip("/") not in key.cors_origins:
                raise RequestError(
                    403,
                    "This API key may not be used from the origin "
                    f"{origin.decode('latin-1')[:100]}.",
                    "ORIGIN_NOT_ALLOWED",
                )
            return [
                (b"access-control-allow-origin", origin),
                (b"access-control-expose-headers", _EXPOSE),
            ]
        if self.settings.anonymous_cors:
            return [
                (b"access-control-allow-origin", b"*"),
                (b"access-control-expose-headers", _EXPOSE),
            ]
        return []

    async def _rate_limit(
        self, scope: Scope, headers: dict[bytes, bytes], key: ApiKey | None
    ) -> None:
        if key is not None:
            scope_id, limit, usage_id = "k:" + key.id, key.rate_limit_per_minute, key.id
        else:
            address = self._client_address(scope, headers.get(b"x-forwarded-for"))
            scope_id = "a:" + address
            limit, usage_id = self.settings.anonymous_rate_limit, ANONYMOUS
        if limit > 0:
            limiter = self.limiter
            retry = (
                limiter.hit_now(scope_id, limit)
                if limiter.is_sync
                else await limiter.hit(scope_id, limit)
            )
            if retry is not None:
                self.usage.record(usage_id, rate_limited=True)
                seconds = int(retry)
                raise RequestError(
                    429,
                    f"Rate limit of {limit} requests per minute exceeded: retry in "
                    f"{seconds} s.",
                    "RATE_LIMITED",
                    headers=[(b"retry-after", str(seconds).encode("ascii"))],
                    extensions={"retryAfter": seconds, "limitPerMinute": limit},
                )
        self.usage.record(usage_id)

    async def _read_body(self, receive: Receive, headers: dict[bytes, bytes]) -> bytes:
        limit = self.settings.max_body_bytes
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                raise RequestError(
                    400, "Content-Length is not a number.", "BAD_REQUEST"
                ) from None
            if length > limit:
                raise RequestError(
                    413,
                    f"Request body of {length} bytes is over the {limit}-byte limit.",
                    "PAYLOAD_TOO_LARGE",
                )
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise RequestError(400, "The client disconnected.", "BAD_REQUEST")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise RequestError(
                    413,
                    f"Request body is over the limit of {limit} bytes.",
                    "PAYLOAD_TOO_LARGE",
                )
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _parse_params(
        self, scope: Scope, headers: dict[bytes, bytes], body: bytes | None
    ) -> dict[str, Any]:
        if body is None:
            raw = scope.get("query_string", b"").decode("utf-8", "replace")
            params: dict[str, Any] = {}
            for name, value in parse_qsl(raw, keep_blank_values=True):
                if name in ("variables", "extensions"):
                    if value == "":
                        params[name] = None
                        continue
                    try:
                        params[name] = orjson.loads(value)
                    except orjson.JSONDecodeError:
                        raise RequestError(
                            400,
                            f"The {name} parameter is not valid JSON.",
                            "BAD_REQUEST",
                        ) from None
                else:
                    params[name] = value
            return params
        content_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if content_type != b"application/json":
            raise RequestError(
                415,
                "Unsupported Content-Type "
                f"{content_type.decode('latin-1')[:80] or '(none)'!r}: send "
                "application/json.",
                "UNSUPPORTED_MEDIA_TYPE",
            )
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            raise RequestError(
                400, "The request body is not valid JSON.", "BAD_REQUEST"
            ) from None
        if isinstance(data, list):
            raise RequestError(
                400,
                "Batched requests are not supported: send one operation.",
                "BAD_REQUEST",
            )
        if not isinstance(data, dict):
            raise RequestError(
                400, "The request body must be a JSON object.", "BAD_REQUEST"
            )
        return data

    def _request(
        self, scope: Scope, headers: dict[bytes, bytes], body: bytes | None
    ) -> GraphQLRequest:
        """The GraphQL request, remembered by its raw bytes.

        Partners send the same few requests again and again; parsing the
        query string or JSON body again would be most of a cached answer's
        cost. Only well-formed requests are remembered (bounded).
        """
        if body is None:
            raw: bytes = b"G" + scope.get("query_string", b"")
        else:
            content_type = headers.get(b"content-type", b"")
            raw = b"P" + content_type + b"\n" + body
        known = self._requests.get(raw)
        if known is not None:
            return known
        request = self._graphql_request(self._parse_params(scope, headers, body))
        if len(raw) <= _MAX_REMEMBERED_REQUEST and not request.persisted_only:
            if len(self._requests) >= _MAX_REMEMBERED_REQUESTS:
                self._requests.clear()
            self._requests[raw] = request
        return request

    def _graphql_request(self, params: Mapping[str, Any]) -> GraphQLRequest:
        query = params.get("query")
        variables = params.get("variables")
        operation_name = params.get("operationName")
        extensions = params.get("extensions")
        if query is not None and not isinstance(query, str):
            raise RequestError(400, "query must be a string.", "BAD_REQUEST")
        if variables is not None and not isinstance(variables, dict):
            raise RequestError(400, "variables must be a JSON object.", "BAD_REQUEST")
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestError(400, "operationName must be a string.", "BAD_REQUEST")
        if operation_name == "":
            operation_name = None
        if extensions is not None and not isinstance(extensions, dict):
            raise RequestError(400, "extensions must be a JSON object.", "BAD_REQUEST")
        variables_key = b""
        if variables:
            variables_key = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS)
            limit = self.settings.max_variables_bytes
            if len(variables_key) > limit:
                raise RequestError(
                    413,
                    f"Variables of {len(variables_key)} bytes are over the limit of "
                    f"{limit} bytes.",
                    "VARIABLES_TOO_LARGE",
                )
        persisted = (extensions or {}).get("persistedQuery")
        persisted_only = persisted is not None and query is None
        if persisted is not None:
            query = self._persisted_query(persisted, query)
        if not query:
            raise RequestError(400, "The request has no query.", "BAD_REQUEST")
        return GraphQLRequest(
            query, variables or None, variables_key, operation_name, persisted_only
        )

    def _persisted_query(self, persisted: Any, query: str | None) -> str:
        if (
            not isinstance(persisted, dict)
            or persisted.get("version") != 1
            or not is_sha256(persisted.get("sha256Hash"))
        ):
            raise RequestError(
                400,
                "extensions.persistedQuery must be {version: 1, sha256Hash: <64 "
                "lowercase hex digits>}.",
                "BAD_REQUEST",
            )
        digest = persisted["sha256Hash"]
        if query is None:
            known = self.persisted.get(digest)
            if known is None:
                raise RequestError(
                    200,
                    "PersistedQueryNotFound",
                    "PERSISTED_QUERY_NOT_FOUND",
                )
            return known
        if sha256_hex(query) != digest:
            raise RequestError(
                400,
                "provided sha does not match query",
                "PERSISTED_QUERY_HASH_MISMATCH",
            )
        self.persisted.put(digest, query)
        return query

    async def _handle(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[bytes, bytes],
        base: list[tuple[bytes, bytes]],
        media: str,
        request_id: str,
    ) -> None:
        method = scope["method"]
        is_get = method != "POST"
        key = self._authenticate(headers)
        cors = self._cors(headers, key)
        base.extend(cors)
        await self._rate_limit(scope, headers, key)
        body = None if is_get else await self._read_body(receive, headers)
        request = self._request(scope, headers, body)
        if self.watcher.due():
            await self.watcher.check()
        locale = (
            negotiate_locale(headers.get(b"accept-language", b"").decode("latin-1"))
            or self.settings.default_locale
        )
        content_type = _CT_GRAPHQL_RESPONSE if media == GRAPHQL_RESPONSE else _CT_JSON
        cache_key = (
            key.id if key is not None else "",
            locale,
            request.operation_name,
            request.query,
            request.variables_key,
        )
        cache = self.cache if self.settings.response_cache else None
        if cache is not None:
            cached = cache.get(cache_key)
            if cached is not None:
                await self._send_success(
                    send,
                    base,
                    content_type,
                    cached.body,
                    cached.etag,
                    headers,
                    key,
                    is_get,
                    method == "HEAD",
                )
                return
        epoch = self.cache.epoch
        status, body_out, cacheable = await self._execute(
            request, is_get, locale, request_id
        )
        head = method == "HEAD"
        if status != 200:
            await self._send(
                send,
                status,
                [
                    *base,
                    (b"content-type", content_type),
                    (b"cache-control", b"no-store"),
                ],
                body_out,
                head=head,
            )
            return
        if cacheable and cache is not None:
            etag = cache.put(cache_key, body_out, epoch).etag
        else:
            etag = make_etag(body_out) if is_get else ""
        await self._send_success(
            send, base, content_type, body_out, etag, headers, key, is_get, head
        )

    async def _send_success(
        self,
        send: Send,
        base: list[tuple[bytes, bytes]],
        content_type: bytes,
        body: bytes,
        etag: str,
        headers: dict[bytes, bytes],
        key: ApiKey | None,
        is_get: bool,
        head: bool,
    ) -> None:
        if not is_get:
            await self._send(
                send,
                200,
                [
                    *base,
                    (b"content-type", content_type),
                    (b"cache-control", b"no-store"),
                ],
                body,
            )
            return
        max_age = self.settings.cache_max_age
        visibility = b"private" if key is not None else b"public"
        cache_control = visibility + b", max-age=" + str(max_age).encode("ascii")
        etag_bytes = etag.encode("ascii")
        response_headers = [
            *base,
            (b"etag", etag_bytes),
            (b"cache-control", cache_control),
        ]
        if_none_match = headers.get(b"if-none-match")
        if if_none_match is not None and _etag_matches(if_none_match, etag_bytes):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": response_headers,
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        response_headers.append((b"content-type", content_type))
        await self._send(send, 200, response_headers, body, head=head)

    async def _execute(
        self,
        request: GraphQLRequest,
        is_get: bool,
        locale: str,
        request_id: str,
    ) -> tuple[int, bytes, bool]:
        """Status, body and whether the response may be cached."""
        schema = self.schema
        preparer = schema.preparer
        prepared = preparer.prepare(request.query)
        if prepared.document is None:
            return 400, _errors_body(prepared.errors, "GRAPHQL_PARSE_FAILED"), False
        operation_type = prepared.operation_type(request.operation_name)
        if operation_type is None:
            message = (
                f"Unknown operation named {request.operation_name!r}."
                if request.operation_name
                else "Must provide operationName: the document has several operations."
                if prepared.operations
                else "The document has no operation."
            )
            raise RequestError(400, message, "BAD_REQUEST")
        if operation_type is not OperationType.QUERY:
            if is_get and operation_type is OperationType.MUTATION:
                raise RequestError(
                    405,
                    "Mutations are not allowed over GET: use POST.",
                    "METHOD_NOT_ALLOWED",
                    headers=[(b"allow", b"POST")],
                )
            if prepared.errors:
                return (
                    400,
                    _errors_body(prepared.errors, "GRAPHQL_VALIDATION_FAILED"),
                    False,
                )
            raise RequestError(
                400,
                f"{operation_type.value} operations are not supported.",
                "BAD_REQUEST",
            )
        if prepared.errors:
            return (
                400,
                _errors_body(prepared.errors, "GRAPHQL_VALIDATION_FAILED"),
                False,
            )
        try:
            preparer.check_cost(
                prepared.document, request.operation_name, request.variables
            )
        except CostError as error:
            return 400, _errors_body([error], "QUERY_TOO_COSTLY"), False
        try:
            directory = await self.directory.snapshot()
        except Exception as exc:
            logger.exception("request %s: the read model is unavailable", request_id)
            raise RequestError(
                503,
                f"The read model is unavailable (request id {request_id}).",
                "SERVICE_UNAVAILABLE",
                headers=[(b"retry-after", b"5")],
            ) from exc
        context = build_context(
            request_id=request_id,
            backend=self.backend,
            settings=self.settings,
            directory=directory,
            locale=locale,
            cost_checked=True,
            analytics=self.analytics,
        )
        timeout = self.settings.timeout
        try:
            result = await asyncio.wait_for(
                schema.execute(
                    request.query,
                    variable_values=request.variables,
                    context_value=context,
                    operation_name=request.operation_name,
                    allowed_operation_types=_QUERIES_ONLY,
                ),
                timeout,
            )
        except TimeoutError:
            logger.warning("request %s timed out after %s s", request_id, timeout)
            raise RequestError(
                504,
                f"The query took longer than {timeout:g} s and was stopped: ask for "
                "less data.",
                "TIMEOUT",
            ) from None
        errors = result.errors
        payload: dict[str, Any] = {"data": result.data}
        if errors:
            payload["errors"] = [_format_error(error) for error in errors]
        status = 200
        if (
            result.data is None
            and errors
            and all(error.path is None for error in errors)
        ):
            status = 400
        return status, orjson.dumps(payload), not errors


def _etag_matches(header: bytes, etag: bytes) -> bool:
    if header.strip() == b"*":
        return True
    for candidate in header.split(b","):
        value = candidate.strip()
        if value.startswith(b"W/"):
            value = value[2:]
        if value == etag:
            return True
    return False


def _format_error(
    error: GraphQLError, default_code: str | None = None
) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    extensions: dict[str, Any] = dict(formatted.get("extensions") or {})
    if "code" not in extensions:
        original = error.original_error
        if original is None:
            code = default_code or "BAD_REQUEST"
        elif isinstance(original, CLIENT_ERRORS):
            code = getattr(original, "code", "BAD_USER_INPUT")
        else:
            code = "INTERNAL_SERVER_ERROR"
        extensions["code"] = code
    formatted["extensions"] = extensions
    return formatted


def _errors_body(errors: Any, code: str) -> bytes:
    return orjson.dumps({"errors": [_format_error(error, code) for error in errors]})
