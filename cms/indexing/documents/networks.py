"""Nordic networks and their index."""

from __future__ import annotations

from indexing.documents.base import page_document
from indexing.documents.experts import _meetings
from indexing.publicity import page_is_public
from indexing.registry import register
from indexing.text import stream_text
from networks.models import NetworkIndexPage, NetworkPage
from search.documents import Document


@register(NetworkIndexPage, "network_index", is_public=page_is_public)
def network_index_to_document(page: NetworkIndexPage, version: int) -> Document:
    return page_document(page, version, "network_index", body=stream_text(page, "body"))


@register(NetworkPage, "network", is_public=page_is_public)
def network_to_document(page: NetworkPage, version: int) -> Document:
    members = [  # contact names and e-mails stay in the CMS
        {
            "organisation": m.organisation,
            "country": m.country.slug if m.country_id else None,
            "url": m.url,
        }
        for m in page.members.all()
    ]
    return page_document(
        page,
        version,
        "network",
        body="\n".join(
            filter(
                None,
                [
                    stream_text(page, "purpose", "body"),
                    " ".join(m["organisation"] for m in members),
                ],
            )
        ),
        payload={
            "purpose_html": page.purpose or "",
            "members": members,
            "meetings": _meetings(page.meetings.all()),
            "body_html": str(page.body),
        },
    )
