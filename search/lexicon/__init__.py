"""Cross-language lexicon: term translations between the six hub languages.

Built from installed linguistic packages by ``python -m search.lexicon build``
(:mod:`search.lexicon.build`) into one SQLite file, which readers open
read-only and query per term (a few hundred kilobytes of page cache, not a
copy in every worker's memory). See :mod:`search.crosslingual` for how
queries use it.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from search.analysis import fold
from search.lexicon.icelandic import guessed_lemmas
from search.lexicon.keys import term_key

__all__ = ["DEFAULT_LEXICON_PATH", "Lexicon", "LexiconEntry", "lexicon_path"]

logger = logging.getLogger(__name__)

DEFAULT_LEXICON_PATH: Final = (
    Path(__file__).resolve().parents[2] / "data" / "lexicon" / "lexicon.sqlite"
)


_SELECT_TRANSLATIONS: Final = (
    "SELECT target, word, weight, via, head, spelling FROM translation "
    "WHERE source = ? AND key = ? ORDER BY weight DESC"
)
_SELECT_UNSPELLED: Final = (
    "SELECT target, word, weight, via, head, '' FROM translation "
    "WHERE source = ? AND key = ? ORDER BY weight DESC"
)

_SELECT_HEADS: Final = (
    "SELECT head, spelling FROM translation WHERE source = ? AND key = ?"
)
_SELECT_UNSPELLED_HEADS: Final = (
    "SELECT head, '' FROM translation WHERE source = ? AND key = ?"
)


def lexicon_path(environ: dict[str, str] | None = None) -> Path:
    """Where the lexicon is: ``SEARCH_LEXICON``, else ``<data>/lexicon/``."""
    env = os.environ if environ is None else environ
    if env.get("SEARCH_LEXICON"):
        return Path(env["SEARCH_LEXICON"])
    if env.get("HUB_DATA_DIR"):
        return Path(env["HUB_DATA_DIR"]) / "lexicon" / "lexicon.sqlite"
    return DEFAULT_LEXICON_PATH


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One translation of a term: ``word`` in ``target``."""

    target: str
    word: str
    weight: float
    via: str
    #: The source headword, folded: tells an exact entry from one that only
    #: shares the stem ("bolig" and "bølle" both stem to "bol").
    head: str = ""
    #: The source headword as spelled (lowercase): tells Swedish "lov"
    #: (permission) from "löv" (leaf), which fold alike. Empty when unknown.
    spelling: str = ""


class Lexicon:
    """Read-only access to a built lexicon file (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        self.meta: dict[str, str] = dict(
            self._connection.execute("SELECT name, value FROM meta").fetchall()
        )
        self._translations = functools.lru_cache(maxsize=8192)(self._load_translations)
        self._lemmas = functools.lru_cache(maxsize=4096)(self._load_lemmas)
        self._forms = functools.lru_cache(maxsize=4096)(self._load_forms)
        self._minor = functools.lru_cache(maxsize=4096)(self._load_minor)
        self._readings = functools.lru_cache(maxsize=4096)(self._load_readings)
        self._has_head = functools.lru_cache(maxsize=65536)(self._load_has_head)
        self._heads = functools.lru_cache(maxsize=65536)(self._load_heads)
        self._function_words = self._load_function_words()
        # Built by an older version: `make lexicon` adds the readings.
        self._tables = {
            str(row[0])
            for row in self._connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        columns = {
            str(row[1])
            for row in self._connection.execute("PRAGMA table_info(translation)")
        }
        # Built by an older version: `make lexicon` adds the spellings.
        self._select = (
            _SELECT_TRANSLATIONS if "spelling" in columns else _SELECT_UNSPELLED
        )
        self._select_heads = (
            _SELECT_HEADS if "spelling" in columns else _SELECT_UNSPELLED_HEADS
        )

    @classmethod
    def open(cls, path: Path | None = None) -> Lexicon | None:
        """The lexicon at ``path`` (default :func:`lexicon_path`), or ``None``
        when there is none, it cannot be read or it holds no translation."""
        path = path or lexicon_path()
        if not path.is_file():
            return None
        try:
            lexicon = cls(path)
        except sqlite3.Error:
            logger.exception("cannot read the cross-language lexicon %s", path)
            return None
        if lexicon.meta.get("translations") == "0":
            # Built where no dictionary package was installed.
            logger.warning("the cross-language lexicon %s has no translations", path)
            lexicon.close()
            return None
        return lexicon

    def close(self) -> None:
        self._connection.close()

    @property
    def sources(self) -> str:
        return self.meta.get("sources", "")

    def _load_function_words(self) -> dict[str, frozenset[str]]:
        try:
            rows = self._connection.execute(
                "SELECT locale, word FROM function_word"
            ).fetchall()
        except sqlite3.OperationalError:
            # Built by an older version: `make lexicon` adds them.
            logger.warning("the lexicon %s lists no function words", self.path)
            return {}
        found: dict[str, set[str]] = {}
        for locale, word in rows:
            found.setdefault(str(locale), set()).add(str(word))
        return {locale: frozenset(words) for locale, words in found.items()}

    def is_function_word(self, locale: str, word: str) -> bool:
        """Whether ``word`` is a preposition, conjunction or pronoun of
        ``locale`` and nothing else in the dictionaries (Norwegian "hos")."""
        words = self._function_words.get(locale)
        return words is not None and word.lower() in words

    def _query(self, sql: str, args: tuple[str, ...]) -> list[tuple[object, ...]]:
        with self._lock:
            return self._connection.execute(sql, args).fetchall()

    def _load_translations(self, source: str, key: str) -> tuple[LexiconEntry, ...]:
        rows = self._query(self._select, (source, key))
        return tuple(
            LexiconEntry(
                str(target),
                str(word),
                float(str(weight)),
                str(via),
                str(head),
                str(spelling),
            )
            for target, word, weight, via, head, spelling in rows
        )

    def translations(self, source: str, key: str) -> tuple[LexiconEntry, ...]:
        """Translations of the term keyed ``key`` in ``source``, best first."""
        return self._translations(source, key)

    def knows(self, source: str, key: str) -> bool:
        """Whether ``key`` is a term of ``source`` with any translation."""
        return bool(self.translations(source, key))

    def _load_has_head(self, source: str, key: str, head: str) -> bool:
        rows = self._query(
            "SELECT 1 FROM translation WHERE source = ? AND key = ? AND head = ? "
            "LIMIT 1",
            (source, key, head),
        )
        return bool(rows)

    def has_head(self, source: str, key: str, head: str) -> bool:
        """Whether the headword ``head`` (folded, keyed ``key``) of ``source``
        has any translation, without loading them (for compound splitting,
        where a word that only shares a stem with a headword does not count)."""
        return self._has_head(source, key, head)

    def _load_heads(self, source: str, key: str) -> tuple[str, ...]:
        rows = self._query(self._select_heads, (source, key))  # not DISTINCT
        return tuple(dict.fromkeys(str(spelling or head) for head, spelling in rows))

    def heads(self, source: str, key: str) -> tuple[str, ...]:
        """The headwords of ``source`` filed under ``key``, as spelled (folded
        where the lexicon predates spellings), without loading translations."""
        return self._heads(source, key)

    def _load_lemmas(self, locale: str, form: str) -> tuple[str, ...]:
        # Not DISTINCT: with it SQLite walks the index by lemma (ordered
        # output) instead of looking the form up, fifty milliseconds a word.
        rows = self._query(
            "SELECT lemma FROM lemma WHERE locale = ? AND form = ?",
            (locale, form),
        )
        if not rows and locale == "is":
            # A word only the bilingual dictionaries know has no forms listed.
            return guessed_lemmas(form, functools.partial(self._is_headword, locale))
        return tuple(dict.fromkeys(str(row[0]) for row in rows))

    def _is_headword(self, locale: str, word: str) -> bool:
        key = term_key(word, locale)
        return bool(key) and self.has_head(locale, key, fold(word))

    def lemmas(self, locale: str, form: str) -> tuple[str, ...]:
        """Dictionary forms of an inflected word (irregular ones; all in Icelandic,
        guessed from its ending where the form lists lack the word)."""
        return self._lemmas(locale, form.lower())

    def _load_forms(self, locale: str, lemma: str) -> tuple[str, ...]:
        rows = self._query(  # not DISTINCT, see _load_lemmas
            "SELECT form FROM lemma WHERE locale = ? AND lemma = ?",
            (locale, lemma),
        )
        return tuple(dict.fromkeys(str(row[0]) for row in rows))

    def forms(self, locale: str, lemma: str) -> tuple[str, ...]:
        """Every inflected form of a dictionary form (Icelandic only)."""
        return self._forms(locale, lemma.lower())

    def _lemmas_in(self, table: str, locale: str, form: str) -> frozenset[str]:
        if table not in self._tables:
            return frozenset()
        rows = self._query(
            f"SELECT lemma FROM {table} WHERE locale = ? AND form = ?",  # noqa: S608 - our names
            (locale, form),
        )
        return frozenset(str(row[0]) for row in rows)

    def _load_minor(self, locale: str, form: str) -> frozenset[str]:
        return self._lemmas_in("minor_reading", locale, form)

    def _load_readings(self, locale: str, form: str) -> frozenset[str]:
        return self._lemmas_in("reading", locale, form)

    def minor_lemmas(self, locale: str, form: str) -> frozenset[str]:
        """Dictionary forms ``form`` is only in a less likely part of speech
        than its likeliest (nouns, then proper nouns, adjectives and verbs):
        the verb "møblere" of Norwegian "møbler", whose likeliest reading is
        the noun "møbel". Empty for a form with one part of speech."""
        return self._minor(locale, form.lower())

    def readings(self, locale: str, form: str) -> frozenset[str]:
        """Every dictionary form the analyser gives ``form``, where its stem
        also files other headwords (Danish "strømmen": "strøm", though
        "strømme", to stream, shares the stem); empty where the analyser does
        not know the form or no other headword shares its stem."""
        return self._readings(locale, form.lower())
