"""The ``changes`` query."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.types import Info
from graphql_service.sync.types import ChangeFeed, change_feed
from search.changes import MAX_CHANGES

__all__ = ["SyncQuery"]


@strawberry.type
class SyncQuery:
    @resolver(
        description=(
            "Everything published, updated or deleted since `after`, in order, to "
            "mirror the hub incrementally: start without `after` (the whole "
            "published content, deletions included), then pass the returned "
            "`cursor` each time. Each language version is its own item."
        )
    )
    async def changes(
        self,
        info: Info,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="Cursor from the previous call (omit to start)."
            ),
        ] = None,
        first: Annotated[
            int,
            strawberry.argument(
                description=f"Most changes to return (1 to {MAX_CHANGES})."
            ),
        ] = 100,
    ) -> ChangeFeed:
        return change_feed(await info.context.backend.achanges(after, first))
