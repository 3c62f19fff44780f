"""ASGI plumbing shared by the doors: types, header reading, plain responses.

The doors are plain ASGI callables (no per-request framework objects) so that
a cached answer costs little more than a static response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = [
    "ASGIApp",
    "HeaderList",
    "Message",
    "Receive",
    "Scope",
    "Send",
    "read_headers",
    "respond",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
HeaderList = list[tuple[bytes, bytes]]


def read_headers(scope: Scope, wanted: frozenset[bytes]) -> dict[bytes, bytes]:
    """The request headers named in ``wanted`` (lower case; the last one wins)."""
    return {name: value for name, value in scope["headers"] if name in wanted}


async def respond(
    send: Send, status: int, headers: HeaderList, body: bytes, *, head: bool = False
) -> None:
    """Send a whole response (``head``: the headers only, with the body's length)."""
    headers.append((b"content-length", str(len(body)).encode("ascii")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})
