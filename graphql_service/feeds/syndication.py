"""RSS 2.0 and Atom 1.0 (feedgen) and JSON Feed 1.1 (a typed dict and orjson)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, NotRequired, TypedDict

import orjson
from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from graphql_service.feeds.items import FeedItem

__all__ = [
    "JSON_FEED_VERSION",
    "FeedInfo",
    "JsonFeed",
    "render_atom",
    "render_json",
    "render_rss",
]

JSON_FEED_VERSION: Final = "https://jsonfeed.org/version/1.1"
PUBLISHER: Final = "Integration Norden"
ATOM: Final = "http://www.w3.org/2005/Atom"
#: ``updated`` of a feed without items (a fixed value keeps the body stable).
_EMPTY_UPDATED: Final = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """Feed-level data (every URL absolute)."""

    title: str
    description: str
    self_url: str
    home_url: str
    language: str | None
    updated: datetime | None


def entry_id(item: FeedItem) -> str:
    """Stable id of an entry: the document id as a URN."""
    return f"urn:integrationnorden:{item.id}"


def _generator(
    info: FeedInfo,
    items: Sequence[FeedItem],
    self_type: str,
    *,
    enclosures: bool = True,
) -> Any:
    feed = FeedGenerator()
    feed.id(info.self_url)
    feed.title(info.title)
    feed.subtitle(info.description)
    feed.description(info.description)
    feed.link(href=info.self_url, rel="self", type=self_type)
    feed.link(href=info.home_url, rel="alternate")
    feed.author(name=PUBLISHER)
    feed.generator("Integration Norden Hub")
    if info.language:
        feed.language(info.language)
    feed.updated(info.updated or _EMPTY_UPDATED)
    feed.lastBuildDate(info.updated or _EMPTY_UPDATED)
    for item in items:
        entry = feed.add_entry(order="append")
        entry.id(entry_id(item))
        entry.guid(entry_id(item), permalink=False)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate")
        entry.published(item.published)
        entry.updated(item.updated)
        entry.description(item.summary or item.title)
        entry.summary(item.summary or item.title)
        if item.content_html:
            entry.content(item.content_html, type="html")
        for term, label in item.categories:
            entry.category(term=term, label=label)
        if item.source:
            entry.author(name=item.source)
        if enclosures and item.image is not None:
            entry.enclosure(item.image.url, "0", item.image.media_type)
    return feed


def render_rss(info: FeedInfo, items: Sequence[FeedItem]) -> bytes:
    """RSS 2.0 (dates in RFC 822 with their offsets)."""
    feed = _generator(info, items, "application/rss+xml")
    return bytes(feed.rss_str(pretty=False))


def render_atom(info: FeedInfo, items: Sequence[FeedItem]) -> bytes:
    """Atom 1.0 (dates in RFC 3339)."""
    feed = _generator(info, items, "application/atom+xml", enclosures=False)
    root = etree.fromstring(feed.atom_str(pretty=False))
    # feedgen 1.0 drops rel/type of entry links: add the enclosures here.
    images = {entry_id(item): item.image for item in items}
    for entry in root.iterfind(f"{{{ATOM}}}entry"):
        image = images.get(entry.findtext(f"{{{ATOM}}}id") or "")
        if image is not None:
            etree.SubElement(
                entry,
                f"{{{ATOM}}}link",
                rel="enclosure",
                href=image.url,
                type=image.media_type,
            )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


class JsonAuthor(TypedDict):
    name: str
    url: NotRequired[str]


class JsonAttachment(TypedDict):
    url: str
    mime_type: str


class HubExtension(TypedDict):
    """``_integration_norden``: type, origin and the item's own dates."""

    type: str
    is_external: bool
    source: str | None
    version: int
    start: NotRequired[str]
    end: NotRequired[str]
    opens_at: NotRequired[str]
    closes_at: NotRequired[str]


class JsonItem(TypedDict):
    id: str
    url: str
    external_url: NotRequired[str]
    title: str
    content_html: NotRequired[str]
    content_text: NotRequired[str]
    summary: NotRequired[str]
    image: NotRequired[str]
    date_published: str
    date_modified: str
    authors: NotRequired[list[JsonAuthor]]
    tags: list[str]
    language: str
    attachments: NotRequired[list[JsonAttachment]]
    _integration_norden: HubExtension


class JsonFeed(TypedDict):
    version: str
    title: str
    home_page_url: str
    feed_url: str
    description: str
    language: NotRequired[str]
    authors: list[JsonAuthor]
    items: list[JsonItem]


def _json_item(item: FeedItem) -> JsonItem:
    data: JsonItem = {
        "id": entry_id(item),
        "url": item.url,
        "title": item.title,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "tags": [label for _, label in item.categories],
        "language": item.locale,
        "_integration_norden": {
            "type": item.type,
            "is_external": item.is_external,
            "source": item.source,
            "version": item.version,
        },
    }
    extension = data["_integration_norden"]
    for name, value in item.dates:
        extension[name] = value.isoformat()  # type: ignore[literal-required]
    if item.is_external:
        data["external_url"] = item.url
    if item.content_html:
        data["content_html"] = item.content_html
    else:
        data["content_text"] = item.summary or item.title
    if item.summary:
        data["summary"] = item.summary
    if item.source:
        data["authors"] = [{"name": item.source}]
    if item.image is not None:
        data["image"] = item.image.url
        data["attachments"] = [
            {"url": item.image.url, "mime_type": item.image.media_type}
        ]
    return data


def render_json(info: FeedInfo, items: Sequence[FeedItem]) -> bytes:
    """JSON Feed 1.1."""
    feed: JsonFeed = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.self_url,
        "description": info.description,
        "authors": [{"name": PUBLISHER, "url": info.home_url}],
        "items": [_json_item(item) for item in items],
    }
    if info.language:
        feed["language"] = info.language
    return orjson.dumps(feed)
