"""Calls for applications (the application form itself stays in the CMS)."""

from __future__ import annotations

from applications.models import CallForApplicationsPage
from indexing.documents.base import page_document
from indexing.publicity import page_is_public
from indexing.registry import register
from indexing.text import stream_text
from search.documents import Document


@register(CallForApplicationsPage, "call_for_applications", is_public=page_is_public)
def call_to_document(page: CallForApplicationsPage, version: int) -> Document:
    return page_document(
        page,
        version,
        "call_for_applications",
        body=stream_text(page, "body", "criteria"),
        date=page.closes_at,
        opens_at=page.opens_at,
        closes_at=page.closes_at,
        payload={
            "opens_at": page.opens_at.isoformat(),
            "closes_at": page.closes_at.isoformat(),
            "selection_by": page.selection_by.isoformat()
            if page.selection_by
            else None,
            "criteria_html": page.criteria,
            "body_html": str(page.body),
            "apply_url": page.get_full_url(),
        },
    )
