"""Queries across content types: Relay ``node``, by id, by path, mixed lists."""

from __future__ import annotations

import binascii
from typing import Annotated

import strawberry
from strawberry.relay import GlobalID
from strawberry.relay.types import GlobalIDValueError

from graphql_service.common.arguments import (
    After,
    DateFrom,
    DateTo,
    Fallback,
    First,
    GlobalId,
    ItemId,
    ListSort,
    Locale,
    Path,
    Slugs,
    Sort,
    day_end,
    day_start,
    list_sort,
    slugs,
)
from graphql_service.common.decorators import resolver
from graphql_service.common.errors import ClientError
from graphql_service.common.groups import id_for_path
from graphql_service.common.pagination import DEFAULT_PAGE_SIZE, Connection
from graphql_service.common.resolve import (
    ListFilters,
    document_id,
    list_of,
    load_content,
)
from graphql_service.common.terms import TAXONOMY_TYPES, TERM_TYPES
from graphql_service.common.types import Content, Info, Node, graphql_type

__all__ = ["ContentQuery"]


@strawberry.type
class ContentQuery:
    @resolver(description="Any item by its Relay global ID (`id`).")
    async def node(
        self,
        info: Info,
        id: GlobalId,
    ) -> Node | None:
        try:
            global_id = GlobalID.from_id(str(id))
        except (GlobalIDValueError, binascii.Error, ValueError) as exc:
            raise ClientError(f"id: {str(id)[:80]!r} is not a valid global ID") from exc
        cls = graphql_type(global_id.type_name)
        if cls is None:
            return None
        item = await load_content(info.context, global_id.node_id, None)
        return item if type(item) is cls else None

    @resolver(
        description=(
            "Any item by id (global `id` or `documentId`); with `locale`, its best "
            "version in that language."
        )
    )
    async def content(
        self, info: Info, id: ItemId, locale: Locale = None
    ) -> Content | None:
        doc_id, type_name = document_id(id)
        item = await load_content(info.context, doc_id, locale)
        if item is None or (type_name is not None and type(item).__name__ != type_name):
            return None
        return item

    @resolver(
        description=(
            "The item published at a path of the public site (e.g. "
            '"/da/nyheder/ny-rapport/"; an absolute URL works too). With '
            "`locale`, its best version in that language."
        )
    )
    async def content_by_path(
        self, info: Info, path: Path, locale: Locale = None
    ) -> Content | None:
        if len(path) > 2000:
            raise ClientError("path: at most 2000 characters are allowed")
        doc_id = await id_for_path(info.context.backend, path)
        if doc_id is None:
            return None
        return await load_content(info.context, doc_id, locale)

    @resolver(
        description=(
            "Items of several types in one list (e.g. a theme page mixing news, "
            "events and publications), newest first by default."
        )
    )
    async def contents(
        self,
        info: Info,
        types: Annotated[
            list[str] | None,
            strawberry.argument(
                description=(
                    'Read-model types to include (`contentType` values, e.g. "news", '
                    '"event"); default: every content type.'
                )
            ),
        ] = None,
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
    ) -> Connection[Content]:
        wanted = tuple(types or ())
        for value in wanted:
            if value in TAXONOMY_TYPES:
                raise ClientError(f"types: {value!r} is a taxonomy; use {value}s()")
        filters = ListFilters(
            types=wanted,
            exclude_types=() if wanted else TERM_TYPES,
            themes=slugs(themes),
            countries=slugs(countries),
            goals=slugs(goals),
            date_from=day_start(date_from),
            date_to=day_end(date_to),
            sort=list_sort(sort),
        )
        return await list_of(
            info.context,
            Content,
            filters,
            locale=locale,
            fallback=fallback,
            first=first,
            after=after,
        )
