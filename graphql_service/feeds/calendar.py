"""iCalendar (RFC 5545) files of events, made with the ``icalendar`` library.

* ``UID``: the document id plus ``@integrationnorden``, the same for every
  version of the event.
* ``SEQUENCE``: the document version (versions only grow, so the number
  grows whenever the event is published again).
* ``DTSTART``/``DTEND`` in the event's IANA time zone with a ``VTIMEZONE``
  for each zone used; ``DTSTAMP`` and ``LAST-MODIFIED`` are the time the
  version was published (so an unchanged event gives the same bytes).
* ``LOCATION``: venue, street address, city and country, or the online link;
  ``URL``: the online link, else the event page.
* ``STATUS:CANCELLED`` for cancelled events, else ``CONFIRMED``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from graphql_service.feeds.items import Namer, clean, item_url

if TYPE_CHECKING:
    from search.documents import Document

__all__ = ["UID_DOMAIN", "event_uid", "render_calendar"]

UID_DOMAIN: Final = "integrationnorden"
PRODID: Final = "-//Integration Norden//Hub events//EN"
_MARGIN: Final = timedelta(days=366)


def event_uid(document: Document) -> str:
    """Stable UID of an event across its versions."""
    return f"{document.id}@{UID_DOMAIN}"


def _zone(document: Document) -> ZoneInfo | None:
    name = document.payload.get("time_zone")
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local(value: datetime, zone: ZoneInfo | None) -> datetime:
    return value.astimezone(zone) if zone is not None else value


def _text(value: object) -> str:
    return clean(value.strip()) if isinstance(value, str) else ""


def location(document: Document, namer: Namer) -> str:
    """Venue and address, else the online link ("" when neither is known)."""
    venue = document.payload.get("venue")
    parts: list[str] = []
    if isinstance(venue, dict):
        parts = [
            _text(venue.get("name")),
            _text(venue.get("street_address")),
            _text(venue.get("city")),
        ]
        country = _text(venue.get("country"))
        if country:
            parts.append(namer("country", country, document.locale))
    text = ", ".join(part for part in parts if part)
    return text or _text(document.payload.get("online_url"))


def _event(document: Document, base: str, namer: Namer) -> Event:
    zone = _zone(document)
    start = document.start or document.date or document.published_at
    end = document.end if document.end is not None else start
    page = item_url(document, base)
    online = _text(document.payload.get("online_url"))
    description = "\n\n".join(
        part for part in (_text(document.lead), online, page) if part
    )
    event = Event.new(
        uid=event_uid(document),
        summary=clean(document.title),
        start=_local(start, zone),
        end=_local(end, zone),
        stamp=document.updated_at,
        sequence=document.version,
        description=description,
        url=online or page,
        categories=[namer("theme", slug, document.locale) for slug in document.themes],
    )
    event.add("created", document.published_at)
    event.add("last-modified", document.updated_at)
    where = location(document, namer)
    if where:
        event.add("location", where)
    cancelled = document.payload.get("is_cancelled") is True
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def render_calendar(
    documents: Sequence[Document],
    base: str,
    namer: Namer,
    *,
    name: str,
    uid: str,
) -> bytes:
    """A calendar of ``documents`` (events) with the time zones they use.

    Zones without daylight saving at UTC's offset (``Atlantic/Reykjavik``)
    are written in UTC (``Z``), which needs no ``VTIMEZONE``.
    """
    calendar = Calendar.new(prodid=PRODID, name=name, uid=uid)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    days: list[date] = []
    for document in documents:
        event = _event(document, base, namer)
        calendar.add_component(event)
        for value in (document.start, document.end):
            if value is not None:
                days.append(value.date())
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - _MARGIN, last_date=max(days) + _MARGIN
        )
    return bytes(calendar.to_ical())
