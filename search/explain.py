"""Why a result was found: what each query word was searched as, and which
of those words a hit contains.

While a query is planned (:mod:`search.backends._text_clauses`), every
alternative the engine looks for is recorded as an :class:`Expansion`: the
query word itself, its lexicon translations (``via`` names the dictionary
source, e.g. ``apertium-da-nb``, ``eng-fin``, ``via en`` for a pivot, or
``compound: sprog + undervisning``), its other inflected forms and the staff
glossary's terms. :func:`matched_terms` then finds which expansions a hit's
title, lead and body contain, with the same analysers as the index (stemmed
and folded), so both backends give the same answer. Typo-tolerant matches
are not listed: they are guesses, not translations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from search.analysis import analyze, is_stopword, typing_variants
from search.highlight import HighlightTerms

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from search.documents import Document

__all__ = [
    "GLOSSARY",
    "INFLECTION",
    "QUERY_WORD",
    "Expansion",
    "MatchedTerm",
    "matched_terms",
]

#: ``via`` of the query word as typed (searched in every searched language).
QUERY_WORD: Final = "query word"
#: ``via`` of a staff glossary term.
GLOSSARY: Final = "glossary"
#: ``via`` of another inflected form of the query word in its own language.
INFLECTION: Final = "inflection"


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
            :data:`GLOSSARY`, :data:`INFLECTION` or the lexicon's source.
        forms: Inflected forms of ``text``, any of which matches too.
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
    finder = HighlightTerms(exact=wanted).candidates()
    found: dict[str, str] = {}
    for text in texts:
        for match in finder.finditer(text):
            word = match.group()
            for token in analyze(word, locale):
                if token in wanted and token not in found:
                    found[token] = word.lower()
            if len(found) == len(wanted):
                return found
    return found


def matched_terms(
    document: Document, expansions: Sequence[Expansion]
) -> tuple[MatchedTerm, ...]:
    """Which expansions ``document`` contains, once per query word and term,
    in the order the expansions were planned (the query word first)."""
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
