"""Search analytics without personal data: what is searched, and what finds nothing.

Readers (the GraphQL service, the public search page) record queries; counts are
aggregated per day, language and normalised query. Queries that look like personal
data (e-mail addresses, long numbers such as personal identity numbers) are never
stored.

Where the counts are kept (a :class:`CountTable`) follows the location given to
:class:`AnalyticsStore`:

* a file path (``HUB_SEARCH_ANALYTICS_DB``, default
  ``<HUB_DATA_DIR>/search_analytics.sqlite3``): a small SQLite file beside the
  index, which every process on the machine can add to;
* a ``postgres://`` URL (``HUB_SEARCH_ANALYTICS_URL``, read by both the GraphQL
  service and the CMS): the table ``hub_search_query_stats`` (created on first
  write), which every host adds to, so that the CMS's report covers them all.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final, Protocol

from search import shared_db

__all__ = [
    "AnalyticsStore",
    "CountTable",
    "PostgresTable",
    "QueryStat",
    "SqliteTable",
    "normalise_query",
]

MAX_QUERY_LENGTH: Final = 100
#: Most rows kept in memory while the store cannot be written.
MAX_KEPT_ROWS: Final = 100_000
_PERSONAL: Final = re.compile(r"@|\d{6,}|\d{2}[.\-/ ]?\d{2}[.\-/ ]?\d{2}[-+]?\d{4}")
_SPACE: Final = re.compile(r"\s+")

#: A row of counts: (day, locale, query, searches, zero results).
Row = tuple[str, str, str, int, int]

_SQLITE_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS query_stats (
    day TEXT NOT NULL,
    locale TEXT NOT NULL,
    query TEXT NOT NULL,
    searches INTEGER NOT NULL DEFAULT 0,
    zero_results INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, locale, query)
)
"""
#: The PostgreSQL table (in the CMS database, or any other one).
TABLE: Final = "hub_search_query_stats"
_POSTGRES_SCHEMA: Final = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    day DATE NOT NULL,
    locale TEXT NOT NULL,
    query TEXT NOT NULL,
    searches BIGINT NOT NULL DEFAULT 0,
    zero_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, locale, query)
)
"""
_ADD: Final = (
    "INSERT INTO {table} (day, locale, query, searches, zero_results) "
    "VALUES ({p}, {p}, {p}, {p}, {p}) ON CONFLICT (day, locale, query) DO UPDATE "
    "SET searches = {table}.searches + excluded.searches, "
    "zero_results = {table}.zero_results + excluded.zero_results"
)
_TOP: Final = (
    "SELECT query, locale, SUM(searches) AS total, SUM(zero_results) AS zero "
    "FROM {table} WHERE day >= {p} AND ({p} IS NULL OR locale = {p}) "
    "GROUP BY query, locale HAVING SUM({column}) > 0 "
    "ORDER BY {order} DESC, query LIMIT {p}"
)


def normalise_query(text: str) -> str | None:
    """Lower-cased, single-spaced, truncated; ``None`` when it must not be stored."""
    cleaned = _SPACE.sub(" ", text).strip().lower()[:MAX_QUERY_LENGTH]
    if not cleaned or _PERSONAL.search(cleaned):
        return None
    return cleaned


@dataclass(frozen=True, slots=True)
class QueryStat:
    query: str
    locale: str
    searches: int
    zero_results: int


class CountTable(Protocol):
    """Where the counts are kept: one SQLite file, or a PostgreSQL table."""

    def add(self, rows: list[Row]) -> None:
        """Add ``rows`` to the stored counts, in one transaction."""

    def top(
        self, column: str, locale: str | None, since: date, limit: int
    ) -> list[tuple[str, str, int, int]]:
        """``(query, locale, searches, zero results)``, highest ``column`` first."""


class SqliteTable:
    """The counts in a SQLite file (WAL, so that processes of one machine can add)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(_SQLITE_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=10)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

    def add(self, rows: list[Row]) -> None:
        with self._connect() as connection:
            connection.executemany(_ADD.format(table="query_stats", p="?"), rows)

    def top(
        self, column: str, locale: str | None, since: date, limit: int
    ) -> list[tuple[str, str, int, int]]:
        sql = _TOP.format(
            table="query_stats", p="?", column=column, order=_ORDER[column]
        )
        with self._connect() as connection:
            rows = connection.execute(
                sql, (since.isoformat(), locale, locale, limit)
            ).fetchall()
        return [(q, loc, int(t), int(z)) for q, loc, t, z in rows]


class PostgresTable:
    """The counts in PostgreSQL, shared by every host (see :mod:`search.shared_db`)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._created = False

    def add(self, rows: list[Row]) -> None:
        # Sorted, so two hosts adding to the same rows lock them in one order.
        ordered = sorted(
            (date.fromisoformat(day), locale, query, searches, zero)
            for day, locale, query, searches, zero in rows
        )
        with shared_db.connect(self.url) as connection:
            if not self._created:
                shared_db.create_table(connection, TABLE, _POSTGRES_SCHEMA)
                connection.commit()
                self._created = True
            with connection.cursor() as cursor:
                cursor.executemany(_ADD.format(table=TABLE, p="%s"), ordered)

    def top(
        self, column: str, locale: str | None, since: date, limit: int
    ) -> list[tuple[str, str, int, int]]:
        sql = _TOP.format(table=TABLE, p="%s", column=column, order=_ORDER[column])
        # The cast types the parameter of "IS NULL" (PostgreSQL cannot guess it).
        sql = sql.replace("(%s IS NULL", "(%s::text IS NULL", 1)
        with shared_db.connect(self.url) as connection:
            try:
                rows = connection.execute(
                    sql, (since, locale, locale, limit)
                ).fetchall()
            except shared_db.undefined_table_error():
                return []  # nothing was written yet
        return [(q, loc, int(t), int(z)) for q, loc, t, z in rows]


_ORDER: Final = {"searches": "total", "zero_results": "zero"}


class AnalyticsStore:
    """Buffered counters flushed to a :class:`CountTable`.

    ``record`` only touches memory; ``flush`` writes the buffer in one
    transaction.

    Args:
        location: A SQLite file (the default, beside the index) or a
            ``postgres://`` URL (every host adds to one table).
    """

    def __init__(self, location: str | Path) -> None:
        self.table: CountTable
        if shared_db.is_postgres_url(location):
            self.table = PostgresTable(str(location))
        else:
            self.table = SqliteTable(Path(location))
        #: Where the counts go, for messages (no password).
        self.location = shared_db.redact(location)
        self._lock = threading.Lock()
        self._searches: Counter[tuple[str, str, str]] = Counter()
        self._zero: Counter[tuple[str, str, str]] = Counter()

    def record(
        self, text: str, locale: str, total: int, when: date | None = None
    ) -> None:
        query = normalise_query(text)
        if query is None:
            return
        day = (when or datetime.now(UTC).date()).isoformat()
        key = (day, locale, query)
        with self._lock:
            self._searches[key] += 1
            if total == 0:
                self._zero[key] += 1

    def flush(self) -> int:
        """Write buffered counts; returns how many rows were touched.

        When writing fails the counts are kept for the next flush (up to
        :data:`MAX_KEPT_ROWS` rows, so that a long outage cannot exhaust
        memory) and the error is raised.
        """
        with self._lock:
            searches, zero = self._searches, self._zero
            self._searches, self._zero = Counter(), Counter()
        if not searches:
            return 0
        rows = [
            (day, locale, query, count, zero.get((day, locale, query), 0))
            for (day, locale, query), count in searches.items()
        ]
        try:
            self.table.add(rows)
        except BaseException:
            with self._lock:
                if len(self._searches) + len(searches) <= MAX_KEPT_ROWS:
                    self._searches.update(searches)
                    self._zero.update(zero)
            raise
        return len(rows)

    def top_zero_result(
        self, locale: str | None = None, since: date | None = None, limit: int = 50
    ) -> list[QueryStat]:
        """Most frequent queries that found nothing, per language."""
        return self._top("zero_results", locale, since, limit)

    def top_queries(
        self, locale: str | None = None, since: date | None = None, limit: int = 50
    ) -> list[QueryStat]:
        return self._top("searches", locale, since, limit)

    def _top(
        self, column: str, locale: str | None, since: date | None, limit: int
    ) -> list[QueryStat]:
        rows = self.table.top(column, locale, since or date(1970, 1, 1), limit)
        return [
            QueryStat(query=q, locale=loc, searches=t, zero_results=z)
            for q, loc, t, z in rows
        ]
