"""Harvested external items: marked as external, linking to the partner's site."""

from __future__ import annotations

from harvest.models import ExternalItem
from harvest.normalise import truncate
from indexing.registry import register
from search.documents import LOCALES, Document

LEAD_MAX = 300


def external_item_is_public(item: ExternalItem) -> bool:
    """Items of active sources only; deactivating a source hides its items."""
    return item.source.is_active and item.locale in LOCALES and bool(item.link)


@register(ExternalItem, "external", is_public=external_item_is_public)
def external_item_to_document(item: ExternalItem, version: int) -> Document:
    source = item.source
    published = item.published_at or item.first_seen_at
    return Document(
        id=f"external:{item.pk}",
        type="external",
        locale=item.locale,
        title=item.title,
        lead=truncate(item.summary, LEAD_MAX),
        # Items stored before their text was kept have only the summary.
        body=item.body or item.summary,
        url_path=item.link,
        published_at=published,
        updated_at=item.updated_at or published,
        themes=tuple(sorted({t.slug for t in item.themes.all()})),
        countries=tuple(sorted({c.slug for c in item.countries.all()})),
        version=version,
        source=source.name,
        is_external=True,
        payload={
            "source_name": source.name,
            "source_url": source.url,
            "link": item.link,
            "categories": list(item.categories or []),
            "image_url": item.image_url,
        },
    )
