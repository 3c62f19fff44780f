"""Why a result was found: what each query word was searched as, and which
of those words a hit contains.

While a query is planned (:mod:`search.backends._text_clauses`), every
alternative the engine looks for is recorded as an :class:`Expansion`: the
query word itself, its lexicon translations (``via`` names the dictionary
source, e.g. ``apertium-da-nb``, ``eng-fin``, ``via en`` for a pivot, or
``compound: sprog + undervisning``), its other inflected forms and the staff
glossary's terms. :func:`matched_terms` then finds which expansions a hit's
title, lead and body contain, with the same analysers as the index (stemmed
and folded), so both backends give the same answer. A query word a hit does
not contain may have met it through the translations of the hit's own words
(:mod:`search.document_translation`): the hit's word is listed with
``via`` "document translation (<source>)", or "document translation (<source>)
= <language> <translation>" when it met a translation of the query word.
Typo-tolerant matches are not listed: they are guesses, not translations.
Highlights mark such words too (:func:`highlight_terms`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from search import document_translation
from search.analysis import analyze, is_function_word, is_stopword, typing_variants
from search.analysis import words as split_words
from search.highlight import HighlightTerms

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from search.crosslingual import Translation
    from search.documents import Document

__all__ = [
    "DERIVATION",
    "DOCUMENT_TRANSLATION",
    "GLOSSARY",
    "INFLECTION",
    "QUERY_WORD",
    "Expansion",
    "MatchedTerm",
    "highlight_terms",
    "matched_terms",
]

#: ``via`` of the query word as typed (searched in every searched language).
QUERY_WORD: Final = "query word"
#: ``via`` of a staff glossary term.
GLOSSARY: Final = "glossary"
#: ``via`` of another inflected form of the query word in its own language.
INFLECTION: Final = "inflection"
#: ``via`` of a word of the query word's family in its own language
#: (:mod:`search.derivation`).
DERIVATION: Final = "derivation"
#: ``via`` of a hit's word whose translation met the query word.
DOCUMENT_TRANSLATION: Final = "document translation"


@dataclass(frozen=True, slots=True)
class Expansion:
    """What query ``word`` was searched as.

    Attributes:
        word: The query word (or the words of a phrase or glossary term) as
            typed.
        locale: Language ``text`` was searched in; ``None`` for the query
            word itself, which is searched in every searched language.
        text: The words searched for (all of them must match).
        via: Where ``text`` comes from: :data:`QUERY_WORD`,
            :data:`GLOSSARY`, :data:`INFLECTION`, :data:`DERIVATION` or the
            lexicon's source.
        forms: Other forms of ``text`` (inflected, or of its family), any
            of which matches too.
    """

    word: str
    locale: str | None
    text: str
    via: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchedTerm:
    """A word of a hit that matched a query word.

    Attributes:
        query_word: The query word (as in :attr:`Expansion.word`).
        term: The hit's word(s), lowercased, as written in the hit.
        locale: The hit's language.
        via: How the query word got there (:attr:`Expansion.via`).
    """

    query_word: str
    term: str
    locale: str
    via: str


def _alternatives(expansion: Expansion, locale: str) -> list[tuple[str, ...]]:
    """Token groups in ``locale`` any of which matches ``expansion`` (each
    group needs all its tokens)."""
    if expansion.locale is None:
        words = expansion.text.split()
        if len(words) == 1 and is_stopword(words[0], locale):
            return []
        spellings = [expansion.text]
        if len(words) == 1:
            spellings.extend(typing_variants(words[0]))
    else:
        spellings = [expansion.text, *expansion.forms]
    groups: list[tuple[str, ...]] = []
    for spelling in spellings:
        tokens = analyze(spelling, locale)
        if tokens and tokens not in groups:
            groups.append(tokens)
    return groups


def _surfaces(texts: Iterable[str], locale: str, wanted: set[str]) -> dict[str, str]:
    """The first word of ``texts`` (lowercased) that analyses to each wanted
    token; candidate words are found as highlighting finds them."""
    finder = HighlightTerms(exact=wanted)
    found: dict[str, str] = {}
    for text in texts:
        for word in split_words(text):
            if not finder.may_match(word):
                continue
            for token in analyze(word, locale):
                if token in wanted and token not in found:
                    found[token] = word.lower()
            if len(found) == len(wanted):
                return found
    return found


def _meetings(
    document: Document,
    expansions: Sequence[Expansion],
    source: str,
    matched: set[str],
    unsearched: frozenset[tuple[str, str]] = frozenset(),
) -> Iterator[tuple[str, str, Translation, str]]:
    """``(query word, document word, its translation, what met it)`` for the
    words of ``document`` whose translations met a query word that did not
    match otherwise (``matched``), searched from ``source``; not through the
    ``(language, token)`` pairs the search did not look for among the
    documents' translations."""
    locale = document.locale
    translator = document_translation.shared_document_translator()
    # (language, analysed token) -> (query word, what it was searched as).
    wanted: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for expansion in expansions:
        if expansion.word in matched or expansion.via in (GLOSSARY, INFLECTION):
            continue
        if expansion.locale is None:
            # A function word is not looked for among documents' translations
            # (``TextClauses.document_translation_forms``).
            if is_function_word(expansion.word, source, translator.translator):
                continue
            language, via = source, ""
        elif expansion.locale != locale:
            language, via = expansion.locale, f" = {_locale_text(expansion)}"
        else:
            continue
        tokens = analyze(expansion.text, language)
        if len(tokens) == 1 and (language, tokens[0]) not in unsearched:
            wanted.setdefault((language, tokens[0]), []).append((expansion.word, via))
    if not wanted:
        return
    wanted_tokens = {token for _, token in wanted}
    for word in translator.hit_words(document.text, locale):
        # Most words of a text meet none of the few wanted tokens.
        if translator.token_set(word, locale).isdisjoint(wanted_tokens):
            continue
        for language, token, translation in translator.tokens(word, locale):
            for query_word, met in wanted.get((language, token), ()):
                yield query_word, word, translation, met


def _met_through_translations(
    document: Document,
    expansions: Sequence[Expansion],
    source: str,
    matched: set[str],
    unsearched: frozenset[tuple[str, str]],
) -> list[MatchedTerm]:
    """The first word of ``document`` whose translations met each query word
    that did not match otherwise (``matched``)."""
    found: dict[str, MatchedTerm] = {}
    for query_word, word, translation, met in _meetings(
        document, expansions, source, matched, unsearched
    ):
        if query_word not in found:
            found[query_word] = MatchedTerm(
                query_word,
                word,
                document.locale,
                f"{DOCUMENT_TRANSLATION} ({translation.via}){met}",
            )
    return list(found.values())


def highlight_terms(
    document: Document,
    terms: HighlightTerms | None,
    expansions: Sequence[Expansion],
    source: str | None,
    unsearched: frozenset[tuple[str, str]] = frozenset(),
) -> HighlightTerms | None:
    """What to mark in ``document``: the query's own ``terms`` in its language
    and, for a query translated from ``source``, every word of the document
    whose translations met a query word (:mod:`search.document_translation`;
    not through the ``unsearched`` ``(language, token)`` pairs)."""
    if source is None or source == document.locale:
        return terms
    locale = document.locale
    met = {
        token
        for _, word, _, _ in _meetings(document, expansions, source, set(), unsearched)
        for token in analyze(word, locale)
    }
    if terms is not None:
        met -= terms.exact
    if not met:
        return terms
    if terms is None:
        return HighlightTerms(exact=met)
    return HighlightTerms(exact=terms.exact | met, fuzzy=list(terms.fuzzy))


def _locale_text(expansion: Expansion) -> str:
    """ "sv bostad": an expansion's language and words."""
    return f"{expansion.locale} {expansion.text}"


def matched_terms(
    document: Document,
    expansions: Sequence[Expansion],
    source: str | None = None,
    unsearched: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[MatchedTerm, ...]:
    """Which expansions ``document`` contains, once per query word and term,
    in the order the expansions were planned (the query word first); with
    the query's language ``source`` (a translated query), also the hit's
    words whose translations met a query word it does not contain, other
    than through the ``(language, token)`` pairs the search did not look
    for among the documents' translations (``unsearched``)."""
    direct = _contained(document, expansions)
    if source is None or source == document.locale:
        return direct
    matched = {term.query_word for term in direct}
    return direct + tuple(
        _met_through_translations(document, expansions, source, matched, unsearched)
    )


def _contained(
    document: Document, expansions: Sequence[Expansion]
) -> tuple[MatchedTerm, ...]:
    locale = document.locale
    planned: list[tuple[Expansion, list[tuple[str, ...]]]] = []
    wanted: set[str] = set()
    for expansion in expansions:
        if expansion.locale not in (None, locale):
            continue
        groups = _alternatives(expansion, locale)
        if groups:
            planned.append((expansion, groups))
            wanted.update(token for group in groups for token in group)
    if not wanted:
        return ()
    surfaces = _surfaces((document.title, document.lead, document.body), locale, wanted)
    found: dict[tuple[str, str], MatchedTerm] = {}
    for expansion, groups in planned:
        for group in groups:
            if all(token in surfaces for token in group):
                term = " ".join(dict.fromkeys(surfaces[token] for token in group))
                key = (expansion.word, term)
                # A compound's last part alone says less than the whole
                # translation already listed ("teaching" of "language teaching").
                within = any(
                    word == expansion.word and set(term.split()) <= set(seen.split())
                    for word, seen in found
                )
                if key not in found and not within:
                    found[key] = MatchedTerm(
                        expansion.word, term, locale, expansion.via
                    )
                break
    return tuple(found.values())
