"""Following the read model's changes, as a reader that must miss none.

Change sync orders changes by version, and an indexer may write a version
below one already written while an older outbox row is retried; the watermark
says up to where nothing more can arrive. A reader that needs what the index
holds now (the term cache, the response cache) reads beyond the watermark too
and keeps its cursor at the watermark: the changes above it are read again
next time (:func:`follow`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.backends.base import BaseBackend
    from search.changes import Change

__all__ = ["Followed", "follow"]


@dataclass(frozen=True, slots=True)
class Followed:
    """What :func:`follow` read.

    Attributes:
        changes: Every change after the cursor, settled or not.
        cursor: Where the next call starts: after the last settled change
            (after every change when the read model has no watermark).
        watermark: The read model's watermark (``None``: none recorded).
        complete: All changes were read (``False``: more than ``max_pages``).
    """

    changes: tuple[Change, ...]
    cursor: str | None
    watermark: int | None
    complete: bool


async def follow(
    backend: BaseBackend,
    cursor: str | None,
    *,
    types: Sequence[str] = (),
    page_size: int = 500,
    max_pages: int | None = None,
) -> Followed:
    """The changes after ``cursor`` (of ``types``), and the next cursor."""
    changes: list[Change] = []
    settled = cursor
    after = cursor
    watermark: int | None = None
    pages = 0
    while True:
        page = await backend.achanges(after, page_size, types, unsettled=True)
        watermark = page.watermark
        for change in page.changes:
            changes.append(change)
            if watermark is None or change.version <= watermark:
                settled = change.cursor
        after = page.cursor or after
        pages += 1
        if not page.has_more:
            return Followed(tuple(changes), settled, watermark, True)
        if max_pages is not None and pages >= max_pages:
            return Followed(tuple(changes), settled, watermark, False)
