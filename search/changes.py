"""Change sync: every create, update and delete of the read model, in order.

A partner mirrors the hub by asking for the changes after its cursor, applying
them, and keeping the new cursor. Changes are ordered by ``(version, uid)``:
the version is the CMS outbox row that produced the state (ids only grow) and
the uid a 64-bit hash of the id, the same in every backend, so a cursor stays
valid when the hub moves between backends. Each id appears once, in its
latest state: a document or a tombstone, so deletions are never missed.

Only versions up to the *watermark* are served. The indexer records as
watermark the highest version below which nothing is still on its way to the
index (a row in back-off, a transaction not yet committed); without it, a
change applied late with an older version would land behind a cursor that had
already moved past it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from search.errors import InvalidQueryError

if TYPE_CHECKING:
    from search.documents import Document

__all__ = [
    "MAX_CHANGES",
    "Change",
    "ChangeCursor",
    "ChangeSet",
    "check_limit",
    "next_cursor",
    "uid_hex",
    "uid_of",
]

#: Most changes one call returns.
MAX_CHANGES: Final = 500
_PREFIX: Final = "c1:"
_BODY: Final = re.compile(r"(\d{1,19}):([0-9a-f]{16})")


def uid_of(doc_id: str) -> int:
    """Stable 64-bit number of an id: the tie-break of sorts and cursors."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def uid_hex(uid: int) -> str:
    """A 64-bit uid as the 16 hex digits the cursors and Elasticsearch use."""
    return f"{uid:016x}"


@dataclass(frozen=True, slots=True, order=True)
class ChangeCursor:
    """Position after one change: its version and uid (``None`` = the start)."""

    version: int
    uid: int

    def encode(self) -> str:
        raw = f"{_PREFIX}{self.version}:{uid_hex(self.uid)}".encode("ascii")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, value: str | None) -> ChangeCursor | None:
        """The cursor in ``value`` (``None`` or ``""``: from the beginning).

        Raises:
            InvalidQueryError: the cursor is malformed.
        """
        if not value:
            return None
        if not isinstance(value, str) or len(value) > 100:
            raise InvalidQueryError("after: is not a valid change cursor")
        try:
            padded = value + "=" * (-len(value) % 4)
            text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        except (ValueError, binascii.Error, UnicodeError) as exc:
            raise InvalidQueryError("after: is not a valid change cursor") from exc
        match = (
            _BODY.fullmatch(text[len(_PREFIX) :]) if text.startswith(_PREFIX) else None
        )
        if match is None or int(match[1]) > 2**63 - 1:
            raise InvalidQueryError("after: is not a valid change cursor")
        return cls(int(match[1]), int(match[2], 16))


@dataclass(frozen=True, slots=True)
class Change:
    """The latest state of one id: ``document`` is ``None`` when it was deleted."""

    id: str
    version: int
    uid: int
    document: Document | None

    @property
    def deleted(self) -> bool:
        return self.document is None

    @property
    def cursor(self) -> str:
        return ChangeCursor(self.version, self.uid).encode()


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """One page of changes.

    Attributes:
        changes: In ``(version, uid)`` order.
        cursor: Where the next call starts: after the last change, or the
            cursor given when there was nothing new (never goes back).
        has_more: More changes are ready now (call again at once).
        watermark: The newest version served (``None``: no watermark recorded,
            everything in the index is served).
    """

    changes: tuple[Change, ...]
    cursor: str
    has_more: bool
    watermark: int | None


def check_limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidQueryError("first: must be an integer")
    if not 1 <= limit <= MAX_CHANGES:
        raise InvalidQueryError(f"first: must be between 1 and {MAX_CHANGES}")
    return limit


def next_cursor(changes: tuple[Change, ...], after: ChangeCursor | None) -> str:
    """The cursor after ``changes`` (or ``after`` again when there are none)."""
    if changes:
        return changes[-1].cursor
    return after.encode() if after is not None else ""
