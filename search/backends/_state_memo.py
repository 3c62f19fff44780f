"""Values that hold for one state of a read model, kept for a while.

Counts read from the index (items per week, document frequencies) stay the
same until the read model changes, and the same popular requests read the
same ones again and again. A :class:`StateMemo` keeps them for one state of
the read model, its *owner* (a generation, or a generation and its last
commit): another owner starts afresh, and so do ``ttl`` seconds and, with a
``size``, that many entries.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["StateMemo", "keep"]

K = TypeVar("K")
V = TypeVar("V")


class StateMemo(Generic[K, V]):
    """The memo of the current state (see the module docstring)."""

    def __init__(
        self,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
        size: int | None = None,
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._size = size
        self._lock = threading.Lock()
        self._owner: str | None = None
        self._filled = 0.0
        self._values: dict[K, V] = {}

    def of(self, owner: str) -> dict[K, V]:
        """The values kept for state ``owner`` (filled by the caller)."""
        now = self._clock()
        with self._lock:
            if (
                owner != self._owner
                or now - self._filled > self._ttl
                or (self._size is not None and len(self._values) > self._size)
            ):
                self._owner, self._filled, self._values = owner, now, {}
            return self._values


def keep(memo: dict[K, V], key: K, value: V, size: int) -> None:
    """Keep ``value`` under ``key`` in ``memo``, dropping its oldest entry
    once it holds ``size`` (threads share the memo: another one may have
    dropped that entry already)."""
    if len(memo) >= size:
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):
            del memo[next(iter(memo))]
    memo[key] = value
