"""Expert profiles (only with consent) and expert groups."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import strip_tags

from experts.models import ExpertProfile
from indexing.documents.base import image_info
from indexing.registry import register
from search.documents import Document


def profile_is_public(profile: ExpertProfile) -> bool:
    """Only profiles whose subject consented to publication."""
    return bool(profile.is_public)


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
        image=image_info(profile.photo),
        version=version,
        payload={
            "name": profile.name,
            "organisation": profile.organisation,
            "position": profile.position,
            "languages": list(profile.languages or []),
            "bio_html": profile.bio or "",
        },
    )
