"""Per-language term statistics of the embedded backend and their memo."""

from __future__ import annotations

from typing import Any

import pytest

from search.backends._state_memo import StateMemo
from search.backends._tantivy_statistics import LanguageStatistics
from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery
from search.testing import make_document


class _Searcher:
    """A searcher with a few frequencies that records its lookups."""

    num_docs = 100

    def __init__(self) -> None:
        self.lookups: list[tuple[str, str]] = []

    def doc_freq(self, field: str, term: str) -> int:
        self.lookups.append((field, term))
        return 20 if field == "locale" else 5


def test_a_memo_serves_one_state_of_the_read_model_for_a_while() -> None:
    clock = [0.0]
    counts: StateMemo[tuple[str, str], int] = StateMemo(
        5, clock=lambda: clock[0], size=2
    )
    memo = counts.of("gen-1.commit-1")
    memo["text_en", "dental"] = 3
    assert counts.of("gen-1.commit-1") is memo
    clock[0] = 4.0
    assert counts.of("gen-1.commit-1")["text_en", "dental"] == 3
    # Another commit or a rebuild starts afresh, and so do time and size.
    assert counts.of("gen-1.commit-2") == {}
    clock[0] = 10.0
    memo = counts.of("gen-1.commit-2")
    assert memo == {}
    memo.update({("a", "1"): 1, ("a", "2"): 2, ("a", "3"): 3})
    assert counts.of("gen-1.commit-2") == {}


def test_statistics_sharing_a_memo_look_each_term_up_once() -> None:
    searcher: Any = _Searcher()
    memo: dict[tuple[str, str], int] = {}
    first = LanguageStatistics(searcher, memo)
    boost = first.boost("text_en", "en", ["dental"])
    lookups = len(searcher.lookups)
    second = LanguageStatistics(searcher, memo)
    assert second.boost("text_en", "en", ["dental"]) == pytest.approx(boost)
    assert second.documents("text_en", "en") == 20
    assert len(searcher.lookups) == lookups


def test_a_search_after_a_commit_weighs_words_by_the_new_counts(
    tmp_path: Any,
) -> None:
    backend = EmbeddedBackend(tmp_path, writer_heap_size=50_000_000)
    backend.bulk(
        [
            make_document(id="news:en-a", title="Dental care", body="Dental care."),
            *(
                make_document(id=f"news:en-x{n}", title=f"Note {n}", body="Housing.")
                for n in range(20)
            ),
        ]
    )
    backend.refresh()
    query = SearchQuery(text="dental", locale="en")
    rare = backend.search(query).hits[0].score
    backend.bulk(
        make_document(id=f"news:en-d{n}", title=f"Clinic {n}", body="Dental visits.")
        for n in range(10)
    )
    backend.refresh()
    scores = {hit.document.id: hit.score for hit in backend.search(query).hits}
    # "dental" is in 11 of 31 texts now, not 1 of 21: it weighs less, exactly
    # as for a reader that never searched before.
    assert scores["news:en-a"] < rare
    fresh = EmbeddedBackend(tmp_path)
    assert scores == {hit.document.id: hit.score for hit in fresh.search(query).hits}


def test_a_word_published_after_a_search_that_missed_it_is_found_at_once(
    tmp_path: Any,
) -> None:
    # The reader is another process's: it learns of commits by itself.
    writer = EmbeddedBackend(tmp_path, writer_heap_size=50_000_000)
    writer.bulk([make_document(id="news:en-a", title="Housing", body="Housing.")])
    writer.refresh()
    reader = EmbeddedBackend(tmp_path)
    query = SearchQuery(text="allotment", locale="en")
    # The reader now knows that no document holds "allotment".
    assert reader.search(query).hits == []
    writer.bulk(
        [make_document(id="news:en-b", title="Allotments", body="Allotment plots.")]
    )
    writer.refresh()
    assert [hit.document.id for hit in reader.search(query).hits] == ["news:en-b"]
