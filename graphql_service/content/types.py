"""Pages that are not domain content (home, standard pages, section indexes),
external items, and a generic type for document types the API does not know."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from graphql_service.common.payload import as_str
from graphql_service.common.scalars import HTML
from graphql_service.common.types import Content, content_type
from search.documents import Document

__all__ = ["ExternalItem", "HomePage", "OtherContent", "SectionIndex", "StandardPage"]


def _html(payload: Mapping[str, Any], key: str) -> HTML | None:
    value = as_str(payload, key)
    return None if value is None else HTML(value)


@content_type("home")
@strawberry.type(description="The home page of one language version of the hub.")
class HomePage(Content):
    hero_title: str | None = strawberry.field(description="Large heading at the top.")
    body_html: HTML | None = strawberry.field(description="Page content.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "hero_title": as_str(payload, "hero_title"),
            "body_html": _html(payload, "body_html"),
        }


@content_type("standard_page")
@strawberry.type(description="A plain content page (about us, contact …).")
class StandardPage(Content):
    body_html: HTML | None = strawberry.field(description="Page content.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {"body_html": _html(payload, "body_html")}


_SECTIONS = {
    "news_index": "news",
    "event_index": "events",
    "knowledge_index": "knowledge",
    "funding_index": "funding",
}


@content_type(*_SECTIONS)
@strawberry.type(
    description="The index page of a section (news, events, knowledge bank, funding)."
)
class SectionIndex(Content):
    section: str = strawberry.field(
        description="Which section: news, events, knowledge or funding."
    )
    body_html: HTML | None = strawberry.field(
        description="Introduction of the section."
    )

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "section": _SECTIONS.get(document.type, document.type),
            "body_html": _html(payload, "body_html"),
        }


@content_type("external")
@strawberry.type(
    description=(
        "An item harvested from a partner site (news, publication …); `path` and "
        "`link` point to the partner's page."
    )
)
class ExternalItem(Content):
    source: str | None = strawberry.field(
        description="Identifier of the harvest source."
    )
    source_name: str | None = strawberry.field(
        description='Name of the partner, e.g. "Nordregio".'
    )
    source_url: str | None = strawberry.field(description="Home page of the partner.")
    link: str | None = strawberry.field(description="The item on the partner's site.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "source": document.source,
            "source_name": as_str(payload, "source_name"),
            "source_url": as_str(payload, "source_url"),
            "link": as_str(payload, "link") or document.url_path or None,
        }


@content_type(fallback=True)
@strawberry.type(
    description=(
        "An item of a type this API version has no specific type for (taxonomy "
        "terms and new content types); the common fields are still there."
    )
)
class OtherContent(Content):
    body_html: HTML | None = strawberry.field(
        description="Body, when the item has one."
    )

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {"body_html": _html(payload, "body_html")}
