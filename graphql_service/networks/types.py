"""Networks of organisations working on integration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.payload import as_mappings, as_str
from graphql_service.common.people import country_in
from graphql_service.common.scalars import HTML
from graphql_service.common.types import Content, Info, Meeting, content_type
from graphql_service.taxonomy.types import Country
from search.documents import Document

__all__ = ["Network", "NetworkMember"]


@strawberry.type(description="An organisation taking part in a network.")
class NetworkMember:
    organisation: str = strawberry.field(description="Name of the organisation.")
    url: str | None = strawberry.field(description="Its website.")
    country_slug: strawberry.Private[str | None]
    requested_locale: strawberry.Private[str]

    @resolver(description="Country of the organisation.")
    def country(self, info: Info) -> Country | None:
        return country_in(info.context, self.country_slug, self.requested_locale)


@content_type("network")
@strawberry.type(description="A Nordic network of organisations, with its meetings.")
class Network(Content):
    purpose: str | None = strawberry.field(description="What the network is for.")
    members: list[NetworkMember] = strawberry.field(description="Member organisations.")
    meetings: list[Meeting] = strawberry.field(description="Meetings held or planned.")
    body_html: HTML | None = strawberry.field(description="Further description.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        body = as_str(payload, "body_html")
        return {
            "purpose": as_str(payload, "purpose"),
            "members": [
                NetworkMember(
                    organisation=as_str(item, "organisation") or "",
                    url=as_str(item, "url"),
                    country_slug=as_str(item, "country"),
                    requested_locale=locale,
                )
                for item in as_mappings(payload, "members")
            ],
            "meetings": [
                Meeting.from_payload(item) for item in as_mappings(payload, "meetings")
            ],
            "body_html": HTML(body) if body is not None else None,
        }
