"""Relay cursor pagination: ``first``/``after`` with a maximum page size.

Cursors are the opaque cursors of the read model (they encode the sort key
and the query's fingerprint), so a cursor only works with the query that
produced it: reusing it with other filters is a client error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.errors import PageSizeError

__all__ = ["DEFAULT_PAGE_SIZE", "Connection", "Edge", "PageInfo", "check_first"]

T = TypeVar("T")
DEFAULT_PAGE_SIZE = 20


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether another page follows.")
    has_previous_page: bool = strawberry.field(
        description="Whether this page was asked for with `after` (pages precede it)."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge: pass it as `after` for the next page."
    )


@strawberry.type(description="One item of a page, with its cursor.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="Pass as `after` to continue after it.")


@strawberry.type(description="A page of items (Relay connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items with their cursors.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @resolver(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @resolver(
        description=(
            "Number of items in the whole list (all pages), counting each item "
            "once even when it exists in several languages."
        )
    )
    async def total_count(self) -> int:
        return await self.count()


def check_first(first: int, maximum: int) -> int:
    """Validate a page size.

    Raises:
        PageSizeError: ``first`` is below 1 or above ``maximum``.
    """
    if first < 1 or first > maximum:
        raise PageSizeError(
            f"first: must be between 1 and {maximum} (the maximum page size), "
            f"got {first}"
        )
    return first
