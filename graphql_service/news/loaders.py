"""Look-ups of news articles: related items through the document loader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql_service.common.resolve import load_contents

if TYPE_CHECKING:
    from graphql_service.common.types import Content
    from graphql_service.context import Context

__all__ = ["load_related"]


async def load_related(
    context: Context, ids: list[str], requested_locale: str
) -> list[Content]:
    """Related items (missing ones dropped), each in the best requested language."""
    return [
        item
        for item in await load_contents(context, ids, requested_locale)
        if item is not None
    ]
