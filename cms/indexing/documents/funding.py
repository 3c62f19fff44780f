"""Funding calls and their index."""

from __future__ import annotations

from funding.models import FundingCallPage, FundingIndexPage
from indexing.documents.base import page_document
from indexing.publicity import page_is_public
from indexing.registry import register
from indexing.text import stream_text
from search.documents import Document


def _decimal(value) -> str | None:
    return None if value is None else str(value)


@register(FundingIndexPage, "funding_index", is_public=page_is_public)
def funding_index_to_document(page: FundingIndexPage, version: int) -> Document:
    return page_document(page, version, "funding_index", body=stream_text(page, "body"))


@register(FundingCallPage, "funding_call", is_public=page_is_public)
def funding_call_to_document(page: FundingCallPage, version: int) -> Document:
    return page_document(
        page,
        version,
        "funding_call",
        body=stream_text(page, "who_may_apply", "criteria", "how_to_apply", "body"),
        date=page.closes_at,
        opens_at=page.opens_at,
        closes_at=page.closes_at,
        payload={
            "opens_at": page.opens_at.isoformat(),
            "closes_at": page.closes_at.isoformat(),
            "amount_min": _decimal(page.amount_min),
            "amount_max": _decimal(page.amount_max),
            "currency": page.currency,
            "who_may_apply_html": page.who_may_apply,
            "criteria_html": page.criteria,
            "how_to_apply_html": page.how_to_apply,
            "application_url": page.application_url,
            "contact_email": page.contact_email,
            "body_html": str(page.body),
        },
    )
