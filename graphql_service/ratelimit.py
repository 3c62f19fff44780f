"""Per-key and per-client rate limits with the ``limits`` library (moving window).

``GRAPHQL_RATE_LIMIT_STORAGE`` chooses the storage:

* ``memory://`` (default): counted in each worker's memory. ``limits``' own
  memory storage keeps a list per key and inserts at its front, which costs
  time in proportion to the limit (and a timer thread every 10 ms); this
  module registers :class:`DequeMemoryStorage` instead, the same moving
  window on a bounded deque with constant-time hits. With N workers a client
  may get up to N times its limit; use a shared storage for exact limits.
* ``redis://host:6379/0`` (or ``rediss://``, ``redis+unix://``): one moving
  window per key or client in Redis, shared by every worker of every host, so
  that a limit holds across the cluster. It is read as ``async+redis://``
  (no call blocks the event loop) with the ``redis`` package's client (the
  one persisted queries use too), and counts under the ``LIMITS`` key prefix.
* any other storage URI ``limits`` knows for its asyncio API (e.g.
  ``async+memcached://``).

When a shared storage cannot be reached the request is let through and the
outage logged (once, then its end): a broken Redis must not take the API
down with it, and the limits are back as soon as Redis is.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque
from typing import Any, Final

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter as AsyncMovingWindow
from limits.storage import MovingWindowSupport, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

__all__ = ["DequeMemoryStorage", "RateLimiter"]

logger = logging.getLogger(__name__)

_SWEEP_SECONDS: Final = 60.0
#: Seconds to wait for Redis (connecting, and each command).
REDIS_TIMEOUT: Final = 1.0


class DequeMemoryStorage(Storage, MovingWindowSupport):
    """In-process moving-window storage with O(1) hits (see the module docstring)."""

    STORAGE_SCHEME = ["hub-memory"]

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any
    ) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.events: dict[str, deque[float]] = {}
        self.counters: dict[str, tuple[int, float]] = {}
        self._next_sweep = time.monotonic() + _SWEEP_SECONDS

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return ValueError

    def _window(self, key: str, expiry: int, now: float) -> deque[float]:
        events = self.events.get(key)
        if events is None:
            events = self.events[key] = deque()
        cutoff = now - expiry
        while events and events[-1] <= cutoff:
            events.pop()
        return events

    def _sweep(self, now: float) -> None:
        monotonic = time.monotonic()
        if monotonic < self._next_sweep:
            return
        self._next_sweep = monotonic + _SWEEP_SECONDS
        for key in [k for k, v in self.events.items() if not v or v[0] <= now - 3600]:
            del self.events[key]
        for key in [k for k, (_, until) in self.counters.items() if until <= now]:
            del self.counters[key]

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        now = time.time()
        self._sweep(now)
        events = self._window(key, expiry, now)
        if len(events) + amount > limit:
            return False
        events.extendleft([now] * amount)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        events = self._window(key, expiry, now)
        if not events:
            return now, 0
        return events[-1], len(events)

    # Fixed-window counters (required by the Storage interface).
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        count, until = self.counters.get(key, (0, now + expiry))
        if until <= now:
            count, until = 0, now + expiry
        self.counters[key] = (count + amount, until)
        return count + amount

    def get(self, key: str) -> int:
        count, until = self.counters.get(key, (0, 0.0))
        return count if until > time.time() else 0

    def get_expiry(self, key: str) -> float:
        return self.counters.get(key, (0, time.time()))[1]

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        count = len(self.events) + len(self.counters)
        self.events.clear()
        self.counters.clear()
        return count

    def clear(self, key: str) -> None:
        self.events.pop(key, None)
        self.counters.pop(key, None)


class RateLimiter:
    """Moving-window limits per scope (a key id or a client address).

    Args:
        storage_uri: See the module docstring.
    """

    def __init__(self, storage_uri: str = "memory://") -> None:
        scheme = storage_uri.split("://", 1)[0]
        #: What an unreachable shared storage raises (see the module docstring).
        self._errors: tuple[type[Exception], ...] = (OSError,)
        self._items: dict[int, RateLimitItem] = {}
        self._keys: dict[tuple[str, int], str] = {}
        self._storage: DequeMemoryStorage | None = None
        self._sync: MovingWindowRateLimiter | None = None
        self._async: AsyncMovingWindow | None = None
        if scheme in ("memory", "hub-memory"):
            self._storage = DequeMemoryStorage()
            self._sync = MovingWindowRateLimiter(self._storage)
        else:
            if not scheme.startswith("async+"):
                storage_uri = f"async+{storage_uri}"
            options: dict[str, float | str | bool] = {}
            if scheme.removeprefix("async+").startswith(("redis", "rediss")):
                # Bounded waits: an unreachable Redis must not hold requests.
                options.update(
                    implementation="redispy",
                    socket_connect_timeout=REDIS_TIMEOUT,
                    socket_timeout=REDIS_TIMEOUT,
                )
            storage = storage_from_string(storage_uri, **options)
            base = storage.base_exceptions
            self._errors = (*(base if isinstance(base, tuple) else (base,)), OSError)
            self._async = AsyncMovingWindow(storage)
        self._failing = False

    @property
    def is_sync(self) -> bool:
        """True when :meth:`hit_now` can be used (in-process storage)."""
        return self._sync is not None

    def _item(self, per_minute: int) -> RateLimitItem:
        item = self._items.get(per_minute)
        if item is None:
            item = self._items[per_minute] = RateLimitItemPerMinute(per_minute)
        return item

    def hit_now(self, scope: str, per_minute: int) -> float | None:
        """Count one request; ``None`` if allowed, else seconds to wait.

        Only for in-process storage (:attr:`is_sync`).
        """
        limiter, storage = self._sync, self._storage
        if limiter is None or storage is None:
            raise RuntimeError("hit_now needs in-process storage")
        item = self._item(per_minute)
        # What MovingWindowRateLimiter.hit does, with the key made once per
        # scope instead of on every request.
        key = self._keys.get((scope, per_minute))
        if key is None:
            if len(self._keys) > 100_000:
                self._keys.clear()
            key = self._keys[(scope, per_minute)] = item.key_for(scope)
        if storage.acquire_entry(key, item.amount, item.get_expiry()):
            return None
        reset, _ = limiter.get_window_stats(item, scope)
        return max(1.0, math.ceil(reset - time.time()))

    async def hit(self, scope: str, per_minute: int) -> float | None:
        """Count one request; ``None`` if allowed, else seconds to wait."""
        if self._sync is not None:
            return self.hit_now(scope, per_minute)
        limiter = self._async
        if limiter is None:  # pragma: no cover - one of the two is set
            raise RuntimeError("no rate limiter configured")
        item = self._item(per_minute)
        try:
            if await limiter.hit(item, scope):
                allowed = True
            else:
                allowed = False
                reset, _ = await limiter.get_window_stats(item, scope)
        except self._errors as exc:
            if not self._failing:
                logger.error("rate limit storage unreachable (not limiting): %s", exc)
                self._failing = True
            return None
        if self._failing:
            logger.warning("rate limit storage reachable again")
            self._failing = False
        return None if allowed else max(1.0, math.ceil(reset - time.time()))
