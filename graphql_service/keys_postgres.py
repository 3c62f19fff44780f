"""Partner API keys read from the CMS's database, shared by every host.

With ``GRAPHQL_KEYS_URL=postgres://...`` (the CMS's ``DATABASE_URL``, or a
read-only role on it) each service process reads the CMS's table
``partners_apikey`` directly with psycopg; the service never imports Django.
The columns it reads are those of the CMS model ``partners.ApiKey``: ``id``,
``name``, ``prefix``, ``key_hash`` (SHA-256 hex), ``rate_limit_per_minute``,
``cors_origins`` (one origin per line) and ``revoked_at`` (set: revoked).

Every ``GRAPHQL_KEYS_CHECK_INTERVAL`` seconds (at least 0.1) a background
task asks for a fingerprint of the table: the row count and an MD5 of every
column the service uses, computed by the server (one row back, whatever the
number of keys). Only when it differs are the rows read again. A fingerprint
rather than ``max(updated_at)``: it also sees deletions, updates made with
``QuerySet.update()``, and transactions that commit in another order than
they stamped their rows. A key created or revoked in the admin is therefore
accepted or refused by every host within the interval plus one query.

When the database cannot be reached the keys last read stay in force (the
CMS cannot revoke anything while its own database is down either); the
outage is logged once, and its end. Before the first successful read no key
is accepted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any, Final

import psycopg

from graphql_service.keys import ApiKey, KeyStore
from search import shared_db

__all__ = ["TABLE", "PostgresKeyStore", "key_from_row"]

logger = logging.getLogger(__name__)

#: The CMS model's table (Django's default name for ``partners.ApiKey``).
TABLE: Final = "partners_apikey"
#: Least seconds between two checks (a busy loop would load the database).
MIN_INTERVAL: Final = 0.1

_COLUMNS: Final = (
    "id, name, prefix, key_hash, rate_limit_per_minute, cors_origins, "
    "revoked_at IS NOT NULL"
)
_FINGERPRINT: Final = (
    "SELECT count(*), md5(coalesce(string_agg(concat_ws(chr(31), "  # noqa: S608
    f"{_COLUMNS}), chr(30) ORDER BY id), '')) FROM {TABLE}"
)
_ROWS: Final = f"SELECT {_COLUMNS} FROM {TABLE} ORDER BY id"  # noqa: S608


def key_from_row(row: tuple[Any, ...]) -> ApiKey | None:
    """An :class:`ApiKey` from a row of :data:`TABLE` (``None`` if malformed)."""
    key_id, name, prefix, digest, limit, origins, revoked = row
    if not isinstance(digest, str) or len(digest) != 64:
        return None
    return ApiKey(
        id=str(key_id),
        name=str(name or key_id),
        prefix=str(prefix or ""),
        sha256=digest.lower(),
        rate_limit_per_minute=limit if isinstance(limit, int) and limit >= 0 else 600,
        cors_origins=frozenset(
            line.strip().rstrip("/")
            for line in str(origins or "").splitlines()
            if line.strip()
        ),
        revoked=bool(revoked),
    )


class PostgresKeyStore(KeyStore):
    """Keys from the CMS's table (see the module docstring).

    Args:
        url: A ``postgres://`` URL of the CMS database.
        check_interval: Seconds between two fingerprint checks.
    """

    def __init__(self, url: str, check_interval: float = 1.0) -> None:
        super().__init__()
        self.url = url
        self.location = shared_db.redact(url)
        self.check_interval = max(check_interval, MIN_INTERVAL)
        #: ``time.monotonic()`` of the last successful check (``None``: never).
        self.checked_at: float | None = None
        self._fingerprint: tuple[int, str] | None = None
        self._connection: psycopg.Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._failing = False

    # -- the check, in a worker thread ------------------------------------------

    def _connect(self) -> psycopg.Connection:
        connection = self._connection
        if connection is None or connection.closed:
            connection = shared_db.connect(self.url, "integration-norden-hub-keys")
            connection.autocommit = True
            self._connection = connection
        return connection

    def check(self) -> bool:
        """Check the fingerprint and reload if it changed; ``True`` if reloaded.

        Raises:
            psycopg.Error: the database cannot be read (keys unchanged).
        """
        try:
            connection = self._connect()
            row = connection.execute(_FINGERPRINT).fetchone()
            fingerprint = (int(row[0]), str(row[1])) if row else (0, "")
            if fingerprint == self._fingerprint:
                self.checked_at = time.monotonic()
                return False
            rows = connection.execute(_ROWS).fetchall()
        except Exception:
            self._close_connection()
            raise
        keys = [key for key in map(key_from_row, rows) if key is not None]
        if len(keys) != len(rows):
            logger.warning(
                "%d malformed API keys in %s skipped", len(rows) - len(keys), TABLE
            )
        self.install(keys)
        self._fingerprint = fingerprint
        self.checked_at = time.monotonic()
        logger.info("loaded %d API keys from %s", len(keys), self.location)
        return True

    def _close_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()

    # -- the background task --------------------------------------------------

    async def _check_logged(self) -> None:
        try:
            await asyncio.to_thread(self.check)
        except (psycopg.Error, OSError) as exc:
            if not self._failing:
                logger.error(
                    "cannot read API keys from %s (keeping the %d loaded): %s",
                    self.location,
                    len(self._keys),
                    exc,
                )
            self._failing = True
        else:
            if self._failing:
                logger.warning("API keys readable again from %s", self.location)
            self._failing = False

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.check_interval)
            await self._check_logged()

    async def start(self) -> None:
        if self._task is not None:
            return
        await self._check_logged()
        self._task = asyncio.get_running_loop().create_task(self._run())

    def reload_if_changed(self) -> None:
        # Started by the application's lifespan; a server that skips it (or
        # a test) starts the task with the first lookup instead.
        if self._task is None:
            with contextlib.suppress(RuntimeError):  # no running loop
                loop = asyncio.get_running_loop()
                self._task = loop.create_task(self._first_then_run())

    async def _first_then_run(self) -> None:
        await self._check_logged()
        await self._run()

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await asyncio.to_thread(self._close_connection)
