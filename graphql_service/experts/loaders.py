"""Look-ups of expert profiles linked from events, groups and chairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql_service.common.resolve import load_content

if TYPE_CHECKING:
    from graphql_service.context import Context
    from graphql_service.experts.types import ExpertProfile

__all__ = ["load_profile"]


async def load_profile(
    context: Context, profile_id: str | None, locale: str
) -> ExpertProfile | None:
    """The profile ``profile_id`` in the best version for ``locale``.

    Goes through the request's document loader, so the profiles of one
    response are fetched in one batch.
    """
    from graphql_service.experts.types import ExpertProfile

    if not profile_id:
        return None
    item = await load_content(context, profile_id, locale)
    return item if isinstance(item, ExpertProfile) else None
