"""Query translation for cross-Nordic search, shared by both backends.

For each query word in the searcher's language, :class:`Translator` finds
weighted translations into the other five languages from the lexicon built
out of Apertium and FreeDict dictionaries (:mod:`search.lexicon`):

1. the word is looked up by its index key (stemmed and folded), then by its
   dictionary forms: Finnish through Voikko, Icelandic through the lexicon's
   form list (Icelandic has no stemmer); entries of the word's own headword
   come first, and a language they do not reach takes those of a headword
   that shares the stem and begins like the word ("employ" for
   "employment"), weighted lower;
2. a word the dictionaries lack is split into known parts (Nordic compounds:
   "sprogundervisning" = "sprog" + "undervisning", with the linking "s"
   or "e" dropped; Finnish parts from Voikko), each part is translated and
   the target compound is formed again ("språk" + "undervisning"), plus
   the parts as separate words for languages that write them apart; a
   compound the dictionaries know is translated through its parts too
   (where both sides are headwords), below its own entries;
3. every language is also reached through the word's best translations
   into pivot languages (English, Swedish, Norwegian, Danish, then Finnish,
   whose dictionaries are the largest), word by word ("firefighter" ->
   Finnish "palomies" -> Swedish "brandman"): the only route to a language
   the dictionaries do not reach; elsewhere a pivot only confirms a direct
   translation it reaches too (a translation found by several routes weighs
   1 - (1 - w1)(1 - w2)), and adds no words (each adds engine clauses);
4. a translation matches the inflected forms its language's stemmer misses:
   every form in Icelandic (no stemmer there), the irregular ones elsewhere
   ("bostad" also finds "bostäder"); so does the query word itself.

Translations the engine should find are words, not index terms: each
backend analyses them with the target language's own analyser. The staff
glossary stays on top for multi-word domain terms (:mod:`search.glossary`).
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Final, Protocol

from search.analysis import fold, is_function_word
from search.compounds import CompoundSplitter
from search.derivation import related
from search.documents import LOCALES
from search.lexicon.keys import term_key

if TYPE_CHECKING:
    from search.lexicon import Lexicon, LexiconEntry

__all__ = ["FinnishAnalyser", "Translation", "Translator", "shared_translator"]

logger = logging.getLogger(__name__)

#: Translations kept per word and target language.
PER_TARGET: Final = 3
#: Translations searched per word and language, the best (each adds clauses).
MAX_PER_TARGET: Final = 6
#: Compounds are assembled from the best translations of each part.
PARTS_PER_TARGET: Final = 2
COMPOUND_WEIGHT: Final = 0.8
SEPARATE_PARTS_WEIGHT: Final = 0.6
#: Each translated part of a compound alone: the last part names what the
#: compound is, the others what it is about.
PART_WEIGHT: Final = 0.3
#: Parts of a compound that has entries of its own count less than those.
KNOWN_COMPOUND_WEIGHT: Final = 0.7
#: Languages no translation reached are reached through the best translation
#: into one of these, word by word, weighted down by this.
QUERY_PIVOTS: Final = ("en", "sv", "nb", "da", "fi")
QUERY_PIVOT_WEIGHT: Final = 0.6
#: Entries found by stem only, not by the word's own headword.
STEM_ONLY_WEIGHT: Final = 0.7
#: Translations that look like the source word (Scandinavian cognates such as
#: "flygtning", "flyktning", "flykting") are weighted up to this.
COGNATE_WEIGHT: Final = 1.0
_COGNATE_LOCALES: Final = frozenset({"da", "nb", "sv"})
_MIN_PART: Final = 3
_MIN_HEAD: Final = 3
#: An unknown word is split wherever two known parts make it up, however
#: short: "flåtbid" (tick bite) has seven letters.
_MIN_COMPOUND: Final = _MIN_PART + _MIN_HEAD
_LINKS: Final = ("s", "e", "u", "a")
#: Languages that write compounds as one word.
_COMPOUNDING: Final = frozenset({"da", "nb", "sv", "fi", "is"})


@dataclass(frozen=True, slots=True)
class Translation:
    """Words to look for in ``locale`` (all of them), with a weight in (0, 1].

    ``forms`` lists other forms of a one-word translation that the index's
    analyser does not bring to it: inflected forms where there is no stemmer
    (Icelandic) and words of its family (:mod:`search.derivation`); any form
    may match.
    """

    locale: str
    words: tuple[str, ...]
    weight: float
    via: str
    forms: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.words)


class _Analyser(Protocol):
    def baseforms(self, word: str) -> tuple[str, ...]: ...

    def parts(self, word: str) -> tuple[str, ...]: ...

    def surface_parts(self, word: str) -> tuple[str, ...]: ...

    def knows(self, word: str) -> bool: ...


#: One of Voikko's word bases: "+pakolais(pakolainen)", "+us(+us)", "+n".
_WORD_BASE: Final = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")
#: Voikko's tag of a verbal noun in "-minen" ("kotoutuminen", integration),
#: whose base form it gives as the verb ("kotoutua").
_VERBAL_NOUN: Final = "[Tn4]mi"
_TAG: Final = re.compile(r"\[[^\]]*\]")


def _verbal_noun(word: str, analysis: str) -> str:
    """The dictionary form of the verbal noun ``word`` is a form of, from
    Voikko's analysis: the word up to the suffix's "mi", plus "nen"
    ("kotoutumisen" -> "kotoutuminen"); empty for other words."""
    at = analysis.rfind(_VERBAL_NOUN)
    if at < 0:
        return ""
    ending = _TAG.sub("", analysis[at + len(_VERBAL_NOUN) :])
    lowered = word.lower()
    if not lowered.endswith(ending) or len(lowered) - len(ending) < _MIN_PART:
        return ""
    return lowered[: len(lowered) - len(ending)] + "nen"


class FinnishAnalyser:
    """Finnish dictionary forms and compound parts from Voikko (libvoikko)."""

    def __init__(self) -> None:
        import libvoikko  # type: ignore[import-untyped]

        self._voikko = libvoikko.Voikko("fi")
        self._lock = threading.Lock()

    @classmethod
    @functools.cache
    def default(cls) -> FinnishAnalyser | None:
        """The shared analyser, or ``None`` when Voikko is not installed."""
        try:
            return cls()
        except Exception as exc:  # noqa: BLE001 - missing library or dictionary
            logger.warning(
                "Finnish analysis (Voikko) is not available: %s; Finnish query "
                "words are stemmed only",
                exc,
            )
            return None

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one instance per process
    def _analyse(self, word: str) -> tuple[tuple[str, str, str, str], ...]:
        """Voikko's readings of ``word``: its dictionary form, word bases,
        structure, and the dictionary form of the verbal noun it is a form
        of (empty for other words)."""
        with self._lock:
            analyses = self._voikko.analyze(word)
        return tuple(
            (
                str(item.get("BASEFORM", "")),
                str(item.get("WORDBASES", "")),
                str(item.get("STRUCTURE", "")),
                _verbal_noun(word, str(item.get("FSTOUTPUT", ""))),
            )
            for item in analyses
        )

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a Finnish word, a compound Voikko can analyse
        included ("hammasterveys" is; "työskennellälupa", an infinitive
        before a noun, is not)."""
        return bool(self._analyse(word))

    def baseforms(self, word: str) -> tuple[str, ...]:
        """Dictionary forms of ``word``: a verbal noun's own first
        ("perheenyhdistämisen" -> "perheenyhdistäminen", family
        reunification, which the dictionaries list), then the verb Voikko
        gives as its base form ("perheenyhdistää")."""
        found: dict[str, None] = {}
        for baseform, _, _, noun in self._analyse(word):
            if noun:
                found.setdefault(noun, None)
            if baseform:
                found.setdefault(baseform.lower(), None)
        return tuple(found)

    @staticmethod
    def _cut(word: str, structure: str) -> tuple[str, ...]:
        """``word`` cut where ``structure`` (Voikko's, of that word) puts
        word boundaries; empty when it is not a compound of parts of at
        least :data:`_MIN_PART` letters."""
        if structure.count("=") < 2 or len(structure.replace("=", "")) != len(word):
            return ()
        parts: list[str] = []
        position = 0
        for piece in structure.split("=")[1:]:
            parts.append(word[position : position + len(piece)].lower())
            position += len(piece)
        if all(len(part) >= _MIN_PART for part in parts):
            return tuple(parts)
        return ()

    def surface_parts(self, word: str) -> tuple[str, ...]:
        """A compound cut where Voikko's structure puts word boundaries, in
        the word's own (inflected) letters: "hammasongelmia" -> "hammas",
        "ongelmia". Empty for a word that is not a compound."""
        for _, _, structure, _ in self._analyse(word):
            parts = self._cut(word, structure)
            if parts:
                return parts
        return ()

    @staticmethod
    def _bases(word: str, bases: str, structure: str) -> tuple[str, ...]:
        """``word`` cut at its word boundaries, each part in its own
        dictionary form from Voikko's word bases ("pakolais(pakolainen)"); a
        derived part whole ("kalast(kalastaa)" + "us(+us)": "kalastus"), a
        part that is a compound itself too ("maahanmuuttaja")."""
        parts = FinnishAnalyser._cut(word, structure)
        components = _WORD_BASE.findall(bases)
        if not parts or not components:
            return parts
        found: list[str] = []
        pieces = iter(parts)
        index = 0
        while index < len(components):
            taken = [components[index]]
            index += 1
            covered = len(taken[0][0])
            cut = len(next(pieces, ""))
            while covered != cut:
                if covered < cut and index < len(components):
                    taken.append(components[index])
                    covered += len(components[index][0])
                    index += 1
                elif covered > cut and (more := next(pieces, "")):
                    cut += len(more)
                else:
                    return parts
            surface, base = taken[-1]
            if len(taken) > 1:
                # Derived ("riippu" + "vu" + "us"): as written, the last
                # suffix in its own form ("terve" + "yden": "terveys").
                found.append(
                    "".join(piece for piece, _ in taken[:-1])
                    + (base.lstrip("+") or surface)
                )
            elif surface.endswith("mis") and base.endswith(("a", "ä")):
                # A verbal noun in its compound form ("kotoutumis-" of
                # "kotoutuminen"), not the verb ("kotoutua").
                found.append(surface[:-1] + "nen")
            else:
                found.append(base.replace("=", "") or surface)
        if len(found) < 2 or any(len(part) < _MIN_PART for part in found):
            return ()
        return tuple(part.lower() for part in found)

    def parts(self, word: str) -> tuple[str, ...]:
        """Compound parts in their dictionary forms: the dictionary form of
        the word cut at its word boundaries, each part in its own dictionary
        form ("pakolaisperheille" -> "pakolainen", "perhe"; derived parts
        stay whole: "kalastusluvat" -> "kalastus", "lupa")."""
        for baseform, _, _, _ in self._analyse(word):
            if not baseform:
                continue
            for other, bases, structure, _ in self._analyse(baseform):
                if other.lower() != baseform.lower():
                    continue
                parts = self._bases(baseform, bases, structure)
                if parts:
                    return parts
        return self._verbal_noun_parts(word)

    def _verbal_noun_parts(self, word: str) -> tuple[str, ...]:
        """The parts of a compound verbal noun, which Voikko reads as a form
        of its verb ("perheenyhdistäminen" of "perheenyhdistää"): the first
        ones in their dictionary forms, the last the verbal noun ("perhe",
        "yhdistäminen")."""
        for _, _, _, noun in self._analyse(word):
            if not noun:
                continue
            for _, bases, structure, own in self._analyse(noun):
                parts = self._cut(noun, structure) if own == noun else ()
                if len(parts) < 2:
                    continue
                base_of = {
                    surface.lower(): base.replace("=", "").lower()
                    for surface, base in _WORD_BASE.findall(bases)
                }
                return (
                    *(base_of.get(part) or part for part in parts[:-1]),
                    parts[-1],
                )
        return ()


#: Forms of Icelandic "fólk" (people) at the end of a word, longest first.
_FOLK_FORMS: Final = ("fólksins", "fólkinu", "fólkið", "fólks", "fólki", "fólk")


def _joined(locale: str, words: Sequence[str]) -> str:
    """One-word translations of a compound's parts joined into a compound
    of ``locale``: a Swedish agent noun in "-are" drops its "e" before
    another part ("invandrar|kvinna", "läkar|besök")."""
    if locale != "sv":
        return "".join(words)
    first = [word[:-1] if word.endswith("are") else word for word in words[:-1]]
    return "".join([*first, words[-1]])


def _one_of_the_people(word: str) -> str:
    """The Icelandic noun for one of the people a collective noun in "-fólk"
    names ("flóttafólk", refugees: "flóttamaður", a refugee; "starfsfólk",
    staff: "starfsmaður"), which the dictionaries list far more often; ""
    for any other word."""
    for ending in _FOLK_FORMS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + "maður"
    return ""


def _as_cognate(word: str, entry: LexiconEntry) -> LexiconEntry:
    """``entry`` weighted up when it is spelt like ``word`` (a cognate)."""
    similarity = SequenceMatcher(None, fold(word), fold(entry.word)).ratio()
    if similarity < 0.75:
        return entry
    return replace(entry, weight=max(entry.weight, COGNATE_WEIGHT * similarity))


class Translator:
    """Translations of query words into the other hub languages."""

    def __init__(
        self, lexicon: Lexicon | None, finnish: _Analyser | None = None
    ) -> None:
        self.lexicon = lexicon
        self.finnish = finnish
        self.splitter = CompoundSplitter(lexicon, None) if lexicon is not None else None

    @classmethod
    def default(cls, lexicon: Lexicon | None) -> Translator:
        return cls(lexicon, FinnishAnalyser.default())

    @property
    def available(self) -> bool:
        return self.lexicon is not None

    def status(self) -> dict[str, object]:
        """What cross-language expansion runs on (for health endpoints)."""
        if self.lexicon is None:
            return {
                "mode": "glossary only",
                "reason": "no lexicon: install the linguistic packages and run "
                "make lexicon (README: How cross-language search works)",
            }
        return {
            "mode": "lexicon and glossary",
            "lexicon": str(self.lexicon.path.name),
            "built": self.lexicon.meta.get("built", ""),
            "sources": self.lexicon.sources,
            "missing": self.lexicon.meta.get("missing", ""),
            "finnishAnalysis": self.finnish is not None,
        }

    # -- lookup ----------------------------------------------------------------

    def is_function_word(self, word: str, locale: str) -> bool:
        """Whether the dictionaries know ``word`` only as a preposition,
        conjunction or pronoun of ``locale``: a stop word the stop lists lack."""
        return self.lexicon is not None and self.lexicon.is_function_word(locale, word)

    def _dictionary_forms(self, word: str, locale: str) -> list[str]:
        forms = [word]
        if locale == "fi" and self.finnish is not None:
            forms.extend(self.finnish.baseforms(word))
        elif self.lexicon is not None:
            forms.extend(self.lexicon.lemmas(locale, word))
            if locale == "is":
                forms.extend(_one_of_the_people(form) for form in tuple(forms))
        return [form for form in forms if form]

    def dictionary_forms(self, word: str, locale: str) -> tuple[str, ...]:
        """``word`` (lowercased) and its dictionary forms, once each."""
        return tuple(dict.fromkeys(self._dictionary_forms(word.lower(), locale)))

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - lives as long as the backend
    def is_word(self, word: str, locale: str) -> bool:
        """Whether the dictionaries hold ``word`` of ``locale``: a form of
        one of their headwords (its stem is a headword's, or it is an
        irregular form of one) or a Finnish word Voikko analyses. Typo
        tolerance leaves such a word alone: the words an edit or two away
        from it are mostly other words ("bark", "barn"). A compound only cut
        into known parts does not count: a typo is cut as readily
        ("arbejdsmarkdet": "arbejds", "mark", "det")."""
        lowered = word.lower()
        if locale == "fi" and self.finnish is not None:
            return self.finnish.knows(lowered)
        if self.lexicon is None:
            return False
        for form in self._dictionary_forms(lowered, locale):
            key = term_key(form, locale)
            if key and self.lexicon.heads(locale, key):
                return True
        return False

    # Pivot translations and compound cuts look the same words up again.
    @functools.lru_cache(maxsize=8192)  # noqa: B019 - lives as long as the backend
    def _entries(self, word: str, locale: str) -> tuple[LexiconEntry, ...]:
        """Entries of ``word``, best first: those of its own headword or its
        dictionary forms; for a language those do not reach, those of a
        headword that shares its stem and begins like it ("employ" for
        "employment", weighted lower). With no entry of its own at all,
        every entry that shares its stem (weighted lower). A headword that
        shares the stem but is none of the analyser's readings of the word
        is another word and gives nothing."""
        if self.lexicon is None:
            return ()
        forms = self._dictionary_forms(word, locale)
        heads = {fold(form) for form in forms}
        spellings = {form.lower() for form in forms}
        seen: set[str] = set()
        exact: list[LexiconEntry] = []
        stem: list[LexiconEntry] = []
        for form in forms:
            key = term_key(form, locale)
            if not key or key in seen:
                continue
            seen.add(key)
            for entry in self.lexicon.translations(locale, key):
                (exact if entry.head in heads else stem).append(entry)
        readings = {fold(lemma) for lemma in self.lexicon.readings(locale, word)}
        if readings:
            # The analyser knows the word: a headword that only shares its
            # stem is another word ("strømmen" is no form of "strømme").
            stem = [entry for entry in stem if entry.head in readings]
        if any(entry.spelling in spellings for entry in exact):
            # Spelled as typed: a headword with the same letters accented
            # otherwise is another word (Swedish "lov", permission, and
            # "löv", leaf). Typed without accents, either may be meant.
            exact = [entry for entry in exact if entry.spelling in spellings]
        if not exact:
            found = [
                replace(entry, weight=entry.weight * STEM_ONLY_WEIGHT) for entry in stem
            ]
        else:
            reached = {entry.target for entry in exact}
            folded = fold(word)
            found = exact + [
                replace(entry, weight=entry.weight * STEM_ONLY_WEIGHT)
                for entry in stem
                if entry.target not in reached
                and (folded.startswith(entry.head) or entry.head.startswith(folded))
            ]
        best: dict[tuple[str, str], LexiconEntry] = {}
        for entry in found:
            known = best.get((entry.target, entry.word))
            if known is None or known.weight < entry.weight:
                best[entry.target, entry.word] = entry
        return tuple(sorted(best.values(), key=lambda entry: -entry.weight))

    def parts(self, word: str, locale: str) -> tuple[str, ...]:
        """The parts of compound ``word`` of ``locale`` in their dictionary
        forms ("päiväkotipaikka": "päiväkoti", "paikka"), longest head
        first; empty for a word that is no compound of known words."""
        if self.lexicon is None or locale not in LOCALES or not word.isalpha():
            return ()
        return self._split(word.lower(), locale)

    def _split(self, word: str, locale: str, depth: int = 0) -> tuple[str, ...]:
        """Known parts of a compound, longest head first (empty: no split)."""
        if locale == "fi" and self.finnish is not None:
            parts = self._finnish_wholes(
                self.finnish.parts(word), self.finnish.surface_parts(word)
            )
            if all(self._entries(part, locale) for part in parts):
                return parts
            return ()
        lowered = word.lower()
        if depth == 0 and self.splitter is not None:
            forms = self.splitter.dictionary_forms(lowered, locale)
            if forms != (lowered,):
                # An inflected form: its dictionary forms are cut instead, each
                # in two known parts (as a compound's first part is).
                for form in forms:
                    if parts := self._split(form, locale, 1):
                        return parts
                return ()
        if depth == 0 and len(lowered) < _MIN_COMPOUND:
            return ()
        for cut in range(_MIN_PART, len(lowered) - _MIN_HEAD + 1):
            head = lowered[cut:]
            if not self._entries(head, locale):
                continue
            first = lowered[:cut]
            candidates = [first]
            if len(first) > _MIN_PART and first.endswith(_LINKS):
                candidates.append(first[:-1])
            for candidate in candidates:
                if self._entries(candidate, locale):
                    return (candidate, head)
                if depth == 0 and len(candidate) >= 2 * _MIN_PART:
                    inner = self._split(candidate, locale, depth + 1)
                    if inner:
                        return (*inner, head)
        return ()

    def _finnish_wholes(
        self, parts: tuple[str, ...], surface: tuple[str, ...]
    ) -> tuple[str, ...]:
        """Voikko's parts of a Finnish compound (in their dictionary forms;
        ``surface``: as written, where Voikko cuts the word alike) with
        neighbours joined where the dictionaries list them as one word:
        "päiväkotipaikka" is a "päiväkoti" (kindergarten) place, not a day,
        a home and a place; "sairaanhoitajakoulutus" the training of a
        "sairaanhoitaja" (nurse)."""
        known = self._known("fi")
        joined = list(parts)
        written = list(surface) if len(surface) == len(parts) else list(parts)
        index = 0
        while index < len(joined) - 1 and len(joined) > 2:
            for whole in (
                joined[index] + joined[index + 1],
                written[index] + written[index + 1],
            ):
                if known(whole):
                    joined[index : index + 2] = [whole]
                    written[index : index + 2] = [whole]
                    break
            else:
                index += 1
        return tuple(joined)

    # -- translations ------------------------------------------------------------

    def _forms(self, locale: str, words: Sequence[str]) -> tuple[str, ...]:
        """Forms of a one-word translation that its language's stemmer does
        not find: inflected forms (every form in Icelandic, which has no
        stemmer; the irregular ones elsewhere, "bostad" -> "bostäder") and
        the words of its family ("allergic" -> "allergy")."""
        if self.lexicon is None or len(words) != 1:
            return ()
        # A form that is a function word belongs to a homograph (Danish
        # "have", garden, lists the verb's "har" and "havde"): it would match
        # nearly every text of the language.
        inflected = tuple(
            form
            for form in self.lexicon.forms(locale, words[0])
            if not is_function_word(form, locale, self)
        )
        return inflected + self.derivations(words[0], locale)

    @functools.lru_cache(maxsize=16384)  # noqa: B019 - lives as long as the backend
    def derivations(self, word: str, locale: str) -> tuple[str, ...]:
        """Headwords of ``locale`` that ``word`` or its dictionary forms derive
        from or form (:mod:`search.derivation`), where another language's
        translations of the two are of one family too: Danish "allergiske"
        gives "allergi" (English "allergic", "allergy"), Norwegian
        "politiske" not "politi" ("political", "police")."""
        lexicon = self.lexicon
        if lexicon is None:
            return ()
        # The headwords the word's stem is filed under: the stemmer brings
        # "allergiske" to "allergisk", which no lemma table lists.
        bases: dict[str, None] = dict.fromkeys(self.dictionary_forms(word, locale))
        for form in tuple(bases):
            key = term_key(form, locale)
            for head in lexicon.heads(locale, key) if key else ():
                bases.setdefault(head, None)
        found: dict[str, None] = {}
        for base in bases:
            for candidate in related(base, locale, self._known(locale)):
                if candidate not in bases and self._kin_elsewhere(
                    base, candidate, locale
                ):
                    found.setdefault(candidate, None)
        return tuple(found)

    def _known(self, locale: str) -> Callable[[str], bool]:
        lexicon = self.lexicon

        def known(candidate: str) -> bool:
            key = term_key(candidate, locale)
            return (
                lexicon is not None
                and bool(key)
                and lexicon.has_head(locale, key, fold(candidate))
            )

        return known

    def _headword_entries(self, word: str, locale: str) -> tuple[LexiconEntry, ...]:
        if self.lexicon is None:
            return ()
        key = term_key(word, locale)
        return self.lexicon.translations(locale, key) if key else ()

    def _kin_elsewhere(self, base: str, candidate: str, locale: str) -> bool:
        """Whether a translation of ``base`` and one of ``candidate`` into
        another language (not a Scandinavian one for a Scandinavian word) are
        one word or of one family there."""
        head, other = fold(base), fold(candidate)
        theirs: dict[str, set[str]] = {}
        for entry in self._headword_entries(candidate, locale):
            if entry.head == other and " " not in entry.word:
                theirs.setdefault(entry.target, set()).add(entry.word.lower())
        # Not through a language that shares the suffixes and their
        # ambiguity: Danish "politi" is "police" as Norwegian's is.
        cognates = _COGNATE_LOCALES if locale in _COGNATE_LOCALES else frozenset()
        for entry in self._headword_entries(base, locale):
            if entry.target in cognates:
                continue
            words = theirs.get(entry.target)
            if entry.head != head or not words or " " in entry.word:
                continue
            mine = entry.word.lower()
            if mine in words or words.intersection(
                related(mine, entry.target, self._known(entry.target))
            ):
                return True
        return False

    def _from_entries(
        self,
        word: str,
        entries: Sequence[LexiconEntry],
        source: str,
        targets: Sequence[str],
    ) -> list[Translation]:
        found: list[Translation] = []
        cognates = source in _COGNATE_LOCALES
        for target in targets:
            if target == source:
                continue
            chosen = [e for e in entries if e.target == target]
            if cognates and target in _COGNATE_LOCALES:
                chosen = [_as_cognate(word, entry) for entry in chosen]
                chosen.sort(key=lambda entry: -entry.weight)
            for entry in chosen[:PER_TARGET]:
                words = tuple(entry.word.split())
                found.append(Translation(target, words, entry.weight, entry.via))
        return found

    def _compound(
        self, parts: Sequence[str], source: str, targets: Sequence[str]
    ) -> tuple[list[Translation], list[Translation]]:
        """Translations of a compound from its parts: the whole, and each
        part alone, whose best translation per language is the second list
        (kept whatever else a language has)."""
        per_part = [self._entries(part, source) for part in parts]
        for index, first in enumerate(parts[:-1]):
            per_part[index] = self._elided(first, source) or per_part[index]
        if source == "fi" and self.finnish is not None:
            # Voikko read the compound: each part is the dictionary form it
            # gave ("nainen" in "maahanmuuttajanaisille", woman, not a form
            # of the verb "naida").
            per_part = [
                tuple(e for e in entries if e.head == fold(part)) or entries
                for part, entries in zip(parts, per_part, strict=True)
            ]
        per_part[-1] = self._as_head(parts[-1], source, per_part[-1])
        via = "compound: " + " + ".join(parts)
        found: list[Translation] = []
        reserved: list[Translation] = []
        # The best translations of each part, per target language.
        per_target = {
            target: [
                [e for e in entries if e.target == target][:PARTS_PER_TARGET]
                for entries in per_part
            ]
            for target in targets
            if target != source
        }
        for target, choices in per_target.items():
            if not all(choices):
                continue
            for combination in itertools.product(*choices):
                weight = math.prod(entry.weight for entry in combination)
                words = tuple(entry.word for entry in combination)
                if self._compounds(target, words):
                    joined = (_joined(target, words),)
                    found.append(
                        Translation(target, joined, weight * COMPOUND_WEIGHT, via)
                    )
                separate = tuple(w for word in words for w in word.split())
                found.append(
                    Translation(target, separate, weight * SEPARATE_PARTS_WEIGHT, via)
                )
        for target, choices in per_target.items():
            # Each part alone: the last names what the compound is
            # ("folkepension" is a pension), the others what it is about
            # ("jagttegn" is about hunting, "tannhelse" about teeth), often
            # the words a text on the topic uses whatever it calls the whole.
            for chosen in choices:
                for rank, entry in enumerate(chosen):
                    part = tuple(entry.word.split())
                    alone = Translation(target, part, entry.weight * PART_WEIGHT, via)
                    (reserved if rank == 0 else found).append(alone)
        return found, reserved

    def _elided(self, part: str, locale: str) -> tuple[LexiconEntry, ...]:
        """Entries of the word a Swedish compound's first part stands for
        without its last letter: agent nouns in "-are" drop the "e" before
        another part ("invandrar|råd" is an immigrants' council, not a form
        of the verb "invandra"; "läkar|besök", "arbetsgivar|ansvar"), and
        nouns in "-a" their "a" ("fick|pengar" is pocket money, "ficka", not
        the past of "få"), where the part as written is no headword."""
        if locale != "sv":
            return ()
        if part.endswith("ar"):
            return self._entries(part + "e", locale)
        known = self._known(locale)
        if not known(part) and known(part + "a"):
            return self._entries(part + "a", locale)
        return ()

    def _as_head(
        self, part: str, locale: str, entries: tuple[LexiconEntry, ...]
    ) -> tuple[LexiconEntry, ...]:
        """The entries of a compound's last part, taken as its likeliest part
        of speech: a compound names a thing, so its last part is read as a
        noun where it can be one (Icelandic "jólahefðir" are Christmas
        traditions, "hefð", not the verb "hafa" that "hefðir" is a form of)."""
        if self.lexicon is None:
            return entries
        minor = {fold(lemma) for lemma in self.lexicon.minor_lemmas(locale, part)}
        if not minor:
            return entries
        kept = tuple(entry for entry in entries if entry.head not in minor)
        return kept or entries

    def _compounds(self, target: str, words: Sequence[str]) -> bool:
        """Whether ``words`` (one-word translations of a compound's parts)
        join into a compound of ``target``: Finnish ones only where Voikko
        knows the result, so that a verb's infinitive or a wrong form of a
        modifier does not take one of the language's few places."""
        if target not in _COMPOUNDING or any(" " in word for word in words):
            return False
        if target == "fi" and self.finnish is not None:
            return self.finnish.knows("".join(words))
        return True

    def _through_pivots(
        self,
        found: Sequence[Translation],
        source: str,
        targets: Sequence[str],
        guessed: frozenset[str] = frozenset(),
    ) -> list[Translation]:
        """Translations through the best translations in ``found`` into pivot
        languages, word by word. They reach the languages the dictionaries do
        not ("seksuaalikasvatus" has only English "sex education": Swedish
        "sex utbildning"); in a language they do, only those that confirm a
        direct translation are kept (Finnish "lupa" -> Swedish "tillstånd"
        directly and through English "permit")."""
        missing = [t for t in targets if t != source]
        if not missing:
            return []
        reached: dict[str, set[tuple[str, ...]]] = {}
        for translation in found:
            if translation.locale not in guessed:
                reached.setdefault(translation.locale, set()).add(translation.words)
        pivots = sorted(
            (f for f in found if f.locale in QUERY_PIVOTS and len(f.words) <= 2),
            key=lambda f: (-f.weight, QUERY_PIVOTS.index(f.locale)),
        )[:PER_TARGET]
        added: list[Translation] = []
        for target in missing:
            for pivot in pivots:
                if pivot.locale == target:
                    continue
                per_word = [
                    [e for e in self._entries(w, pivot.locale) if e.target == target][
                        :1
                    ]
                    for w in pivot.words
                ]
                if not all(per_word):
                    continue
                words = tuple(w for (entry,) in per_word for w in entry.word.split())
                weight = (
                    pivot.weight
                    * math.prod(entry.weight for (entry,) in per_word)
                    * QUERY_PIVOT_WEIGHT
                )
                if target in reached and words not in reached[target]:
                    # A language the dictionaries reach takes no new words
                    # this way: each adds clauses to every search.
                    continue
                via = f"via {pivot.locale} {pivot.text}"
                added.append(Translation(target, words, weight, via))
        return added

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - lives as long as the backend
    def translate(
        self, word: str, source: str, targets: tuple[str, ...] = LOCALES
    ) -> tuple[Translation, ...]:
        """Weighted translations of ``word`` from ``source`` into ``targets``,
        without their forms (:meth:`with_forms`)."""
        if self.lexicon is None or source not in LOCALES or not word.isalpha():
            return ()
        entries = self._entries(word, source)
        found = self._from_entries(word, entries, source, targets) if entries else []
        reserved: list[Translation] = []
        parts: tuple[str, ...] = ()
        if not entries:
            parts = self._split(word, source)
        elif self.splitter is not None:
            # A known word is only cut where both sides are headwords of
            # four letters or more, or, where its dictionaries leave
            # languages unreached, of three ("røgalarm": Norwegian only,
            # English "smoke alarm" from "røg" + "alarm").
            parts = self.splitter.cut(word, source) or ()
            reached = {translation.locale for translation in found}
            if not parts and set(targets) - reached - {source}:
                parts = self._split(word, source)
        if parts:
            # A compound the dictionaries know may still lack a language
            # ("røgalarm": Norwegian only) or miss the word a text uses:
            # its parts translate it too, below its own entries.
            covered = {translation.locale for translation in found}
            wholes, reserved = self._compound(parts, source, targets)
            for translation in wholes:
                if translation.locale in covered:
                    translation = replace(
                        translation, weight=translation.weight * KNOWN_COMPOUND_WEIGHT
                    )
                found.append(translation)
            # Each part alone stays, however many wholes a language has:
            # a text on fishing permits may only say "fiske".
            reserved = [
                replace(t, weight=t.weight * KNOWN_COMPOUND_WEIGHT)
                if t.locale in covered
                else t
                for t in reserved
            ]
        # A word the dictionaries know, cut only to reach the languages its
        # entries miss: its parts are a guess ("bólusetning" is no
        # "bubble sentence"), and its entries' translations through a pivot
        # ("inoculation" -> "vaccinera") may still reach those languages.
        guessed = (
            frozenset(targets) - {e.target for e in entries} if entries else frozenset()
        )
        found.extend(self._through_pivots(found, source, targets, guessed))
        best: dict[tuple[str, tuple[str, ...]], Translation] = {}
        for translation in (*found, *reserved):
            key = (translation.locale, translation.words)
            known = best.get(key)
            if known is None:
                best[key] = translation
                continue
            # Reached by two routes (directly and through a pivot, or through
            # two pivots): surer than either, as independent evidence.
            weight = 1 - (1 - known.weight) * (1 - translation.weight)
            better = known if known.weight >= translation.weight else translation
            best[key] = replace(better, weight=min(1.0, weight))
        kept: list[Translation] = []
        for target in targets:
            chosen = sorted(
                (t for t in best.values() if t.locale == target),
                key=lambda t: -t.weight,
            )[:MAX_PER_TARGET]
            chosen_words = {t.words for t in chosen}
            for translation in reserved:
                if (
                    translation.locale == target
                    and translation.words not in chosen_words
                ):
                    chosen.append(best[target, translation.words])
                    chosen_words.add(translation.words)
            kept.extend(chosen)
        return tuple(kept)

    def with_forms(self, translation: Translation) -> Translation:
        """``translation`` with the forms of its word its language's analyser
        does not find (:meth:`_forms`). Asked for only by the query builder,
        for the translations a query searches: documents' translations index
        the words alone, and finding a word's family costs lookups."""
        forms = self._forms(translation.locale, translation.words)
        return replace(translation, forms=forms) if forms else translation

    @functools.lru_cache(maxsize=16384)  # noqa: B019 - lives as long as the backend
    def _word_forms(self, locale: str, lemma: str) -> tuple[str, ...]:
        """Every inflected form of ``lemma`` the lexicon lists (Icelandic
        only); a compound the form lists lack inflects as its last part:
        "neyðarnúmer" gives "neyðarnúmerið", "neyðarnúmers" from "númer".
        Only for a query word in its own language: the compounds formed from
        translated parts are mostly no words, and each form adds clauses."""
        if self.lexicon is None:
            return ()
        forms = self.lexicon.forms(locale, lemma)
        if forms or locale != "is":
            return forms
        parts = self._split(lemma, locale)
        if len(parts) < 2:
            return ()
        head = parts[-1]
        first = lemma.lower()[: -len(head)]
        # The last part in its likeliest reading ("hefðir" is "hefð", not "hafa").
        minor = self.lexicon.minor_lemmas(locale, head)
        lemmas = [
            base for base in self.lexicon.lemmas(locale, head) if base not in minor
        ]
        found: dict[str, None] = {}
        for base in (*lemmas, head):
            found.setdefault(first + base, None)
            for form in self.lexicon.forms(locale, base):
                found.setdefault(first + form, None)
        return tuple(found)

    def inflections(self, word: str, locale: str) -> tuple[str, ...]:
        """Other forms of ``word`` in its own language that the stemmer does
        not find (all of them in Icelandic, which has no stemmer)."""
        if self.lexicon is None or locale not in LOCALES:
            return ()
        found: dict[str, None] = {}
        for lemma in (*self.lexicon.lemmas(locale, word), word.lower()):
            found.setdefault(lemma, None)
            for form in self._word_forms(locale, lemma):
                found.setdefault(form, None)
        found.pop(word.lower(), None)
        return tuple(found)


@functools.cache
def shared_translator() -> Translator:
    """The process's translator over the configured lexicon (see
    :func:`search.lexicon.lexicon_path`); without a lexicon it translates
    nothing and cross-language search relies on the glossary alone."""
    from search.lexicon import Lexicon, lexicon_path

    lexicon = Lexicon.open()
    if lexicon is None:
        logger.warning(
            "no cross-language lexicon at %s (make lexicon): cross-language "
            "search uses the glossary only",
            lexicon_path(),
        )
    return Translator.default(lexicon)
