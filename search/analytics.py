"""Search analytics without personal data: what is searched, and what finds nothing.

Readers (the GraphQL service, the public search page) record queries; counts are
aggregated per day, language and normalised query, and kept in a small SQLite file
beside the index so that every process on the machine can add to it. Queries that
look like personal data (e-mail addresses, long numbers such as personal identity
numbers) are never stored.
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
from typing import Final

__all__ = ["AnalyticsStore", "QueryStat", "normalise_query"]

MAX_QUERY_LENGTH: Final = 100
_PERSONAL: Final = re.compile(r"@|\d{6,}|\d{2}[.\-/ ]?\d{2}[.\-/ ]?\d{2}[-+]?\d{4}")
_SPACE: Final = re.compile(r"\s+")

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS query_stats (
    day TEXT NOT NULL,
    locale TEXT NOT NULL,
    query TEXT NOT NULL,
    searches INTEGER NOT NULL DEFAULT 0,
    zero_results INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, locale, query)
)
"""


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


class AnalyticsStore:
    """Buffered counters flushed to SQLite (WAL, so many processes can write).

    ``record`` only touches memory; ``flush`` writes the buffer in one transaction.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._searches: Counter[tuple[str, str, str]] = Counter()
        self._zero: Counter[tuple[str, str, str]] = Counter()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=10)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

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
        """Write buffered counts; returns how many rows were touched."""
        with self._lock:
            searches, zero = self._searches, self._zero
            self._searches, self._zero = Counter(), Counter()
        if not searches:
            return 0
        rows = [
            (day, locale, query, count, zero.get((day, locale, query), 0))
            for (day, locale, query), count in searches.items()
        ]
        with self._connect() as connection:
            connection.executemany(
                "INSERT INTO query_stats (day, locale, query, searches, zero_results) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, locale, query) DO UPDATE SET "
                "searches = searches + excluded.searches, "
                "zero_results = zero_results + excluded.zero_results",
                rows,
            )
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
        order = "zero" if column == "zero_results" else "total"
        sql = (
            "SELECT query, locale, SUM(searches) AS total, SUM(zero_results) AS zero "
            "FROM query_stats WHERE day >= ? AND (? IS NULL OR locale = ?) "
            "GROUP BY query, locale HAVING SUM(" + column + ") > 0 "
            "ORDER BY " + order + " DESC, query LIMIT ?"
        )
        start = (since or date(1970, 1, 1)).isoformat()
        with self._connect() as connection:
            rows = connection.execute(sql, (start, locale, locale, limit)).fetchall()
        return [
            QueryStat(query=q, locale=loc, searches=t, zero_results=z)
            for q, loc, t, z in rows
        ]
