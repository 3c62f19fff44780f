"""Reading sitemaps (https://www.sitemaps.org/protocol.html) safely.

defusedxml refuses DTDs outright: a sitemap never needs one, and entity tricks
(billion laughs, external entities) live there. Gzipped sitemaps (``.xml.gz``
without a Content-Encoding header) are unpacked within the size limit. Besides
``<loc>`` and ``<lastmod>``, the Google News (title, language, publication date),
image and ``xhtml:link`` hreflang extensions are read.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree
from django.utils.translation import gettext as _

from harvest.fetch import max_bytes, too_large_message
from harvest.normalise import TITLE_MAX, clean_text, parse_iso_datetime, safe_url
from harvest.parse import FeedError

XHTML_NS = "http://www.w3.org/1999/xhtml"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class SitemapURL:
    """One ``<url>`` of a urlset."""

    loc: str
    lastmod: datetime | None = None
    #: hreflang → address, from ``xhtml:link rel="alternate"``.
    alternates: dict[str, str] = field(default_factory=dict)
    news_title: str = ""
    news_language: str = ""
    news_published: datetime | None = None
    image: str = ""

    @property
    def date(self) -> datetime | None:
        """What "most recent" sorts by."""
        return self.news_published or self.lastmod

    @property
    def language(self) -> str:
        """The page's language as the sitemap states it ("" when it does not)."""
        if self.news_language:
            return self.news_language
        for hreflang, href in self.alternates.items():
            if href == self.loc and hreflang != "x-default":
                return hreflang
        return ""


@dataclass(frozen=True)
class SitemapRef:
    """One ``<sitemap>`` of a sitemap index."""

    loc: str
    lastmod: datetime | None = None

    @property
    def date(self) -> datetime | None:
        return self.lastmod


@dataclass
class Sitemap:
    urls: list[SitemapURL] = field(default_factory=list)
    #: Non-empty for a sitemap index.
    sitemaps: list[SitemapRef] = field(default_factory=list)
    is_index: bool = False
    skipped: int = 0


def _local(tag: object) -> str:
    """The element name without its namespace (sitemaps use several)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: object) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and "}" in tag else ""


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _child(element: Element, name: str) -> Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def gunzip(content: bytes, limit: int) -> bytes:
    """Unpack a gzipped body, reading at most ``limit`` bytes of output."""
    decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        data = decoder.decompress(content, limit + 1)
    except zlib.error as exc:
        raise FeedError(
            _("The gzipped sitemap is damaged: %(error)s") % {"error": exc}
        ) from exc
    if len(data) > limit:
        raise FeedError(too_large_message(limit))
    if not decoder.eof:
        raise FeedError(
            _("The gzipped sitemap is damaged: %(error)s")
            % {"error": _("it ends too early")}
        )
    return data


def parse_sitemap(content: bytes, *, url: str) -> Sitemap:
    """A urlset or a sitemap index. Raises FeedError when it is neither."""
    if content.startswith(GZIP_MAGIC):
        content = gunzip(content, max_bytes())
    if not content.strip():
        raise FeedError(_("The source returned an empty response."))
    head = content[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise FeedError(_("The address returned a web page (HTML), not a sitemap."))
    try:
        root = defusedxml.ElementTree.fromstring(content, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise FeedError(
            _("The sitemap uses XML features that are refused for safety (%(error)s).")
            % {"error": type(exc).__name__}
        ) from exc
    except ParseError as exc:
        raise FeedError(
            _("The sitemap is not valid XML: %(error)s") % {"error": exc}
        ) from exc
    name = _local(root.tag)
    if name == "sitemapindex":
        return _parse_index(root, url)
    if name == "urlset":
        return _parse_urlset(root, url)
    if name in ("rss", "feed", "RDF"):
        raise FeedError(
            _(
                "The address returned a feed, not a sitemap: choose the kind "
                "'RSS or Atom feed'."
            )
        )
    raise FeedError(
        _("The response is XML but not a sitemap (its root element is <%(name)s>).")
        % {"name": name[:40]}
    )


def _parse_index(root: Element, base: str) -> Sitemap:
    result = Sitemap(is_index=True)
    for element in root:
        if _local(element.tag) != "sitemap":
            continue
        loc = safe_url(_text(_child(element, "loc")), base)
        if not loc:
            result.skipped += 1
            continue
        lastmod = parse_iso_datetime(_text(_child(element, "lastmod")))
        result.sitemaps.append(SitemapRef(loc=loc, lastmod=lastmod))
    return result


def _parse_urlset(root: Element, base: str) -> Sitemap:
    result = Sitemap()
    for element in root:
        if _local(element.tag) != "url":
            continue
        entry = _parse_url(element, base)
        if entry is None:
            result.skipped += 1
        else:
            result.urls.append(entry)
    return result


def _parse_url(element: Element, base: str) -> SitemapURL | None:
    loc = safe_url(_text(_child(element, "loc")), base)
    if not loc:
        return None
    alternates: dict[str, str] = {}
    news_title = news_language = image = ""
    news_published = None
    for child in element:
        name = _local(child.tag)
        if name == "link" and _namespace(child.tag) == XHTML_NS:
            href = safe_url(child.get("href"), base)
            hreflang = (child.get("hreflang") or "").strip().lower()
            if child.get("rel") == "alternate" and href and hreflang:
                alternates.setdefault(hreflang, href)
        elif name == "news":
            news_title = clean_text(_text(_child(child, "title")), TITLE_MAX)
            published = _text(_child(child, "publication_date"))
            news_published = parse_iso_datetime(published)
            publication = _child(child, "publication")
            if publication is not None:
                news_language = _text(_child(publication, "language")).lower()
        elif name == "image" and not image:
            image = safe_url(_text(_child(child, "loc")), base)
    return SitemapURL(
        loc=loc,
        lastmod=parse_iso_datetime(_text(_child(element, "lastmod"))),
        alternates=alternates,
        news_title=news_title,
        news_language=news_language,
        news_published=news_published,
        image=image,
    )
