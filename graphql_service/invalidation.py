"""What a change of the read model costs a worker: work in proportion to it.

When the generation changes (:class:`~graphql_service.cache.GenerationWatcher`)
the response cache is paused (nothing stale is served meanwhile) and
:class:`Invalidator` reads, through change sync, what changed since it last
looked:

* the taxonomy and glossary (:class:`~graphql_service.common.terms.TermsCache`):
  when a term or concept changed, every cached answer may name it, so the
  whole cache is emptied;
* otherwise only the cached answers that read a changed ``(type, locale)``
  are dropped (:mod:`graphql_service.common.reads`).

It reads what the index holds now, beyond the watermark too, and keeps its
cursor at the watermark (:mod:`graphql_service.common.following`). Without a
watermark (a read model no indexer manages), or after more than
:data:`MAX_CHANGES` changes (a rebuild), the whole cache is emptied instead.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Final

from graphql_service.common.following import follow
from search.changes import ChangeCursor

if TYPE_CHECKING:
    from graphql_service.cache import ResponseCache
    from graphql_service.common.terms import TermsCache
    from search.backends.base import BaseBackend

__all__ = ["MAX_CHANGES", "Invalidator"]

logger = logging.getLogger(__name__)

#: More changes than this at once empty the cache instead.
MAX_CHANGES: Final = 2000
_PAGE: Final = 500


class Invalidator:
    """Keeps the response cache and the term cache in step with the read model."""

    def __init__(
        self, backend: BaseBackend, cache: ResponseCache, terms: TermsCache
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.terms = terms
        self._cursor: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._again = False

    def generation_changed(self, generation: str) -> None:
        """Pause the cache and bring it up to date in the background."""
        self.cache.pause()
        if self._task is not None and not self._task.done():
            self._again = True  # the running pass reads once more when done
            return
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            self._again = False
            try:
                await self._catch_up()
            except Exception:
                logger.exception("reading what changed in the read model failed")
                self.cache.clear()
                self._cursor = None
            if not self._again:
                return

    async def _catch_up(self) -> None:
        if self.terms.current is not None and await self.terms.refresh():
            self.cache.clear()  # answers may name a term or expand by the glossary
            await self._move_to_watermark()
            return
        if self._cursor is None:
            self.cache.clear()
            await self._move_to_watermark()
            return
        followed = await follow(
            self.backend, self._cursor, page_size=_PAGE, max_pages=MAX_CHANGES // _PAGE
        )
        if not followed.complete:
            self.cache.clear()
            await self._move_to_watermark()
            return
        if followed.watermark is None:
            self.cache.clear()
            self._cursor = None
            return
        self.cache.invalidate(
            # A removal's type is not always known: it matches any.
            (None, None)
            if change.document is None
            else (change.document.type, change.document.locale)
            for change in followed.changes
        )
        self._cursor = followed.cursor

    async def start(self) -> None:
        """Start at the read model's watermark (at startup; failures logged)."""
        try:
            await self._move_to_watermark()
        except Exception:
            logger.exception("reading the read model's watermark failed")

    async def _move_to_watermark(self) -> None:
        """Start reading changes at the watermark (nothing below can arrive)."""
        watermark = await asyncio.to_thread(self.backend.watermark)
        # Just after every change at the watermark's version (uids are 64 bits).
        self._cursor = (
            None if watermark is None else ChangeCursor(watermark, 2**64 - 1).encode()
        )

    async def close(self) -> None:
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
