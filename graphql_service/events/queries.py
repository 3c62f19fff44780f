"""Queries of events: upcoming, past or all, with the usual filters."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from graphql_service.common.arguments import (
    After,
    DateFrom,
    DateTo,
    Fallback,
    First,
    Locale,
    Slugs,
    day_end,
    day_start,
    slugs,
)
from graphql_service.common.decorators import resolver
from graphql_service.common.fields import by_id_field
from graphql_service.common.pagination import DEFAULT_PAGE_SIZE, Connection
from graphql_service.common.resolve import ListFilters, list_of
from graphql_service.common.types import Info
from graphql_service.events.types import Event

__all__ = ["EventTimeframe", "EventsQuery"]


@strawberry.enum(description="Which events to list, seen from the time of the request.")
class EventTimeframe(Enum):
    UPCOMING = strawberry.enum_value(
        "upcoming",
        description="Events that have not ended (soonest first by default).",
    )
    PAST = strawberry.enum_value(
        "past",
        description=(
            "Events starting on or before today, UTC (latest first by default); "
            "today's and ongoing events are in both lists."
        ),
    )
    ALL = strawberry.enum_value("all", description="Every event (latest first).")


@strawberry.enum(description="Order of an event list.")
class EventSort(Enum):
    DEFAULT = strawberry.enum_value(
        "default", description="Soonest first for UPCOMING, latest first otherwise."
    )
    NEWEST = strawberry.enum_value("date_desc", description="Latest start first.")
    OLDEST = strawberry.enum_value("date_asc", description="Earliest start first.")


@strawberry.type
class EventsQuery:
    event = by_id_field(Event, "An event by id; with `locale`, its best version.")

    @resolver(description="Events: conferences, seminars, webinars …")
    async def events(
        self,
        info: Info,
        locale: Locale = None,
        fallback: Fallback = True,
        timeframe: Annotated[
            EventTimeframe,
            strawberry.argument(description="Upcoming, past or all events."),
        ] = EventTimeframe.UPCOMING,
        themes: Slugs = None,
        countries: Slugs = None,
        goals: Slugs = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        sort: Annotated[
            EventSort, strawberry.argument(description="Order of the list.")
        ] = EventSort.DEFAULT,
        first: First = DEFAULT_PAGE_SIZE,
        after: After = None,
    ) -> Connection[Event]:
        context = info.context
        if sort is EventSort.DEFAULT:
            ascending = timeframe is EventTimeframe.UPCOMING
        else:
            ascending = sort is EventSort.OLDEST
        to_value = date_to
        if timeframe is EventTimeframe.PAST:
            # A day, not the current time: cursors and cached responses stay
            # valid all day (the read model fingerprints the filters).
            today = context.now.date()
            to_value = today if date_to is None else min(today, date_to)
        filters = ListFilters(
            types=("event",),
            themes=slugs(themes),
            countries=slugs(countries),
            goals=slugs(goals),
            date_from=day_start(date_from),
            date_to=day_end(to_value),
            upcoming=timeframe is EventTimeframe.UPCOMING,
            sort="date_asc" if ascending else "date_desc",
        )
        return await list_of(
            context,
            Event,
            filters,
            locale=locale,
            fallback=fallback,
            first=first,
            after=after,
        )
