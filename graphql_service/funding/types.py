"""Funding calls and calls for applications."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.payload import as_date, as_datetime, as_decimal, as_str
from graphql_service.common.scalars import HTML
from graphql_service.common.types import Content, Info, content_type
from search.documents import Document

__all__ = ["CallForApplications", "FundingCall"]


def _html(payload: Mapping[str, Any], key: str) -> HTML | None:
    value = as_str(payload, key)
    return None if value is None else HTML(value)


def _is_open(opens: datetime | None, closes: datetime | None, now: datetime) -> bool:
    if opens is None and closes is None:
        return False
    if opens is not None and _aware(opens) > now:
        return False
    return closes is None or _aware(closes) > now


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@content_type("funding_call")
@strawberry.type(description="A call for funding proposals.")
class FundingCall(Content):
    opens_at: datetime | None = strawberry.field(description="When applications open.")
    closes_at: datetime | None = strawberry.field(description="Deadline.")
    amount_min: Decimal | None = strawberry.field(description="Smallest grant.")
    amount_max: Decimal | None = strawberry.field(description="Largest grant.")
    currency: str | None = strawberry.field(description='Currency, e.g. "DKK".')
    who_may_apply_html: HTML | None = strawberry.field(description="Who may apply.")
    criteria_html: HTML | None = strawberry.field(description="Assessment criteria.")
    how_to_apply_html: HTML | None = strawberry.field(description="How to apply.")
    application_url: str | None = strawberry.field(description="Where to apply.")
    contact_email: str | None = strawberry.field(description="Contact for questions.")
    body_html: HTML | None = strawberry.field(description="Further description.")

    @resolver(description="Whether the call is open at the time of the request.")
    def is_open(self, info: Info) -> bool:
        return _is_open(self.opens_at, self.closes_at, info.context.now)

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "opens_at": document.opens_at or as_datetime(payload, "opens_at"),
            "closes_at": document.closes_at or as_datetime(payload, "closes_at"),
            "amount_min": as_decimal(payload, "amount_min"),
            "amount_max": as_decimal(payload, "amount_max"),
            "currency": as_str(payload, "currency"),
            "who_may_apply_html": _html(payload, "who_may_apply_html"),
            "criteria_html": _html(payload, "criteria_html"),
            "how_to_apply_html": _html(payload, "how_to_apply_html"),
            "application_url": as_str(payload, "application_url"),
            "contact_email": as_str(payload, "contact_email"),
            "body_html": _html(payload, "body_html"),
        }


@content_type("call_for_applications")
@strawberry.type(
    description=(
        "A call for applications to the programme (e.g. for an expert forum); "
        "the application form itself is on the hub's site (`applyUrl`)."
    )
)
class CallForApplications(Content):
    opens_at: datetime | None = strawberry.field(description="When applications open.")
    closes_at: datetime | None = strawberry.field(description="Deadline.")
    selection_by: date | None = strawberry.field(
        description="When applicants will hear back."
    )
    criteria_html: HTML | None = strawberry.field(description="Selection criteria.")
    body_html: HTML | None = strawberry.field(description="Description.")
    apply_url: str | None = strawberry.field(description="The application form.")

    @resolver(description="Whether the call is open at the time of the request.")
    def is_open(self, info: Info) -> bool:
        return _is_open(self.opens_at, self.closes_at, info.context.now)

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "opens_at": document.opens_at or as_datetime(payload, "opens_at"),
            "closes_at": document.closes_at or as_datetime(payload, "closes_at"),
            "selection_by": as_date(payload, "selection_by"),
            "criteria_html": _html(payload, "criteria_html"),
            "body_html": _html(payload, "body_html"),
            "apply_url": as_str(payload, "apply_url"),
        }
