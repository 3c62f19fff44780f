"""The plain baseline: Okapi BM25 on lowercase words, no stemming, no folding.

Title and text form one field; words are runs of letters and digits
(``\\w+``), lowercased. Every query word is optional (a disjunction), as in a
search box without operators. Standard parameters k1 = 1.2, b = 0.75 and the
non-negative Lucene form of the IDF.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from bench.relevance.collection import CollectionDocument

K1 = 1.2
B = 0.75
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class BM25:
    def __init__(self, documents: Sequence[CollectionDocument]) -> None:
        self._ids = [doc.id for doc in documents]
        self._terms = [Counter(words(f"{doc.title} {doc.text}")) for doc in documents]
        self._lengths = [sum(terms.values()) for terms in self._terms]
        self._average = sum(self._lengths) / max(len(self._lengths), 1)
        frequency: Counter[str] = Counter()
        for terms in self._terms:
            frequency.update(terms.keys())
        count = len(documents)
        self._idf = {
            term: math.log(1 + (count - n + 0.5) / (n + 0.5))
            for term, n in frequency.items()
        }

    def rank(self, query: str, k: int = 10) -> list[str]:
        """The ids of the ``k`` best documents (those matching any query word)."""
        query_terms = set(words(query))
        scored = []
        for doc_id, terms, length in zip(
            self._ids, self._terms, self._lengths, strict=True
        ):
            score = 0.0
            for term in query_terms & terms.keys():
                tf = terms[term]
                norm = K1 * (1 - B + B * length / self._average)
                score += self._idf[term] * tf * (K1 + 1) / (tf + norm)
            if score > 0:
                scored.append((-score, doc_id))
        return [doc_id for _, doc_id in sorted(scored)[:k]]
