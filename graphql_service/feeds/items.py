"""What every feed format takes from a document: links, image, categories, text."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Final
from urllib.parse import urljoin

if TYPE_CHECKING:
    from search.documents import Document

__all__ = [
    "DEFAULT_BASE_URL",
    "FeedItem",
    "Namer",
    "base_url",
    "feed_item",
]

DEFAULT_BASE_URL: Final = "http://127.0.0.1:8000"
#: Preferred renditions for enclosures, largest first.
_IMAGE_SPECS: Final = ("width-1200", "fill-800x450", "fill-400x225")
_IMAGE_TYPES: Final = {
    "webp": "image/webp",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "avif": "image/avif",
}

#: Characters XML 1.0 does not allow (lxml refuses them).
_XML_INVALID: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: ``(kind, slug, locale) -> display name`` of a taxonomy term.
Namer = Callable[[str, str, str], str]


def base_url() -> str:
    """Public site address (``HUB_PUBLIC_BASE_URL``) without a trailing slash."""
    value = os.environ.get("HUB_PUBLIC_BASE_URL", "") or DEFAULT_BASE_URL
    return value.rstrip("/")


def absolute(url: str, base: str) -> str:
    """``url`` made absolute against ``base`` (absolute URLs stay as they are)."""
    if url.startswith(("http://", "https://")):
        return url
    return urljoin(base + "/", url)


@dataclass(frozen=True, slots=True)
class Image:
    url: str
    media_type: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True, slots=True)
class FeedItem:
    """A document seen as a feed entry (every URL absolute)."""

    id: str
    type: str
    locale: str
    title: str
    url: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    categories: tuple[tuple[str, str], ...]
    image: Image | None
    is_external: bool
    source: str | None
    version: int
    dates: tuple[tuple[str, datetime], ...] = ()


def clean(text: str) -> str:
    """``text`` without characters XML cannot carry."""
    return _XML_INVALID.sub("", text)


def _media_type(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0]
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return _IMAGE_TYPES.get(extension, "image/jpeg")


def _image(document: Document, base: str) -> Image | None:
    info = document.image
    if info is not None and info.renditions:
        chosen = next(
            (r for spec in _IMAGE_SPECS if (r := info.rendition(spec)) is not None),
            info.renditions[0],
        )
        url = absolute(chosen.url, base)
        return Image(url, _media_type(url), chosen.width, chosen.height, info.alt)
    raw = document.payload.get("image_url")
    if isinstance(raw, str) and raw.startswith(("http://", "https://")):
        return Image(raw, _media_type(raw), 0, 0, "")
    return None


def item_url(document: Document, base: str) -> str:
    """Absolute URL of the item: the indexed one, else the base plus the path."""
    for key in ("url", "link"):
        value = document.payload.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return absolute(document.url_path or "/", base)


def _content_html(document: Document) -> str:
    value = document.payload.get("body_html")
    return value if isinstance(value, str) else ""


def categories(document: Document, namer: Namer) -> tuple[tuple[str, str], ...]:
    """``(term, label)`` pairs: themes, then ``external`` and the source."""
    result = [
        (slug, clean(namer("theme", slug, document.locale))) for slug in document.themes
    ]
    if document.is_external:
        result.append(("external", "External"))
        source = _source(document)
        if source:
            result.append((f"source:{clean(source)}", clean(source)))
    return tuple(result)


def _source(document: Document) -> str | None:
    name = document.payload.get("source_name")
    if isinstance(name, str) and name:
        return name
    return document.source


def _external_source(document: Document) -> str | None:
    if not document.is_external:
        return None
    return clean(_source(document) or "") or None


def feed_item(document: Document, base: str, namer: Namer) -> FeedItem:
    """The entry for ``document``."""
    return FeedItem(
        id=document.id,
        type=document.type,
        locale=document.locale,
        title=clean(document.title),
        url=item_url(document, base),
        summary=clean(document.lead),
        content_html=clean(_content_html(document)),
        published=document.published_at,
        updated=document.updated_at,
        categories=categories(document, namer),
        image=_image(document, base),
        is_external=document.is_external,
        source=_external_source(document),
        version=document.version,
        dates=tuple(
            (name, value)
            for name in ("start", "end", "opens_at", "closes_at")
            if (value := getattr(document, name)) is not None
        ),
    )


def newest(items: Sequence[FeedItem]) -> datetime | None:
    """Latest ``updated`` of the items (``None`` for none)."""
    return max((item.updated for item in items), default=None)
