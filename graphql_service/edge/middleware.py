"""The edge every door of the service sits behind, as route middleware.

For each request, in order: a request id (``X-Request-Id``, echoed);
``OPTIONS``: the CORS preflight; a method the door does not serve: 405;
the API key (401); the key's CORS origins (403); the rate limit and usage
count (429); readiness of the read model (503). Then the door runs, and the
edge adds the request id, ``Vary`` and CORS headers to whatever it answers.
Refusals are rendered by the door (:class:`Door`): GraphQL errors for
``/graphql``, ``{"error": {...}}`` for feeds and ``/changes``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from starlette.middleware import Middleware

from graphql_service.edge.asgi import (
    ASGIApp,
    HeaderList,
    Message,
    Receive,
    Scope,
    Send,
    read_headers,
    respond,
)
from graphql_service.edge.errors import EdgeError

if TYPE_CHECKING:
    from graphql_service.edge.access import Access
    from graphql_service.edge.cors import CorsPolicy
    from graphql_service.edge.identity import RequestIds
    from graphql_service.keys import ApiKey
    from graphql_service.readiness import Readiness

__all__ = ["CLIENT", "Client", "Door", "Edge", "EdgeMiddleware", "client_of"]

#: Where the edge leaves the admitted :class:`Client` in the ASGI scope.
CLIENT: Final = "hub.client"
_UNAVAILABLE_RETRY: Final = b"30"
_HEADERS: Final = frozenset(
    {
        b"x-api-key",
        b"origin",
        b"x-request-id",
        b"access-control-request-method",
        b"accept",
    }
)

#: ``(error, request headers) -> (content type, body)``
Renderer = Callable[[EdgeError, dict[bytes, bytes]], tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class Client:
    """An admitted caller: its request id and key (``None``: anonymous)."""

    request_id: str
    key: ApiKey | None


def client_of(scope: Scope) -> Client:
    """The :class:`Client` the edge admitted for this request."""
    client = scope.get(CLIENT)
    if not isinstance(client, Client):  # pragma: no cover - a routing mistake
        raise RuntimeError("this endpoint must sit behind the edge")
    return client


@dataclass(frozen=True, slots=True)
class Door:
    """How one kind of endpoint meets the edge.

    Attributes:
        methods: What it serves, as the ``Allow`` header (``OPTIONS`` included).
        vary: The ``Vary`` header of its answers.
        render: How it shows a refusal.
    """

    methods: bytes
    vary: bytes
    render: Renderer

    @property
    def method_names(self) -> frozenset[str]:
        names = {m.strip().decode("ascii") for m in self.methods.split(b",")}
        return frozenset(names | ({"HEAD"} if "GET" in names else set()))


def plain_error(error: EdgeError, headers: dict[bytes, bytes]) -> tuple[bytes, bytes]:
    """``{"error": {...}}`` as JSON: feeds, calendars and ``/changes``."""
    return b"application/json", error.plain_body()


class Edge:
    """The parts every door shares; :meth:`middleware` puts a door behind them."""

    def __init__(
        self,
        *,
        ids: RequestIds,
        access: Access,
        cors: CorsPolicy,
        readiness: Readiness,
    ) -> None:
        self.ids = ids
        self.access = access
        self.cors = cors
        self.readiness = readiness

    def middleware(self, door: Door) -> list[Middleware]:
        """For ``Route(..., middleware=edge.middleware(door))``."""
        return [Middleware(EdgeMiddleware, edge=self, door=door)]


class EdgeMiddleware:
    """ASGI middleware for one door (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, edge: Edge, door: Door) -> None:
        self.app = app
        self.edge = edge
        self.door = door
        self._methods = door.method_names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # pragma: no cover - only HTTP is routed here
            await self.app(scope, receive, send)
            return
        edge, door = self.edge, self.door
        headers = read_headers(scope, _HEADERS)
        request_id = edge.ids.take(headers.get(b"x-request-id"))
        base: HeaderList = [
            (b"x-request-id", request_id.encode("ascii")),
            (b"vary", door.vary),
        ]
        method = scope["method"]
        try:
            if method == "OPTIONS":
                allowed = edge.cors.preflight(
                    headers.get(b"origin"),
                    headers.get(b"access-control-request-method", b""),
                    door.methods,
                )
                await respond(send, 204, [*base, *allowed], b"")
                return
            if method not in self._methods:
                raise EdgeError(
                    405,
                    f"Method {method} is not allowed: use "
                    f"{door.methods.decode('ascii')}.",
                    "METHOD_NOT_ALLOWED",
                    headers=[(b"allow", door.methods)],
                )
            key = edge.access.authenticate(headers.get(b"x-api-key"))
            base.extend(edge.cors.response_headers(headers.get(b"origin"), key))
            await edge.access.admit(scope, key)
            state = await edge.readiness.check()
            if state.reason is not None:
                raise EdgeError(
                    503,
                    state.reason,
                    "SERVICE_UNAVAILABLE",
                    headers=[(b"retry-after", _UNAVAILABLE_RETRY)],
                )
        except EdgeError as error:
            content_type, body = door.render(error, headers)
            response = [
                *base,
                *error.headers,
                (b"content-type", content_type),
                (b"cache-control", b"no-store"),
            ]
            await respond(send, error.status, response, body, head=method == "HEAD")
            return
        scope[CLIENT] = Client(request_id, key)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *base]
            await send(message)

        await self.app(scope, receive, send_with_headers)
