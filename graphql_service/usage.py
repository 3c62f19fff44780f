"""Per-key usage counts, persisted in SQLite or PostgreSQL.

The service counts requests per key and UTC day in memory
(:class:`UsageCounter`, no I/O on the request path) and a background task
writes the counts in batches (:func:`write_usage`, every
``GRAPHQL_USAGE_FLUSH_INTERVAL`` seconds and at shutdown) to a
:class:`UsageStore` chosen by its location (:func:`open_usage_store`):

* a file path (``HUB_API_USAGE_DB``, default
  ``<HUB_DATA_DIR>/api_usage.sqlite3``): several workers of one machine write
  to the same file safely (WAL journal, a busy timeout, additive upserts);
* a ``postgres://`` URL (``HUB_USAGE_URL``): the table ``hub_api_usage``
  (created on first write), which every host adds to with additive upserts
  (see :mod:`search.shared_db`), so that the totals cover every host.

The CMS reads totals with :func:`usage_totals` or :func:`read_usage`::

    from graphql_service.usage import usage_totals
    usage_totals("/srv/hub/data/api_usage.sqlite3", since=date(2026, 11, 1))
    usage_totals("postgres://hub@db/hub", since=date(2026, 11, 1))
    # {"norden-org": {"2026-11-21": 1840, "2026-11-22": 977}, ...}

This module imports nothing but the standard library (psycopg and
:mod:`search.shared_db` only when a URL is used), so the CMS can use it
without the service's dependencies. Anonymous requests are counted under the key id
``"anonymous"``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final, Protocol

__all__ = [
    "ANONYMOUS",
    "PostgresUsageStore",
    "SqliteUsageStore",
    "UsageCounter",
    "UsageRow",
    "UsageStore",
    "open_usage_store",
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
INSERT INTO {table} (key_id, day, requests, rate_limited) VALUES ({p}, {p}, {p}, {p})
ON CONFLICT (key_id, day) DO UPDATE SET
    requests = {table}.requests + excluded.requests,
    rate_limited = {table}.rate_limited + excluded.rate_limited
"""
#: The PostgreSQL table (in the CMS database, or any other one).
TABLE: Final = "hub_api_usage"
_POSTGRES_SCHEMES: Final = ("postgres://", "postgresql://")
_POSTGRES_SCHEMA: Final = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    key_id TEXT NOT NULL,
    day DATE NOT NULL,
    requests BIGINT NOT NULL DEFAULT 0,
    rate_limited BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, day)
)
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


class UsageStore(Protocol):
    """Where usage counts are kept (see the module docstring)."""

    def add(self, counts: Mapping[tuple[str, str], list[int]]) -> None:
        """Add ``counts`` (``(key_id, ISO day) -> [requests, rate_limited]``)."""

    def rows(
        self, key_id: str | None, since: date | None, until: date | None
    ) -> list[UsageRow]:
        """Stored rows, by key then day, optionally filtered."""


def _where(
    key_id: str | None, since: date | None, until: date | None, placeholder: str
) -> tuple[str, list[str | date]]:
    clauses: list[str] = []
    params: list[str | date] = []
    if key_id is not None:
        clauses.append(f"key_id = {placeholder}")
        params.append(key_id)
    if since is not None:
        clauses.append(f"day >= {placeholder}")
        params.append(since)
    if until is not None:
        clauses.append(f"day <= {placeholder}")
        params.append(until)
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params


def _row(key_id: str, day: str | date, requests: int, limited: int) -> UsageRow:
    return UsageRow(
        key_id=key_id,
        day=day if isinstance(day, date) else date.fromisoformat(day),
        requests=int(requests),
        rate_limited=int(limited),
    )


@contextmanager
def _connect(path: Path | str) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(str(path), timeout=10.0)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        yield connection


class SqliteUsageStore:
    """Usage in a SQLite file (one machine)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def add(self, counts: Mapping[tuple[str, str], list[int]]) -> None:
        if not counts:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _connect(self.path) as connection, connection:
            connection.execute(_SCHEMA)
            connection.executemany(
                _UPSERT.format(table="api_usage", p="?"),
                [
                    (key_id, day, n, limited)
                    for (key_id, day), (n, limited) in counts.items()
                ],
            )

    def rows(
        self, key_id: str | None, since: date | None, until: date | None
    ) -> list[UsageRow]:
        if not self.path.exists():
            return []
        where, params = _where(key_id, since, until, "?")
        sql = (
            "SELECT key_id, day, requests, rate_limited FROM api_usage"  # noqa: S608
            f"{where} ORDER BY key_id, day"
        )
        text = [p.isoformat() if isinstance(p, date) else p for p in params]
        with _connect(self.path) as connection:
            connection.execute(_SCHEMA)
            found = connection.execute(sql, text).fetchall()
        return [_row(*row) for row in found]


class PostgresUsageStore:
    """Usage in PostgreSQL, added to by every host."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._created = False

    def add(self, counts: Mapping[tuple[str, str], list[int]]) -> None:
        if not counts:
            return
        # Sorted, so two hosts adding to the same rows lock them in one order.
        rows = sorted(
            (key_id, date.fromisoformat(day), n, limited)
            for (key_id, day), (n, limited) in counts.items()
        )
        from search import shared_db

        with shared_db.connect(self.url) as connection:
            if not self._created:
                shared_db.create_table(connection, TABLE, _POSTGRES_SCHEMA)
                connection.commit()
                self._created = True
            with connection.cursor() as cursor:
                cursor.executemany(_UPSERT.format(table=TABLE, p="%s"), rows)

    def rows(
        self, key_id: str | None, since: date | None, until: date | None
    ) -> list[UsageRow]:
        where, params = _where(key_id, since, until, "%s")
        sql = (
            f"SELECT key_id, day, requests, rate_limited FROM {TABLE}"  # noqa: S608
            f"{where} ORDER BY key_id, day"
        )
        from search import shared_db

        with shared_db.connect(self.url) as connection:
            try:
                found = connection.execute(sql, params).fetchall()
            except shared_db.undefined_table_error():
                return []  # nothing was written yet
        return [_row(*row) for row in found]


def open_usage_store(location: Path | str) -> UsageStore:
    """The store at ``location``: a ``postgres://`` URL or a SQLite file path."""
    if isinstance(location, str) and location.startswith(_POSTGRES_SCHEMES):
        return PostgresUsageStore(str(location))
    return SqliteUsageStore(location)


def write_usage(
    location: Path | str, counts: Mapping[tuple[str, str], list[int]]
) -> None:
    """Add ``counts`` to the store at ``location`` (created if missing), in one go."""
    open_usage_store(location).add(counts)


def read_usage(
    location: Path | str,
    *,
    key_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[UsageRow]:
    """Usage rows (by key, then day), optionally for one key and a day range.

    Returns an empty list when nothing was written yet.
    """
    return open_usage_store(location).rows(key_id, since, until)


def usage_totals(
    location: Path | str,
    *,
    key_id: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, dict[str, int]]:
    """``key_id -> {ISO day -> requests}`` (see :func:`read_usage`)."""
    totals: dict[str, dict[str, int]] = {}
    for row in read_usage(location, key_id=key_id, since=since, until=until):
        totals.setdefault(row.key_id, {})[row.day.isoformat()] = row.requests
    return totals
