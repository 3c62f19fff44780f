"""Syndication feeds and iCalendar files, read from the search read model.

URLs (all GET/HEAD; every link in them is absolute):

* ``/feeds/{kind}.{format}``: ``kind`` is ``news`` (news and harvested
  partner items, marked external), ``events`` (upcoming and ongoing, soonest
  first), ``knowledge`` (publications, learning examples, statistics, country
  comparisons), ``funding`` (funding calls, calls for applications) or
  ``all``; ``format`` is ``rss`` (RSS 2.0), ``atom`` (Atom 1.0) or ``json``
  (JSON Feed 1.1).
* ``/calendar.ics``: upcoming events as one calendar.
* ``/events/{doc_id}.ics``: one event, e.g. ``/events/event:12.ics`` (the colon
  may be written ``%3A``).

Query parameters (repeat a parameter or separate values with commas; values
of one parameter combine with OR, parameters with AND):

* ``locale``: ``da``, ``nb``, ``sv``, ``fi``, ``is``, ``en``;
* ``theme``, ``country``: taxonomy slugs, e.g. ``labour-market``, ``denmark``;
* ``type`` (feeds only): document types of the kind, e.g. ``publication``;
* ``limit``: 1 to 100 items (feeds: 50, calendar: 100 by default).

Example: ``/feeds/news.rss?locale=da&theme=labour-market&country=denmark``.
Unknown parameters and bad values give 400, unknown feeds and events 404.
The routes sit behind the service's edge (API keys, rate limits, usage, CORS,
readiness; see :mod:`graphql_service.edge`), like ``/graphql``.
Links to pages use the document's absolute URL, else ``HUB_PUBLIC_BASE_URL``
(default ``http://127.0.0.1:8000``) plus its path.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.middleware import Middleware
from starlette.routing import Route

from graphql_service.feeds.views import calendar_feed, event_ics, feed

__all__ = ["routes"]

_METHODS = ["GET", "OPTIONS"]


def routes(middleware: Sequence[Middleware] = ()) -> list[Route]:
    """The feed routes behind ``middleware`` (the service's edge)."""
    edge = list(middleware)
    return [
        Route(
            "/feeds/{kind}.{format}",
            feed,
            methods=_METHODS,
            name="feed",
            middleware=edge,
        ),
        Route(
            "/calendar.ics",
            calendar_feed,
            methods=_METHODS,
            name="calendar",
            middleware=edge,
        ),
        Route(
            "/events/{doc_id}.ics",
            event_ics,
            methods=_METHODS,
            name="event_ics",
            middleware=edge,
        ),
    ]
