"""Events (conferences, seminars, webinars) with their programme and speakers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.payload import (
    as_bool,
    as_date,
    as_datetime,
    as_int,
    as_mapping,
    as_mappings,
    as_str,
)
from graphql_service.common.people import country_in
from graphql_service.common.scalars import HTML
from graphql_service.common.types import Attachment, Content, Info, content_type
from graphql_service.experts.loaders import load_profile
from graphql_service.experts.types import ExpertProfile
from graphql_service.taxonomy.types import Country
from search.documents import Document

__all__ = [
    "Event",
    "Organiser",
    "Participant",
    "ProgrammeSession",
    "Registration",
    "Venue",
]


def _html(payload: Mapping[str, Any], key: str) -> HTML | None:
    value = as_str(payload, key)
    return None if value is None else HTML(value)


def _time(data: Mapping[str, Any], key: str) -> time | None:
    value = as_str(data, key)
    if value is None:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        return None


@strawberry.type(description="Where an event takes place.")
class Venue:
    name: str | None = strawberry.field(description="Name of the venue.")
    street_address: str | None = strawberry.field(description="Street and number.")
    city: str | None = strawberry.field(description="City.")
    country_slug: strawberry.Private[str | None]
    requested_locale: strawberry.Private[str]

    @resolver(description="Country of the venue.")
    def country(self, info: Info) -> Country | None:
        return country_in(info.context, self.country_slug, self.requested_locale)


@strawberry.type(
    description="A speaker or moderator, linked to a public profile if any."
)
class Participant:
    name: str = strawberry.field(description="Name as printed in the programme.")
    organisation: str | None = strawberry.field(description="Organisation.")
    profile_id: strawberry.Private[str | None]
    requested_locale: strawberry.Private[str]

    @resolver(
        description="The participant's expert profile, when the programme links one."
    )
    async def profile(self, info: Info) -> ExpertProfile | None:
        return await load_profile(info.context, self.profile_id, self.requested_locale)

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], locale: str) -> Participant:
        return cls(
            name=as_str(data, "name") or "",
            organisation=as_str(data, "organisation"),
            profile_id=as_str(data, "profile_id"),
            requested_locale=locale,
        )


@strawberry.type(description="One session of an event's programme.")
class ProgrammeSession:
    date: date | None = strawberry.field(description="Day of the session.")
    start_time: time | None = strawberry.field(
        description="Start (local time of the event)."
    )
    end_time: time | None = strawberry.field(
        description="End (local time of the event)."
    )
    title: str = strawberry.field(description="Title of the session.")
    description_html: HTML | None = strawberry.field(description="What happens.")
    speakers: list[Participant] = strawberry.field(description="Speakers.")
    moderators: list[Participant] = strawberry.field(description="Moderators.")

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], locale: str) -> ProgrammeSession:
        return cls(
            date=as_date(data, "date"),
            start_time=_time(data, "start_time"),
            end_time=_time(data, "end_time"),
            title=as_str(data, "title") or "",
            description_html=_html(data, "description_html"),
            speakers=[
                Participant.from_payload(item, locale)
                for item in as_mappings(data, "speakers")
            ],
            moderators=[
                Participant.from_payload(item, locale)
                for item in as_mappings(data, "moderators")
            ],
        )


@strawberry.type(description="An organiser of an event.")
class Organiser:
    name: str = strawberry.field(description="Name of the organisation.")
    url: str | None = strawberry.field(description="Its website.")


@strawberry.type(description="Sign-up for an event.")
class Registration:
    enabled: bool = strawberry.field(description="Whether people can sign up here.")
    opens_at: datetime | None = strawberry.field(description="When sign-up opens.")
    closes_at: datetime | None = strawberry.field(description="When sign-up closes.")
    capacity: int | None = strawberry.field(description="Number of places.")
    waiting_list: bool = strawberry.field(description="Whether a waiting list is kept.")

    @resolver(description="Whether sign-up is open at the time of the request.")
    def is_open(self, info: Info) -> bool:
        now = info.context.now
        if not self.enabled:
            return False
        if self.opens_at is not None and _aware(self.opens_at) > now:
            return False
        return self.closes_at is None or _aware(self.closes_at) > now


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        from datetime import UTC

        return value.replace(tzinfo=UTC)
    return value


@content_type("event")
@strawberry.type(description="A conference, seminar, webinar or network meeting.")
class Event(Content):
    kind: str | None = strawberry.field(
        description="Kind of event as the CMS records it (conference, seminar …)."
    )
    start: datetime | None = strawberry.field(description="Start.")
    end: datetime | None = strawberry.field(description="End.")
    time_zone: str | None = strawberry.field(
        description='Time zone of the programme times, e.g. "Europe/Oslo".'
    )
    venue: Venue | None = strawberry.field(
        description="Venue (null for online events)."
    )
    online_url: str | None = strawberry.field(description="Link to follow it online.")
    programme: list[ProgrammeSession] = strawberry.field(description="The programme.")
    organisers: list[Organiser] = strawberry.field(description="Organisers.")
    documents: list[Attachment] = strawberry.field(
        description="Presentations and other documents."
    )
    recording_url: str | None = strawberry.field(description="Recording, afterwards.")
    is_cancelled: bool = strawberry.field(description="Whether it was cancelled.")
    registration: Registration | None = strawberry.field(description="Sign-up.")
    body_html: HTML | None = strawberry.field(description="Description.")

    @resolver(description="Whether the event has not ended at the time of the request.")
    def is_upcoming(self, info: Info) -> bool:
        until = self.end or self.start
        return until is not None and _aware(until) > info.context.now

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        venue_data = as_mapping(payload, "venue")
        registration = as_mapping(payload, "registration")
        return {
            "kind": as_str(payload, "kind"),
            "start": document.start or as_datetime(payload, "start"),
            "end": document.end or as_datetime(payload, "end"),
            "time_zone": as_str(payload, "time_zone"),
            "venue": Venue(
                name=as_str(venue_data, "name"),
                street_address=as_str(venue_data, "street_address"),
                city=as_str(venue_data, "city"),
                country_slug=as_str(venue_data, "country"),
                requested_locale=locale,
            )
            if venue_data
            else None,
            "online_url": as_str(payload, "online_url"),
            "programme": [
                ProgrammeSession.from_payload(item, locale)
                for item in as_mappings(payload, "programme")
            ],
            "organisers": [
                Organiser(name=as_str(item, "name") or "", url=as_str(item, "url"))
                for item in as_mappings(payload, "organisers")
            ],
            "documents": [
                Attachment.from_payload(item)
                for item in as_mappings(payload, "documents")
            ],
            "recording_url": as_str(payload, "recording_url"),
            "is_cancelled": bool(as_bool(payload, "is_cancelled")),
            "registration": Registration(
                enabled=bool(as_bool(registration, "enabled")),
                opens_at=as_datetime(registration, "opens_at"),
                closes_at=as_datetime(registration, "closes_at"),
                capacity=as_int(registration, "capacity"),
                waiting_list=bool(as_bool(registration, "waiting_list")),
            )
            if registration
            else None,
            "body_html": _html(payload, "body_html"),
        }
