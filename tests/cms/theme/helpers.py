"""Reading the public HTML: JSON-LD blocks, hreflang links and attributes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(html: str) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, parsed."""
    return [json.loads(block) for block in _JSON_LD.findall(html)]


def ld_of_type(html: str, kind: str) -> dict[str, Any]:
    found = [data for data in json_ld(html) if data.get("@type") == kind]
    assert found, f"no JSON-LD of type {kind} in {json_ld(html)}"
    return found[0]


class Tags(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str, tag_name: str, /, **attrs: str) -> list[dict[str, str]]:
    """Attributes of every ``<tag_name>`` tag having these attribute values."""
    parser = Tags()
    parser.feed(html)
    return [
        found
        for tag, found in parser.tags
        if tag == tag_name and all(found.get(k) == v for k, v in attrs.items())
    ]


def hreflangs(html: str) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in tags(html, "link", rel="alternate")
        if "hreflang" in link
    }


def html_lang(html: str) -> str:
    return tags(html, "html")[0]["lang"]
