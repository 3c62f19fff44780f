"""The GraphQL-over-HTTP request: body, parameters, persisted queries.

GET: parameters in the query string (``variables`` and ``extensions`` as
JSON; an empty value is no value). POST: a JSON object with the
``application/json`` media type in UTF-8 (other types or charsets: 415; a
body over ``GRAPHQL_MAX_BODY_BYTES``: 413); ``null`` is no value and other
members are ignored. Parameters of the wrong type, a missing query, batches
and variables over ``GRAPHQL_MAX_VARIABLES_BYTES`` (413) are refused.
Automatic persisted queries (:mod:`graphql_service.apq`) arrive in
``extensions.persistedQuery``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl

import orjson

from graphql_service.apq import PersistedQueryStore, is_sha256, sha256_hex
from graphql_service.document_limits import MAX_NESTING, TOO_DEEP, nests_deeper_than
from graphql_service.edge.errors import EdgeError

if TYPE_CHECKING:
    from graphql_service.edge.asgi import Receive, Scope
    from graphql_service.settings import Settings

__all__ = ["GraphQLRequest", "PersistedQueryNotFound", "RequestReader"]

_MAX_REMEMBERED_REQUEST: Final = 8192
_MAX_REMEMBERED_REQUESTS: Final = 2000
_UTF8: Final = frozenset({b"utf-8", b"utf8"})


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    variables_key: bytes
    operation_name: str | None
    persisted_only: bool = False
    #: The hash of a query sent with its text (to share with other hosts).
    registers: str | None = None


class PersistedQueryNotFound(Exception):
    """A hash-only request for a query this worker does not know (yet).

    A GraphQL request error, unless a shared store knows ``digest``
    (:meth:`graphql_service.apq.PersistedQueryStore.lookup`): the client
    sends the query with the hash next.
    """

    def __init__(self, digest: str) -> None:
        super().__init__(digest)
        self.digest = digest


def _bad(message: str) -> EdgeError:
    return EdgeError(400, message, "BAD_REQUEST")


class RequestReader:
    """Reads :class:`GraphQLRequest` objects, remembering well-formed ones.

    Partners send the same few requests again and again; parsing the query
    string or JSON body again would be most of a cached answer's cost.
    """

    def __init__(self, settings: Settings, persisted: PersistedQueryStore) -> None:
        self.settings = settings
        self.persisted = persisted
        self._known: dict[bytes, GraphQLRequest] = {}

    async def read_body(self, receive: Receive, declared: bytes | None) -> bytes:
        limit = self.settings.max_body_bytes
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                raise _bad("Content-Length is not a number.") from None
            if length > limit:
                raise EdgeError(
                    413,
                    f"Request body of {length} bytes is over the {limit}-byte limit.",
                    "PAYLOAD_TOO_LARGE",
                )
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _bad("The client disconnected.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise EdgeError(
                    413,
                    f"Request body is over the limit of {limit} bytes.",
                    "PAYLOAD_TOO_LARGE",
                )
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def request(
        self, scope: Scope, content_type: bytes | None, body: bytes | None
    ) -> GraphQLRequest:
        """The request of a GET (``body`` is ``None``) or a POST."""
        if body is None:
            raw: bytes = b"G" + scope.get("query_string", b"")
        else:
            raw = b"P" + (content_type or b"") + b"\n" + body
        known = self._known.get(raw)
        if known is not None:
            return known
        if body is None:
            params = _query_params(scope.get("query_string", b""))
        else:
            params = _json_params(content_type, body)
        request = self._graphql_request(params)
        if len(raw) <= _MAX_REMEMBERED_REQUEST and not request.persisted_only:
            if len(self._known) >= _MAX_REMEMBERED_REQUESTS:
                self._known.clear()
            self._known[raw] = request
        return request

    async def resolve(
        self, scope: Scope, content_type: bytes | None, body: bytes | None
    ) -> GraphQLRequest | None:
        """:meth:`request`, with persisted queries shared between hosts.

        A hash unknown here is looked up in the shared store (``None``: no
        host knows it, the client must send the query); a query registered
        here is shared before the client moves on to another host.
        """
        try:
            request = self.request(scope, content_type, body)
        except PersistedQueryNotFound as unknown:
            if await self.persisted.lookup(unknown.digest) is None:
                return None
            request = self.request(scope, content_type, body)
        if request.registers is not None:
            await self.persisted.register(request.registers, request.query)
        return request

    def _graphql_request(self, params: Mapping[str, Any]) -> GraphQLRequest:
        query = params.get("query")
        variables = params.get("variables")
        operation_name = params.get("operationName")
        extensions = params.get("extensions")
        if query is not None and not isinstance(query, str):
            raise _bad("query must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise _bad("variables must be a JSON object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise _bad("operationName must be a string.")
        if operation_name == "":
            operation_name = None
        if extensions is not None and not isinstance(extensions, dict):
            raise _bad("extensions must be a JSON object.")
        variables_key = b""
        if variables:
            if nests_deeper_than(variables, MAX_NESTING):
                raise EdgeError(
                    400, f"Variables nest over {MAX_NESTING} levels deep.", TOO_DEEP
                )
            variables_key = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS)
            limit = self.settings.max_variables_bytes
            if len(variables_key) > limit:
                raise EdgeError(
                    413,
                    f"Variables of {len(variables_key)} bytes are over the limit of "
                    f"{limit} bytes.",
                    "VARIABLES_TOO_LARGE",
                )
        persisted = (extensions or {}).get("persistedQuery")
        persisted_only = persisted is not None and query is None
        registers: str | None = None
        if persisted is not None:
            if query is not None:
                registers = persisted.get("sha256Hash")  # checked just below
            query = self._persisted_query(persisted, query)
        if not query:
            raise _bad("The request has no query.")
        return GraphQLRequest(
            query,
            variables or None,
            variables_key,
            operation_name,
            persisted_only,
            registers,
        )

    def _persisted_query(self, persisted: Any, query: str | None) -> str:
        if (
            not isinstance(persisted, dict)
            or persisted.get("version") != 1
            or not is_sha256(persisted.get("sha256Hash"))
        ):
            raise _bad(
                "extensions.persistedQuery must be {version: 1, sha256Hash: <64 "
                "lowercase hex digits>}."
            )
        digest = persisted["sha256Hash"]
        if query is None:
            known = self.persisted.get(digest)
            if known is None:
                raise PersistedQueryNotFound(digest)
            return known
        if sha256_hex(query) != digest:
            raise EdgeError(
                400,
                "provided sha does not match query",
                "PERSISTED_QUERY_HASH_MISMATCH",
            )
        self.persisted.put(digest, query)
        return query


def _query_params(query_string: bytes) -> dict[str, Any]:
    params: dict[str, Any] = {}
    try:
        pairs = parse_qsl(
            query_string.decode("utf-8"), keep_blank_values=True, errors="strict"
        )
    except UnicodeDecodeError:
        raise _bad("The query string is not valid UTF-8.") from None
    for name, value in pairs:
        if name in ("variables", "extensions"):
            if value == "":
                params[name] = None
                continue
            try:
                params[name] = orjson.loads(value)
            except orjson.JSONDecodeError:
                raise _bad(f"The {name} parameter is not valid JSON.") from None
        else:
            params[name] = value
    return params


def _json_params(content_type: bytes | None, body: bytes) -> dict[str, Any]:
    media, _, parameters = (content_type or b"").partition(b";")
    media = media.strip().lower()
    if media != b"application/json":
        raise EdgeError(
            415,
            "Unsupported Content-Type "
            f"{media.decode('latin-1')[:80] or '(none)'!r}: send application/json.",
            "UNSUPPORTED_MEDIA_TYPE",
        )
    for parameter in parameters.split(b";"):
        name, _, value = parameter.partition(b"=")
        if name.strip().lower() != b"charset":
            continue
        charset = value.strip().strip(b'"').lower()
        if charset not in _UTF8:
            raise EdgeError(
                415,
                f"Unsupported charset {charset.decode('latin-1')[:40]!r}: send UTF-8.",
                "UNSUPPORTED_MEDIA_TYPE",
            )
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise _bad("The request body is not valid JSON.") from None
    if isinstance(data, list):
        raise _bad("Batched requests are not supported: send one operation.")
    if not isinstance(data, dict):
        raise _bad("The request body must be a JSON object.")
    return data
