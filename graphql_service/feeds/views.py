"""The endpoints: feeds, the calendar of upcoming events, one event's .ics.

Every answer is built from the read model only. Successful answers carry an
``ETag`` (read-model generation, route, filters and the ids and versions
listed), ``Last-Modified`` (newest ``updated_at`` listed) and
``Cache-Control``; ``If-None-Match`` (or, without it, ``If-Modified-Since``)
gives 304. Bad parameters give 400, unknown feeds and events 404, a read
model that cannot answer 503; the message is JSON ``{"error": {...}}``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Final, cast

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphql_service.feeds.calendar import UID_DOMAIN, render_calendar
from graphql_service.feeds.filters import (
    CALENDAR_PARAMETERS,
    FEED_PARAMETERS,
    KINDS,
    FilterError,
    Filters,
    parse_filters,
)
from graphql_service.feeds.items import FeedItem, Namer, base_url, feed_item, newest
from graphql_service.feeds.syndication import (
    FeedInfo,
    render_atom,
    render_json,
    render_rss,
)
from search.errors import InvalidQueryError, SearchError
from search.query import MAX_PAGE_SIZE, SearchQuery

if TYPE_CHECKING:
    from graphql_service.app import Service
    from search.documents import Document

__all__ = ["calendar_feed", "event_ics", "feed"]

logger = logging.getLogger(__name__)

CACHE_CONTROL: Final = "public, max-age=300"
CALENDAR_LIMIT: Final = 100
FORMATS: Final[
    dict[str, tuple[str, Callable[[FeedInfo, Sequence[FeedItem]], bytes]]]
] = {
    "rss": ("application/rss+xml; charset=utf-8", render_rss),
    "atom": ("application/atom+xml; charset=utf-8", render_atom),
    "json": ("application/feed+json; charset=utf-8", render_json),
}
ICS_TYPE: Final = "text/calendar; charset=utf-8"
TITLES: Final = {
    "news": ("News", "News and partner news about integration in the Nordic region."),
    "events": ("Events", "Upcoming conferences, seminars, webinars and meetings."),
    "knowledge": (
        "Knowledge bank",
        "Publications, learning examples, statistics and country comparisons.",
    ),
    "funding": ("Funding", "Funding calls and calls for applications."),
    "all": ("Everything", "News, events, knowledge and funding calls."),
}
_EVENT_ID_RE: Final = re.compile(r"^event:[A-Za-z0-9_.:-]{1,200}$")


class FeedError(Exception):
    """An answer other than 200: status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> Response:
    headers = {"cache-control": "no-store"}
    if status == 503:
        headers["retry-after"] = "30"
    return JSONResponse(
        {"error": {"status": status, "message": message}},
        status_code=status,
        headers=headers,
    )


def _service(request: Request) -> Service:
    return cast("Service", request.app.state.service)


async def _generation(service: Service) -> str:
    """The read model's generation, refreshing its readers when it changed."""
    if service.watcher.due():
        await service.watcher.check()
    return service.watcher.generation or await service.backend.ageneration()


def _namer(service: Service) -> Namer:
    snapshot = service.terms.current
    chains = service.settings.locale_chains

    def name(kind: str, slug: str, locale: str) -> str:
        if snapshot is None:
            return slug.replace("-", " ").capitalize()
        return snapshot.term(kind, slug, chains.chain(locale)).name

    return name


def _filters(
    request: Request,
    service: Service,
    *,
    allowed: Sequence[str],
    types: Sequence[str],
    default_limit: int,
) -> Filters:
    snapshot = service.terms.current
    terms = snapshot.terms if snapshot is not None else {}
    try:
        return parse_filters(
            request.query_params.multi_items(),
            allowed=allowed,
            types=types,
            themes=terms.get("theme"),
            countries=terms.get("country"),
            default_limit=default_limit,
        )
    except FilterError as exc:
        raise FeedError(400, str(exc)) from exc


async def _search(service: Service, query: SearchQuery) -> list[Document]:
    try:
        results = await service.backend.asearch(query)
    except InvalidQueryError as exc:
        raise FeedError(400, str(exc)) from exc
    except SearchError as exc:
        logger.warning("feed search failed: %s", exc)
        raise FeedError(
            503, "The content index is not available; retry later."
        ) from exc
    return [hit.document for hit in results.hits]


def _etag(generation: str, route: str, filters: str, docs: Sequence[Document]) -> str:
    data = [generation, route, filters, [(d.id, d.version) for d in docs]]
    return '"' + hashlib.blake2b(orjson.dumps(data), digest_size=16).hexdigest() + '"'


def _not_modified(request: Request, etag: str, modified: datetime | None) -> bool:
    header = request.headers.get("if-none-match")
    if header is not None:
        tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since is None or modified is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return modified.replace(microsecond=0) <= when


def _answer(
    request: Request,
    body: Callable[[], bytes],
    media_type: str,
    etag: str,
    modified: datetime | None,
    extra: dict[str, str] | None = None,
) -> Response:
    headers = {
        "etag": etag,
        "cache-control": CACHE_CONTROL,
        **(extra or {}),
    }
    if modified is not None:
        headers["last-modified"] = format_datetime(modified.astimezone(UTC), True)
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body(), media_type=media_type, headers=headers)


async def _guarded(
    request: Request, handler: Callable[[Request], Awaitable[Response]]
) -> Response:
    try:
        return await handler(request)
    except FeedError as exc:
        return _error(exc.status, exc.message)
    except Exception:
        logger.exception("feed request %s failed", request.url.path)
        return _error(503, "The feed cannot be made right now; retry later.")


def _feed_info(
    request: Request, kind: str, filters: Filters, updated: datetime | None
) -> FeedInfo:
    base = base_url()
    title, description = TITLES[kind]
    language = filters.locales[0] if len(filters.locales) == 1 else None
    suffix = f" ({', '.join(filters.locales)})" if filters.locales else ""
    return FeedInfo(
        title=f"Integration Norden: {title}{suffix}",
        description=description,
        self_url=str(request.url),
        home_url=f"{base}/{language}/" if language else f"{base}/",
        language=language,
        updated=updated,
    )


async def _feed(request: Request) -> Response:
    kind = request.path_params["kind"]
    form = request.path_params["format"]
    if kind not in KINDS or form not in FORMATS:
        raise FeedError(
            404,
            f"No such feed: use /feeds/{{{'|'.join(KINDS)}}}.{{{'|'.join(FORMATS)}}}",
        )
    service = _service(request)
    filters = _filters(
        request,
        service,
        allowed=FEED_PARAMETERS,
        types=KINDS[kind],
        default_limit=50,
    )
    generation = await _generation(service)
    now = datetime.now(UTC)
    events = kind == "events"
    documents = await _search(
        service,
        SearchQuery(
            types=filters.types or KINDS[kind],
            locales=filters.locales,
            themes=filters.themes,
            countries=filters.countries,
            upcoming=events,
            now=now,
            sort="date_asc" if events else "date_desc",
            first=filters.limit,
        ),
    )
    media_type, render = FORMATS[form]
    base = base_url()
    namer = _namer(service)
    items = [feed_item(document, base, namer) for document in documents]
    updated = newest(items)
    etag = _etag(generation, f"feed:{kind}.{form}", filters.key(), documents)
    return _answer(
        request,
        lambda: render(_feed_info(request, kind, filters, updated), items),
        media_type,
        etag,
        updated,
    )


async def _calendar(request: Request) -> Response:
    service = _service(request)
    filters = _filters(
        request,
        service,
        allowed=CALENDAR_PARAMETERS,
        types=KINDS["events"],
        default_limit=CALENDAR_LIMIT,
    )
    generation = await _generation(service)
    documents = await _search(
        service,
        SearchQuery(
            types=KINDS["events"],
            locales=filters.locales,
            themes=filters.themes,
            countries=filters.countries,
            upcoming=True,
            sort="date_asc",
            first=min(filters.limit, MAX_PAGE_SIZE),
        ),
    )
    updated = max((d.updated_at for d in documents), default=None)
    etag = _etag(generation, "calendar", filters.key(), documents)
    namer = _namer(service)
    return _answer(
        request,
        lambda: render_calendar(
            documents,
            base_url(),
            namer,
            name="Integration Norden: Events",
            uid=f"calendar:{filters.key()}@{UID_DOMAIN}",
        ),
        ICS_TYPE,
        etag,
        updated,
    )


async def _event(request: Request) -> Response:
    doc_id = request.path_params["doc_id"]
    if not _EVENT_ID_RE.match(doc_id):
        raise FeedError(404, "No such event: use /events/event:<id>.ics")
    service = _service(request)
    generation = await _generation(service)
    try:
        found = await service.backend.aget_many([doc_id])
    except SearchError as exc:
        logger.warning("event lookup failed: %s", exc)
        raise FeedError(
            503, "The content index is not available; retry later."
        ) from exc
    document = found[0] if found else None
    if document is None or document.type != "event":
        raise FeedError(404, f"No published event {doc_id!r}.")
    etag = _etag(generation, "event", doc_id, [document])
    namer = _namer(service)
    filename = doc_id.replace(":", "-") + ".ics"
    return _answer(
        request,
        lambda: render_calendar(
            [document],
            base_url(),
            namer,
            name=document.title,
            uid=f"calendar:{doc_id}@{UID_DOMAIN}",
        ),
        ICS_TYPE,
        etag,
        document.updated_at,
        {"content-disposition": f'inline; filename="{filename}"'},
    )


async def feed(request: Request) -> Response:
    """``/feeds/{kind}.{format}``."""
    return await _guarded(request, _feed)


async def calendar_feed(request: Request) -> Response:
    """``/calendar.ics``."""
    return await _guarded(request, _calendar)


async def event_ics(request: Request) -> Response:
    """``/events/{doc_id}.ics``."""
    return await _guarded(request, _event)
