"""What a web page says about itself: title, lead, image, language and dates,
and its main text.

Read from Open Graph and article meta tags first, then schema.org JSON-LD, then
the plain HTML (``<title>``, meta description, ``<html lang>``, the first
paragraph). The main text is the article (or main part, or body) without
scripts, styles, navigation, headers, footers, asides and forms. lxml's HTML
parser never loads DTDs or anything from the network.
"""

from __future__ import annotations

import codecs
import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import lxml.etree
import lxml.html
from django.utils.translation import gettext as _

from harvest.normalise import (
    BODY_MAX,
    TITLE_MAX,
    clean_categories,
    clean_text,
    html_to_text,
    parse_iso_datetime,
    safe_url,
)
from harvest.parse import FeedError

ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: A lead taken from the page text when it has no description.
LEAD_MIN = 40
LEAD_MAX = 600

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Where the main text is, best first.
_MAIN_SCOPES = ("//article", "//main", "//*[@role='main']", "//body")
#: Page furniture around the text: menus, banners, sidebars, forms, hidden parts.
_FURNITURE = (
    ".//script | .//style | .//noscript | .//template | .//iframe | .//svg"
    " | .//nav | .//header | .//footer | .//aside | .//form | .//button"
    " | .//select | .//dialog"
    " | .//*[@role='navigation' or @role='banner' or @role='contentinfo'"
    " or @role='complementary' or @role='search']"
    " | .//*[@hidden] | .//*[@aria-hidden='true']"
)
#: schema.org types whose dates are the page's own, best first.
_JSON_LD_TYPES = (
    re.compile(r"Article|BlogPosting|Report|Event"),
    re.compile(r"WebPage|CreativeWork"),
)


@dataclass(frozen=True)
class WebPage:
    title: str
    description: str
    image: str
    language: str
    published: datetime | None
    modified: datetime | None
    categories: tuple[str, ...]
    #: The main text as plain text (at most BODY_MAX characters).
    text: str = ""


def is_html(content: bytes, content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type:
        return media_type in HTML_TYPES
    head = content[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _charset(content: bytes, content_type: str) -> str:
    """The header's charset, else the page's meta charset, else UTF-8 or cp1252."""
    candidates = []
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    if match:
        candidates.append(match.group(1))
    meta = _META_CHARSET.search(content[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    for candidate in candidates:
        try:
            return codecs.lookup(candidate).name
        except LookupError:
            continue
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _parse(content: bytes, content_type: str) -> lxml.html.HtmlElement:
    text = content.decode(_charset(content, content_type), errors="replace")
    text = _XML_DECLARATION.sub("", text)  # lxml refuses it in a str
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FeedError(
            _("The page could not be read as HTML: %(error)s") % {"error": exc}
        ) from exc


def read_page(
    content: bytes, *, url: str, content_type: str, content_language: str = ""
) -> WebPage:
    """The page's metadata and main text. Raises FeedError when it is not a
    readable page. ``content_language`` is the response's Content-Language."""
    if not is_html(content, content_type):
        raise FeedError(
            _("It is not a web page (%(type)s).")
            % {"type": content_type.split(";", 1)[0].strip() or _("unknown type")}
        )
    if not content.strip():
        raise FeedError(_("The page is empty."))
    root = _parse(content, content_type)
    meta = _meta(root)
    linked = _json_ld(root)
    title = (
        _first(meta, "og:title", "twitter:title")
        or clean_text(_str(linked.get("headline")), TITLE_MAX)
        or _element_text(root, "//title")
        or _element_text(root, "//h1")
    )
    description = _first(
        meta, "og:description", "description", "twitter:description", "dc.description"
    ) or clean_text(_str(linked.get("description")))
    return WebPage(
        title=clean_text(title, TITLE_MAX),
        description=description or _lead(root),
        image=_image(root, meta, linked, url),
        language=_language(root, meta) or _header_language(content_language),
        published=_date(meta, linked, "article:published_time", "datePublished"),
        modified=_date(meta, linked, "article:modified_time", "dateModified")
        or parse_iso_datetime(meta.get("og:updated_time", [""])[0]),
        categories=clean_categories(
            [*meta.get("article:section", []), *meta.get("article:tag", [])]
        ),
        text=main_text(root),
    )


def main_text(root: lxml.html.HtmlElement) -> str:
    """The plain text of the page's main part, without the page furniture: the
    first article, main part or body that has a paragraph's worth of text."""
    text = ""
    for scope in _MAIN_SCOPES:
        for found in root.xpath(scope)[:1]:
            main = copy.deepcopy(found)  # the caller's tree keeps its furniture
            for element in main.xpath(_FURNITURE):
                element.drop_tree()
            html = lxml.html.tostring(main, encoding="unicode")
            text = html_to_text(html, BODY_MAX)
            if len(text) >= LEAD_MIN:
                return text
    return text


def _meta(root: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Meta tag contents by lower-case property/name/itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for element in root.iter("meta"):
        key = (
            element.get("property")
            or element.get("name")
            or element.get("itemprop")
            or element.get("http-equiv")
            or ""
        )
        content = element.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def _first(meta: dict[str, list[str]], *keys: str) -> str:
    for key in keys:
        for value in meta.get(key, ()):
            if text := clean_text(value):
                return text
    return ""


def _element_text(root: lxml.html.HtmlElement, path: str) -> str:
    for element in root.xpath(path):
        if text := clean_text(element.text_content(), TITLE_MAX):
            return text
    return ""


def _lead(root: lxml.html.HtmlElement) -> str:
    """The first real paragraph of the article (or main part, or body)."""
    for scope in ("//article", "//main", "//body"):
        for paragraph in root.xpath(f"{scope}//p"):
            text = clean_text(paragraph.text_content(), LEAD_MAX)
            if len(text) >= LEAD_MIN:
                return text
    return ""


def _language(root: lxml.html.HtmlElement, meta: dict[str, list[str]]) -> str:
    language = (
        root.get("lang")
        or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        or _first(meta, "content-language")
        or _first(meta, "og:locale").replace("_", "-")
    )
    return language.strip().lower()[:35]


def _header_language(value: str) -> str:
    """A Content-Language header naming one language ("da, en" names none)."""
    value = value.strip().lower()
    return "" if "," in value else value[:35]


def _image(
    root: lxml.html.HtmlElement, meta: dict[str, list[str]], linked: dict, base: str
) -> str:
    candidates = [
        *meta.get("og:image", []),
        *meta.get("og:image:url", []),
        *meta.get("og:image:secure_url", []),
        *meta.get("twitter:image", []),
        *meta.get("twitter:image:src", []),
        *_json_ld_images(linked.get("image")),
        *(link.get("href", "") for link in root.xpath("//link[@rel='image_src']")),
    ]
    for candidate in candidates:
        if url := safe_url(candidate, base):
            return url
    return ""


def _json_ld_images(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from _json_ld_images(value.get("url"))
    elif isinstance(value, list):
        for item in value[:5]:
            yield from _json_ld_images(item)


def _date(
    meta: dict[str, list[str]], linked: dict, meta_key: str, json_key: str
) -> datetime | None:
    for value in (*meta.get(meta_key, ()), linked.get(json_key)):
        if parsed := parse_iso_datetime(value):
            return parsed
    return None


def _json_ld(root: lxml.html.HtmlElement) -> dict:
    """The page's own schema.org object from its JSON-LD (an article before a
    plain web page), or an empty dict."""
    objects: list[dict] = []
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        objects.extend(_json_ld_objects(data, depth=0))
    for pattern in _JSON_LD_TYPES:
        for candidate in objects:
            kind = candidate.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and pattern.search(k) for k in kinds):
                return candidate
    return {}


def _json_ld_objects(data: object, depth: int) -> Iterator[dict]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _json_ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _json_ld_objects(data.get("@graph"), depth + 1)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
