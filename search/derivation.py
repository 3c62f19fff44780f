"""Words of one family that stemmers keep apart: an adjective and its noun.

A searcher writes "allergiske børn", the texts say "allergi"; "allergic
children" against "allergies"; Finnish "allerginen" against "allergia".
The Snowball stemmers strip inflections, not derivational suffixes, and the
dictionaries list the adjective and the noun as separate headwords, so
neither joins them. :func:`related` rewrites a word's derivational suffix
into the other member of its pair, both ways, and keeps a candidate only
when the lexicon knows it as a headword of the language, so "økonomisk"
finds "økonomi" while "farlig" does not become "far".

The pairs are the productive adjective-forming suffixes of each language on
loanword stems, where a noun and its adjective share a stem; Icelandic,
whose adjectives inflect in their suffix, has none yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SUFFIX_PAIRS", "related"]

#: Per language, (adjective ending, noun ending) pairs, tried both ways.
SUFFIX_PAIRS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    # allergisk/allergi, politisk/politik, muslimsk/muslim, kulturel/kultur
    "da": (("isk", "i"), ("isk", "ik"), ("sk", ""), ("el", "")),
    # allergisk/allergi, politisk/politikk, muslimsk/muslim, kulturell/kultur
    "nb": (("isk", "i"), ("isk", "ikk"), ("sk", ""), ("ell", "")),
    # allergisk/allergi, politisk/politik, muslimsk/muslim, kulturell/kultur
    "sv": (("isk", "i"), ("isk", "ik"), ("sk", ""), ("ell", "")),
    # allerginen/allergia, kulttuurinen/kulttuuri
    "fi": (("inen", "ia"), ("inen", "i")),
    # allergic/allergy, psychological/psychology, Islamic/Islam,
    # national/nation, cultural/culture, dangerous/danger
    "en": (
        ("ic", "y"),
        ("ical", "y"),
        ("ic", ""),
        ("al", ""),
        ("al", "e"),
        ("ous", ""),
    ),
}

#: Letters the two words must share: shorter stems relate unrelated words.
MIN_STEM: Final = 4


def related(word: str, locale: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Words of ``locale`` that ``word`` (a dictionary form) derives from or
    forms, by :data:`SUFFIX_PAIRS`, that ``known`` accepts as headwords."""
    word = word.lower()
    found: dict[str, None] = {}
    for adjective, noun in SUFFIX_PAIRS.get(locale, ()):
        for ending, replacement in ((adjective, noun), (noun, adjective)):
            if not word.endswith(ending):
                continue
            stem = word[: len(word) - len(ending)]
            candidate = stem + replacement
            if len(stem) >= MIN_STEM and candidate != word and known(candidate):
                found.setdefault(candidate, None)
    return tuple(found)
