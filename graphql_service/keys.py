"""Partner API keys: held in memory, loaded from the CMS's file or database.

The service never sees keys in clear: it hashes the ``X-API-Key`` header
with SHA-256 and looks the digest up in a :class:`KeyStore`. Where the keys
come from is chosen by :func:`open_key_store`:

* ``GRAPHQL_KEYS_URL`` empty (default): :class:`FileKeyStore`, the JSON file
  ``HUB_API_KEYS_FILE`` the CMS rewrites on every change (one machine);
* ``GRAPHQL_KEYS_URL=postgres://...``: the CMS's own table, read directly
  (:class:`graphql_service.keys_postgres.PostgresKeyStore`), so that a key
  created in the admin works on every host and a revoked one stops within
  ``GRAPHQL_KEYS_CHECK_INTERVAL`` seconds (plus one query) everywhere.

The CMS (API keys admin) writes the file atomically (write a temporary file,
then rename it over the old one)::

    {"keys": [{"id": "norden-org", "name": "norden.org", "prefix": "k7Hq2mZp",
               "sha256": "<hex digest of the whole key>",
               "rate_limit_per_minute": 600,
               "cors_origins": ["https://www.norden.org"],
               "revoked": false}]}

The file is read again when its modification time (or inode or size)
changes, checked at most every ``GRAPHQL_KEYS_CHECK_INTERVAL`` seconds. A
file that cannot be read or parsed keeps the previous keys (and is logged);
a missing file means no keys.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import orjson

if TYPE_CHECKING:
    from graphql_service.settings import Settings

__all__ = [
    "ApiKey",
    "FileKeyStore",
    "KeyStore",
    "hash_key",
    "open_key_store",
    "write_key_file",
]

logger = logging.getLogger(__name__)

_MAX_KEY_LENGTH: Final = 256


@dataclass(frozen=True, slots=True)
class ApiKey:
    """One partner key (as the CMS describes it; no secret in it)."""

    id: str
    name: str
    prefix: str
    sha256: str
    rate_limit_per_minute: int
    cors_origins: frozenset[str]
    revoked: bool

    @classmethod
    def from_json(cls, data: Any) -> ApiKey | None:
        if not isinstance(data, dict):
            return None
        digest = data.get("sha256")
        key_id = data.get("id")
        if not isinstance(digest, str) or len(digest) != 64 or not key_id:
            return None
        limit = data.get("rate_limit_per_minute")
        origins = data.get("cors_origins") or []
        return cls(
            id=str(key_id),
            name=str(data.get("name") or key_id),
            prefix=str(data.get("prefix") or ""),
            sha256=digest.lower(),
            rate_limit_per_minute=limit
            if isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0
            else 600,
            cors_origins=frozenset(
                str(origin).rstrip("/") for origin in origins if isinstance(origin, str)
            ),
            revoked=bool(data.get("revoked", False)),
        )


def hash_key(raw: str) -> str:
    """The SHA-256 hex digest the key file stores for a key."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def write_key_file(
    path: Path, raw: str, *, key_id: str, name: str, rate_limit_per_minute: int
) -> None:
    """Write a key file holding one partner key (benchmarks and local tools;
    the CMS writes the real one)."""
    record = {
        "id": key_id,
        "name": name,
        "prefix": raw[:8],
        "sha256": hash_key(raw),
        "rate_limit_per_minute": rate_limit_per_minute,
        "cors_origins": [],
        "revoked": False,
    }
    path.write_bytes(orjson.dumps({"keys": [record]}))


class KeyStore:
    """Keys by digest, in memory; subclasses load them from somewhere.

    Lookups never wait for I/O: :meth:`reload_if_changed` (called on every
    lookup) is cheap, and stores that talk to a server refresh in a
    background task started by :meth:`start`.
    """

    def __init__(self) -> None:
        self._keys: dict[str, ApiKey] = {}
        self._origins: frozenset[str] = frozenset()

    @property
    def keys(self) -> dict[str, ApiKey]:
        return self._keys

    def install(self, keys: Iterable[ApiKey]) -> None:
        """Replace the keys (one assignment each: lookups see old or new)."""
        by_digest = {key.sha256: key for key in keys}
        self._keys = by_digest
        self._origins = frozenset(
            origin
            for key in by_digest.values()
            if not key.revoked
            for origin in key.cors_origins
        )

    def reload_if_changed(self) -> None:
        """Pick up changes if due (called on every lookup; cheap)."""

    async def start(self) -> None:
        """Load the keys and start refreshing them (at application startup)."""

    async def aclose(self) -> None:
        """Stop refreshing (at shutdown)."""

    def lookup(self, raw: str) -> ApiKey | None:
        """The key whose digest matches ``raw`` (revoked keys included)."""
        self.reload_if_changed()
        if not raw or len(raw) > _MAX_KEY_LENGTH:
            return None
        return self._keys.get(hash_key(raw))

    def origin_known(self, origin: str) -> bool:
        """Whether any active key lists ``origin`` for CORS."""
        self.reload_if_changed()
        return origin in self._origins


class FileKeyStore(KeyStore):
    """Keys from the JSON file, reloaded when the file changes.

    Args:
        path: The JSON file.
        check_interval: Least seconds between two checks of the file.
    """

    def __init__(self, path: Path, check_interval: float = 1.0) -> None:
        super().__init__()
        self.path = path
        self.check_interval = check_interval
        self._stamp: tuple[int, int, int] | None = None
        self._next_check = 0.0
        self.reload_if_changed(force=True)

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def reload_if_changed(self, *, force: bool = False) -> None:
        """Read the file again if it changed (or ``force``)."""
        now = time.monotonic()
        if not force and now < self._next_check:
            return
        self._next_check = now + self.check_interval
        stamp = self._stat()
        if stamp == self._stamp and not force:
            return
        if stamp is None:
            if self._keys:
                logger.warning("API key file %s is gone: no keys accepted", self.path)
            self.install(())
            self._stamp = None
            return
        try:
            data = orjson.loads(self.path.read_bytes())
            entries = data.get("keys") if isinstance(data, dict) else None
            if not isinstance(entries, list):
                raise ValueError('the top level must be {"keys": [...]}')
        except (OSError, ValueError) as exc:
            logger.error(
                "cannot read API key file %s (keeping old keys): %s", self.path, exc
            )
            self._stamp = stamp
            return
        keys: list[ApiKey] = []
        for entry in entries:
            key = ApiKey.from_json(entry)
            if key is None:
                logger.warning("API key file %s: skipping a malformed entry", self.path)
                continue
            keys.append(key)
        self.install(keys)
        self._stamp = stamp
        logger.info("loaded %d API keys from %s", len(self._keys), self.path)


def open_key_store(settings: Settings) -> KeyStore:
    """The store ``settings`` select (see the module docstring)."""
    if settings.keys_url:
        from graphql_service.keys_postgres import PostgresKeyStore

        return PostgresKeyStore(settings.keys_url, settings.keys_check_interval)
    return FileKeyStore(settings.api_keys_file, settings.keys_check_interval)
