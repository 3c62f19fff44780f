"""Taxonomy terms, so that partners can list and label themes, countries and goals."""

from __future__ import annotations

from django.utils import timezone

from core.models import Country, Theme, VisionGoal
from indexing.registry import register
from search.documents import Document


def _term_document(term, version: int, doc_type: str, payload: dict) -> Document:
    now = timezone.now()
    return Document(
        id=f"{doc_type}:{term.pk}",
        type=doc_type,
        locale=term.locale.language_code,
        translation_key=str(term.translation_key),
        title=term.name,
        published_at=now,
        updated_at=now,
        version=version,
        payload={"slug": term.slug, "name": term.name, **payload},
    )


def always_public(obj) -> bool:
    return True


@register(Theme, "theme", is_public=always_public)
def theme_to_document(theme: Theme, version: int) -> Document:
    return _term_document(theme, version, "theme", {"description": theme.description})


@register(Country, "country", is_public=always_public)
def country_to_document(country: Country, version: int) -> Document:
    return _term_document(
        country, version, "country", {"code": country.code, "kind": country.kind}
    )


@register(VisionGoal, "goal", is_public=always_public)
def goal_to_document(goal: VisionGoal, version: int) -> Document:
    return _term_document(
        goal, version, "goal", {"number": goal.number, "description": goal.description}
    )
