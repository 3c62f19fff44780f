"""Words an editor types that an item's text does not hold as words.

Wagtail's own search (the admin's page, snippet and chooser search) matches
whole words and word beginnings. Under ``make run`` it runs on the database
(SQLite FTS5, PostgreSQL in the second test run), which neither splits
compounds nor folds every Nordic letter, and it knows an item's dates only
as values to filter on. :func:`extra_search_text` writes what is missing as
one more indexed text, computed when the item is saved or ``update_index``
runs:

- the parts of Nordic compounds in the given texts ("integrationskonference"
  -> "integrations konference"), from the cross-language lexicon's compound
  splitter (:mod:`search.crosslingual`); without a lexicon there are no parts;
- every word with a Nordic letter folded as the engine folds it ("Tromsø"
  -> "tromso", "Ærø" -> "aero"): FTS5's ``unicode61`` tokenizer folds å, ä and
  ö but not ø, æ, þ or ð, and PostgreSQL's ``simple`` configuration folds none;
- the item's own dates as editors write them: "2018", "november 2018",
  "20 november 2018", "2018-11-20", "20.11.2018", with month names in English
  and in the item's language ("marraskuu 2018");
- the name of the item's language in the six interface languages ("dansk",
  "Danish", "tanska").

The OpenSearch backend (production) folds by itself but splits no compounds
and knows no dates either: it indexes the same text.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import threading
from collections.abc import Iterable
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_ALT

__all__ = [
    "CompoundSplitter",
    "compound_splitter",
    "date_words",
    "extra_search_text",
    "language_names",
]

logger = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]+")
#: Words shorter than this are never compounds worth splitting (the lexicon's
#: splitter has the same floor); skipping them saves lexicon look-ups.
_MIN_COMPOUND = 8
#: Languages whose compounds are written as one word.
_COMPOUNDING = frozenset({"da", "nb", "sv", "fi", "is"})
#: An item's text can be long (a lead of 600 characters); its compounds are
#: split up to this many distinct words, so that a save stays cheap.
_MAX_SPLIT_WORDS = 40


class PartsSplitter(Protocol):
    def parts(self, word: str, locale: str) -> tuple[str, ...]: ...


class CompoundSplitter:
    """Parts of compound words, never failing a save.

    It wraps the splitter public search uses for documents' compounds
    (:class:`search.compounds.CompoundSplitter`: both sides lexicon words of
    four letters or more, a linking "s" or "e" dropped; Finnish parts from
    Voikko), so that the admin finds what the public search finds.
    """

    def __init__(self, splitter: PartsSplitter | None) -> None:
        self._splitter = splitter

    def parts(self, word: str, language: str) -> tuple[str, ...]:
        """The parts of ``word`` (lowercase), or ``()`` when it is no compound."""
        if self._splitter is None or language not in _COMPOUNDING:
            return ()
        try:
            return self._splitter.parts(word.lower(), language)
        except Exception:  # a broken lexicon must never stop a save
            logger.exception("splitting %r (%s) failed", word, language)
            return ()


_splitter: CompoundSplitter | None = None
_splitter_lock = threading.Lock()


def compound_splitter() -> CompoundSplitter:
    """The process's splitter over the configured lexicon (none: no parts)."""
    global _splitter  # one per process, built on first use
    with _splitter_lock:
        if _splitter is None:
            try:
                from search.compounds import shared_splitter

                _splitter = CompoundSplitter(shared_splitter())
            except Exception:  # no lexicon means no parts
                logger.exception("no compound splitter: compounds stay whole")
                _splitter = CompoundSplitter(None)
        return _splitter


def _fold(word: str) -> str:
    from search.analysis import fold

    return fold(word)


def _zone(name: str | None) -> dt.tzinfo:
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


@functools.lru_cache(maxsize=256)
def _month_names(month: int, language: str) -> tuple[str, ...]:
    """Month ``month`` in English and ``language`` (Finnish: "marraskuu" and
    "marraskuuta"), lowercase."""
    names: dict[str, None] = {}
    for code in dict.fromkeys(("en", language)):
        with translation.override(code):
            for table in (MONTHS, MONTHS_ALT):
                names.setdefault(str(table[month]).lower(), None)
    return tuple(names)


def date_words(
    values: Iterable[dt.date | dt.datetime | None],
    language: str,
    time_zone: str | None = None,
) -> list[str]:
    """Dates as editors type them: year, month and year, day, numeric forms.

    Times are read in ``time_zone`` (an event's own), else the site's.
    """
    words: dict[str, None] = {}
    zone = _zone(time_zone)
    for value in values:
        if value is None:
            continue
        day = value
        if isinstance(value, dt.datetime):
            day = (value.astimezone(zone) if value.tzinfo else value).date()
        words.setdefault(str(day.year), None)
        for month in _month_names(day.month, language):
            words.setdefault(f"{month} {day.year}", None)
            words.setdefault(f"{day.day} {month} {day.year}", None)
        words.setdefault(day.isoformat(), None)
        words.setdefault(f"{day.day}.{day.month}.{day.year}", None)
    return list(words)


@functools.lru_cache(maxsize=32)
def language_names(language: str) -> tuple[str, ...]:
    """The name of ``language`` in itself and in every interface language."""
    try:
        info = translation.get_language_info(language)
    except KeyError:
        return ()
    names: dict[str, None] = {str(info["name"]): None, str(info["name_local"]): None}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.setdefault(str(translation.gettext(info["name"])), None)
    return tuple(names)


def extra_search_text(
    texts: Iterable[str | None],
    language: str,
    dates: Iterable[dt.date | dt.datetime | None] = (),
    time_zone: str | None = None,
    splitter: CompoundSplitter | None = None,
) -> str:
    """The extra indexed text of an item in ``language`` (see the module)."""
    splitter = splitter or compound_splitter()
    found: dict[str, None] = {}
    seen: set[str] = set()
    attempts = 0
    for text in texts:
        for word in _WORD.findall(text or ""):
            lowered = word.lower()
            if lowered in seen:
                continue
            seen.add(lowered)
            parts: tuple[str, ...] = ()
            if len(lowered) >= _MIN_COMPOUND and attempts < _MAX_SPLIT_WORDS:
                attempts += 1
                parts = splitter.parts(lowered, language)
            for part in parts:
                found.setdefault(part, None)
            for form in (lowered, *parts):
                folded = _fold(form) if not form.isascii() else form
                if folded != form:
                    found.setdefault(folded, None)
    for name in language_names(language):
        name = name.lower()
        found.setdefault(name, None)
        if not name.isascii():
            found.setdefault(_fold(name), None)
    for words in date_words(dates, language, time_zone):
        found.setdefault(words, None)
        if not words.isascii():
            found.setdefault(_fold(words), None)
    return " ".join(found)
