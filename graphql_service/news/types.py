"""News articles."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.payload import as_date, as_str, as_strs
from graphql_service.common.scalars import HTML
from graphql_service.common.types import Content, Info, content_type
from graphql_service.news.loaders import load_related
from search.documents import Document

__all__ = ["NewsArticle"]


@content_type("news")
@strawberry.type(description="A news article.")
class NewsArticle(Content):
    article_date: date | None = strawberry.field(
        description="Date of the article as editors set it."
    )
    body_html: HTML | None = strawberry.field(description="The article text.")
    related_ids: strawberry.Private[list[str]]

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        body = as_str(payload, "body_html")
        return {
            "article_date": as_date(payload, "date"),
            "body_html": HTML(body) if body is not None else None,
            "related_ids": as_strs(payload, "related"),
        }

    @resolver(
        description=(
            "Items the editors linked as related, in the requested language where "
            "a version exists."
        )
    )
    async def related(self, info: Info) -> list[Content]:
        return await load_related(info.context, self.related_ids, self.requested_locale)
