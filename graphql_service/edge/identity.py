"""Who is asking: the request id and the client address.

The client address is the connection's (``scope["client"]``). A proxy's
``X-Forwarded-For`` counts only when uvicorn was told to trust that proxy
(``GRAPHQL_TRUSTED_PROXIES``, see :mod:`graphql_service.__main__`); uvicorn then
puts the forwarded address in ``scope["client"]``, so the rate limiter and
every log line see the same address. No header is read here.

The request id is also put in :data:`graphql_service.logs.REQUEST_ID`, so
every log record of the request carries it.
"""

from __future__ import annotations

import os
import re
from typing import Final

from graphql_service.edge.asgi import Scope
from graphql_service.logs import REQUEST_ID

__all__ = ["RequestIds", "client_address"]

_REQUEST_ID_RE: Final = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIds:
    """The client's ``X-Request-Id`` when it is sane, else a fresh one."""

    def __init__(self) -> None:
        self._prefix = os.urandom(3).hex()
        self._counter = 0

    def take(self, given: bytes | None) -> str:
        request_id = self._settle(given)
        REQUEST_ID.set(request_id)
        return request_id

    def _settle(self, given: bytes | None) -> str:
        if given:
            text = given.decode("latin-1")
            if _REQUEST_ID_RE.match(text):
                return text
        self._counter += 1
        return f"{self._prefix}-{self._counter:x}"


def client_address(scope: Scope) -> str:
    """The address rate limits count (see the module docstring)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
