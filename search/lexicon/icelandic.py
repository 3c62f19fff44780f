"""Dictionary forms of Icelandic words the form lists lack, from their endings.

Icelandic has no stemmer, so the lexicon lists every inflected form of the
words Apertium's analyser knows. Words that only the bilingual dictionaries
know (FreeDict's "kvóti", quota) come without forms, and a text or a query
meets them inflected ("kvóta", "kvótanum") or as the first part of a
compound, which is usually a genitive ("kvótaflóttafólk"). Their dictionary
form is guessed here: an inflectional ending (with or without the suffixed
article) is cut off, a dictionary ending put on, and the result counts only
where it is a headword of the dictionaries, so a guess never invents a word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

__all__ = ["guessed_lemmas"]

#: Endings of inflected nouns and adjectives, those with the suffixed article
#: ("kvótanum", "borgarinnar") first; tried shortest first (:data:`_BY_LENGTH`).
_ENDINGS: Final = (
    "unum",
    "anna",
    "innar",
    "inni",
    "inum",
    "inu",
    "ins",
    "inn",
    "ina",
    "in",
    "ið",
    "num",
    "nir",
    "nar",
    "rar",
    "rum",
    "um",
    "ar",
    "ir",
    "ur",
    "ra",
    "ri",
    "na",
    "s",
    "a",
    "i",
    "u",
    "r",
)
_BY_LENGTH: Final = tuple(sorted(_ENDINGS, key=len))
#: Endings of dictionary forms: masculine "-ur", "-i", "-ir", "-ll", "-nn";
#: feminine "-a", "-ing", "-un"; neuter and many feminines none.
_LEMMA_ENDINGS: Final = ("", "a", "i", "ur", "ir", "ing", "un", "l", "n", "r")
#: What is left of the word must still say something.
_MIN_STEM: Final = 3
#: Guesses kept, the closest to the word first.
_MAX_GUESSES: Final = 3


def _cut(form: str) -> list[str]:
    """``form`` without each ending it has, the shortest ending first."""
    return [
        form[: -len(ending)]
        for ending in _BY_LENGTH
        if form.endswith(ending) and len(form) - len(ending) >= _MIN_STEM
    ]


def _stems(form: str) -> list[str]:
    """``form`` without one ending or two (the article after a case ending:
    "kvóta|num"), the closest first; with the u-umlaut undone too ("sögu"
    -> "sag", "börnum" -> "barn")."""
    found: dict[str, None] = {}
    once = _cut(form)
    twice = [shorter for stem in once for shorter in _cut(stem)]
    for stem in (*once, *twice):
        found.setdefault(stem, None)
        if "ö" in stem:
            index = stem.rindex("ö")
            found.setdefault(stem[:index] + "a" + stem[index + 1 :], None)
    return list(found)


def guessed_lemmas(form: str, is_headword: Callable[[str], bool]) -> tuple[str, ...]:
    """Headwords ``form`` (lowercase) may be an inflected form of, judged by
    its ending; empty when it is a headword itself or none fits."""
    if is_headword(form):
        return ()
    found: dict[str, None] = {}
    for stem in _stems(form):
        for ending in _LEMMA_ENDINGS:
            candidate = stem + ending
            if candidate != form and candidate not in found and is_headword(candidate):
                found[candidate] = None
                if len(found) == _MAX_GUESSES:
                    return tuple(found)
    return tuple(found)
