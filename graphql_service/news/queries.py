"""Queries of news articles."""

from __future__ import annotations

import strawberry

from graphql_service.common.fields import by_id_field, list_field
from graphql_service.news.types import NewsArticle

__all__ = ["NewsQuery"]


@strawberry.type
class NewsQuery:
    news_article = by_id_field(
        NewsArticle,
        "A news article by id (global `id` or `documentId`); with `locale`, its best "
        "version in that language.",
    )
    news_articles = list_field(
        NewsArticle, ("news",), "News articles, newest first by default."
    )
