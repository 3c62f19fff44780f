"""Idempotent building blocks for demo loaders."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.models import Locale, Page

from core.demo.image_texts import IMAGE_TEXTS
from images.models import CustomImage

P = TypeVar("P", bound=Page)

LANGUAGES = ("en", "da", "nb", "sv", "fi", "is")


@dataclass
class DemoContext:
    """What loaders share: locales, home pages and taxonomy terms by key."""

    locales: dict[str, Locale] = field(default_factory=dict)
    homes: dict[str, Page] = field(default_factory=dict)
    themes: dict[str, dict[str, Any]] = field(default_factory=dict)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    goals: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)

    def terms(self, kind: str, keys: list[str], lang: str) -> list[Any]:
        table = getattr(self, kind)
        return [table[key][lang] for key in keys]


def upsert_page(parent: Page, model: type[P], slug: str, **fields: Any) -> P:
    """Create or update a published child page of ``parent`` with this slug."""
    m2m = {
        k: fields.pop(k) for k in list(fields) if k in ("themes", "countries", "goals")
    }
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    for name, values in m2m.items():
        getattr(page, name).set(values)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def upsert_translation(
    source: P, lang: str, locales: dict[str, Locale], /, **fields: Any
) -> P:
    """Create (linked to ``source``) or update the ``lang`` translation of a page."""
    locale = locales[lang]
    translated = source.get_translation_or_none(locale)
    if translated is None:
        translated = source.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    m2m = {
        k: fields.pop(k) for k in list(fields) if k in ("themes", "countries", "goals")
    }
    for name, value in fields.items():
        setattr(translated, name, value)
    for name, values in m2m.items():
        getattr(translated, name).set(values)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def demo_image(
    key: str,
    title: str,
    alt_text: str,
    credit: str = "Integration Norden",
    colours: tuple[str, str] = ("#005b99", "#7fb8e0"),
    size: tuple[int, int] = (1600, 900),
) -> CustomImage:
    """A gradient picture drawn with Pillow, stored once per key."""
    texts = IMAGE_TEXTS.get(key, {})
    existing = CustomImage.objects.filter(title=title).first()
    if existing is not None:
        if texts and not existing.language_texts:
            existing.language_texts = texts
            existing.save(update_fields=["language_texts"])
        return existing
    width, height = size
    top = PILImage.new("RGB", size, colours[0])
    bottom = PILImage.new("RGB", size, colours[1])
    mask = PILImage.linear_gradient("L").resize(size)
    picture = PILImage.composite(bottom, top, mask)
    draw = ImageDraw.Draw(picture)
    for i in range(6):
        inset = 60 + i * 70
        draw.ellipse(
            (width - inset * 3, inset, width - inset, inset * 3),
            outline=(255, 255, 255),
            width=4,
        )
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    image = CustomImage(
        title=title, alt_text=alt_text, credit=credit, language_texts=texts
    )
    image.file = ImageFile(buffer, name=f"demo-{key}.jpg")
    image.save()
    return image
