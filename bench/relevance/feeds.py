"""The collection served as partner feeds from a real HTTP server on loopback.

The documents are dealt over five feeds (three Atom 1.0, one RSS 2.0, one JSON
Feed 1.1) so that every feed mixes languages, as partner feeds do. Each entry
states its own language (``xml:lang`` on an Atom entry, ``dc:language`` on an
RSS item, ``language`` on a JSON Feed item); the feed as a whole states its most
common language, which is also the language the source is registered with.
Every entry has the document's title as title, its first sentence as summary
and its full text as HTML content, and links to a page of its own on the same
server (an HTML page with ``<html lang>``), whose address maps a search result
back to the collection id.
"""

from __future__ import annotations

import html
import json
import re
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import urlsplit
from zlib import crc32

from bench.relevance.collection import CollectionDocument

FeedFormat = Literal["atom", "rss", "json"]

#: The feeds: (file name, format). Documents are dealt over them by a hash of
#: their id, so the split is stable and independent of file order.
FEEDS: tuple[tuple[str, FeedFormat], ...] = (
    ("partner-a.atom", "atom"),
    ("partner-b.atom", "atom"),
    ("partner-c.atom", "atom"),
    ("partner-d.rss", "rss"),
    ("partner-e.json", "json"),
)
CONTENT_TYPES: dict[FeedFormat, str] = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")

ET.register_namespace("", ATOM)
ET.register_namespace("dc", DC)
ET.register_namespace("content", CONTENT)


@dataclass(frozen=True)
class Feed:
    name: str
    format: FeedFormat
    language: str
    documents: tuple[CollectionDocument, ...]


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def text_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def deal(documents: Sequence[CollectionDocument]) -> list[Feed]:
    """Split the documents over :data:`FEEDS`."""
    shares: list[list[CollectionDocument]] = [[] for _ in FEEDS]
    for doc in sorted(documents, key=lambda d: d.id):
        shares[crc32(doc.id.encode()) % len(FEEDS)].append(doc)
    feeds = []
    for (name, kind), share in zip(FEEDS, shares, strict=True):
        languages = Counter(doc.lang for doc in share)
        language = languages.most_common(1)[0][0] if share else "en"
        feeds.append(Feed(name, kind, language, tuple(share)))
    return feeds


class FeedSite:
    """The feeds and one page per entry, with their addresses on ``base``."""

    def __init__(self, documents: Sequence[CollectionDocument], base: str) -> None:
        self.base = base.rstrip("/")
        self.feeds = deal(documents)
        newest = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
        order = sorted(documents, key=lambda d: d.id)
        self._dates = {
            doc.id: newest - timedelta(hours=n) for n, doc in enumerate(order)
        }
        self._by_path: dict[str, tuple[bytes, str]] = {}
        for feed in self.feeds:
            self._by_path[f"/feeds/{feed.name}"] = (
                self._render(feed),
                CONTENT_TYPES[feed.format],
            )
        for doc in documents:
            self._by_path[self.item_path(doc.id)] = (
                _page(doc),
                "text/html; charset=utf-8",
            )

    @staticmethod
    def item_path(doc_id: str) -> str:
        return f"/items/{doc_id}"

    def item_url(self, doc_id: str) -> str:
        return f"{self.base}{self.item_path(doc_id)}"

    def feed_url(self, feed: Feed) -> str:
        return f"{self.base}/feeds/{feed.name}"

    def doc_id_of(self, url: str) -> str | None:
        """The collection id of an entry's address (None for any other address)."""
        path = urlsplit(url).path
        prefix = self.item_path("")
        return path[len(prefix) :] if path.startswith(prefix) else None

    def response(self, path: str) -> tuple[bytes, str] | None:
        return self._by_path.get(urlsplit(path).path)

    def _render(self, feed: Feed) -> bytes:
        if feed.format == "atom":
            return self._atom(feed)
        if feed.format == "rss":
            return self._rss(feed)
        return self._json(feed)

    def _atom(self, feed: Feed) -> bytes:
        root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed.language})
        _sub(root, f"{{{ATOM}}}id", f"{self.feed_url(feed)}")
        _sub(root, f"{{{ATOM}}}title", f"Partner news ({feed.name})")
        _sub(root, f"{{{ATOM}}}updated", self._newest(feed))
        ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=self.feed_url(feed))
        ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=self.base + "/")
        author = ET.SubElement(root, f"{{{ATOM}}}author")
        _sub(author, f"{{{ATOM}}}name", "Partner organisation")
        for doc in feed.documents:
            entry = ET.SubElement(root, f"{{{ATOM}}}entry", {XML_LANG: doc.lang})
            _sub(entry, f"{{{ATOM}}}id", self.item_url(doc.id))
            _sub(entry, f"{{{ATOM}}}title", doc.title, type="text")
            ET.SubElement(
                entry, f"{{{ATOM}}}link", rel="alternate", href=self.item_url(doc.id)
            )
            date = self._dates[doc.id].isoformat()
            _sub(entry, f"{{{ATOM}}}published", date)
            _sub(entry, f"{{{ATOM}}}updated", date)
            _sub(entry, f"{{{ATOM}}}summary", first_sentence(doc.text), type="text")
            _sub(entry, f"{{{ATOM}}}content", text_to_html(doc.text), type="html")
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    def _rss(self, feed: Feed) -> bytes:
        root = ET.Element("rss", version="2.0")
        channel = ET.SubElement(root, "channel")
        _sub(channel, "title", f"Partner news ({feed.name})")
        _sub(channel, "link", self.base + "/")
        _sub(channel, "description", "News and learning examples from a partner")
        _sub(channel, "language", feed.language)
        for doc in feed.documents:
            item = ET.SubElement(channel, "item")
            _sub(item, "title", doc.title)
            _sub(item, "link", self.item_url(doc.id))
            _sub(item, "guid", self.item_url(doc.id), isPermaLink="true")
            _sub(item, "pubDate", _rfc822(self._dates[doc.id]))
            _sub(item, f"{{{DC}}}language", doc.lang)
            _sub(item, "description", first_sentence(doc.text))
            _sub(item, f"{{{CONTENT}}}encoded", text_to_html(doc.text))
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    def _json(self, feed: Feed) -> bytes:
        data = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Partner news ({feed.name})",
            "home_page_url": self.base + "/",
            "feed_url": self.feed_url(feed),
            "language": feed.language,
            "items": [
                {
                    "id": self.item_url(doc.id),
                    "url": self.item_url(doc.id),
                    "title": doc.title,
                    "summary": first_sentence(doc.text),
                    "content_html": text_to_html(doc.text),
                    "date_published": self._dates[doc.id].isoformat(),
                    "language": doc.lang,
                }
                for doc in feed.documents
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    def _newest(self, feed: Feed) -> str:
        dates = [self._dates[doc.id] for doc in feed.documents]
        return max(dates, default=datetime(2025, 1, 1, tzinfo=UTC)).isoformat()


def _sub(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _rfc822(moment: datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(moment, usegmt=True)


def _page(doc: CollectionDocument) -> bytes:
    body = (
        f'<!doctype html><html lang="{doc.lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(doc.title)}</title>"
        f'<meta name="description" content="{html.escape(first_sentence(doc.text))}">'
        f"</head><body><main><article><h1>{html.escape(doc.title)}</h1>"
        f"{text_to_html(doc.text)}</article></main></body></html>"
    )
    return body.encode("utf-8")


class FeedServer:
    """A threaded HTTP server on 127.0.0.1 serving a :class:`FeedSite`."""

    def __init__(self, documents: Sequence[CollectionDocument]) -> None:
        site_holder: list[FeedSite] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                found = site_holder[0].response(self.path)
                if found is None:
                    self.send_error(404)
                    return
                body, content_type = found
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the benchmark's output readable

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self._server.server_address[1])
        self.site = FeedSite(documents, f"http://127.0.0.1:{self.port}")
        site_holder.append(self.site)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
