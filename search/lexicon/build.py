"""Builds the cross-language lexicon from installed linguistic packages.

Sources (Debian packages; whatever is installed is used, the rest is named in
the build report):

* Apertium bilingual dictionaries (da-nb, sv-da, sv-nb, is-sv, is-en), read
  with ``lt-print`` (:mod:`search.lexicon.apertium`);
* FreeDict dictionaries in dictd format (:mod:`search.lexicon.freedict`);
* simplemma's Icelandic form lists (PyPI), for lemmatising Icelandic, which
  has no stemmer.

Every dictionary also counts in the reverse direction (weighted lower), and
pairs that no dictionary covers, or covers thinly, are composed through a
pivot language (English, Swedish, Norwegian, Danish). The result is one
SQLite file that readers open read-only (:class:`search.lexicon.Lexicon`).
Only derived data goes there: the file lives in the data folder and is never
committed, since several sources are GPL-licensed.
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from search.analysis import fold
from search.documents import LOCALES
from search.lexicon.apertium import (
    APERTIUM_FOLDER,
    BIDIX,
    CONTENT_TAGS,
    analyse,
    default_translations,
    read_bidix,
)
from search.lexicon.freedict import DICTD_FOLDER, read_dictionary
from search.lexicon.keys import term_key

__all__ = ["FREEDICT", "BuildReport", "build_lexicon"]

logger = logging.getLogger(__name__)

#: FreeDict dictionary name -> (source locale, target locale).
FREEDICT: Final[dict[str, tuple[str, str]]] = {
    "dan-eng": ("da", "en"),
    "eng-dan": ("en", "da"),
    "swe-eng": ("sv", "en"),
    "eng-swe": ("en", "sv"),
    "isl-eng": ("is", "en"),
    "fin-eng": ("fi", "en"),
    "eng-fin": ("en", "fi"),
    "fin-swe": ("fi", "sv"),
    "swe-fin": ("sv", "fi"),
    "fin-nor": ("fi", "nb"),
    "swe-nor": ("sv", "nb"),
    "eng-nor": ("en", "nb"),
}

SCHEMA_VERSION: Final = 7
PIVOTS: Final = ("en", "sv", "nb", "da")
#: Languages whose word forms come from simplemma (Finnish: Voikko at query time).
LEMMA_LOCALES: Final = ("is", "da", "nb", "sv", "en")
#: Translations kept per source term and target language.
MAX_TRANSLATIONS: Final = 6
REVERSE_WEIGHT: Final = 0.8
PIVOT_WEIGHT: Final = 0.6
#: A pivot word reached through a headword that only shares its stem.
STEM_WEIGHT: Final = 0.7
#: Weight of the n-th translation of an entry (first sense first).
_RANK_WEIGHTS: Final = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)

#: key -> translation -> (weight, source, headword folded, headword spelled).
Table = dict[str, dict[str, tuple[float, str, str, str]]]


@dataclass(slots=True)
class BuildReport:
    """What a build used and produced."""

    path: Path
    sources: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    translations: int = 0
    lemmas: int = 0
    function_words: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class _Pairs:
    tables: dict[tuple[str, str], Table] = field(default_factory=dict)
    #: Words of each language tagged as function words, and as content words.
    function_words: dict[str, set[str]] = field(default_factory=dict)
    content_words: dict[str, set[str]] = field(default_factory=dict)

    def tag(self, locale: str, word: str, tag: str) -> None:
        if " " in word:
            return
        words = self.content_words if tag in CONTENT_TAGS else self.function_words
        words.setdefault(locale, set()).add(word)

    def heads(self, source: str) -> dict[str, set[str]]:
        """The headwords (folded) of ``source`` filed under each term key."""
        found: dict[str, set[str]] = {}
        for (language, _), table in self.tables.items():
            if language != source:
                continue
            for key, entries in table.items():
                found.setdefault(key, set()).update(
                    head for _, _, head, _ in entries.values()
                )
        return found

    def only_function_words(self) -> list[tuple[str, str]]:
        """``(locale, word)`` of the words never tagged as content words."""
        return sorted(
            (locale, word)
            for locale, words in self.function_words.items()
            for word in words - self.content_words.get(locale, set())
        )

    def add(
        self,
        source: str,
        target: str,
        word: str,
        translation: str,
        weight: float,
        via: str,
    ) -> None:
        key = term_key(word, source)
        if not key or not term_key(translation, target):
            return
        table = self.tables.setdefault((source, target), {})
        found = table.setdefault(key, {})
        previous = found.get(translation)
        if previous is None or previous[0] < weight:
            found[translation] = (weight, via, fold(word), word.lower())


def _rank_weight(rank: int) -> float:
    return _RANK_WEIGHTS[min(rank, len(_RANK_WEIGHTS) - 1)]


def _load_freedict(pairs: _Pairs, folder: Path, report: BuildReport) -> None:
    for name, (source, target) in FREEDICT.items():
        try:
            entries = list(read_dictionary(name, folder))
        except FileNotFoundError:
            report.missing.append(f"dict-freedict-{name}")
            continue
        report.sources.append(f"freedict {name} ({len(entries)} entries)")
        for entry in entries:
            rank = 0
            for sense_number, sense in enumerate(entry.senses):
                for translation in sense:
                    weight = _rank_weight(rank) * (1.0 if sense_number == 0 else 0.85)
                    pairs.add(source, target, entry.headword, translation, weight, name)
                    pairs.add(
                        target,
                        source,
                        translation,
                        entry.headword,
                        weight * REVERSE_WEIGHT,
                        name,
                    )
                    rank += 1


def _read_apertium(
    source: str, target: str, folder: Path
) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """A pair direction's dictionary rows and what Apertium makes of each
    headword on its own."""
    rows = list(read_bidix(source, target, folder))
    words = sorted({word for word, _, tag in rows if tag in CONTENT_TAGS})
    return rows, default_translations(source, target, words)


def _load_apertium(pairs: _Pairs, folder: Path, report: BuildReport) -> None:
    # Full translation takes seconds per direction: two at a time.
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            direction: pool.submit(_read_apertium, *direction, folder)
            for direction in BIDIX
        }
    for (source, target), (package, _) in BIDIX.items():
        try:
            rows, defaults = futures[source, target].result()
        except (FileNotFoundError, OSError, subprocess.SubprocessError) as exc:
            report.missing.append(f"{package} ({exc})")
            continue
        for word, translation, tag in rows:
            pairs.tag(source, word, tag)
            pairs.tag(target, translation, tag)
        rows = [row for row in rows if row[2] in CONTENT_TAGS]
        # A word's own translation first; the others keep their order.
        rows.sort(key=lambda row: defaults.get(row[0]) != row[1])
        ranked = sum(
            1 for word, translation, _ in rows if defaults.get(word) == translation
        )
        report.sources.append(
            f"apertium {source}-{target} ({len(rows)} pairs, "
            f"{ranked} ranked by full translation)"
        )
        ranks: dict[str, int] = {}
        for word, translation, _tag in rows:
            rank = ranks.get(word, 0)
            ranks[word] = rank + 1
            via = f"apertium-{source}-{target}"
            pairs.add(source, target, word, translation, _rank_weight(rank), via)
            pairs.add(
                target,
                source,
                translation,
                word,
                _rank_weight(rank) * REVERSE_WEIGHT,
                via,
            )


def _onward(
    middle: str, onward: dict[str, tuple[float, str, str, str]]
) -> list[tuple[str, float]]:
    """Translations of the pivot word ``middle`` among those of its key, with
    their weights: those of ``middle`` itself, and at :data:`STEM_WEIGHT`
    those of headwords that only share its stem ("lova" for "lov"). A
    headword spelled otherwise with the same letters unaccented is another
    word (Swedish "lov", permission, and "löv", leaf) and is left out."""
    spelled = middle.lower()
    folded = fold(middle)
    found: list[tuple[str, float]] = []
    for word, (weight, _, head, head_spelled) in onward.items():
        if head_spelled == spelled:
            found.append((word, weight))
        elif head != folded:
            found.append((word, weight * STEM_WEIGHT))
    return found


def _compose(pairs: _Pairs) -> None:
    """Add pivot translations for every pair, for terms the pair lacks."""
    composed: dict[tuple[str, str], Table] = {}
    for source in LOCALES:
        for target in LOCALES:
            if source == target:
                continue
            direct = pairs.tables.get((source, target), {})
            extra: Table = {}
            for pivot in PIVOTS:
                if pivot in (source, target):
                    continue
                first = pairs.tables.get((source, pivot), {})
                second = pairs.tables.get((pivot, target), {})
                if not first or not second:
                    continue
                for key, translations in first.items():
                    if key in direct:
                        continue
                    found = extra.setdefault(key, {})
                    for middle, (weight, _, head, spelled) in translations.items():
                        onward = second.get(term_key(middle, pivot))
                        if not onward:
                            continue
                        for word, score in _onward(middle, onward):
                            score *= weight * PIVOT_WEIGHT
                            if word not in found or found[word][0] < score:
                                found[word] = (score, f"via {pivot}", head, spelled)
            composed[(source, target)] = {k: v for k, v in extra.items() if v}
    for pair, extra in composed.items():
        table = pairs.tables.setdefault(pair, {})
        for key, found in extra.items():
            table.setdefault(key, {}).update(found)


@dataclass
class _WordForms:
    """Rows of the ``lemma`` and ``minor_reading`` tables."""

    lemmas: list[tuple[str, str, str]] = field(default_factory=list)
    minor: list[tuple[str, str, str]] = field(default_factory=list)
    readings: list[tuple[str, str, str]] = field(default_factory=list)


def _word_forms(
    locales: Sequence[str],
    apertium_folder: Path,
    report: BuildReport,
    heads: Callable[[str], dict[str, set[str]]],
) -> _WordForms:
    """Word forms from simplemma's word lists.

    ``lemmas``: ``(locale, form, lemma)``, each form with every dictionary
    form Apertium's analyser gives it first (nouns first), then simplemma's
    one guess: simplemma makes Norwegian "møbler" the verb "møblere" only,
    and Icelandic "hefðir" only "hafa". Icelandic keeps every form (its
    index has no stemmer, so queries expand a word to all its forms). The
    other languages keep only the forms their stemmer does not bring to the
    lemma's stem ("bostäder" -> "bostad", "børn" -> "barn"): the rest are
    found by stem anyway.

    ``minor``: ``(locale, form, lemma)`` where the analyser reads a form as
    words of more than one part of speech, the lemmas of the less likely
    ones ("møbler": "møblere", the verb; "hefðir": "hafa"), which the last
    part of a compound is not taken for.

    ``readings``: ``(locale, form, lemma)``, every dictionary form the
    analyser gives a form whose stem (or a dictionary form's) also files
    other headwords: Danish "strømmen" is only "strøm", not "strømme" (to
    stream), though the stemmer brings both to "strøm". ``heads(locale)``
    gives the headwords under each term key.
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    found = _WordForms()
    analysed = 0
    for locale in locales:
        guesses = {
            form.lower(): lemma.lower()
            for form, lemma in factory.get_dictionary(locale).items()
            if form.isalpha() and lemma.isalpha()
        }
        readings = analyse(locale, list(guesses), apertium_folder)
        analysed += len(readings)
        filed = heads(locale) if readings else {}
        for form, guess in guesses.items():
            ranked = readings.get(form, ())
            if ranked:
                likeliest = ranked[0][1]
                found.minor.extend(
                    (locale, form, lemma) for lemma, rank in ranked if rank > likeliest
                )
                if _others_share_a_stem(form, ranked, locale, filed):
                    found.readings.extend((locale, form, lemma) for lemma, _ in ranked)
            for lemma in dict.fromkeys((*(lemma for lemma, _ in ranked), guess)):
                if form == lemma:
                    continue
                if locale != "is" and term_key(form, locale) == term_key(lemma, locale):
                    continue
                found.lemmas.append((locale, form, lemma))
    if analysed:
        report.sources.append(f"Apertium analysers ({analysed} forms)")
    return found


def _others_share_a_stem(
    form: str,
    ranked: Sequence[tuple[str, int]],
    locale: str,
    filed: dict[str, set[str]],
) -> bool:
    """Whether the term keys of ``form`` and its dictionary forms also file
    headwords that are none of them."""
    own = {fold(form), *(fold(lemma) for lemma, _ in ranked)}
    keys = {term_key(word, locale) for word in (form, *(lemma for lemma, _ in ranked))}
    return any(filed.get(key, set()) - own for key in keys if key)


def _write(
    path: Path,
    pairs: _Pairs,
    report: BuildReport,
    lemma_locales: Sequence[str],
    apertium_folder: Path,
) -> None:
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(
            """
            CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE translation (
                source TEXT NOT NULL, key TEXT NOT NULL, head TEXT NOT NULL,
                target TEXT NOT NULL, word TEXT NOT NULL, weight REAL NOT NULL,
                via TEXT NOT NULL, spelling TEXT NOT NULL
            );
            CREATE TABLE lemma (
                locale TEXT NOT NULL, form TEXT NOT NULL, lemma TEXT NOT NULL
            );
            CREATE TABLE minor_reading (
                locale TEXT NOT NULL, form TEXT NOT NULL, lemma TEXT NOT NULL
            );
            CREATE TABLE reading (
                locale TEXT NOT NULL, form TEXT NOT NULL, lemma TEXT NOT NULL
            );
            CREATE TABLE function_word (locale TEXT NOT NULL, word TEXT NOT NULL);
            """
        )
        function_words = pairs.only_function_words()
        connection.executemany(
            "INSERT INTO function_word VALUES (?, ?)", function_words
        )
        report.function_words = len(function_words)
        rows = (
            (source, key, head, target, word, weight, via, spelling)
            for (source, target), table in pairs.tables.items()
            for key, found in table.items()
            for word, (weight, via, head, spelling) in sorted(
                found.items(), key=lambda item: -item[1][0]
            )[:MAX_TRANSLATIONS]
        )
        connection.executemany(
            "INSERT INTO translation VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
        try:
            forms = _word_forms(lemma_locales, apertium_folder, report, pairs.heads)
        except ImportError:
            report.missing.append("simplemma (PyPI)")
            forms = _WordForms()
        else:
            report.sources.append(f"simplemma word forms ({len(forms.lemmas)} kept)")
        lemmas = forms.lemmas
        connection.executemany("INSERT INTO lemma VALUES (?, ?, ?)", lemmas)
        connection.executemany(
            "INSERT INTO minor_reading VALUES (?, ?, ?)", forms.minor
        )
        connection.executemany("INSERT INTO reading VALUES (?, ?, ?)", forms.readings)
        connection.executescript(
            """
            CREATE INDEX translation_by_key ON translation (source, key);
            CREATE INDEX lemma_by_form ON lemma (locale, form);
            CREATE INDEX lemma_by_lemma ON lemma (locale, lemma);
            CREATE INDEX minor_reading_by_form ON minor_reading (locale, form);
            CREATE INDEX reading_by_form ON reading (locale, form);
            """
        )
        report.translations = connection.execute(
            "SELECT count(*) FROM translation"
        ).fetchone()[0]
        report.lemmas = len(lemmas)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("schema", str(SCHEMA_VERSION)),
                ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                ("sources", "; ".join(report.sources)),
                ("missing", "; ".join(report.missing)),
                ("translations", str(report.translations)),
            ],
        )
        connection.commit()
    finally:
        connection.close()
    partial.replace(path)


def build_lexicon(
    path: Path,
    *,
    dictd_folder: Path = DICTD_FOLDER,
    apertium_folder: Path = APERTIUM_FOLDER,
    progress: Callable[[str], None] = logger.info,
    lemma_locales: Sequence[str] = LEMMA_LOCALES,
) -> BuildReport:
    """Build the lexicon file at ``path`` (replaced atomically).

    ``lemma_locales`` names the languages whose word forms are kept (tests
    pass fewer: loading a language's word list takes seconds).
    """
    started = time.monotonic()
    report = BuildReport(path)
    pairs = _Pairs()
    path.parent.mkdir(parents=True, exist_ok=True)
    progress("reading FreeDict dictionaries")
    _load_freedict(pairs, dictd_folder, report)
    progress("reading Apertium bilingual dictionaries")
    _load_apertium(pairs, apertium_folder, report)
    progress("composing missing language pairs through pivot languages")
    _compose(pairs)
    progress(f"writing {path}")
    _write(path, pairs, report, lemma_locales, apertium_folder)
    report.seconds = time.monotonic() - started
    return report
