"""Shared pieces of the converters: dates, images, URLs, taxonomy, the page base."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from search.documents import Document, ImageInfo, Rendition

logger = logging.getLogger(__name__)

#: Renditions made for every main image: list thumbnails, cards, wide banners.
RENDITION_SPECS = ("fill-400x225", "fill-800x450", "width-1200")


def aware(value: date | datetime | None) -> datetime | None:
    """Dates become midnight in the site's time zone; naive datetimes become aware."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def image_info(image, language: str = "") -> ImageInfo | None:
    """Main image with WebP renditions (made once by Pillow, then reused), its alt
    text in the document's ``language`` (else the image's main alt text)."""
    if image is None:
        return None
    renditions = []
    for spec in RENDITION_SPECS:
        try:
            rendition = image.get_rendition(f"{spec}|format-webp")
        except Exception:
            logger.warning(
                "No %s rendition for image %s", spec, image.pk, exc_info=True
            )
            continue
        renditions.append(
            Rendition(
                spec=spec,
                url=rendition.url,
                width=rendition.width,
                height=rendition.height,
            )
        )
    return ImageInfo(
        alt=(
            image.alt_text_for(language)
            if hasattr(image, "alt_text_for")
            else image.default_alt_text
        ),
        credit=getattr(image, "credit", ""),
        width=image.width,
        height=image.height,
        renditions=tuple(renditions),
    )


def absolute_url(page: Page) -> str:
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, root_url, path = parts
    base = root_url or settings.WAGTAILADMIN_BASE_URL
    return f"{base.rstrip('/')}{path}"


def taxonomy(page) -> dict[str, tuple[str, ...]]:
    return {
        "themes": tuple(sorted(t.slug for t in page.themes.all())),
        "countries": tuple(sorted(c.slug for c in page.countries.all())),
        "goals": tuple(sorted(g.slug for g in page.goals.all())),
    }


def page_document(
    page,
    version: int,
    doc_type: str,
    *,
    body: str = "",
    payload: dict[str, Any] | None = None,
    **fields: Any,
) -> Document:
    """The fields every page document shares; converters add their own."""
    parts = page.get_url_parts()
    published = page.first_published_at or page.last_published_at or timezone.now()
    updated = page.last_published_at or published
    base_payload = {
        "url": absolute_url(page),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
    }
    base_payload.update(payload or {})
    has_taxonomy = hasattr(page, "themes")
    return Document(
        id=f"{doc_type}:{page.pk}",
        type=doc_type,
        locale=page.locale.language_code,
        translation_key=str(page.translation_key),
        title=page.title,
        lead=getattr(page, "lead", "") or "",
        body=body,
        url_path=parts[2] if parts else page.url_path,
        published_at=published,
        updated_at=updated,
        image=image_info(getattr(page, "main_image", None), page.locale.language_code),
        payload=base_payload,
        version=version,
        **(taxonomy(page) if has_taxonomy else {}),
        **fields,
    )
