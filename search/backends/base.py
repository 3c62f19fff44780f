"""The interface every search backend implements.

A backend is both the *indexer* (sync, used by the CMS indexer worker) and
the *searcher* (used by the GraphQL service; the ``a*`` methods run the sync
ones in a worker thread unless a backend has a native async client).

Versioning rules, shared by all backends and checked by the contract tests:

* Every write carries the document's ``version``. An upsert whose version is
  lower than the one the index holds for that id is skipped (counted in
  :attr:`BulkResult.skipped`); an equal version replaces the document
  (replaying the same event is harmless).
* A delete leaves a *tombstone* (id + version). An upsert whose version is
  not higher than the tombstone's is skipped, so a late, older upsert cannot
  resurrect a deleted item; a delete older than the live document is
  skipped. Tombstones never appear in ``search``, ``get_many`` or
  ``suggest``.
"""

from __future__ import annotations

import asyncio
import functools
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Protocol, Self, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from types import TracebackType

    from search.changes import ChangeSet
    from search.crosslingual import Translator
    from search.documents import Document
    from search.progress import IndexerProgress
    from search.query import SearchQuery, SearchResults

__all__ = [
    "NEVER_BUILT",
    "REFRESH_INTERVAL",
    "BaseBackend",
    "BulkResult",
    "Indexer",
    "Searcher",
]

#: :meth:`BaseBackend.generation` of a read model nothing was ever written to.
NEVER_BUILT: Final = "empty"
#: Seconds an indexer that has caught up gathers further changes before its
#: next write (what Elasticsearch calls the refresh interval, with its
#: default): a trickle of edits becomes one commit a second instead of one
#: each, and every commit costs the writer a segment and every reader a
#: reload, while a change still becomes searchable within about a second.
REFRESH_INTERVAL: Final = 1.0


@dataclass(frozen=True, slots=True)
class BulkResult:
    """Outcome of a write: how many operations were applied or were stale.

    Attributes:
        applied: Operations written to the index.
        skipped: Operations skipped because the index holds a newer version
            (or a tombstone of the same or a newer version).
        skipped_ids: Ids of the skipped operations, in order.
    """

    applied: int = 0
    skipped: int = 0
    skipped_ids: tuple[str, ...] = ()

    def __add__(self, other: BulkResult) -> BulkResult:
        return BulkResult(
            self.applied + other.applied,
            self.skipped + other.skipped,
            self.skipped_ids + other.skipped_ids,
        )


@runtime_checkable
class Indexer(Protocol):
    """Write side of a backend (sync; the CMS indexer calls it)."""

    def index(self, document: Document) -> BulkResult: ...

    def bulk(self, documents: Iterable[Document]) -> BulkResult: ...

    def delete(
        self, versions: Mapping[str, int] | Iterable[tuple[str, int]]
    ) -> BulkResult: ...

    def reindex(self, documents: Iterable[Document]) -> BulkResult: ...

    def refresh(self) -> None: ...


@runtime_checkable
class Searcher(Protocol):
    """Read side of a backend (the GraphQL service uses the async methods)."""

    def search(self, query: SearchQuery) -> SearchResults: ...

    def get_many(self, ids: Sequence[str]) -> list[Document | None]: ...

    def suggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]: ...

    async def asearch(self, query: SearchQuery) -> SearchResults: ...

    async def aget_many(self, ids: Sequence[str]) -> list[Document | None]: ...

    async def asuggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]: ...


class BaseBackend(ABC):
    """Base class of the backends (see the module docstring for the rules).

    Subclasses bind ``SearchBackend = TheirClass`` at the bottom of their
    module so that configuration can name just the module.
    """

    @classmethod
    @abstractmethod
    def from_config(cls, options: Mapping[str, Any]) -> Self:
        """Build from a configuration mapping (keys ``PATH``, ``URLS`` ...)."""

    _translator: Translator | None = None

    @property
    def translator(self) -> Translator:
        """Query translation across languages (default: the process's shared
        translator over the built lexicon; replace it to change or disable)."""
        if self._translator is None:
            from search.crosslingual import shared_translator

            self._translator = shared_translator()
        return self._translator

    @translator.setter
    def translator(self, value: Translator) -> None:
        self._translator = value

    # -- write side -------------------------------------------------------------

    def index(self, document: Document) -> BulkResult:
        """Insert or replace one document (subject to versioning)."""
        return self.bulk([document])

    @abstractmethod
    def bulk(self, documents: Iterable[Document]) -> BulkResult:
        """Insert or replace documents in one batch, applied in order.

        Raises:
            IndexingError: nothing of the batch was applied.
        """

    @abstractmethod
    def delete(
        self, versions: Mapping[str, int] | Iterable[tuple[str, int]]
    ) -> BulkResult:
        """Delete documents: ``{id: version}`` or ``(id, version)`` pairs.

        Each delete leaves a tombstone carrying its version.
        """

    @abstractmethod
    def reindex(self, documents: Iterable[Document]) -> BulkResult:
        """Rebuild the whole index from ``documents`` without downtime.

        The new index is built beside the live one and swapped in atomically;
        readers keep searching the old one until the switch. Versioning still
        holds: a document or tombstone in the live index that is newer than
        the one given survives the rebuild, and tombstones are carried over.
        """

    @abstractmethod
    def refresh(self) -> None:
        """Make every committed change visible to this instance's searches."""

    @abstractmethod
    def generation(self) -> str:
        """A token that changes whenever committed, searchable content changes.

        Readers compare it between requests to invalidate response caches; it is
        cheap (a file stat, or one small request) so it can be polled often.
        :data:`NEVER_BUILT` until the first commit (or when there is no index).
        """

    async def ageneration(self) -> str:
        return await asyncio.to_thread(self.generation)

    @abstractmethod
    def set_watermark(self, version: int) -> None:
        """Record that every version up to ``version`` has reached the index.

        Change sync serves nothing newer (see :mod:`search.changes`). The
        watermark may go back (rows replayed after a rebuild); it changes the
        generation when it changes.
        """

    @abstractmethod
    def watermark(self) -> int | None:
        """The recorded watermark (``None`` before the first one)."""

    def record_progress(self, progress: IndexerProgress) -> None:
        """Keep the indexer's latest report (see :mod:`search.progress`).

        Replaces the previous one and leaves the generation as it is. A
        backend that keeps no reports ignores it.
        """
        return

    def progress(self) -> IndexerProgress | None:
        """The indexer's latest report (``None`` before the first one).

        Raises:
            BackendUnavailableError: the backend cannot answer.
        """
        return None

    async def aprogress(self) -> IndexerProgress | None:
        return await asyncio.to_thread(self.progress)

    @abstractmethod
    def changes(
        self,
        after: str | None = None,
        limit: int = 100,
        types: Sequence[str] = (),
        *,
        unsettled: bool = False,
    ) -> ChangeSet:
        """Documents and tombstones after the cursor ``after``, in
        ``(version, uid)`` order, up to the watermark.

        With ``types``, only changes of items of those types (a tombstone
        keeps the type of the item it removed), so a reader can follow a
        few small types, such as the taxonomy, without reading every change.

        With ``unsettled``, also the changes beyond the watermark: what the
        index holds now, for readers that need to know what changed (a
        response cache) rather than a feed without gaps.

        Raises:
            InvalidQueryError: the cursor or the limit is invalid.
            BackendUnavailableError: the backend cannot answer.
        """

    async def achanges(
        self,
        after: str | None = None,
        limit: int = 100,
        types: Sequence[str] = (),
        *,
        unsettled: bool = False,
    ) -> ChangeSet:
        return await asyncio.to_thread(
            functools.partial(self.changes, after, limit, types, unsettled=unsettled)
        )

    @abstractmethod
    def close(self) -> None:
        """Release files, locks and connections. Safe to call twice."""

    # -- read side --------------------------------------------------------------

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Run a search.

        Raises:
            InvalidQueryError: the query (or its cursor) is invalid.
            BackendUnavailableError: the backend cannot answer.
        """

    @abstractmethod
    def get_many(self, ids: Sequence[str]) -> list[Document | None]:
        """Documents by id, in the order asked (``None`` when missing/deleted)."""

    @abstractmethod
    def suggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        """Autocomplete: titles starting with (words starting with) ``prefix``."""

    async def asearch(self, query: SearchQuery) -> SearchResults:
        return await asyncio.to_thread(self.search, query)

    async def aget_many(self, ids: Sequence[str]) -> list[Document | None]:
        return await asyncio.to_thread(self.get_many, ids)

    async def asuggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        return await asyncio.to_thread(self.suggest, prefix, locale, limit)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
