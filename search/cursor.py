"""Opaque pagination cursors (sort key + tie-break, never an offset).

A cursor names the last hit of a page by its sort key and a tie-break value
unique per document, so the next page starts strictly after it: pages never
repeat or skip items, however deep, as long as the sort keys do not change
(for date sorts that holds across commits too). The position is only a hint
that lets a relevance sort fetch enough candidates at once.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import orjson

from search.errors import InvalidQueryError

if TYPE_CHECKING:
    from search.query import SearchQuery

__all__ = ["Cursor"]

_VERSION: Final = 1


@dataclass(frozen=True, slots=True)
class Cursor:
    """Position after one hit.

    Attributes:
        sort: The sort the cursor belongs to.
        key: Sort key of the hit (score or timestamp).
        tiebreak: Unique per document (a hash of the id, or the id).
        position: 1-based rank of the hit (a hint, not used for slicing).
        fingerprint: :meth:`SearchQuery.fingerprint` of the query.
    """

    sort: str
    key: float | int
    tiebreak: int | str
    position: int
    fingerprint: str

    def encode(self) -> str:
        raw = orjson.dumps(
            [
                _VERSION,
                self.sort,
                self.key,
                self.tiebreak,
                self.position,
                self.fingerprint,
            ]
        )
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, value: str, query: SearchQuery) -> Cursor:
        """Decode ``value`` and check that it belongs to ``query``.

        Raises:
            InvalidQueryError: the cursor is malformed or from another query.
        """
        try:
            padded = value + "=" * (-len(value) % 4)
            data = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        except (ValueError, binascii.Error, UnicodeEncodeError) as exc:
            raise InvalidQueryError("after: is not a valid cursor") from exc
        if (
            not isinstance(data, list)
            or len(data) != 6
            or data[0] != _VERSION
            or not isinstance(data[1], str)
            or isinstance(data[2], bool)
            or not isinstance(data[2], int | float)
            or isinstance(data[3], bool)
            or not isinstance(data[3], int | str)
            or isinstance(data[4], bool)
            or not isinstance(data[4], int)
            or data[4] < 0
            or not isinstance(data[5], str)
        ):
            raise InvalidQueryError("after: is not a valid cursor")
        cursor = cls(data[1], data[2], data[3], data[4], data[5])
        if (
            cursor.sort != query.effective_sort
            or cursor.fingerprint != query.fingerprint()
        ):
            raise InvalidQueryError(
                "after: the cursor belongs to another query (text, filters or sort "
                "changed); start again without a cursor"
            )
        return cursor
