"""What the indexer last reported about the outbox it drains.

The GraphQL service never reads the CMS database, so it cannot see the outbox
itself. The indexer therefore writes a small report into the read model
(:meth:`~search.backends.base.BaseBackend.record_progress`) every few seconds:
when it looked, how many rows were pending and when the oldest of them was
written. Every reader, on any host, can then tell how far behind the CMS the
read model may be (:meth:`IndexerProgress.lag`). A report never changes the
read model's generation: response caches stay warm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

__all__ = ["IndexerProgress"]


@dataclass(frozen=True, slots=True)
class IndexerProgress:
    """One report of the indexer (times are Unix seconds).

    Attributes:
        reported_at: When the indexer looked at the outbox.
        pending: Rows waiting for the read model then.
        oldest_pending_at: When the oldest of them was written (``None``: none).
        failed: Rows set aside as failed (they wait for an editor, not the indexer).
    """

    reported_at: float
    pending: int = 0
    oldest_pending_at: float | None = None
    failed: int = 0

    def lag(self, now: float) -> float:
        """Seconds the read model may be behind the CMS at ``now``.

        Everything written before the oldest pending row (or, with none
        pending, before the report) is known to be in the read model; anything
        newer may not be.
        """
        settled = self.oldest_pending_at if self.pending else None
        return max(0.0, now - (self.reported_at if settled is None else settled))

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "reported_at": self.reported_at,
                "pending": self.pending,
                "oldest_pending_at": self.oldest_pending_at,
                "failed": self.failed,
            }
        )

    @classmethod
    def from_mapping(cls, data: Any) -> IndexerProgress | None:
        """The report in ``data`` (a decoded JSON object), ``None`` when malformed."""
        if not isinstance(data, dict):
            return None
        reported = data.get("reported_at")
        oldest = data.get("oldest_pending_at")
        pending = data.get("pending", 0)
        failed = data.get("failed", 0)
        if not isinstance(reported, int | float) or isinstance(reported, bool):
            return None
        if oldest is not None and (
            not isinstance(oldest, int | float) or isinstance(oldest, bool)
        ):
            return None
        if not _count(pending) or not _count(failed):
            return None
        return cls(
            float(reported),
            pending,
            None if oldest is None else float(oldest),
            failed,
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> IndexerProgress | None:
        try:
            return cls.from_mapping(orjson.loads(raw))
        except orjson.JSONDecodeError:
            return None


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
