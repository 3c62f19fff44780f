"""A sitemap source: the sitemap (or an index and its sitemaps), then the most
recent pages it lists, each read for its title, lead, image, language and dates.

Pages are fetched like feeds (checked and pinned addresses, size and time
limits). A page whose ``<lastmod>`` equals the stored item's is not fetched
again. A page that cannot be read becomes a warning and keeps its stored item,
if any; only when no page at all can be read does the source fail. Pages in
another language than the source's are left out when the sitemap or the page
(``lang``, ``og:locale``, Content-Language) says so; the source's language
selects one language version of a multilingual site.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from harvest.choices import SourceKind
from harvest.fetch import FetchError, FetchResult, fetch
from harvest.languages import entry_locale, hub_locale
from harvest.models import ExternalItem, ExternalSource
from harvest.normalise import Entry, canonical_link, dedupe, stable_key
from harvest.parse import ACCEPT, FeedError, ParsedFeed
from harvest.sitemap import Sitemap, SitemapRef, SitemapURL, parse_sitemap
from harvest.webpage import ACCEPT as PAGE_ACCEPT
from harvest.webpage import WebPage, read_page

Dated = TypeVar("Dated", SitemapURL, SitemapRef)

DEFAULT_MAX_PAGES = 50
DEFAULT_MAX_SITEMAPS = 10
DEFAULT_BUDGET = 120.0
#: Page problems listed one by one in the source's warning; the rest are counted.
LISTED_PROBLEMS = 5


def max_pages() -> int:
    return int(getattr(settings, "HARVEST_SITEMAP_MAX_PAGES", DEFAULT_MAX_PAGES))


def max_sitemaps() -> int:
    return int(getattr(settings, "HARVEST_SITEMAP_MAX_SITEMAPS", DEFAULT_MAX_SITEMAPS))


def budget_seconds() -> float:
    return float(getattr(settings, "HARVEST_SITEMAP_BUDGET", DEFAULT_BUDGET))


@dataclass
class SitemapRun:
    parsed: ParsedFeed
    #: False when the next run must fetch the sitemap again even if it is
    #: unchanged (an index, pages that failed or were not reached).
    cacheable: bool = True


@dataclass
class _Pages:
    entries: list[Entry] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    other_language: int = 0
    not_reached: int = 0


def read_sitemap_source(
    client: httpx.Client, source: ExternalSource, fetched: FetchResult
) -> SitemapRun:
    """Entries for the most recent pages of a fetched sitemap. Raises FeedError
    (or FetchError) when there is nothing usable at all."""
    sitemap = parse_sitemap(fetched.content, url=fetched.url)
    warnings: list[str] = []
    complete = True
    urls = sitemap.urls
    skipped = sitemap.skipped
    if sitemap.is_index:
        urls, index_warnings, complete, more_skipped = _read_index(client, sitemap)
        warnings += index_warnings
        skipped += more_skipped
    if skipped:
        warnings.append(
            ngettext(
                "%(count)d sitemap entry without a valid address was skipped.",
                "%(count)d sitemap entries without a valid address were skipped.",
                skipped,
            )
            % {"count": skipped}
        )
    own, foreign = _split_by_host(urls, fetched.url, source.url)
    if foreign:
        warnings.append(
            ngettext(
                "%(count)d address on another host than the sitemap's was skipped.",
                "%(count)d addresses on other hosts than the sitemap's were skipped.",
                foreign,
            )
            % {"count": foreign}
        )
    wanted = [url for url in own if same_language(url.language, source.locale)]
    other_language = len(own) - len(wanted)
    pages = _read_pages(client, source, newest(wanted, max_pages()))
    other_language += pages.other_language
    if not pages.entries and pages.problems:
        raise FeedError(
            ngettext(
                "The page could not be read: %(problems)s",
                "None of the %(count)d pages could be read:\n%(problems)s",
                len(pages.problems),
            )
            % {"count": len(pages.problems), "problems": _problems(pages.problems)}
        )
    if pages.problems:
        warnings.append(
            ngettext(
                "%(count)d page could not be read: %(problems)s",
                "%(count)d pages could not be read:\n%(problems)s",
                len(pages.problems),
            )
            % {"count": len(pages.problems), "problems": _problems(pages.problems)}
        )
    if pages.not_reached:
        warnings.append(
            ngettext(
                "Reading pages took longer than %(seconds)g seconds; %(count)d page "
                "follows in the next run.",
                "Reading pages took longer than %(seconds)g seconds; %(count)d pages "
                "follow in the next run.",
                pages.not_reached,
            )
            % {"seconds": budget_seconds(), "count": pages.not_reached}
        )
    if other_language and not pages.entries:
        warnings.append(
            _(
                "All %(count)d pages are in another language than the source's "
                "(%(language)s); none was taken."
            )
            % {"count": other_language, "language": source.locale}
        )
    parsed = ParsedFeed(
        entries=dedupe(pages.entries),
        complete=complete,
        warnings=warnings,
        skipped=skipped + foreign + other_language,
    )
    cacheable = not sitemap.is_index and not pages.problems and not pages.not_reached
    return SitemapRun(parsed=parsed, cacheable=cacheable)


def _read_index(
    client: httpx.Client, index: Sitemap
) -> tuple[list[SitemapURL], list[str], bool, int]:
    """The URLs of the index's most recent sitemaps (one level deep)."""
    if not index.sitemaps:
        raise FeedError(_("The sitemap index lists no sitemaps."))
    refs = newest(index.sitemaps, max_sitemaps())
    urls: list[SitemapURL] = []
    warnings: list[str] = []
    problems: list[tuple[str, str]] = []
    skipped = index.skipped
    for ref in refs:
        try:
            fetched = fetch(client, ref.loc, accept=ACCEPT[SourceKind.SITEMAP])
            child = parse_sitemap(fetched.content, url=fetched.url)
        except (FetchError, FeedError) as exc:
            problems.append((ref.loc, str(exc)))
            continue
        if child.is_index:
            warnings.append(
                _("%(url)s is a sitemap index itself; it was not followed.")
                % {"url": ref.loc}
            )
            continue
        urls.extend(child.urls)
        skipped += child.skipped
    if problems and len(problems) == len(refs):
        raise FeedError(
            _("None of the sitemaps in the index could be read. %(problems)s")
            % {"problems": _problems(problems)}
        )
    if problems:
        # Items of an unreadable sitemap may still be there: keep them.
        warnings.append(
            _("Some sitemaps could not be read; their items are kept. %(problems)s")
            % {"problems": _problems(problems)}
        )
    return urls, warnings, not problems, skipped


def _read_pages(
    client: httpx.Client, source: ExternalSource, urls: list[SitemapURL]
) -> _Pages:
    result = _Pages()
    stored = {canonical_link(item.link): item for item in source.items.all()}
    deadline = time.monotonic() + budget_seconds()
    for url in urls:
        item = stored.get(canonical_link(url.loc))
        if item is not None and _unchanged(item, url):
            result.entries.append(entry_from_item(item))  # not fetched again
            continue
        if time.monotonic() > deadline:
            result.not_reached += 1
            if item is not None:
                result.entries.append(entry_from_item(item))
            continue
        try:
            fetched = fetch(client, url.loc, accept=PAGE_ACCEPT)
            page = read_page(
                fetched.content,
                url=fetched.url,
                content_type=fetched.content_type,
                content_language=fetched.content_language,
            )
            entry = page_entry(url, page)
        except (FetchError, FeedError) as exc:
            result.problems.append((url.loc, str(exc)))
            if item is not None:
                result.entries.append(entry_from_item(item))
            continue
        if not same_language(page.language, source.locale):
            result.other_language += 1
        else:
            result.entries.append(entry)
    return result


def _unchanged(item: ExternalItem, url: SitemapURL) -> bool:
    """Same lastmod, and stored as this version of the harvester stores pages
    (an item stored before pages kept their text is read once more)."""
    return (
        url.lastmod is not None
        and item.updated_at == url.lastmod
        and entry_from_item(item).content_hash() == item.content_hash
    )


def page_entry(url: SitemapURL, page: WebPage) -> Entry:
    """The entry for one page; its address is the sitemap's ``<loc>``."""
    title = page.title or url.news_title
    if not title:
        raise FeedError(_("The page has no title."))
    published = page.published or url.news_published or url.lastmod
    return Entry(
        key=stable_key(None, url.loc, True, title, published),
        title=title,
        summary=page.description,
        link=url.loc,
        published_at=published,
        # The sitemap's lastmod first: it tells the next run whether to fetch.
        updated_at=url.lastmod or page.modified,
        categories=page.categories,
        image_url=page.image or url.image,
        body=page.text,
        locale=entry_locale(page.language, url.language),
    )


def entry_from_item(item: ExternalItem) -> Entry:
    """A stored item as the entry it came from (same content hash)."""
    return Entry(
        key=item.key,
        title=item.title,
        summary=item.summary,
        link=item.link,
        published_at=item.published_at,
        updated_at=item.updated_at,
        categories=tuple(item.categories),
        image_url=item.image_url,
        body=item.body,
        locale=item.stated_locale,
    )


def newest(entries: list[Dated], limit: int) -> list[Dated]:
    """The ``limit`` most recent entries; undated ones after, in sitemap order."""

    def key(entry: Dated) -> tuple[bool, float]:
        date = entry.date
        return (date is None, -date.timestamp() if date else 0.0)

    return sorted(entries, key=key)[:limit]


def same_language(language: str, locale: str) -> bool:
    """True unless ``language`` is stated and is not the source's (``nn-NO``
    and ``no`` are the hub's ``nb``; a language outside the hub's differs)."""
    if not language:
        return True
    return hub_locale(language) == locale


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _split_by_host(
    urls: list[SitemapURL], *sitemap_urls: str
) -> tuple[list[SitemapURL], int]:
    """Pages on the sitemap's own host (with or without www.), as the sitemap
    protocol requires, and how many others were left out."""
    hosts = {_host(url) for url in sitemap_urls}
    own = [url for url in urls if _host(url.loc) in hosts]
    return own, len(urls) - len(own)


def _problems(problems: list[tuple[str, str]]) -> str:
    lines = [f"{url}: {message}" for url, message in problems[:LISTED_PROBLEMS]]
    rest = len(problems) - LISTED_PROBLEMS
    if rest > 0:
        lines.append(
            ngettext("…and %(count)d more.", "…and %(count)d more.", rest)
            % {"count": rest}
        )
    return "\n".join(lines)
