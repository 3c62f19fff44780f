"""Queries of news articles."""

from __future__ import annotations

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
from graphql_service.common.decorators import resolver
from graphql_service.common.pagination import DEFAULT_PAGE_SIZE, Connection
from graphql_service.common.resolve import ListFilters, item_of_type, list_of
from graphql_service.common.types import Info
from graphql_service.news.types import NewsArticle

__all__ = ["NewsQuery"]


@strawberry.type
class NewsQuery:
    @resolver(
        description=(
            "A news article by id (global `id` or `documentId`); with `locale`, "
            "its best version in that language."
        )
    )
    async def news_article(
        self, info: Info, id: ItemId, locale: Locale = None
    ) -> NewsArticle | None:
        return await item_of_type(info.context, id, locale, NewsArticle)

    @resolver(description="News articles, newest first by default.")
    async def news_articles(
        self,
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
    ) -> Connection[NewsArticle]:
        filters = ListFilters(
            types=("news",),
            themes=slugs(themes),
            countries=slugs(countries),
            goals=slugs(goals),
            date_from=day_start(date_from),
            date_to=day_end(date_to),
            sort=list_sort(sort),
        )
        return await list_of(
            info.context,
            NewsArticle,
            filters,
            locale=locale,
            fallback=fallback,
            first=first,
            after=after,
        )
