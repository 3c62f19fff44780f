"""PostgreSQL for state that every host shares (usage counts, search analytics).

A store's location is either a file path (SQLite, the single-machine default)
or a ``postgres://`` / ``postgresql://`` URL (libpq syntax, options such as
``?sslmode=require`` included). Several hosts then add to the same tables:
writes are additive upserts (``INSERT ... ON CONFLICT DO UPDATE SET n = n +
excluded.n``), sorted by primary key so that two hosts writing overlapping
rows lock them in the same order and never deadlock.

The CMS's migrations create the tables in its database (``partners`` for
usage, ``glossary`` for search analytics), so a service role needs only
``SELECT, INSERT, UPDATE`` on them (and ``SELECT`` on ``partners_apikey``).
In any other database a store creates its table on first use, when missing
(``CREATE TABLE IF NOT EXISTS`` under a transaction-level advisory lock,
since two hosts creating the same table at once would otherwise collide in
the catalogue). ``psycopg`` is imported only when a URL is used.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    import psycopg

__all__ = [
    "connect",
    "create_table",
    "is_postgres_url",
    "redact",
    "undefined_table_error",
]

_SCHEMES: Final = ("postgres://", "postgresql://")
#: Seconds to wait for a connection: a down database must not hang a flush.
CONNECT_TIMEOUT: Final = 5


def is_postgres_url(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL database (not a file)."""
    return isinstance(location, str) and location.startswith(_SCHEMES)


def redact(location: str | Path) -> str:
    """``location`` for logs and messages, without a password."""
    text = str(location)
    if not is_postgres_url(text):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def connect(
    url: str, application: str = "integration-norden-hub"
) -> psycopg.Connection:
    """A new connection to ``url`` (the caller closes it)."""
    import psycopg

    return psycopg.connect(
        url, connect_timeout=CONNECT_TIMEOUT, application_name=application
    )


def undefined_table_error() -> type[Exception]:
    """The error of a query on a table that does not exist (yet)."""
    import psycopg.errors

    return psycopg.errors.UndefinedTable


def create_table(connection: psycopg.Connection, name: str, ddl: str) -> None:
    """Run ``ddl`` (a ``CREATE TABLE IF NOT EXISTS``) unless ``name`` exists.

    Looked up first, so that a role without ``CREATE`` on the schema can
    write to a table the CMS's migrations made. The advisory lock (keyed by
    the table name, held to the end of the transaction) makes concurrent
    first writers wait for each other.
    """
    found = connection.execute("SELECT to_regclass(%s)", (name,)).fetchone()
    if found is not None and found[0] is not None:
        return
    lock = zlib.crc32(name.encode("utf-8")) - 2**31
    connection.execute("SELECT pg_advisory_xact_lock(%s)", (lock,))
    connection.execute(ddl)
