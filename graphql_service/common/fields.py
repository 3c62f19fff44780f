"""Factories of the by-id and list fields that most content types share.

(No ``from __future__ import annotations`` here: the resolvers' annotations
name the concrete type, so they must be evaluated when the field is made.)
"""

from typing import Any

import strawberry

from graphql_service.common.arguments import (
    After,
    DateFrom,
    DateTo,
    Fallback,
    First,
    ItemId,
    ListSort,
    Locale,
    Slugs,
    Sort,
    day_end,
    day_start,
    list_sort,
    slugs,
)
from graphql_service.common.pagination import DEFAULT_PAGE_SIZE, Connection
from graphql_service.common.resolve import ListFilters, item_of_type, list_of
from graphql_service.common.types import Content, Info

__all__ = ["by_id_field", "list_field"]


def by_id_field(cls: type[Content], description: str) -> Any:
    """A ``thing(id:, locale:)`` field returning one ``cls`` or null."""

    async def resolve(self: Any, info: Info, id: ItemId, locale: Locale = None) -> Any:
        return await item_of_type(info.context, id, locale, cls)

    resolve.__annotations__["return"] = cls | None
    return strawberry.field(resolver=resolve, description=description)


def list_field(cls: type[Content], types: tuple[str, ...], description: str) -> Any:
    """A ``things(locale:, filters…, first:, after:)`` connection field."""

    async def resolve(
        self: Any,
        info: Info,
        locale: Locale = None,
        fallback: Fallback = True,
        themes: Slugs = None,
        countries: Slugs = None,
        goals: Slugs = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        sort: Sort = ListSort.NEWEST,
        first: First = DEFAULT_PAGE_SIZE,
        after: After = None,
    ) -> Any:
        filters = ListFilters(
            types=types,
            themes=slugs(themes),
            countries=slugs(countries),
            goals=slugs(goals),
            date_from=day_start(date_from),
            date_to=day_end(date_to),
            sort=list_sort(sort),
        )
        return await list_of(
            info.context,
            cls,
            filters,
            locale=locale,
            fallback=fallback,
            first=first,
            after=after,
        )

    resolve.__annotations__["return"] = Connection[cls]  # type: ignore[valid-type]
    return strawberry.field(resolver=resolve, description=description)
