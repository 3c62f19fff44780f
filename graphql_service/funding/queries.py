"""Queries of funding calls and calls for applications."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graphql_service.common.arguments import (
    After,
    Fallback,
    First,
    ListSort,
    Locale,
    Slugs,
    Sort,
    list_sort,
    slugs,
)
from graphql_service.common.decorators import resolver
from graphql_service.common.fields import by_id_field
from graphql_service.common.pagination import DEFAULT_PAGE_SIZE, Connection
from graphql_service.common.resolve import ListFilters, list_of
from graphql_service.common.types import Info
from graphql_service.funding.types import CallForApplications, FundingCall

__all__ = ["FundingQuery"]

OpenOnly = Annotated[
    bool,
    strawberry.argument(description="Only calls open now (opened and not yet closed)."),
]


@strawberry.type
class FundingQuery:
    funding_call = by_id_field(
        FundingCall, "A funding call by id; with `locale`, its best version."
    )
    call_for_applications = by_id_field(
        CallForApplications,
        "A call for applications by id; with `locale`, its best version.",
    )

    @resolver(description="Funding calls; by default the closing soonest first.")
    async def funding_calls(
        self,
        info: Info,
        locale: Locale = None,
        fallback: Fallback = True,
        open_only: OpenOnly = False,
        themes: Slugs = None,
        countries: Slugs = None,
        goals: Slugs = None,
        sort: Sort = ListSort.OLDEST,
        first: First = DEFAULT_PAGE_SIZE,
        after: After = None,
    ) -> Connection[FundingCall]:
        filters = ListFilters(
            types=("funding_call",),
            themes=slugs(themes),
            countries=slugs(countries),
            goals=slugs(goals),
            open_calls=open_only,
            sort=list_sort(sort),
        )
        return await list_of(
            info.context,
            FundingCall,
            filters,
            locale=locale,
            fallback=fallback,
            first=first,
            after=after,
        )

    @resolver(
        description="Calls for applications; by default the closing soonest first."
    )
    async def calls_for_applications(
        self,
        info: Info,
        locale: Locale = None,
        fallback: Fallback = True,
        open_only: OpenOnly = False,
        themes: Slugs = None,
        sort: Sort = ListSort.OLDEST,
        first: First = DEFAULT_PAGE_SIZE,
        after: After = None,
    ) -> Connection[CallForApplications]:
        filters = ListFilters(
            types=("call_for_applications",),
            themes=slugs(themes),
            open_calls=open_only,
            sort=list_sort(sort),
        )
        return await list_of(
            info.context,
            CallForApplications,
            filters,
            locale=locale,
            fallback=fallback,
            first=first,
            after=after,
        )
