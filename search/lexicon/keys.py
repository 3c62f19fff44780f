"""Lookup keys of lexicon terms: the index's own analysis of the term.

A term is keyed by the terms the search index would store for it (stemmed
and folded, see :mod:`search.analysis`), so any inflection the stemmer
reduces to the same stem finds the entry: "flygtninge", "flygtningen" and
"flygtning" all look up "flygtning".
"""

from __future__ import annotations

from search.analysis import analyze

__all__ = ["term_key"]


def term_key(term: str, locale: str) -> str:
    """The key of ``term`` in ``locale`` (empty for a term with no word)."""
    return " ".join(analyze(term, locale))
