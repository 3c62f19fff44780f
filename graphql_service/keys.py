"""Partner API keys, read from the JSON file the CMS writes.

The CMS (API keys admin) writes the file atomically (write a temporary file,
then rename it over the old one)::

    {"keys": [{"id": "norden-org", "name": "norden.org", "prefix": "k7Hq2mZp",
               "sha256": "<hex digest of the whole key>",
               "rate_limit_per_minute": 600,
               "cors_origins": ["https://www.norden.org"],
               "revoked": false}]}

The service never sees keys in clear: it hashes the ``X-API-Key`` header
with SHA-256 and looks the digest up. The file is read again when its
modification time (or inode or size) changes, checked at most every
``GRAPHQL_KEYS_CHECK_INTERVAL`` seconds. A file that cannot be read or
parsed keeps the previous keys (and is logged); a missing file means no keys.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import orjson

__all__ = ["ApiKey", "KeyStore", "hash_key", "write_key_file"]

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
    """Keys by digest, reloaded when the file changes.

    Args:
        path: The JSON file.
        check_interval: Least seconds between two checks of the file.
    """

    def __init__(self, path: Path, check_interval: float = 1.0) -> None:
        self.path = path
        self.check_interval = check_interval
        self._keys: dict[str, ApiKey] = {}
        self._origins: frozenset[str] = frozenset()
        self._stamp: tuple[int, int, int] | None = None
        self._next_check = 0.0
        self.reload_if_changed(force=True)

    @property
    def keys(self) -> dict[str, ApiKey]:
        return self._keys

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
            self._keys, self._origins, self._stamp = {}, frozenset(), None
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
        keys: dict[str, ApiKey] = {}
        for entry in entries:
            key = ApiKey.from_json(entry)
            if key is None:
                logger.warning("API key file %s: skipping a malformed entry", self.path)
                continue
            keys[key.sha256] = key
        self._keys = keys
        self._origins = frozenset(
            origin
            for key in keys.values()
            if not key.revoked
            for origin in key.cors_origins
        )
        self._stamp = stamp
        logger.info("loaded %d API keys from %s", len(keys), self.path)

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
