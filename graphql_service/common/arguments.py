"""Arguments shared by the list queries, with their descriptions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Annotated

import strawberry

from graphql_service.common.scalars import LocaleCode
from search.query import Sort as SortOrder

__all__ = [
    "After",
    "DateFrom",
    "DateTo",
    "Fallback",
    "First",
    "ListSort",
    "Locale",
    "Slugs",
    "Sort",
    "day_end",
    "day_start",
    "list_sort",
]


@strawberry.enum(description="Order of a list.")
class ListSort(Enum):
    NEWEST = strawberry.enum_value("date_desc", description="Latest date first.")
    OLDEST = strawberry.enum_value("date_asc", description="Earliest date first.")


Sort = Annotated[ListSort, strawberry.argument(description="Order of the list.")]
Locale = Annotated[
    LocaleCode | None,
    strawberry.argument(
        description=(
            "Language wanted. Items missing in it come in the next language of "
            "its fallback chain. Default: the Accept-Language header, else the "
            "service's default locale."
        )
    ),
]
Fallback = Annotated[
    bool,
    strawberry.argument(
        description=(
            "Use the locale's fallback chain (true) or list only items in "
            "`locale` (false)."
        )
    ),
]
First = Annotated[
    int,
    strawberry.argument(
        description="Page size (1 to the maximum page size, 50 unless configured)."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(description="Cursor to continue after (`pageInfo.endCursor`)."),
]
Slugs = Annotated[
    list[str] | None,
    strawberry.argument(description="Keep items tagged with any of these slugs."),
]
DateFrom = Annotated[
    date | None,
    strawberry.argument(description="Keep items dated on or after this day (UTC)."),
]
DateTo = Annotated[
    date | None,
    strawberry.argument(description="Keep items dated on or before this day (UTC)."),
]


def list_sort(value: ListSort) -> SortOrder:
    """The read model's sort for a :class:`ListSort`."""
    return "date_asc" if value is ListSort.OLDEST else "date_desc"


def day_start(value: date | None) -> datetime | None:
    """Midnight (UTC) starting ``value``: lower bounds cover the whole day."""
    return None if value is None else datetime.combine(value, time.min, UTC)


def day_end(value: date | None) -> datetime | None:
    """The last instant (UTC) of ``value``: upper bounds cover the whole day."""
    return None if value is None else datetime.combine(value, time.max, UTC)


def slugs(values: list[str] | None) -> tuple[str, ...]:
    """A list argument as the tuple the read model wants."""
    return tuple(values or ())


ItemId = Annotated[
    strawberry.ID,
    strawberry.argument(
        description='Global `id` of the item, or its `documentId` (e.g. "news:42").'
    ),
]
GlobalId = Annotated[
    strawberry.ID, strawberry.argument(description="Global ID as returned in `id`.")
]
Path = Annotated[
    str,
    strawberry.argument(
        description='Path of the public page, e.g. "/da/nyheder/ny-rapport/".'
    ),
]
