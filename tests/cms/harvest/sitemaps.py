"""Sitemaps and web pages for the sitemap tests."""

from __future__ import annotations

URLSET = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:xhtml="http://www.w3.org/1999/xhtml"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
{urls}
</urlset>"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{sitemaps}
</sitemapindex>"""


def url(loc: str, lastmod: str | None = "2024-03-05T10:00:00+01:00", extra="") -> str:
    lastmod_tag = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    return f"<url><loc>{loc}</loc>{lastmod_tag}{extra}</url>"


def urlset(*urls: str) -> bytes:
    return URLSET.format(urls="\n".join(urls)).encode()


def index(*locs: tuple[str, str | None]) -> bytes:
    sitemaps = "\n".join(
        f"<sitemap><loc>{loc}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + "</sitemap>"
        for loc, lastmod in locs
    )
    return INDEX.format(sitemaps=sitemaps).encode()


def page(
    title: str = "Mentors open doors to work",
    *,
    description: str | None = "Volunteer mentors meet newcomers every week.",
    lang: str = "en",
    image: str | None = "/images/mentors.jpg",
    published: str | None = "2024-03-04T08:30:00+01:00",
    head: str = "",
    body: str = "<p>Short.</p>",
) -> bytes:
    tags = [f'<meta property="og:title" content="{title}">']
    if description is not None:
        tags.append(f'<meta property="og:description" content="{description}">')
    if image is not None:
        tags.append(f'<meta property="og:image" content="{image}">')
    if published is not None:
        tags.append(f'<meta property="article:published_time" content="{published}">')
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title} | Partner</title>{''.join(tags)}{head}</head>"
        f"<body><article>{body}</article></body></html>"
    ).encode()
