"""Expert profiles and expert groups."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.payload import (
    as_date,
    as_int,
    as_mappings,
    as_str,
    as_strs,
)
from graphql_service.common.people import country_in
from graphql_service.common.scalars import HTML
from graphql_service.common.types import Content, Info, Meeting, content_type
from graphql_service.experts.loaders import load_profile
from graphql_service.taxonomy.types import Country
from search.documents import Document

__all__ = ["ExpertGroup", "ExpertProfile", "GroupChair", "GroupMember"]


def _html(payload: Mapping[str, Any], key: str) -> HTML | None:
    value = as_str(payload, key)
    return None if value is None else HTML(value)


@content_type("expert_profile")
@strawberry.type(
    description=(
        "A public profile of an expert (published only with the person's "
        "consent); `image` is the photo."
    )
)
class ExpertProfile(Content):
    name: str = strawberry.field(description="Full name.")
    organisation: str | None = strawberry.field(description="Employer or organisation.")
    position: str | None = strawberry.field(description="Job title.")
    languages: list[str] = strawberry.field(
        description="Languages the expert works in (codes, e.g. da, en)."
    )
    bio_html: HTML | None = strawberry.field(description="Biography.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "name": as_str(payload, "name") or document.title,
            "organisation": as_str(payload, "organisation"),
            "position": as_str(payload, "position"),
            "languages": as_strs(payload, "languages"),
            "bio_html": _html(payload, "bio_html"),
        }


@strawberry.type(description="A member of an expert group.")
class GroupMember:
    name: str = strawberry.field(description="Name of the member.")
    role: str | None = strawberry.field(
        description="Role in the group (chair, member …)."
    )
    country_slug: strawberry.Private[str | None]
    profile_id: strawberry.Private[str | None]
    requested_locale: strawberry.Private[str]

    @resolver(description="Country the member represents.")
    def country(self, info: Info) -> Country | None:
        return country_in(info.context, self.country_slug, self.requested_locale)

    @resolver(description="Public profile of the member, when there is one.")
    async def profile(self, info: Info) -> ExpertProfile | None:
        return await load_profile(info.context, self.profile_id, self.requested_locale)

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], locale: str) -> GroupMember:
        return cls(
            name=as_str(data, "name") or "",
            role=as_str(data, "role"),
            country_slug=as_str(data, "country"),
            profile_id=as_str(data, "profile_id"),
            requested_locale=locale,
        )


@strawberry.type(description="The country (and person) chairing a group in one year.")
class GroupChair:
    year: int | None = strawberry.field(description="Year of the chairmanship.")
    name: str | None = strawberry.field(description="Name of the chair.")
    country_slug: strawberry.Private[str | None]
    profile_id: strawberry.Private[str | None]
    requested_locale: strawberry.Private[str]

    @resolver(description="Country holding the chair.")
    def country(self, info: Info) -> Country | None:
        return country_in(info.context, self.country_slug, self.requested_locale)

    @resolver(description="Public profile of the chair, when there is one.")
    async def profile(self, info: Info) -> ExpertProfile | None:
        return await load_profile(info.context, self.profile_id, self.requested_locale)

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], locale: str) -> GroupChair:
        return cls(
            year=as_int(data, "year"),
            name=as_str(data, "name"),
            country_slug=as_str(data, "country"),
            profile_id=as_str(data, "profile_id"),
            requested_locale=locale,
        )


@content_type("expert_group")
@strawberry.type(description="An expert group of the co-operation programme.")
class ExpertGroup(Content):
    mandate_html: HTML | None = strawberry.field(description="The group's mandate.")
    term_start: date | None = strawberry.field(
        description="Start of the mandate period."
    )
    term_end: date | None = strawberry.field(description="End of the mandate period.")
    chair_rotation: str | None = strawberry.field(
        description="How the chair rotates between the countries."
    )
    meetings_per_year: int | None = strawberry.field(
        description="Number of meetings planned per year."
    )
    members: list[GroupMember] = strawberry.field(description="Members of the group.")
    chairs: list[GroupChair] = strawberry.field(description="Chairs, year by year.")
    meetings: list[Meeting] = strawberry.field(description="Meetings held or planned.")
    body_html: HTML | None = strawberry.field(description="Further description.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "mandate_html": _html(payload, "mandate_html"),
            "term_start": as_date(payload, "term_start"),
            "term_end": as_date(payload, "term_end"),
            "chair_rotation": as_str(payload, "chair_rotation"),
            "meetings_per_year": as_int(payload, "meetings_per_year"),
            "members": [
                GroupMember.from_payload(item, locale)
                for item in as_mappings(payload, "members")
            ],
            "chairs": [
                GroupChair.from_payload(item, locale)
                for item in as_mappings(payload, "chairs")
            ],
            "meetings": [
                Meeting.from_payload(item) for item in as_mappings(payload, "meetings")
            ],
            "body_html": _html(payload, "body_html"),
        }
