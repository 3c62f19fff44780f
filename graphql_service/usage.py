"""Per-key usage counts, persisted in a small SQLite file (standard library only).

The service counts requests per key and UTC day in memory
(:class:`UsageCounter`, no I/O on the request path) and a background task
writes the counts in batches (:func:`write_usage`, every
``GRAPHQL_USAGE_FLUSH_INTERVAL`` seconds and at shutdown). Several workers
write to the same file safely: WAL journal, a busy timeout and additive
upserts.

The CMS reads totals with :func:`usage_totals` or :func:`read_usage`::

    from graphql_service.usage import usage_totals
    usage_totals("/srv/hub/data/api_usage.sqlite3", since=date(2026, 11, 1))
    # {"norden-org": {"2026-11-21": 1840, "2026-11-22": 977}, ...}

This module imports nothing but the standard library, so the CMS can use it
without the service's dependencies. Anonymous requests are counted under
the key id ``"anonymous"``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

__all__ = [
    "ANONYMOUS",
    "UsageCounter",
    "UsageRow",
    "read_usage",
    "usage_totals",
    "write_usage",
]

ANONYMOUS: Final = "anonymous"

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS api_usage (
    key_id TEXT NOT NULL,
    day TEXT NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0,
    rate_limited INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, day)
) WITHOUT ROWID
"""
_UPSERT: Final = """
INSERT INTO api_usage (key_id, day, requests, rate_limited) VALUES (?, ?, ?, ?)
ON CONFLICT (key_id, day) DO UPDATE SET
    requests = requests + excluded.requests,
    rate_limited = rate_limited + excluded.rate_limited
"""

#: ``(key_id, day) -> [requests, rate_limited]``
Counts = dict[tuple[str, str], list[int]]


@dataclass(frozen=True, slots=True)
class UsageRow:
    """Requests of one key on one UTC day."""

    key_id: str
    day: date
    requests: int
    rate_limited: int


class UsageCounter:
    """In-memory counts of the current batch (not thread-safe: one event loop)."""

    def __init__(self) -> None:
        self._counts: Counts = {}
        self._day = ""
        self._day_ends = 0.0

    def _today(self) -> str:
        now = time.time()
        if now >= self._day_ends:
            today = datetime.fromtimestamp(now, UTC)
            self._day = today.date().isoformat()
            midnight = today.replace(hour=0, minute=0, second=0, microsecond=0)
            self._day_ends = midnight.timestamp() + 86400
        return self._day

    def record(self, key_id: str, *, rate_limited: bool = False) -> None:
        """Count one request of ``key_id`` (today, UTC)."""
        self.record_on(key_id, self._today(), rate_limited=rate_limited)

    def record_on(self, key_id: str, day: str, *, rate_limited: bool = False) -> None:
        """Count one request of ``key_id`` on ``day`` (ISO date)."""
        key = (key_id, day)
        entry = self._counts.get(key)
        if entry is None:
            entry = self._counts[key] = [0, 0]
        entry[0] += 1
        if rate_limited:
            entry[1] += 1

    def merge(self, counts: Counts) -> None:
        """Add counts back (after a failed write)."""
        for key, (requests, limited) in counts.items():
            entry = self._counts.setdefault(key, [0, 0])
            entry[0] += requests
            entry[1] += limited

    def drain(self) -> Counts:
        """Take the counts collected so far (the counter starts again at zero)."""
        counts, self._counts = self._counts, {}
        return counts

    def __bool__(self) -> bool:
        return bool(self._counts)


@contextmanager
def _connect(path: Path | str) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(str(path), timeout=10.0)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        yield connection


def write_usage(path: Path | str, counts: Mapping[tuple[str, str], list[int]]) -> None:
    """Add ``counts`` to the file at ``path`` (created if missing), in one go."""
    if not counts:
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with _connect(path) as connection, connection:
        connection.execute(_SCHEMA)
        connection.executemany(
            _UPSERT,
            [
                (key_id, day, n, limited)
                for (key_id, day), (n, limited) in counts.items()
            ],
        )


def read_usage(
    path: Path | str,
    *,
    key_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[UsageRow]:
    """Usage rows (by key, then day), optionally for one key and a day range.

    Returns an empty list when the file does not exist yet.
    """
    if not Path(path).exists():
        return []
    clauses: list[str] = []
    params: list[str] = []
    if key_id is not None:
        clauses.append("key_id = ?")
        params.append(key_id)
    if since is not None:
        clauses.append("day >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append("day <= ?")
        params.append(until.isoformat())
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        "SELECT key_id, day, requests, rate_limited FROM api_usage"  # noqa: S608
        f"{where} ORDER BY key_id, day"
    )
    with _connect(path) as connection:
        connection.execute(_SCHEMA)
        rows = connection.execute(sql, params).fetchall()
    return [
        UsageRow(
            key_id=row[0],
            day=date.fromisoformat(row[1]),
            requests=row[2],
            rate_limited=row[3],
        )
        for row in rows
    ]


def usage_totals(
    path: Path | str,
    *,
    key_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, dict[str, int]]:
    """``key_id -> {ISO day -> requests}`` (see :func:`read_usage`)."""
    totals: dict[str, dict[str, int]] = {}
    for row in read_usage(path, key_id=key_id, since=since, until=until):
        totals.setdefault(row.key_id, {})[row.day.isoformat()] = row.requests
    return totals
