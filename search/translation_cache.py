"""Translations of documents' words, kept on disk for the processes of one machine.

The indexer translates every word of every document it indexes
(:mod:`search.document_translation`), and search translates the words of its
hits again to highlight and explain what a hit met through its translations.
Translating a word for the first time costs about a millisecond and a half
(dictionary lookups, compound cuts, pivot languages), so a worker that had
not yet seen a hit's words spent most of a new search on them. The
translations are kept in a diskcache directory that every process on the
machine shares: the indexer fills it, the service's workers read it, and
either adds the words it had to translate itself.

A key carries a stamp of the lexicon and of the code that translates: a new
lexicon or changed code starts afresh, and old entries age out within the
size limit. Values are JSON. A cache that cannot be opened or written is
left out, with a warning: words are translated as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Final

import diskcache

from search.crosslingual import Translation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from search.crosslingual import Translator

__all__ = ["TranslationCache", "translation_cache_path"]

logger = logging.getLogger(__name__)

#: Disk space the cache may use before its oldest entries go.
SIZE_LIMIT: Final = 256 * 2**20
#: How long a write waits for another process's: a word not kept is only
#: translated again.
_WRITE_WAIT_S: Final = 0.05
_PACKAGE: Final = Path(__file__).resolve().parent
_DEFAULT: Final = _PACKAGE.parent / "data" / "cache" / "translations"
#: What can go wrong on disk; none of it may fail a search or an indexing.
_DISK_ERRORS: Final = (diskcache.Timeout, sqlite3.Error, OSError)


def translation_cache_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the cache is: ``SEARCH_TRANSLATION_CACHE`` (empty: no cache), else
    ``<HUB_DATA_DIR>/cache/translations``, else ``data/cache/translations``."""
    env = os.environ if environ is None else environ
    if "SEARCH_TRANSLATION_CACHE" in env:
        value = env["SEARCH_TRANSLATION_CACHE"].strip()
        return Path(value) if value else None
    if env.get("HUB_DATA_DIR"):
        return Path(env["HUB_DATA_DIR"]) / "cache" / "translations"
    return _DEFAULT


def _code_stamp() -> str:
    """A digest of the search package's code: any change may change what a
    word translates to."""
    digest = hashlib.sha256()
    for path in sorted((*_PACKAGE.glob("*.py"), *_PACKAGE.glob("lexicon/*.py"))):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class TranslationCache:
    """Translations of words by language, under ``stamp``, in ``directory``."""

    def __init__(self, directory: Path, stamp: str, *, size_limit: int = SIZE_LIMIT):
        self.stamp = stamp
        self._cache = diskcache.Cache(
            str(directory),
            timeout=_WRITE_WAIT_S,
            disk=diskcache.JSONDisk,
            disk_compress_level=0,
            size_limit=size_limit,
        )
        self._failed = False

    @classmethod
    def for_translator(
        cls, translator: Translator, environ: Mapping[str, str] | None = None
    ) -> TranslationCache | None:
        """The configured cache for ``translator``'s lexicon, or ``None``
        (no lexicon, no cache configured, or one that cannot be opened)."""
        lexicon = translator.lexicon
        directory = translation_cache_path(environ)
        if lexicon is None or directory is None:
            return None
        stamp = "|".join(
            (
                str(lexicon.path.resolve()),
                lexicon.meta.get("built", ""),
                "voikko" if translator.finnish is not None else "",
                _code_stamp(),
            )
        )
        try:
            directory.mkdir(parents=True, exist_ok=True)
            return cls(directory, hashlib.sha256(stamp.encode()).hexdigest()[:16])
        except _DISK_ERRORS as exc:
            logger.warning(
                "translation cache %s unavailable (%s): documents' words are "
                "translated in each process",
                directory,
                exc,
            )
            return None

    def _key(self, word: str, locale: str) -> str:
        return f"{self.stamp}\t{locale}\t{word}"

    def get(self, word: str, locale: str) -> tuple[Translation, ...] | None:
        """The kept translations of ``word``, or ``None`` if none are kept."""
        try:
            found = self._cache.get(self._key(word, locale))
        except _DISK_ERRORS as exc:
            self._warn(exc)
            return None
        if not isinstance(found, list):
            return None
        try:
            return tuple(
                Translation(
                    str(locale_),
                    tuple(str(item) for item in words),
                    float(weight),
                    str(via),
                    tuple(str(item) for item in forms),
                )
                for locale_, words, weight, via, forms in found
            )
        except (TypeError, ValueError):
            return None  # written by other code: translated again

    def put(self, word: str, locale: str, found: tuple[Translation, ...]) -> None:
        """Keep ``found`` as the translations of ``word``."""
        value = [
            [item.locale, list(item.words), item.weight, item.via, list(item.forms)]
            for item in found
        ]
        try:
            self._cache.set(self._key(word, locale), value, retry=False)
        except _DISK_ERRORS as exc:
            self._warn(exc)

    def _warn(self, exc: BaseException) -> None:
        if isinstance(exc, diskcache.Timeout):
            return  # another process was writing: nothing is wrong
        if not self._failed:
            self._failed = True
            logger.warning("translation cache: %s", exc)

    def close(self) -> None:
        self._cache.close()
