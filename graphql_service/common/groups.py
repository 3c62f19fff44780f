"""Paths and translation groups, asked of the read model itself.

Each question is a small keyword query whatever the size of the read model:
``paths`` for an address, ``translation_keys`` for the versions of items
(batched per request by :class:`GroupLoader`). Lists with locale fallback
are a single query too (``best_version``, see :mod:`search.grouping`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from strawberry.dataloader import DataLoader

from search.query import MAX_PAGE_SIZE, SearchQuery

if TYPE_CHECKING:
    from graphql_service.common.reads import Reader
    from search.documents import Document

__all__ = ["GroupLoader", "best_version_of", "id_for_path"]

#: Versions read per group at most (six languages, and room for duplicates).
_MAX_MEMBERS: Final = 20


async def id_for_path(backend: Reader, path: str) -> str | None:
    """Id of the document published at ``path`` (or absolute URL); the oldest
    when several share it."""
    results = await backend.asearch(
        SearchQuery(paths=(path,), sort="date_asc", first=1)
    )
    return results.hits[0].document.id if results.hits else None


async def _members(backend: Reader, keys: Sequence[str]) -> list[list[Document]]:
    found: dict[str, list[Document]] = {key: [] for key in keys}
    unique = list(found)
    # A page holds every version of a few groups.
    step = max(1, MAX_PAGE_SIZE // _MAX_MEMBERS)
    for start in range(0, len(unique), step):
        chunk = unique[start : start + step]
        after: str | None = None
        while True:
            results = await backend.asearch(
                SearchQuery(
                    translation_keys=tuple(chunk),
                    sort="date_asc",
                    first=MAX_PAGE_SIZE,
                    after=after,
                )
            )
            for hit in results.hits:
                members = found.get(hit.document.translation_key)
                if members is not None and len(members) < _MAX_MEMBERS:
                    members.append(hit.document)
            if not results.has_next_page or not results.end_cursor:
                break
            after = results.end_cursor
    return [found[key] for key in keys]


class GroupLoader(DataLoader[str, list["Document"]]):
    """Every version of a translation group by its key, batched per request."""

    def __init__(self, backend: Reader) -> None:
        async def load(keys: list[str]) -> list[list[Document]]:
            return await _members(backend, keys)

        super().__init__(load_fn=load)


def best_version_of(
    document: Document, members: Sequence[Document], chain: Sequence[str]
) -> Document:
    """The version of ``document``'s group in the best locale of ``chain``;
    ``document`` itself when its group has none there, or it is the best."""
    if document.locale == chain[0]:
        return document
    by_locale: dict[str, Document] = {}
    for member in members:
        by_locale.setdefault(member.locale, member)
    by_locale[document.locale] = document
    for locale in chain:
        found = by_locale.get(locale)
        if found is not None:
            return found
    return document
