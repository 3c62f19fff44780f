"""Scores of one translated search, weighed across languages.

A hit in the searcher's language matches the query's own words, each at
full weight; a hit in another language matches translations, each weighted
by how sure the dictionary is and often reached through one of several
senses. So the best hit of a language the dictionaries serve less well
scores far below the best of the searcher's, though it may be just as much
on the topic: results in one language crowd out the best of the others,
which is what a hub in six languages is for.

The best rows of a translated search (:data:`BALANCE_WINDOW`, after
relevance feedback has rescored them) are therefore weighed per language:
each row's score is lifted by ``(best / best of its language) **``
:data:`LANGUAGE_BALANCE`, where ``best`` is the best score among them. The
best row keeps its score and place; the best row of every other language
moves half-way (in log terms) towards it; the order within a language never
changes; and no score falls, so the rows stay ahead of those after them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeVar

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["BALANCE_WINDOW", "LANGUAGE_BALANCE", "balance_languages"]

K = TypeVar("K")

#: How far each language's rows are lifted towards the best row: 0 leaves
#: the scores alone, 1 makes every language's best row equal to it.
LANGUAGE_BALANCE: Final = 0.5
#: Rows weighed per language: the first pages (the rows below them are only
#: rescored by feedback).
BALANCE_WINDOW: Final = 30


def balance_languages(
    scores: Mapping[K, float], locales: Mapping[K, str]
) -> dict[K, float]:
    """``scores`` lifted per language (see the module docstring); rows
    whose language is unknown, or whose language's best score is not
    positive, keep theirs."""
    best: dict[str, float] = {}
    for key, score in scores.items():
        locale = locales.get(key)
        if locale and score > best.get(locale, 0.0):
            best[locale] = score
    top = max(best.values(), default=0.0)
    balanced: dict[K, float] = {}
    for key, score in scores.items():
        own = best.get(locales.get(key) or "", 0.0)
        balanced[key] = (
            score * (top / own) ** LANGUAGE_BALANCE if own > 0 < score else score
        )
    return balanced
