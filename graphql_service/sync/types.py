"""GraphQL types of change sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry
from strawberry.relay import GlobalID

from graphql_service.common.scalars import LocaleCode
from graphql_service.common.types import Content, to_content, type_for

if TYPE_CHECKING:
    from search.changes import Change as ReadModelChange
    from search.changes import ChangeSet

__all__ = ["Change", "ChangeFeed", "change_feed"]


@strawberry.type(
    description=(
        "The latest state of one item: published (with the item) or deleted. "
        "An item changed several times since the cursor appears once."
    )
)
class Change:
    cursor: str = strawberry.field(
        description="Position after this change (resume from here with `after`)."
    )
    version: int = strawberry.field(
        description="Version of the change; changes come in ascending version order."
    )
    document_id: str = strawberry.field(
        description='Id of the item in the read model, e.g. "news:42".'
    )
    id: strawberry.ID = strawberry.field(
        description="Global ID of the item (the `id` of its `Content` object)."
    )
    content_type: str = strawberry.field(
        description='Read-model type of the item, e.g. "news" or "event".'
    )
    deleted: bool = strawberry.field(
        description=(
            "True when the item was deleted, unpublished or made private: remove "
            "it from the mirror."
        )
    )
    locale: LocaleCode | None = strawberry.field(
        description="Language of the item (null when deleted)."
    )
    item: Content | None = strawberry.field(
        description="The item as published now (null when deleted)."
    )


@strawberry.type(
    description=(
        "One page of changes in order. Keep `cursor` and pass it as `after` next "
        "time; while `hasMore` is true, more changes are ready at once."
    )
)
class ChangeFeed:
    nodes: list[Change] = strawberry.field(description="The changes, oldest first.")
    cursor: str = strawberry.field(
        description=(
            "Where the next call starts (after the last change; the cursor given "
            "when nothing changed; empty when nothing was ever published)."
        )
    )
    has_more: bool = strawberry.field(
        description="More changes are ready now: call again with `cursor`."
    )
    watermark: int | None = strawberry.field(
        description=(
            "Newest version served: later changes are still on their way to the "
            "read model and come in a later call."
        )
    )


def _change(change: ReadModelChange) -> Change:
    content_type = change.id.split(":", 1)[0]
    document = change.document
    item = to_content(document) if document is not None else None
    type_name = type(item).__name__ if item is not None else _type_name(content_type)
    return Change(
        cursor=change.cursor,
        version=change.version,
        document_id=change.id,
        id=strawberry.ID(str(GlobalID(type_name, change.id))),
        content_type=document.type if document is not None else content_type,
        deleted=change.deleted,
        locale=LocaleCode(document.locale) if document is not None else None,
        item=item,
    )


def _type_name(content_type: str) -> str:
    try:
        return type_for(content_type).__name__
    except LookupError:
        return content_type


def change_feed(changes: ChangeSet) -> ChangeFeed:
    return ChangeFeed(
        nodes=[_change(change) for change in changes.changes],
        cursor=changes.cursor,
        has_more=changes.has_more,
        watermark=changes.watermark,
    )
