"""Expert profiles (only with consent) and expert groups."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.html import strip_tags

from experts.models import ExpertGroupIndexPage, ExpertGroupPage, ExpertProfile
from indexing.documents.base import image_info, page_document
from indexing.publicity import page_is_public
from indexing.registry import register
from indexing.text import stream_text
from search.documents import Document


def profile_is_public(profile: ExpertProfile) -> bool:
    """Only with consent, and consent withdrawn in any language hides every version."""
    return ExpertProfile.objects.public().filter(pk=profile.pk).exists()


@register(ExpertProfile, "expert_profile", is_public=profile_is_public)
def expert_profile_to_document(profile: ExpertProfile, version: int) -> Document:
    now = timezone.now()
    bio_text = strip_tags(profile.bio or "")
    return Document(
        id=f"expert_profile:{profile.pk}",
        type="expert_profile",
        locale=profile.locale.language_code,
        translation_key=str(profile.translation_key),
        title=profile.name,
        lead=", ".join(p for p in (profile.position, profile.organisation) if p),
        body=bio_text,
        url_path="",
        published_at=now,
        updated_at=now,
        themes=tuple(sorted(t.slug for t in profile.themes.all())),
        countries=tuple(sorted(c.slug for c in profile.countries.all())),
        image=image_info(profile.photo, profile.locale.language_code),
        version=version,
        payload={
            "name": profile.name,
            "organisation": profile.organisation,
            "position": profile.position,
            "languages": list(profile.languages or []),
            "bio_html": profile.bio or "",
        },
    )


def _meetings(meetings) -> list[dict[str, Any]]:
    return [
        {
            "date": m.date.isoformat(),
            "title": m.title,
            "is_virtual": getattr(m, "is_virtual", getattr(m, "is_online", False)),
            "location": getattr(m, "location", ""),
            "summary": m.summary,
            "minutes_url": m.minutes.url if m.minutes_id else None,
        }
        for m in meetings
    ]


@register(ExpertGroupIndexPage, "expert_group_index", is_public=page_is_public)
def expert_group_index_to_document(
    page: ExpertGroupIndexPage, version: int
) -> Document:
    return page_document(
        page, version, "expert_group_index", body=stream_text(page, "body")
    )


@register(ExpertGroupPage, "expert_group", is_public=page_is_public)
def expert_group_to_document(page: ExpertGroupPage, version: int) -> Document:
    members = []
    for member in page.public_members():  # never anyone without consent
        profile = member.shown_profile
        members.append(
            {
                "profile_id": f"expert_profile:{profile.pk}",
                "name": profile.name,
                "organisation": profile.organisation,
                "role": member.role,
                "country": member.country.slug if member.country_id else None,
            }
        )
    chairs = []
    for chair in page.chairs_by_year():
        shown = chair.shown_chair
        chairs.append(
            {
                "year": chair.year,
                "country": chair.presidency_country.slug,
                "profile_id": f"expert_profile:{shown.pk}" if shown else None,
                "name": shown.name if shown else None,
            }
        )
    names = " ".join(m["name"] for m in members)
    return page_document(
        page,
        version,
        "expert_group",
        body="\n".join(
            filter(
                None, [stream_text(page, "mandate", "body"), page.chair_rotation, names]
            )
        ),
        payload={
            "mandate_html": page.mandate or "",
            "term_start": page.term_start.isoformat(),
            "term_end": page.term_end.isoformat(),
            "chair_rotation": page.chair_rotation,
            "meetings_per_year": page.meetings_per_year,
            "members": members,
            "chairs": chairs,
            "meetings": _meetings(page.meetings.all()),
            "body_html": str(page.body),
        },
    )
