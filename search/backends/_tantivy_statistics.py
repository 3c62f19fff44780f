"""Per-language term statistics for the embedded backend's scoring.

tantivy's BM25 takes a term's rarity (IDF) from the whole index: the number
of documents is that of every language, though only the documents of one
language have its fields. In a hub of six languages every word looked about
six times rarer than it is among the texts that could contain it, and common
words ("flyktninger") weighed almost as much as rare ones ("tannhelse").
Elasticsearch and OpenSearch count per field. :class:`LanguageStatistics`
gives each term clause the boost that turns tantivy's IDF into the one over
its language's documents.

What a boost cannot correct: the average field length is also taken over
the whole index, so every text looks longer than its language's average and
repeated words saturate later than in the engines (README, "Limits").
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from search.documents import LOCALES

if TYPE_CHECKING:
    from collections.abc import Sequence

    import tantivy

__all__ = ["LanguageStatistics", "idf"]


def idf(doc_freq: int, doc_count: int) -> float:
    """BM25's inverse document frequency, as tantivy and Lucene compute it."""
    return math.log(1.0 + (doc_count - doc_freq + 0.5) / (doc_freq + 0.5))


class LanguageStatistics:
    """Corrections of one searcher's IDF to per-language document counts.

    The documents that can contain a term of ``title_<locale>``,
    ``text_<locale>`` or ``parts_<locale>`` are those in the language; those
    of ``trans_<locale>`` (translations into it) are the others.
    """

    def __init__(
        self,
        searcher: tantivy.Searcher,
        memo: dict[tuple[str, str], int] | None = None,
    ) -> None:
        self._searcher = searcher
        self._memo = memo if memo is not None else {}
        self._total = searcher.num_docs
        # The term's document frequency, not a count of its matches: a
        # dictionary lookup at any size, where counting reads every posting.
        # Like tantivy's own frequencies it includes deleted documents until
        # their segment is merged.
        self._in_language = {
            locale: self.doc_freq("locale", locale) for locale in LOCALES
        }

    def doc_freq(self, field: str, term: str) -> int:
        """How many documents hold ``term`` in ``field`` (from the memo when
        it has it)."""
        key = (field, term)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._searcher.doc_freq(field, term)
        return found

    def documents(self, field: str, locale: str) -> int:
        """How many documents can hold ``field`` of ``locale``."""
        own = self._in_language[locale]
        return self._total - own if field.startswith("trans_") else own

    def boost(self, field: str, locale: str, tokens: Sequence[str]) -> float | None:
        """Factor from tantivy's IDF of ``tokens`` (a term or a phrase, whose
        IDF is the sum of its terms') in ``field`` to the per-language one;
        ``None`` when no document holds one of them in ``field`` (the term or
        phrase cannot match)."""
        count = self.documents(field, locale)
        index = language = 0.0
        for token in tokens:
            doc_freq = self.doc_freq(field, token)
            if doc_freq == 0:
                return None
            index += idf(doc_freq, self._total)
            language += idf(doc_freq, max(count, doc_freq))
        return language / index if index > 0 else 1.0
