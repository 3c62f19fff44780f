"""Response caching of GraphQL answers: the cache key, ETags and ``304``.

Successful answers are cached per (key, locale, operation name, query text,
variables) in :class:`~graphql_service.cache.ResponseCache`, with the
content types and locales each answer read: a change of the read model drops
the answers that read what changed (:mod:`graphql_service.invalidation`).
GET answers carry an ``ETag`` and ``Cache-Control`` (``public`` for anonymous
callers, ``private`` with a key); ``If-None-Match`` gives ``304``. POST
answers are ``no-store``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from graphql_service.cache import CachedResponse, ResponseCache, make_etag

if TYPE_CHECKING:
    from graphql_service.edge.asgi import HeaderList
    from graphql_service.keys import ApiKey
    from graphql_service.settings import Settings
    from graphql_service.transport.params import GraphQLRequest
    from graphql_service.transport.runner import Outcome

__all__ = ["ResponseCaching", "etag_matches"]


def etag_matches(header: bytes, etag: bytes) -> bool:
    """Whether ``If-None-Match: header`` matches ``etag`` (weak comparison)."""
    if header.strip() == b"*":
        return True
    for candidate in header.split(b","):
        value = candidate.strip()
        if value.startswith(b"W/"):
            value = value[2:]
        if value == etag:
            return True
    return False


class ResponseCaching:
    def __init__(self, settings: Settings, cache: ResponseCache) -> None:
        self.settings = settings
        self.cache = cache
        self.enabled = settings.response_cache

    @staticmethod
    def key(key: ApiKey | None, locale: str, request: GraphQLRequest) -> Hashable:
        return (
            key.id if key is not None else "",
            locale,
            request.operation_name,
            request.query,
            request.variables_key,
        )

    def get(self, cache_key: Hashable) -> CachedResponse | None:
        return self.cache.get(cache_key) if self.enabled else None

    def store(self, cache_key: Hashable, outcome: Outcome, epoch: int) -> str:
        """Keep the answer when allowed; its ETag either way."""
        if outcome.cacheable and self.enabled:
            return self.cache.put(cache_key, outcome.body, epoch, outcome.reads).etag
        return make_etag(outcome.body)

    def headers(self, key: ApiKey | None, etag: str) -> HeaderList:
        """``ETag`` and ``Cache-Control`` of a successful GET."""
        visibility = b"private" if key is not None else b"public"
        max_age = str(self.settings.cache_max_age).encode("ascii")
        return [
            (b"etag", etag.encode("ascii")),
            (b"cache-control", visibility + b", max-age=" + max_age),
        ]
