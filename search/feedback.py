"""Relevance feedback: the best hits of a translated query reorder the rest.

Dictionaries reach some languages of a topic and miss others: a Swedish
query may find the Danish and Norwegian texts on its topic and only touch
the Finnish one through a common word. The best hits, though, are written in
the words the other texts share with them, and every document indexes the
translations of its words (:mod:`search.document_translation`). So a
translated query, sorted by relevance, runs twice: the first run's best
:data:`FEEDBACK_DOCUMENTS` hits give their most telling words (frequent in
the hit, rare in the index; :data:`FEEDBACK_TERMS` each), and the second run
adds a small score (:data:`FEEDBACK_BOOST`) to every match that has those
words, in the hit's language or among the translations into it.

Feedback only reorders: the second run requires the first run's query, so
the matches, their count and the facets stay those of the query itself.
(The embedded backend picks the words here; the engine backends let the
engine pick them with ``more_like_this`` over the same fields.)
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Final, TypeVar

from search.analysis import analyze, is_stopword

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from search.documents import Document

__all__ = [
    "FEEDBACK_BOOST",
    "FEEDBACK_DOCUMENTS",
    "FEEDBACK_TERMS",
    "FEEDBACK_WINDOW",
    "MAX_DOCUMENT_SHARE",
    "MIN_TERM_LENGTH",
    "feedback_documents",
    "feedback_terms",
    "first_of_each_language",
]

T = TypeVar("T")

#: Best hits whose words rescore the others.
FEEDBACK_DOCUMENTS: Final = 3
#: Best hits rescored; the rest keep their order, after these. A text in a
#: language the dictionaries serve poorly often matches only a common word
#: or two of the query's translations and ranks far below the first page,
#: while it shares many words with the best hits: the window reaches it.
#: Each row adds one term to the rescoring query, and no document is read.
FEEDBACK_WINDOW: Final = 200
#: Words taken from each of them.
FEEDBACK_TERMS: Final = 12
#: Boost of each such word (a query word weighs 1).
FEEDBACK_BOOST: Final = 0.3
#: Shorter index terms say little about a topic.
MIN_TERM_LENGTH: Final = 3
#: Words in more of all documents say little about a topic either, and
#: would cost the most to score.
MAX_DOCUMENT_SHARE: Final = 0.1


def feedback_documents(hits: Iterable[Document]) -> list[Document]:
    """The best hit of each of the first :data:`FEEDBACK_DOCUMENTS` languages
    among ``hits`` (best first; the engine backends give the best
    :data:`search.merging.BALANCE_WINDOW`, which they read anyway, the
    embedded one only those it picked by their rows' languages): the best
    hits of one language, often the query's own, would only bring more of
    that language's texts up."""
    return first_of_each_language(hits, lambda document: document.locale)


def first_of_each_language(items: Iterable[T], locale: Callable[[T], str]) -> list[T]:
    """The first of ``items`` in each of the first :data:`FEEDBACK_DOCUMENTS`
    languages (``locale`` tells an item's), in their order: the hits whose
    words rescore the others, picked before their documents are read."""
    chosen: dict[str, T] = {}
    if FEEDBACK_DOCUMENTS <= 0:
        return []
    for item in items:
        chosen.setdefault(locale(item), item)
        if len(chosen) == FEEDBACK_DOCUMENTS:
            break
    return list(chosen.values())


#: Term counts of recent documents by identity (see :func:`_term_counts`).
_COUNTS: dict[int, tuple[Document, Counter[str]]] = {}
_COUNTS_SIZE: Final = 1024


def _term_counts(document: Document) -> Counter[str]:
    """How often each index term occurs in ``document``'s text (its term
    vector). The embedded read model hands out one object per stored item
    and the best hits of popular searches recur, so the counts are kept
    rather than analysed again; the entry holds the document, so a reused
    identity never matches."""
    found = _COUNTS.get(id(document))
    if found is not None and found[0] is document:
        return found[1]
    counts = Counter(analyze(document.text, document.locale))
    if len(_COUNTS) >= _COUNTS_SIZE:
        _COUNTS.clear()
    _COUNTS[id(document)] = (document, counts)
    return counts


def feedback_terms(
    documents: Sequence[Document],
    doc_freq: Callable[[str, str], int],
    documents_in: Callable[[str], int],
) -> list[tuple[str, str]]:
    """``(locale, index term)`` pairs: the :data:`FEEDBACK_TERMS` most telling
    terms of each document (term frequency times inverse document frequency
    in its language's text field, ``doc_freq(locale, term)``, among the
    ``documents_in(locale)`` documents of the language: counted over every
    language, each language's common words looked rare). Terms only the
    document itself has find nothing else, and terms in more than
    :data:`MAX_DOCUMENT_SHARE` of the language's documents say little: both
    are left out."""
    found: dict[tuple[str, str], None] = {}
    for document in documents:
        locale = document.locale
        total = documents_in(locale)
        counts = _term_counts(document)
        scored: list[tuple[float, str]] = []
        for term, count in counts.items():
            if (
                len(term) < MIN_TERM_LENGTH
                or term.isdigit()
                or is_stopword(term, locale)
            ):
                continue
            frequency = doc_freq(locale, term)
            if 1 < frequency <= total * MAX_DOCUMENT_SHARE:
                scored.append((count * math.log(total / frequency), term))
        scored.sort(key=lambda item: (-item[0], item[1]))
        for _, term in scored[:FEEDBACK_TERMS]:
            found.setdefault((locale, term), None)
    return list(found)
