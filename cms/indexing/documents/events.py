"""Events (conferences, seminars, webinars, network meetings) and their index."""

from __future__ import annotations

from typing import Any

from events.blocks import public_profile
from events.models import EventIndexPage, EventPage
from indexing.documents.base import page_document
from indexing.publicity import page_is_public
from indexing.registry import register
from indexing.text import stream_text
from search.documents import Document


def _participants(stream, locale) -> list[dict[str, Any]]:
    people = []
    for child in stream or []:
        if child.block_type == "person":
            people.append(
                {
                    "name": child.value["name"],
                    "organisation": child.value["organisation"] or "",
                    "profile_id": None,
                }
            )
            continue
        profile = public_profile(child.value, locale)
        if profile is not None:  # a profile without consent is left out entirely
            people.append(
                {
                    "name": profile.name,
                    "organisation": profile.organisation,
                    "profile_id": f"expert_profile:{profile.pk}",
                }
            )
    return people


def _programme(page: EventPage) -> list[dict[str, Any]]:
    sessions = []
    for block in page.programme:
        value = block.value
        sessions.append(
            {
                "date": value["date"].isoformat() if value.get("date") else None,
                "start_time": value["start_time"].isoformat()
                if value.get("start_time")
                else None,
                "end_time": value["end_time"].isoformat()
                if value.get("end_time")
                else None,
                "title": value["title"],
                "description_html": str(value.get("description") or ""),
                "speakers": _participants(value.get("speakers"), page.locale),
                "moderators": _participants(value.get("moderators"), page.locale),
            }
        )
    return sessions


@register(EventIndexPage, "event_index", is_public=page_is_public)
def event_index_to_document(page: EventIndexPage, version: int) -> Document:
    return page_document(page, version, "event_index")


@register(EventPage, "event", is_public=page_is_public)
def event_to_document(page: EventPage, version: int) -> Document:
    programme = _programme(page)
    people = " ".join(
        p["name"] for s in programme for p in s["speakers"] + s["moderators"]
    )
    return page_document(
        page,
        version,
        "event",
        body="\n".join(filter(None, [stream_text(page, "body", "programme"), people])),
        date=page.start,
        start=page.start,
        end=page.end,
        payload={
            "kind": page.kind,
            "start": page.start.isoformat(),
            "end": page.end.isoformat(),
            "time_zone": page.time_zone,
            "venue": {
                "name": page.venue_name,
                "street_address": page.street_address,
                "city": page.city,
                "country": page.country.slug if page.country else None,
            },
            "online_url": page.online_link,
            "programme": programme,
            "organisers": [
                {"name": b.value["name"], "url": b.value.get("url") or ""}
                for b in page.organisers
            ],
            "documents": [
                {
                    "title": b.value.get("title") or b.value["document"].title,
                    "url": b.value["document"].url,
                    "file_type": b.value["document"].file_extension.lower(),
                }
                for b in page.documents
                if b.value.get("document")
            ],
            "recording_url": page.recording_link,
            "is_cancelled": page.is_cancelled,
            "registration": {
                "enabled": page.registration_enabled,
                "opens_at": page.registration_opens.isoformat()
                if page.registration_opens
                else None,
                "closes_at": page.registration_closes_at.isoformat(),
                "capacity": page.capacity,
                "waiting_list": page.waiting_list_enabled,
            },
            "body_html": str(page.body),
        },
    )
