"""Turning fetched bytes into normalised entries: RSS and Atom, and JSON Feed 1.x.

feedparser's *bozo* flag marks a feed that was not quite right. A wrong or missing
character-encoding declaration is harmless; damaged XML may hide entries. Both are
accepted with a warning when entries were found; only a clean (or harmlessly
mislabelled) feed may remove items that are missing from it. No entries and a bozo
flag means the address did not return a feed at all.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field

import feedparser
from django.utils.translation import gettext as _

from harvest.choices import SourceKind
from harvest.languages import entry_locale
from harvest.normalise import (
    BODY_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Entry,
    clean_categories,
    clean_text,
    dedupe,
    detail_text,
    html_to_text,
    lead_from_text,
    parse_iso_datetime,
    safe_url,
    stable_key,
    struct_to_datetime,
    truncate,
)

logger = logging.getLogger(__name__)

ACCEPT = {
    SourceKind.FEED: (
        "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
        "text/xml;q=0.9, */*;q=0.1"
    ),
    SourceKind.JSON_FEED: "application/feed+json, application/json;q=0.9, */*;q=0.1",
    SourceKind.SITEMAP: (
        "application/xml, text/xml;q=0.9, application/gzip;q=0.5, */*;q=0.1"
    ),
}

#: bozo exceptions that only say the encoding was declared wrongly (or not at all).
HARMLESS_BOZO = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)


class FeedError(Exception):
    """The response is not a usable feed; the message is shown to staff."""


@dataclass
class ParsedFeed:
    entries: list[Entry]
    #: False when the document was damaged: missing entries may just be unread.
    complete: bool = True
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0


def parse(kind: str, content: bytes, *, url: str, content_type: str) -> ParsedFeed:
    """Entries of a fetched feed. Raises FeedError when it is not a usable feed."""
    if not content.strip():
        raise FeedError(_("The source returned an empty response."))
    if kind == SourceKind.JSON_FEED:
        return parse_json_feed(content, url=url)
    return parse_xml_feed(content, url=url, content_type=content_type)


def _looks_like_html(content: bytes, content_type: str) -> bool:
    head = content[:1024].lstrip().lower()
    return (
        "html" in content_type.lower()
        or head.startswith(b"<!doctype html")
        or head.startswith(b"<html")
    )


def parse_xml_feed(content: bytes, *, url: str, content_type: str) -> ParsedFeed:
    headers = {"content-type": content_type} if content_type else {}
    # BytesIO: feedparser fetches URLs and opens files when given a string.
    parsed = feedparser.parse(
        io.BytesIO(content), response_headers=headers, sanitize_html=True
    )
    problem = parsed.get("bozo_exception") if parsed.bozo else None
    if not parsed.entries:
        if _looks_like_html(content, content_type) and not parsed.version:
            raise FeedError(_("The address returned a web page (HTML), not a feed."))
        if problem is not None or not parsed.version:
            if content.lstrip()[:1] in (b"{", b"["):
                raise FeedError(
                    _("The address returned JSON, not RSS or Atom: is it a JSON Feed?")
                )
            raise FeedError(
                _("The response is not a valid RSS or Atom feed: %(error)s")
                % {"error": problem or _("unknown format")}
            )
        return ParsedFeed(entries=[])  # a valid feed that is empty right now

    result = ParsedFeed(entries=[])
    if problem is not None:
        if isinstance(problem, feedparser.NonXMLContentType):
            result.warnings.append(
                _("The server does not label the feed as XML (read anyway): %(error)s")
                % {"error": problem}
            )
        elif isinstance(problem, HARMLESS_BOZO):
            result.warnings.append(
                _(
                    "The character encoding is declared wrongly or not at all "
                    "(read anyway): %(error)s"
                )
                % {"error": problem}
            )
        else:
            result.complete = False
            result.warnings.append(
                _(
                    "The feed is damaged (%(error)s); %(count)d entries could be "
                    "read. Items missing from it are kept until it is whole again."
                )
                % {"error": problem, "count": len(parsed.entries)}
            )
    home = safe_url(parsed.feed.get("link"), url) or url
    # RSS <language>, dc:language of the channel, xml:lang of the Atom feed.
    feed_language = dict.get(parsed.feed, "language")
    entries = []
    for raw in parsed.entries:
        entry = _xml_entry(raw, base=url, home=home, feed_language=feed_language)
        if entry is None:
            result.skipped += 1
        else:
            entries.append(entry)
    result.entries = dedupe(entries)
    _note_skipped(result)
    return result


def _xml_entry(raw, *, base: str, home: str, feed_language: object) -> Entry | None:
    link = safe_url(raw.get("link"), base)
    if not link:
        for candidate in raw.get("links") or ():
            if candidate.get("rel", "alternate") == "alternate":
                link = safe_url(candidate.get("href"), base)
                if link:
                    break
    own_link = bool(link)
    link = link or home
    content = raw.get("content") or [{}]
    summary_detail = raw.get("summary_detail")
    # Without a summary, feedparser copies the content into "summary" but leaves
    # "summary_detail" out: only a real summary has one.
    summary = ""
    if summary_detail:
        summary = detail_text(
            summary_detail.get("value"), summary_detail.get("type", ""), SUMMARY_MAX
        )
    body_detail = content[0] if content[0].get("value") else summary_detail or {}
    body = detail_text(body_detail.get("value"), body_detail.get("type", ""), BODY_MAX)
    summary = summary or lead_from_text(body)
    title = html_to_text(raw.get("title"), TITLE_MAX) or truncate(summary, 120)
    if not title or not link:
        return None
    # dict.get: feedparser's own get() maps a missing "updated" to "published".
    published = struct_to_datetime(dict.get(raw, "published_parsed"))
    updated = struct_to_datetime(dict.get(raw, "updated_parsed"))
    published = published or updated
    categories = clean_categories(
        tag.get("label") or tag.get("term") for tag in raw.get("tags") or ()
    )
    return Entry(
        key=stable_key(raw.get("id"), link, own_link, title, published),
        title=title,
        summary=summary,
        link=link,
        published_at=published,
        updated_at=updated,
        categories=categories,
        image_url=_xml_image(raw, base),
        own_link=own_link,
        body=body,
        locale=_xml_locale(raw, content[0], feed_language),
    )


def _xml_locale(raw, content: dict, feed_language: object) -> str:
    """dc:language of the entry, then xml:lang of its content, summary or title
    (the entry's own or inherited from the feed), then the feed's language."""
    details = (content, raw.get("summary_detail"), raw.get("title_detail"))
    return entry_locale(
        dict.get(raw, "language"),
        *((detail or {}).get("language") for detail in details),
        feed_language,
    )


def _xml_image(raw, base: str) -> str:
    candidates = []
    for enclosure in raw.get("enclosures") or ():
        if str(enclosure.get("type", "")).startswith("image/"):
            candidates.append(enclosure.get("href"))
    for media in raw.get("media_content") or ():
        if media.get("medium") == "image" or str(media.get("type", "")).startswith(
            "image/"
        ):
            candidates.append(media.get("url"))
    for thumbnail in raw.get("media_thumbnail") or ():
        candidates.append(thumbnail.get("url"))
    for candidate in candidates:
        if url := safe_url(candidate, base):
            return url
    return ""


def parse_json_feed(content: bytes, *, url: str) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, ValueError) as exc:
        head = content[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            raise FeedError(
                _("The address returned a web page (HTML), not a feed.")
            ) from exc
        raise FeedError(
            _("The response is not valid JSON: %(error)s") % {"error": exc}
        ) from exc
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or not version.startswith(
        "https://jsonfeed.org/version/1"
    ):
        raise FeedError(_("The response is JSON but not a JSON Feed (no version)."))
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError(_("The JSON Feed has no list of items."))
    home = safe_url(data.get("home_page_url"), url) or url
    feed_language = data.get("language")
    result = ParsedFeed(entries=[])
    entries = []
    for raw in items:
        entry = (
            _json_entry(raw, base=url, home=home, feed_language=feed_language)
            if isinstance(raw, dict)
            else None
        )
        if entry is None:
            result.skipped += 1
        else:
            entries.append(entry)
    result.entries = dedupe(entries)
    _note_skipped(result)
    return result


def _json_entry(
    raw: dict, *, base: str, home: str, feed_language: object
) -> Entry | None:
    link = safe_url(raw.get("url"), base) or safe_url(raw.get("external_url"), base)
    own_link = bool(link)
    link = link or home
    summary = html_to_text(_str(raw.get("summary")))
    body = html_to_text(_str(raw.get("content_html")), BODY_MAX) or clean_text(
        _str(raw.get("content_text")), BODY_MAX
    )
    body = body or html_to_text(_str(raw.get("summary")), BODY_MAX)
    summary = summary or lead_from_text(body)
    title = html_to_text(_str(raw.get("title")), TITLE_MAX) or truncate(summary, 120)
    if not title or not link:
        return None
    published = parse_iso_datetime(raw.get("date_published"))
    updated = parse_iso_datetime(raw.get("date_modified"))
    published = published or updated
    tags = raw.get("tags")
    image = safe_url(raw.get("image"), base) or safe_url(raw.get("banner_image"), base)
    return Entry(
        key=stable_key(raw.get("id"), link, own_link, title, published),
        title=title,
        summary=summary,
        link=link,
        published_at=published,
        updated_at=updated,
        categories=clean_categories(tags if isinstance(tags, list) else ()),
        image_url=image,
        own_link=own_link,
        body=body,
        # JSON Feed 1.1: an item's language, else the feed's.
        locale=entry_locale(raw.get("language"), feed_language),
    )


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _note_skipped(result: ParsedFeed) -> None:
    if result.skipped:
        result.warnings.append(
            _("%(count)d entries without a title or a web address were skipped.")
            % {"count": result.skipped}
        )
