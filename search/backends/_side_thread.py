"""A second thread for the part of a search that does not wait on the rest.

tantivy lets go of Python's lock while it searches and aggregates, so the
facet counts of a search (a second pass over all its matches) can run on
another core while the first pass ranks them. At 500,000 items the two
passes of a two-word search took 14 and 10 ms one after the other. A worker
answers one request at a time on its event loop, so a search with facets is
the only thing that would use a second core for it.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SideThread"]

P = ParamSpec("P")
T = TypeVar("T")


class SideThread:
    """Runs calls on a small pool of threads, started on first use in each
    process (a pool's threads do not survive a fork)."""

    def __init__(self, workers: int = 2) -> None:
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def submit(
        self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> Future[T]:
        """``function(*args, **kwargs)`` on the side thread."""
        return self._current().submit(function, *args, **kwargs)

    def _current(self) -> ThreadPoolExecutor:
        pool, pid = self._pool, os.getpid()
        if pool is not None and self._pid == pid:
            return pool
        with self._lock:
            if self._pool is None or self._pid != pid:
                self._pool = ThreadPoolExecutor(
                    self._workers, thread_name_prefix="search-side"
                )
                self._pid = pid
            return self._pool

    def close(self) -> None:
        """Stop taking calls; those under way finish."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None and self._pid == os.getpid():
            pool.shutdown(wait=False)
