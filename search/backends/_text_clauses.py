"""How query text becomes clauses, whatever the engine.

Both backends turn the parsed query (words and quoted phrases) into the same
clauses: each word matches in every searched language (stemmed, folded,
fuzzy where allowed) and, across languages, through its translations from the
lexicon (:mod:`search.crosslingual`); runs of words that name a glossary
concept also match the concept's terms in the other Nordic languages; a
quoted phrase that is exactly one concept matches that concept's terms as
phrases; stop words are optional unless the query has nothing else.
Subclasses build the engine's own query objects for words, phrases, concepts
and translations; this class decides which.

How many clauses must match (:func:`required_matches`): every one within one
language, or without a query language. A query in a known language searched
across languages is translated, and a translation may well miss the words a
relevant document uses, so a third of its clauses (rounded up: one of up
to three words, two of four to six) must match. A hit scores its relevance
(per clause, the BM25 of its best alternative, weighted by how sure its
translation is, :func:`lifted` towards the surest into that language, plus
:data:`TIE_BREAKER` of the others), plus
:data:`MATCH_SCORE` for each clause it matches and, in the searcher's own
language, its share of :data:`LOCALE_BONUS` (a text in one's language that
matches one of three words earns a third of it: the bonus favours one's
language among hits that match alike, not a text that meets one common
word). Both are about the size of one word's relevance: a hit matching more
of the words usually ranks first, but one that matches a rare topic word can
outrank one that matches two common words ("tannhelse hos flyktninger": a
Swedish text on "tandvård" above a Norwegian one that only mentions refugees).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from search.analysis import analyze, is_function_word
from search.crosslingual import PART_WEIGHT, Translation
from search.explain import DERIVATION, GLOSSARY, INFLECTION, QUERY_WORD, Expansion

if TYPE_CHECKING:
    from collections.abc import Sequence

    from search.analysis import QueryPart
    from search.crosslingual import Translator
    from search.glossary import Glossary, GlossaryMatch

__all__ = [
    "DOCUMENT_TRANSLATION_BOOST",
    "MEET_BOOST",
    "PARTS_BOOST",
    "TIE_BREAKER",
    "TextClauses",
    "required_matches",
]

Q = TypeVar("Q")

#: Boost of a translated word relative to the word itself (times its weight).
TRANSLATION_BOOST: Final = 0.7
#: Boost of another inflected form of an Icelandic word (no stemmer there).
INFLECTION_BOOST: Final = 0.9
#: Boost of a word of the query word's family ("allergi" for "allergisk"),
#: as a sure translation's.
DERIVATION_BOOST: Final = TRANSLATION_BOOST
#: Boost of a word found as part of a document's compound (relative to the
#: whole word): "tand" in "tandhälsa" (:mod:`search.compounds`).
PARTS_BOOST: Final = 0.6
#: Boost of each part of a compound query word alone, in its own language:
#: "päiväkotipaikka" (a place in a kindergarten) also finds a text on
#: "päiväkoti" that never names the place, and, through the documents'
#: translations into Finnish, one on "barnehage". As a part alone of a
#: compound's translations weighs (:data:`search.crosslingual.PART_WEIGHT`),
#: without a translation's doubt.
OWN_PART_BOOST: Final = PART_WEIGHT
#: Boost of a query word found among the translations of a document's words
#: into the query's language (:mod:`search.document_translation`).
DOCUMENT_TRANSLATION_BOOST: Final = 0.5
#: Boost of a translation found among the translations of a document's
#: words into the same language, relative to the translation's own boost.
MEET_BOOST: Final = 0.5


#: A clause scores its best matching alternative plus this share of the
#: others: a word met through many translations and forms must not outweigh
#: two words met once each.
TIE_BREAKER: Final = 0.3

#: Translations searched per query, shared among its words (each at least
#: :data:`MIN_TRANSLATIONS`): each adds several engine clauses, and OpenSearch
#: refuses a query of more than 1,024 (a nine-word query reached that).
TRANSLATION_BUDGET: Final = 80
MIN_TRANSLATIONS: Final = 5

#: Score of each matched clause of a translated query (favours coverage).
MATCH_SCORE: Final = 2.0
#: Score of a hit in the searcher's own language in a translated query that
#: matches every required clause (shared among them).
LOCALE_BONUS: Final = 1.0


def required_matches(clauses: int, *, translated: bool) -> int:
    """How many of ``clauses`` required clauses a hit must match."""
    if not translated:
        return clauses
    return math.ceil(clauses / 3)


class TextClauses(ABC, Generic[Q]):
    """Clause planning shared by the query builders of both backends."""

    glossary: Glossary
    search_locales: tuple[str, ...]
    glossary_locales: tuple[str, ...]
    expand: bool
    translator: Translator | None = None
    #: The searcher's language: translations go from it to the others.
    source_locale: str | None = None
    _expansions: list[Expansion] | None = None
    #: Translations kept per query word (set by :meth:`clauses`).
    _per_word: int = TRANSLATION_BUDGET

    @property
    def expansions(self) -> list[Expansion]:
        """What the query words were searched as, in planning order
        (:mod:`search.explain`); only records, never changes the clauses."""
        if self._expansions is None:
            self._expansions = []
        return self._expansions

    def is_stop(self, word: str, locale: str) -> bool:
        """Whether ``word`` is a function word of ``locale``: in its stop list
        or, with a lexicon, known only as one."""
        return is_function_word(word, locale, self.translator)

    def spelled_right(self, word: str, locale: str) -> bool:
        """Whether the dictionaries hold ``word`` of ``locale``
        (:meth:`search.crosslingual.Translator.is_word`): typo tolerance,
        which costs the engine the most of any clause to prepare, is left
        out for it."""
        translator = self.translator
        return translator is not None and translator.is_word(word, locale)

    def document_translation_forms(self, word: str) -> tuple[str, ...]:
        """Forms of query ``word`` to look for among the translations of
        documents' words into the query's language: the word and its
        dictionary forms (translations are dictionary forms, and Icelandic
        has no stemmer to bring an inflected query word to them)."""
        source = self.source_locale
        translator = self.translator
        if (
            not self.expand
            or translator is None
            or not translator.available
            or source is None
            or self.is_stop(word, source)
        ):
            return ()
        return translator.dictionary_forms(word, source)

    def _record_word(self, word: str) -> None:
        self.expansions.append(Expansion(word, None, word, QUERY_WORD))

    def _record_concept(self, match: GlossaryMatch, words: Sequence[str]) -> None:
        """The glossary terms :meth:`concept` searches for."""
        span = " ".join(words[match.start : match.end])
        for locale in self.search_locales:
            seen: set[tuple[str, ...]] = set()
            for concept in match.concepts:
                allowed = set(self.glossary.analysed_terms(concept, locale))
                for term in concept.terms_in(locale):
                    tokens = analyze(term, locale)
                    if tokens in allowed and tokens not in seen:
                        seen.add(tokens)
                        self.expansions.append(Expansion(span, locale, term, GLOSSARY))

    @abstractmethod
    def word(self, word: str) -> list[Q]:
        """Alternatives matching one query word."""

    @abstractmethod
    def phrase(self, words: Sequence[str]) -> list[Q]:
        """Alternatives matching the words together, in order."""

    @abstractmethod
    def concept(
        self, match: GlossaryMatch, words: Sequence[str], *, loose: bool = True
    ) -> list[Q]:
        """Alternatives for query words that matched glossary concepts."""

    @abstractmethod
    def translated(self, translation: Translation, boost: float) -> list[Q]:
        """Alternatives matching a translation: all its words in its language,
        or, where it lists ``forms``, any of those."""

    @abstractmethod
    def any_of(self, options: Sequence[Q]) -> Q:
        """One clause matching any of ``options``."""

    def translations(self, word: str) -> list[Q]:
        """Alternatives for ``word`` through its translations (and, in
        Icelandic, its other inflected forms)."""
        source = self.source_locale
        translator = self.translator
        if not self.expand or translator is None or source is None:
            return []
        if self.is_stop(word, source):
            return []
        options: list[Q] = []
        targets = tuple(loc for loc in self.search_locales if loc != source)
        candidates = translator.translate(word, source, targets)
        best_in = best_weights(candidates)
        for chosen in _best(candidates, self._per_word):
            translation = translator.with_forms(chosen)
            weight = lifted(translation.weight, best_in[translation.locale])
            found = self.translated(translation, TRANSLATION_BOOST * weight)
            if found:
                self._record_translation(word, translation)
            options.extend(found)
        if source in self.search_locales:
            options.extend(self._own_forms(word, source, translator))
        return options

    def _own_forms(self, word: str, source: str, translator: Translator) -> list[Q]:
        """Alternatives for the query word's other inflected forms, the
        words of its family in its own language that its analyser does not
        bring to the word's own terms, and, for a compound, each of its
        parts (:data:`OWN_PART_BOOST`)."""
        # Forms the analyser brings to the word's own terms are matched by
        # the word's own clause already: counted twice, they would double an
        # own-language match against translated ones.
        itself = analyze(word, source)
        options: list[Q] = []
        for via, forms, boost in (
            (INFLECTION, translator.inflections(word, source), INFLECTION_BOOST),
            (DERIVATION, translator.derivations(word, source), DERIVATION_BOOST),
        ):
            others = tuple(form for form in forms if analyze(form, source) != itself)
            if not others:
                continue
            found = self.translated(
                Translation(source, others[:1], 1.0, via, others), boost
            )
            if found:
                self._record_translation(
                    word, Translation(source, (word,), 1.0, via, others)
                )
            options.extend(found)
        parts = translator.parts(word, source)
        for part in parts:
            if self.is_stop(part, source) or analyze(part, source) == itself:
                continue
            via = "compound: " + " + ".join(parts)
            # With its other forms, as a translation: an Icelandic part in its
            # dictionary form would miss every inflected one.
            own = translator.with_forms(Translation(source, (part,), 1.0, via))
            found = self.translated(own, OWN_PART_BOOST)
            if found:
                self._record_translation(word, own)
            options.extend(found)
        return options

    def _record_translation(self, word: str, translation: Translation) -> None:
        self.expansions.append(
            Expansion(
                word,
                translation.locale,
                translation.text,
                translation.via,
                translation.forms,
            )
        )

    def clauses(
        self, parts: Sequence[QueryPart], stop_locale: str | None
    ) -> list[tuple[Q, bool]]:
        """``(clause, optional)`` pairs for the query text."""
        clauses: list[tuple[Q, bool]] = []
        run: list[str] = []

        def is_stop(word: str) -> bool:
            if stop_locale is not None:
                return self.is_stop(word, stop_locale)
            return all(self.is_stop(word, locale) for locale in self.search_locales)

        words = [
            word
            for part in parts
            if not part.phrase
            for word in part.words
            if not is_stop(word)
        ]
        self._per_word = max(MIN_TRANSLATIONS, TRANSLATION_BUDGET // max(1, len(words)))

        def flush() -> None:
            if not run:
                return
            matches = (
                self.glossary.match(run, self.glossary_locales) if self.expand else []
            )
            position = 0
            for match in [*matches, None]:
                end = match.start if match is not None else len(run)
                for word in run[position:end]:
                    own = self.word(word)
                    if own:
                        self._record_word(word)
                    options = own + self.translations(word)
                    if options:
                        clauses.append((self.any_of(options), is_stop(word)))
                if match is not None:
                    clauses.append((self.any_of(self.concept(match, run)), False))
                    self._record_word(" ".join(run[match.start : match.end]))
                    self._record_concept(match, run)
                    position = match.end
            run.clear()

        for part in parts:
            if part.phrase:
                flush()
                options = self.phrase(part.words)
                concept: GlossaryMatch | None = None
                if options and self.expand:
                    matches = self.glossary.match(part.words, self.glossary_locales)
                    if (
                        len(matches) == 1
                        and matches[0].start == 0
                        and matches[0].end == len(part.words)
                    ):
                        concept = matches[0]
                        options = self.concept(concept, part.words, loose=False)
                if options:
                    clauses.append((self.any_of(options), False))
                    self._record_word(" ".join(part.words))
                    if concept is not None:
                        self._record_concept(concept, part.words)
            else:
                run.extend(part.words)
        flush()
        if clauses and all(optional for _, optional in clauses):
            clauses = [(clause, False) for clause, _ in clauses]
        return clauses


def best_weights(found: Sequence[Translation]) -> dict[str, float]:
    """The weight of the surest translation into each language."""
    best: dict[str, float] = {}
    for translation in found:
        best[translation.locale] = max(
            best.get(translation.locale, 0.0), translation.weight
        )
    return best


def lifted(weight: float, best: float) -> float:
    """``weight`` of a translation into a language whose surest translation
    weighs ``best``, lifted halfway (by the square root) towards that
    translation weighing 1, in order. A language the dictionaries reach only
    through a pivot or a compound's parts met the query word at a fraction
    of a directly translated word's weight, so there a text matching one
    surely translated word outranked one matching every word ("kotivakuutus
    vuokralaiselle", home insurance for a tenant: the Norwegian text on
    "innboforsikring" for "leietakere", reached through the compound's parts
    and a Swedish pivot, was not among the first ten hits; lifted, it is)."""
    if best <= 0.0:
        return weight
    return min(1.0, weight / math.sqrt(best))


def _best(found: Sequence[Translation], limit: int) -> list[Translation]:
    """At most ``limit`` of ``found``, in their order: the best of each
    language first, then the surest of the rest."""
    if len(found) <= limit:
        return list(found)
    ranked = sorted(range(len(found)), key=lambda index: -found[index].weight)
    chosen: list[int] = []
    languages: set[str] = set()
    for index in ranked:
        if found[index].locale not in languages:
            languages.add(found[index].locale)
            chosen.append(index)
    chosen = chosen[:limit]
    for index in ranked:
        if len(chosen) >= limit:
            break
        if index not in chosen:
            chosen.append(index)
    return [found[index] for index in sorted(chosen)]
