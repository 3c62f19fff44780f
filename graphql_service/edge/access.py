"""Keys, rate limits and usage: who may pass, how often, and what is counted.

* ``X-API-Key``: an unknown or revoked key is refused (401); no key means
  anonymous access when ``GRAPHQL_ANONYMOUS_RATE_LIMIT`` is above 0, else 401.
* Rate limit per key (its ``rate_limit_per_minute``) or per client address
  (anonymous, see :mod:`.identity`): 429 with ``Retry-After``.
* Every request that passes the key check is counted per key and day, the
  refused ones as rate limited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from graphql_service.edge.errors import EdgeError
from graphql_service.edge.identity import client_address
from graphql_service.usage import ANONYMOUS

if TYPE_CHECKING:
    from graphql_service.edge.asgi import Scope
    from graphql_service.keys import ApiKey, KeyStore
    from graphql_service.ratelimit import RateLimiter
    from graphql_service.settings import Settings
    from graphql_service.usage import UsageCounter

__all__ = ["Access"]

_CHALLENGE: Final = [(b"www-authenticate", b'ApiKey header="X-API-Key"')]


class Access:
    def __init__(
        self,
        *,
        settings: Settings,
        keys: KeyStore,
        limiter: RateLimiter,
        usage: UsageCounter,
    ) -> None:
        self.settings = settings
        self.keys = keys
        self.limiter = limiter
        self.usage = usage

    def authenticate(self, raw: bytes | None) -> ApiKey | None:
        """The caller's key, ``None`` for anonymous access (401 when refused)."""
        if raw is None:
            if self.settings.anonymous_rate_limit <= 0:
                raise EdgeError(
                    401,
                    "An API key is required: send it in the X-API-Key header.",
                    "UNAUTHENTICATED",
                    headers=list(_CHALLENGE),
                )
            return None
        key = self.keys.lookup(raw.decode("latin-1").strip())
        if key is None or key.revoked:
            raise EdgeError(
                401,
                "Unknown or revoked API key."
                if key is None
                else f"The API key {key.prefix}… has been revoked.",
                "UNAUTHENTICATED",
                headers=list(_CHALLENGE),
            )
        return key

    async def admit(self, scope: Scope, key: ApiKey | None) -> None:
        """Count the request against its limit and in the usage (429 when over)."""
        if key is not None:
            scope_id, limit, usage_id = "k:" + key.id, key.rate_limit_per_minute, key.id
        else:
            scope_id = "a:" + client_address(scope)
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
                raise EdgeError(
                    429,
                    f"Rate limit of {limit} requests per minute exceeded: retry in "
                    f"{seconds} s.",
                    "RATE_LIMITED",
                    headers=[(b"retry-after", str(seconds).encode("ascii"))],
                    extensions={"retryAfter": seconds, "limitPerMinute": limit},
                )
        self.usage.record(usage_id)
