"""What a response read: the content types and locales it depends on.

Every read of a request goes through a :class:`RecordingReader`, which notes
``(type, locale)`` pairs (``*`` for any) in a :class:`ReadScope`. A cached
response is then dropped only when the read model changed an item of a type
and locale it depends on (:meth:`graphql_service.cache.ResponseCache.invalidate`):
publishing a Danish event leaves the cached Swedish news feed alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from search.backends.base import BaseBackend
    from search.changes import ChangeSet
    from search.documents import Document
    from search.query import SearchQuery, SearchResults

__all__ = ["ANY", "ReadScope", "Reader", "RecordingReader", "matches"]

#: Any type or any locale.
ANY: Final = "*"
#: A response that read this much depends on everything.
_MAX_PAIRS: Final = 64

Pair = tuple[str, str]


class Reader(Protocol):
    """The reads resolvers make of the read model."""

    async def asearch(self, query: SearchQuery) -> SearchResults: ...

    async def aget_many(self, ids: Sequence[str]) -> list[Document | None]: ...

    async def asuggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]: ...

    async def achanges(
        self,
        after: str | None = None,
        limit: int = 100,
        types: Sequence[str] = (),
        *,
        unsettled: bool = False,
    ) -> ChangeSet: ...


class ReadScope:
    """The ``(type, locale)`` pairs one response depends on."""

    __slots__ = ("pairs",)

    def __init__(self) -> None:
        self.pairs: set[Pair] = set()

    def add(self, types: Iterable[str], locales: Iterable[str]) -> None:
        wanted = tuple(locales)
        for doc_type in types:
            for locale in wanted:
                self.pairs.add((doc_type, locale))
        if len(self.pairs) > _MAX_PAIRS:
            self.pairs = {(ANY, ANY)}

    def frozen(self) -> frozenset[Pair]:
        return frozenset(self.pairs)


def matches(pairs: frozenset[Pair], doc_type: str | None, locale: str | None) -> bool:
    """Whether a change of ``(doc_type, locale)`` (``None``: unknown) touches a
    response that read ``pairs``."""
    for read_type, read_locale in pairs:
        if (read_type == ANY or doc_type is None or read_type == doc_type) and (
            read_locale == ANY or locale is None or read_locale == locale
        ):
            return True
    return False


def _locales(query: SearchQuery) -> tuple[str, ...]:
    if query.locales:
        return query.locales
    if not query.cross_language and query.locale is not None:
        return (query.locale,)
    return (ANY,)


class RecordingReader:
    """Reads through ``backend`` and notes what was read in :attr:`scope`."""

    __slots__ = ("backend", "scope")

    def __init__(self, backend: BaseBackend) -> None:
        self.backend = backend
        self.scope = ReadScope()

    async def asearch(self, query: SearchQuery) -> SearchResults:
        results = await self.backend.asearch(query)
        types: Iterable[str] = query.types or (ANY,)
        if not query.types and (query.translation_keys or query.paths):
            # Keyed look-ups depend on the items found, or on anything when
            # none was (one may be published there).
            found = {hit.document.type for hit in results.hits}
            types = found or (ANY,)
        self.scope.add(types, _locales(query))
        return results

    async def aget_many(self, ids: Sequence[str]) -> list[Document | None]:
        documents = await self.backend.aget_many(ids)
        for document in documents:
            if document is None:
                self.scope.add((ANY,), (ANY,))
            else:
                self.scope.add((document.type,), (document.locale,))
        return documents

    async def asuggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        self.scope.add((ANY,), (locale or ANY,))
        return await self.backend.asuggest(prefix, locale, limit)

    async def achanges(
        self,
        after: str | None = None,
        limit: int = 100,
        types: Sequence[str] = (),
        *,
        unsettled: bool = False,
    ) -> ChangeSet:
        self.scope.add(types or (ANY,), (ANY,))
        return await self.backend.achanges(after, limit, types, unsettled=unsettled)
