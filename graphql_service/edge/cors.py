"""CORS at the edge: per-key origins, public anonymous access, preflights.

A keyed request from a browser must come from one of the key's
``cors_origins`` (else 403). Anonymous requests get ``*`` when
``GRAPHQL_ANONYMOUS_CORS`` is on and anonymous access is allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from graphql_service.edge.asgi import HeaderList
from graphql_service.edge.errors import EdgeError

if TYPE_CHECKING:
    from graphql_service.keys import ApiKey, KeyStore
    from graphql_service.settings import Settings

__all__ = ["CorsPolicy"]

_EXPOSE: Final = b"ETag, Retry-After, X-Request-Id"
_KEYED_HEADERS: Final = b"Accept, Content-Type, If-None-Match, X-API-Key, X-Request-Id"
_ANONYMOUS_HEADERS: Final = b"Accept, Content-Type, If-None-Match, X-Request-Id"


class CorsPolicy:
    def __init__(self, settings: Settings, keys: KeyStore) -> None:
        self.settings = settings
        self.keys = keys

    @property
    def _anonymous(self) -> bool:
        return self.settings.anonymous_cors and self.settings.anonymous_rate_limit > 0

    def preflight(
        self, origin: bytes | None, wanted: bytes, methods: bytes
    ) -> HeaderList:
        """Headers of the 204 answer to ``OPTIONS`` (403 for unknown origins)."""
        allowed = {part.strip() for part in methods.split(b",")}
        if b"GET" in allowed:
            allowed.add(b"HEAD")
        if origin is None or wanted.upper() not in allowed - {b"OPTIONS"}:
            return [(b"allow", methods)]
        if self.keys.origin_known(origin.decode("latin-1").rstrip("/")):
            allow_origin, allow_headers = origin, _KEYED_HEADERS
        elif self._anonymous:
            allow_origin, allow_headers = b"*", _ANONYMOUS_HEADERS
        else:
            raise EdgeError(
                403, "Origin not allowed: ask for an API key.", "ORIGIN_NOT_ALLOWED"
            )
        return [
            (b"access-control-allow-origin", allow_origin),
            (b"access-control-allow-methods", methods),
            (b"access-control-allow-headers", allow_headers),
            (b"access-control-max-age", b"600"),
        ]

    def response_headers(self, origin: bytes | None, key: ApiKey | None) -> HeaderList:
        """CORS headers of an answer (403 for a key used from a foreign origin)."""
        if origin is None:
            return []
        if key is not None:
            if origin.decode("latin-1").rstrip("/") not in key.cors_origins:
                raise EdgeError(
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
