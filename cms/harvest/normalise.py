"""Feed entries in one shape: plain text, safe absolute links, aware dates, keys."""

from __future__ import annotations

import hashlib
import html
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TITLE_MAX = 500
SUMMARY_MAX = 5000
#: The full text kept for search: long enough for any article, short enough that
#: a runaway page cannot bloat the index.
BODY_MAX = 20_000
#: A lead derived from the text when the entry has no summary of its own.
LEAD_MAX = 300
#: Shorter paragraphs are headings or captions, not the start of the text.
LEAD_MIN = 40
URL_MAX = 1000
CATEGORY_MAX = 100
CATEGORIES_MAX = 20

#: Query parameters that only track clicks; two links differing in them are one.
TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|_hsenc)$", re.I)

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "nav"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LONE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class Entry:
    """One normalised feed entry, ready to become an ExternalItem."""

    key: str
    title: str
    #: The lead: the entry's own summary, else the first sentences of its text.
    summary: str
    link: str
    published_at: datetime | None = None
    updated_at: datetime | None = None
    categories: tuple[str, ...] = ()
    image_url: str = ""
    #: False when the link is the feed's home page (the entry had none of its own).
    own_link: bool = True
    #: The full text as plain text (at most BODY_MAX characters).
    body: str = ""
    #: The hub locale the entry (or its feed or page) states; "" for the source's.
    locale: str = ""

    def content_hash(self) -> str:
        """Changes whenever anything the search document shows changes."""
        data = [
            self.title,
            self.summary,
            self.link,
            _iso(self.published_at),
            _iso(self.updated_at),
            list(self.categories),
            self.image_url,
            self.body,
            self.locale,
        ]
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(value: str | None, limit: int = SUMMARY_MAX) -> str:
    """Plain text of an HTML fragment: tags, scripts and styles gone, entities
    decoded, paragraphs kept as blank-line breaks, at most ``limit`` characters."""
    if not value:
        return ""
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    return clean_text(html.unescape("".join(parser.parts)), limit)


def detail_text(value: str | None, media_type: str, limit: int) -> str:
    """Plain text of a feed text construct: HTML is converted, plain text
    (Atom ``type="text"``) is taken literally so that a "<" stays a "<"."""
    if media_type == "text/plain":
        return clean_text(value, limit)
    return html_to_text(value, limit)


def lead_from_text(text: str, limit: int = LEAD_MAX) -> str:
    """The first sentences of the first real paragraph (not a heading), as many
    as fit in ``limit``."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    if not paragraphs:
        return ""
    paragraph = next((p for p in paragraphs if len(p) >= LEAD_MIN), paragraphs[0])
    lead = ""
    for sentence in _SENTENCE_END.split(paragraph):
        candidate = f"{lead} {sentence}".strip()
        if len(candidate) > limit:
            break
        lead = candidate
    if len(lead) < limit // 3 < len(paragraph):
        return truncate(paragraph, limit)  # a short opener before a long sentence
    return lead


def clean_text(value: str | None, limit: int = SUMMARY_MAX) -> str:
    """Plain text with paragraphs (blank lines) kept and other whitespace collapsed."""
    if not value:
        return ""
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    text = _LONE_BREAK.sub(" ", text)  # line breaks within a paragraph
    return truncate(text, limit)


def truncate(text: str, limit: int) -> str:
    """Cut at a word boundary, adding an ellipsis when anything was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def safe_url(value: str | None, base: str) -> str:
    """An absolute http(s) URL resolved against ``base``; "" for anything else.

    ``javascript:``, ``data:`` and other schemes never reach the public site.
    """
    if not value or not isinstance(value, str):
        return ""
    value = value.strip()
    if not value or _CONTROL.search(value):
        return ""
    value = value.replace(" ", "%20")
    absolute = urljoin(base, value)
    try:
        parts = urlsplit(absolute)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    if len(absolute) > URL_MAX:
        return ""
    return absolute


def canonical_link(url: str) -> str:
    """The same address however it is written: lowercase host, no default port,
    no fragment, no tracking parameters."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not (
        (scheme == "http" and port == 80) or (scheme == "https" and port == 443)
    ):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMS.match(k)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def struct_to_datetime(value: time.struct_time | None) -> datetime | None:
    """feedparser's parsed dates are UTC struct_times."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def parse_iso_datetime(value: object) -> datetime | None:
    """RFC 3339 dates of JSON Feed; dates without an offset are taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        result = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if result.tzinfo is None or result.utcoffset() is None:
        result = result.replace(tzinfo=UTC)
    return result


def clean_categories(values: Iterable[object]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        if not isinstance(value, str):
            continue
        text = html_to_text(value, CATEGORY_MAX)
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
        if len(seen) >= CATEGORIES_MAX:
            break
    return tuple(seen.values())


def stable_key(
    guid: object, link: str, own_link: bool, title: str, date: datetime | None
) -> str:
    """guid/id first, else the canonical link, else a hash of title and date."""
    if isinstance(guid, int | float) and not isinstance(guid, bool):
        guid = str(guid)
    if isinstance(guid, str) and guid.strip():
        return f"id:{guid.strip()}"
    if link and own_link:
        return f"link:{canonical_link(link)}"
    material = f"{title}|{_iso(date)}"
    return "hash:" + hashlib.sha256(material.encode("utf-8")).hexdigest()


def dedupe(entries: Iterable[Entry]) -> list[Entry]:
    """Keep the first entry per key and per link (feeds list the newest first)."""
    keys: set[str] = set()
    links: set[str] = set()
    result = []
    for entry in entries:
        link = canonical_link(entry.link) if entry.own_link else None
        if entry.key in keys or (link is not None and link in links):
            continue
        keys.add(entry.key)
        if link is not None:
            links.add(link)
        result.append(entry)
    return result


def _iso(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat() if value else ""
