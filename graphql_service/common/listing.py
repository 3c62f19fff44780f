"""Filtered lists with locale fallback, one item per translation group.

How lists with fallback work:

1. The read model is searched for the requested types and filters in every
   locale of the fallback chain (``nb`` -> ``nb, da, sv, en``), sorted by date,
   with ``best_version``: a hit is left out when its translation group has a
   version in a *better* locale of the chain that *also* passes the filters
   (:mod:`search.grouping`). So each item appears once, in the best language
   that matches, at the position of that version's date.
2. It is one query of the engine: its page and its cursor are the list's;
   ``totalCount``, when asked for, is a second one (counting reads every
   match, a page only the newest items).

With ``fallback: false`` only items in the requested locale are listed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from graphql_service.common.pagination import Connection, Edge, PageInfo, check_first
from search.query import SearchQuery, Sort

if TYPE_CHECKING:
    from graphql_service.context import Context
    from search.documents import Document

__all__ = ["ListFilters", "ListPage", "list_documents", "to_connection"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ListFilters:
    """Filters of a list query (values of one filter combine with OR).

    ``types`` empty lists every type but ``exclude_types``."""

    types: tuple[str, ...]
    exclude_types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    date_from: datetime | None = None
    date_to: datetime | None = None
    upcoming: bool = False
    open_calls: bool = False
    sort: Sort = "date_desc"


@dataclass(slots=True)
class ListPage:
    """A page of documents with their cursors."""

    items: list[tuple[Document, str]]
    has_next: bool
    has_previous: bool
    end_cursor: str | None
    count: Callable[[], Awaitable[int]]


async def list_documents(
    context: Context,
    filters: ListFilters,
    *,
    locale: str,
    fallback: bool,
    first: int,
    after: str | None,
) -> ListPage:
    """One page of a list (see the module docstring).

    Raises:
        PageSizeError: ``first`` is out of range.
        search.InvalidQueryError: a filter or the cursor is invalid.
    """
    check_first(first, context.settings.max_page_size)
    chain = context.chain(locale) if fallback else (locale,)
    query = SearchQuery(
        types=filters.types,
        exclude_types=filters.exclude_types,
        locales=chain,
        themes=filters.themes,
        countries=filters.countries,
        goals=filters.goals,
        date_from=filters.date_from,
        date_to=filters.date_to,
        upcoming=filters.upcoming,
        open_calls=filters.open_calls,
        best_version=len(chain) > 1,
        count=False,
        now=context.now,
        sort=filters.sort,
        first=first,
        after=after,
    )
    results = await context.backend.asearch(query)

    async def count() -> int:
        # Counted only when asked for: counting reads every match.
        counted = await context.backend.asearch(
            replace(query, first=1, after=None, count=True)
        )
        return counted.total

    return ListPage(
        items=[(hit.document, hit.cursor) for hit in results.hits],
        has_next=results.has_next_page,
        has_previous=after is not None,
        end_cursor=results.end_cursor,
        count=count,
    )


def to_connection(page: ListPage, convert: Callable[[Document], T]) -> Connection[T]:
    """Wrap a :class:`ListPage` as a Relay connection of converted items."""
    edges = [
        Edge(node=convert(document), cursor=cursor) for document, cursor in page.items
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=page.end_cursor,
        ),
        count=page.count,
    )
