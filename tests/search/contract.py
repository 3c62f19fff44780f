"""Contract every search backend must pass.

Subclass :class:`BackendContract` in ``tests/search/backends/test_<engine>.py``
(the class name must start with ``Test``) and provide:

* a class-scoped fixture ``backend_factory`` (a ``@classmethod`` under
  ``@pytest.fixture(scope="class")``) returning a callable that makes a
  new, empty backend on its own index each time it is called (``close()`` must
  be safe to call twice: the contract closes what it uses, the factory may
  too);
* :meth:`BackendContract.open_reader`, a second instance reading the same index
  (another client, as another process would have).

The contract builds the ``backend`` fixture (a fresh, empty backend per test)
and a class-scoped ``corpus_backend`` (the hand-written corpus, read-only) from
the factory; a subclass may override either fixture.

Features a backend may legitimately lack are class attributes
(``supports_*``, and ``analysed_locales`` for languages whose analysis the
engine or its test server gets right). A test that needs one calls
:meth:`BackendContract.require` or :meth:`BackendContract.require_analysis`,
which report an expected failure naming the flag, so a gap is visible (xfail)
rather than silently skipped.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import ClassVar

import pytest

from search import compounds
from search.backends.base import BaseBackend
from search.changes import Change, uid_of
from search.crosslingual import Translator
from search.document_translation import DocumentTranslator
from search.documents import Document
from search.errors import IndexingError, InvalidDocumentError, InvalidQueryError
from search.glossary import Glossary
from search.lexicon import Lexicon
from search.lexicon.build import build_lexicon
from search.progress import IndexerProgress
from search.query import SearchQuery, SearchResults
from search.testing import generate_documents, make_document
from tests.search.contract_groups import GroupContract
from tests.search.contract_translations import (
    DocumentTranslationContract,
    FeedbackContract,
    translate_documents_with,
)
from tests.search.corpus import at, corpus
from tests.search.lexicon.dictd import write_dictd

BackendFactory = Callable[[], BaseBackend]


class BackendContract(GroupContract, DocumentTranslationContract, FeedbackContract):
    """Behaviour shared by all backends (see the module docstring)."""

    #: Typo tolerance (fuzzy matching of query words).
    supports_fuzzy: ClassVar[bool] = True
    #: "Did you mean" suggestions from the index vocabulary.
    supports_did_you_mean: ClassVar[bool] = True
    #: Languages whose analysis (stemming, folding) the backend, or the test
    #: server it runs against, applies correctly.
    analysed_locales: ClassVar[frozenset[str]] = frozenset(
        {"da", "nb", "sv", "fi", "is", "en"}
    )
    #: A reader keeps answering while the index is rebuilt.
    supports_search_during_reindex: ClassVar[bool] = True

    # -- fixtures and helpers -------------------------------------------------------

    @pytest.fixture(scope="class")
    @classmethod
    def backend_factory(cls) -> BackendFactory:
        raise NotImplementedError("subclasses provide backend_factory")

    def open_reader(self, backend: BaseBackend) -> BaseBackend:
        """A second instance searching the same index as ``backend``."""
        raise NotImplementedError("subclasses provide open_reader")

    @pytest.fixture
    def backend(self, backend_factory: BackendFactory) -> Iterator[BaseBackend]:
        instance = backend_factory()
        yield instance
        instance.close()

    @pytest.fixture(scope="class")
    @classmethod
    def corpus_backend(cls, backend_factory: BackendFactory) -> Iterator[BaseBackend]:
        instance = backend_factory()
        result = instance.bulk(corpus())
        assert result.applied == len(corpus())
        instance.refresh()
        yield instance
        instance.close()

    def require(self, flag: str) -> None:
        if not getattr(self, flag):
            pytest.xfail(f"{type(self).__name__}.{flag} is False (declared gap)")

    def require_analysis(self, *locales: str) -> None:
        missing = set(locales) - self.analysed_locales
        if missing:
            pytest.xfail(
                f"{type(self).__name__}.analysed_locales lacks {sorted(missing)} "
                "(declared gap)"
            )

    @staticmethod
    def found(backend: BaseBackend, **query: object) -> list[str]:
        results = backend.search(SearchQuery(first=100, **query))  # type: ignore[arg-type]
        return [hit.document.id for hit in results.hits]

    @staticmethod
    def all_pages(
        backend: BaseBackend, **query: object
    ) -> tuple[list[str], SearchResults]:
        seen: list[str] = []
        after: str | None = None
        first_page: SearchResults | None = None
        for _ in range(1000):
            page = backend.search(SearchQuery(after=after, **query))  # type: ignore[arg-type]
            first_page = first_page or page
            seen.extend(hit.document.id for hit in page.hits)
            if not page.has_next_page:
                break
            assert page.end_cursor
            after = page.end_cursor
        assert first_page is not None
        return seen, first_page

    @staticmethod
    def all_changes(
        backend: BaseBackend,
        after: str | None = None,
        limit: int = 100,
        types: tuple[str, ...] = (),
    ) -> tuple[list[Change], str]:
        """Every change after ``after``, page by page, and the final cursor."""
        seen: list[Change] = []
        cursor = after
        for _ in range(1000):
            page = (
                backend.changes(cursor, limit, types)
                if types
                else backend.changes(cursor, limit)
            )
            seen.extend(page.changes)
            cursor = page.cursor
            if not page.has_more:
                return seen, cursor or ""
        raise AssertionError("change sync did not finish")

    # -- indexing, get_many, versions and tombstones --------------------------------

    # -- change sync -------------------------------------------------------------

    def test_changes_list_creates_updates_and_deletes_once_in_order(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(
            [
                make_document(id="news:a", title="First", version=1),
                make_document(id="news:b", title="Second", version=2),
                make_document(id="news:c", title="Third", version=3),
            ]
        )
        backend.index(make_document(id="news:a", title="First, edited", version=4))
        backend.delete({"news:b": 5})
        backend.refresh()
        changes, _ = self.all_changes(backend)
        assert [(c.id, c.version, c.deleted) for c in changes] == [
            ("news:c", 3, False),
            ("news:a", 4, False),
            ("news:b", 5, True),
        ]
        edited = changes[1].document
        assert edited is not None and edited.title == "First, edited"
        assert changes[2].document is None

    def test_changes_continue_from_the_cursor_without_gaps_or_repeats(
        self, backend: BaseBackend
    ) -> None:
        # Many documents share versions (a rebuild gives them all one), so
        # pages must break ties by uid.
        documents = [
            make_document(id=f"news:{n}", title=f"Item {n}", version=1 + n % 3)
            for n in range(40)
        ]
        backend.bulk(documents)
        backend.refresh()
        paged, cursor = self.all_changes(backend, limit=7)
        whole = backend.changes(None, 100).changes
        assert [c.id for c in paged] == [c.id for c in whole]
        assert sorted(c.id for c in paged) == sorted(d.id for d in documents)
        keys = [(c.version, c.uid) for c in paged]
        assert keys == sorted(keys) and len(set(keys)) == len(keys)
        # Nothing new: the cursor stays where it was.
        idle = backend.changes(cursor, 10)
        assert idle.changes == () and idle.cursor == cursor and not idle.has_more
        backend.index(make_document(id="news:5", title="Item 5 again", version=9))
        backend.delete({"news:6": 10})
        backend.refresh()
        later, _ = self.all_changes(backend, cursor, limit=1)
        assert [(c.id, c.deleted) for c in later] == [
            ("news:5", False),
            ("news:6", True),
        ]

    def test_watermark_holds_back_newer_changes(self, backend: BaseBackend) -> None:
        assert backend.watermark() is None
        backend.bulk([make_document(id=f"news:{n}", version=n) for n in (1, 2, 3)])
        backend.set_watermark(2)
        backend.refresh()
        page = backend.changes(None, 10)
        assert [c.id for c in page.changes] == ["news:1", "news:2"]
        assert page.watermark == 2 and not page.has_more
        before = backend.generation()
        backend.set_watermark(3)
        assert backend.generation() != before
        rest = backend.changes(page.cursor, 10)
        assert [c.id for c in rest.changes] == ["news:3"]
        assert rest.watermark == 3

    def test_indexer_progress_is_kept_without_changing_the_generation(
        self, backend: BaseBackend
    ) -> None:
        assert backend.progress() is None
        backend.bulk([make_document(id="news:1", version=1)])
        backend.refresh()
        before = backend.generation()
        first = IndexerProgress(1000.0, pending=3, oldest_pending_at=990.5, failed=1)
        backend.record_progress(first)
        assert backend.progress() == first
        latest = IndexerProgress(1010.0)
        backend.record_progress(latest)

        assert backend.progress() == latest
        assert asyncio.run(backend.aprogress()) == latest
        assert backend.generation() == before

    def test_rebuild_reports_documents_it_no_longer_has_as_deleted(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(
            [
                make_document(id="news:kept", version=1),
                make_document(id="news:dropped", version=2),
            ]
        )
        backend.refresh()
        _, cursor = self.all_changes(backend)
        # Written while the rebuild read its source: newer than its snapshot.
        backend.index(make_document(id="news:newer", version=30))
        backend.reindex([make_document(id="news:kept", title="Rebuilt", version=20)])
        backend.refresh()
        changes, _ = self.all_changes(backend, cursor)
        rebuilt = sorted(
            [("news:kept", 20, False), ("news:dropped", 20, True)],
            key=lambda change: uid_of(change[0]),
        )
        assert [(c.id, c.version, c.deleted) for c in changes] == [
            *rebuilt,
            ("news:newer", 30, False),
        ]
        assert backend.get_many(["news:newer", "news:dropped"])[1] is None

    def test_bad_change_cursors_and_limits_are_rejected(
        self, backend: BaseBackend
    ) -> None:
        for after in ("garbage", "YzE6MTp4", "c1:1:00", "€"):
            with pytest.raises(InvalidQueryError, match="after"):
                backend.changes(after, 10)
        for limit in (0, 501, True):
            with pytest.raises(InvalidQueryError, match="first"):
                backend.changes(None, limit)  # type: ignore[arg-type]

    def test_async_changes_answer_like_the_sync_ones(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk([make_document(id=f"news:{n}", version=n) for n in (1, 2)])
        backend.refresh()
        assert asyncio.run(backend.achanges(None, 10)) == backend.changes(None, 10)

    def test_bulk_then_get_many_round_trips_documents(
        self, backend: BaseBackend
    ) -> None:
        documents = corpus()
        result = backend.bulk(documents)
        backend.refresh()
        assert (result.applied, result.skipped) == (len(documents), 0)
        loaded = backend.get_many([document.id for document in documents])
        assert [document.to_dict() for document in loaded if document] == [
            document.to_dict() for document in documents
        ]

    def test_get_many_keeps_order_and_returns_none_for_missing(
        self, corpus_backend: BaseBackend
    ) -> None:
        loaded = corpus_backend.get_many(
            ["news:nb-refugees", "news:nope", "news:da-refugees"]
        )
        assert [document.id if document else None for document in loaded] == [
            "news:nb-refugees",
            None,
            "news:da-refugees",
        ]
        assert corpus_backend.get_many([]) == []

    def test_newer_version_replaces_document(self, backend: BaseBackend) -> None:
        backend.index(make_document(id="news:1", title="First edition"))
        result = backend.index(
            make_document(id="news:1", title="Second edition", version=2)
        )
        backend.refresh()
        assert result.applied == 1
        [document] = backend.get_many(["news:1"])
        assert document is not None and document.title == "Second edition"
        english = {"locale": "en", "cross_language": False}
        assert self.found(backend, text="first", **english) == []
        assert self.found(backend, text="second", **english) == ["news:1"]

    def test_older_version_arriving_late_is_skipped(self, backend: BaseBackend) -> None:
        backend.index(make_document(id="news:1", title="Version three", version=3))
        result = backend.bulk(
            [make_document(id="news:1", title="Version two", version=2)]
        )
        backend.refresh()
        assert (result.applied, result.skipped, result.skipped_ids) == (
            0,
            1,
            ("news:1",),
        )
        [document] = backend.get_many(["news:1"])
        assert document is not None and document.title == "Version three"

    def test_replaying_the_same_version_is_harmless(self, backend: BaseBackend) -> None:
        document = make_document(id="news:1", version=4)
        backend.index(document)
        backend.index(document)
        backend.refresh()
        assert backend.search(SearchQuery()).total == 1
        assert backend.get_many(["news:1"]) == [document]

    def test_delete_leaves_a_tombstone_that_is_never_shown(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(
            [
                make_document(id="news:1", title="Refugees in Oslo", version=1),
                make_document(id="news:2", title="Refugees in Bergen", version=1),
            ]
        )
        result = backend.delete({"news:1": 2})
        backend.refresh()
        assert result.applied == 1
        assert backend.get_many(["news:1", "news:2"])[0] is None
        assert self.found(backend, text="refugees") == ["news:2"]
        assert self.found(backend) == ["news:2"]
        assert (
            backend.search(SearchQuery(facets=("type",))).facets["type"][0].count == 1
        )
        assert backend.suggest("refugees in", limit=5) == ["Refugees in Bergen"]

    def test_late_older_upsert_does_not_resurrect_a_deleted_item(
        self, backend: BaseBackend
    ) -> None:
        backend.index(make_document(id="news:1", version=1))
        backend.delete([("news:1", 3)])
        result = backend.bulk([make_document(id="news:1", version=2)])
        result_equal = backend.bulk([make_document(id="news:1", version=3)])
        backend.refresh()
        assert result.skipped == 1 and result_equal.skipped == 1
        assert backend.get_many(["news:1"]) == [None]
        assert backend.search(SearchQuery()).total == 0

    def test_newer_upsert_after_delete_brings_the_item_back(
        self, backend: BaseBackend
    ) -> None:
        backend.index(make_document(id="news:1", version=1))
        backend.delete({"news:1": 2})
        backend.index(make_document(id="news:1", title="Republished", version=3))
        backend.refresh()
        [document] = backend.get_many(["news:1"])
        assert document is not None and document.title == "Republished"

    def test_stale_delete_is_skipped(self, backend: BaseBackend) -> None:
        backend.index(make_document(id="news:1", version=5))
        result = backend.delete({"news:1": 4})
        backend.refresh()
        assert (result.applied, result.skipped) == (0, 1)
        assert backend.get_many(["news:1"])[0] is not None

    def test_delete_of_unknown_id_blocks_older_upserts(
        self, backend: BaseBackend
    ) -> None:
        backend.delete({"news:9": 5})
        result = backend.index(make_document(id="news:9", version=4))
        backend.refresh()
        assert result.skipped == 1
        assert backend.get_many(["news:9"]) == [None]

    def test_out_of_order_replay_converges_to_the_newest_operation(
        self, backend: BaseBackend
    ) -> None:
        operations: list[tuple[str, int, bool]] = []
        expected: dict[str, tuple[int, bool]] = {}
        rng = random.Random(7)
        for number in range(12):
            doc_id = f"news:{number}"
            for version in range(1, rng.randint(2, 6) + 1):
                is_delete = version > 1 and rng.random() < 0.35
                operations.append((doc_id, version, is_delete))
                expected[doc_id] = (version, is_delete)
        for _replay in range(2):
            rng.shuffle(operations)
            for start in range(0, len(operations), 8):
                batch = operations[start : start + 8]
                upserts = [
                    make_document(id=doc_id, title=f"v{version}", version=version)
                    for doc_id, version, is_delete in batch
                    if not is_delete
                ]
                deletes = [
                    (doc_id, version)
                    for doc_id, version, is_delete in batch
                    if is_delete
                ]
                backend.bulk(upserts)
                backend.delete(deletes)
        backend.refresh()
        loaded = dict(zip(expected, backend.get_many(list(expected)), strict=True))
        for doc_id, (version, deleted) in expected.items():
            document = loaded[doc_id]
            if deleted:
                assert document is None, doc_id
            else:
                assert document is not None and document.version == version, doc_id

    def test_duplicates_in_one_batch_keep_the_newest(
        self, backend: BaseBackend
    ) -> None:
        result = backend.bulk(
            [
                make_document(id="news:1", title="One", version=1),
                make_document(id="news:1", title="Three", version=3),
                make_document(id="news:1", title="Two", version=2),
            ]
        )
        backend.refresh()
        assert (result.applied, result.skipped) == (2, 1)
        [document] = backend.get_many(["news:1"])
        assert document is not None and document.title == "Three"
        assert backend.search(SearchQuery()).total == 1

    def test_bad_item_in_a_batch_applies_nothing(self, backend: BaseBackend) -> None:
        good = make_document(id="news:1")
        with pytest.raises(IndexingError):
            backend.bulk([good, "not a document"])  # type: ignore[list-item]
        with pytest.raises(IndexingError):
            backend.delete([("news:1", "v2")])  # type: ignore[list-item]
        backend.refresh()
        assert backend.get_many(["news:1"]) == [None]
        assert backend.index(good).applied == 1

    # -- filters --------------------------------------------------------------------

    def test_filters_by_type(self, corpus_backend: BaseBackend) -> None:
        assert set(self.found(corpus_backend, types=("event",))) == {
            "event:da-children",
            "event:sv-housing",
        }

    def test_long_and_excluding_type_filters(self, corpus_backend: BaseBackend) -> None:
        # Long value lists take another query form than short ones.
        many = ("event", *(f"unused_{n}" for n in range(60)))
        assert set(self.found(corpus_backend, types=many)) == {
            "event:da-children",
            "event:sv-housing",
        }
        everything = set(self.found(corpus_backend))
        without = set(self.found(corpus_backend, exclude_types=("event", "news")))
        assert without == {
            doc for doc in everything if not doc.startswith(("event:", "news:"))
        }
        assert without and without < everything
        # Every language listed filters nothing.
        all_six = ("da", "nb", "sv", "fi", "is", "en")
        assert set(self.found(corpus_backend, locales=all_six)) == everything

    def test_filters_by_locales(self, corpus_backend: BaseBackend) -> None:
        assert set(self.found(corpus_backend, locales=("fi", "is"))) == {
            "publication:fi-refugees",
            "news:is-refugees",
        }

    def test_filters_by_themes_countries_and_goals(
        self, corpus_backend: BaseBackend
    ) -> None:
        assert set(self.found(corpus_backend, themes=("civil-society",))) == {
            "funding_call:nb-volunteers",
            "news:en-housing",
            "call_for_applications:en-forum",
        }
        assert set(self.found(corpus_backend, countries=("iceland",))) == {
            "news:is-refugees",
            "publication:en-refugees",
        }
        assert set(self.found(corpus_backend, goals=("goal-12",))) == {
            "publication:en-refugees"
        }

    def test_values_of_one_filter_are_ored_and_filters_anded(
        self, corpus_backend: BaseBackend
    ) -> None:
        found = self.found(
            corpus_backend,
            themes=("labour-market", "segregation-housing"),
            countries=("sweden",),
        )
        assert set(found) == {
            "learning_example:sv-refugees",
            "event:sv-housing",
            "news:en-housing",
            "publication:en-refugees",
        }

    def test_filters_by_date_range_inclusive(self, corpus_backend: BaseBackend) -> None:
        found = self.found(
            corpus_backend, date_from=at(2024, 1, 1, 0), date_to=at(2024, 3, 1)
        )
        assert set(found) == {"news:da-refugees", "funding_call:nb-volunteers"}
        assert "news:da-refugees" in self.found(
            corpus_backend,
            date_from=at(2024, 3, 1).date(),
            date_to=at(2024, 3, 1).date(),
        )

    def test_upcoming_keeps_events_not_yet_over(
        self, corpus_backend: BaseBackend
    ) -> None:
        assert self.found(corpus_backend, upcoming=True, now=at(2025, 1, 1)) == [
            "event:da-children"
        ]
        assert set(
            self.found(corpus_backend, upcoming=True, now=at(2020, 2, 1, 11))
        ) == {
            "event:da-children",
            "event:sv-housing",
        }

    def test_open_calls_uses_opening_and_closing(
        self, corpus_backend: BaseBackend
    ) -> None:
        assert set(self.found(corpus_backend, open_calls=True, now=at(2024, 2, 1))) == {
            "funding_call:nb-volunteers",
            "funding_call:en-research",
        }
        assert set(self.found(corpus_backend, open_calls=True, now=at(2025, 6, 1))) == {
            "call_for_applications:en-forum",
            "funding_call:en-research",
        }
        assert self.found(corpus_backend, open_calls=True, now=at(2027, 1, 1)) == [
            "call_for_applications:en-forum"
        ]

    # -- facets ---------------------------------------------------------------------

    def test_facet_counts_for_the_facets_asked(
        self, corpus_backend: BaseBackend
    ) -> None:
        results = corpus_backend.search(
            SearchQuery(
                themes=("labour-market",), facets=("locale", "countries", "year")
            )
        )
        assert set(results.facets) == {"locale", "countries", "year"}
        counts = {
            name: {v.value: v.count for v in values}
            for name, values in results.facets.items()
        }
        assert counts["locale"] == {
            "da": 1,
            "nb": 1,
            "sv": 1,
            "fi": 1,
            "is": 1,
            "en": 1,
        }
        assert counts["countries"]["denmark"] == 2
        assert counts["year"] == {"2024": 2, "2023": 1, "2022": 1, "2021": 1, "2020": 1}
        assert [v.value for v in results.facets["countries"]][:1] == ["denmark"]

    def test_facets_follow_the_text_query(self, corpus_backend: BaseBackend) -> None:
        results = corpus_backend.search(
            SearchQuery(
                text="seminarium",
                locale="sv",
                cross_language=False,
                facets=("type", "themes", "goals"),
            )
        )
        assert {v.value: v.count for v in results.facets["type"]} == {"event": 1}
        assert results.facets["goals"] == []
        assert corpus_backend.search(SearchQuery(text="seminarium")).facets == {}

    # -- text search: highlights, phrases, typos, folding ---------------------------

    def test_highlights_mark_matches_and_escape_html(
        self, corpus_backend: BaseBackend
    ) -> None:
        results = corpus_backend.search(
            SearchQuery(
                text="key finding", locale="en", cross_language=False, highlight=True
            )
        )
        [hit] = results.hits
        assert "<mark>finding</mark>" in hit.highlights["body"]
        assert (
            "&lt;b&gt;<mark>Key</mark> <mark>finding</mark>&lt;/b&gt;"
            in hit.highlights["body"]
        )
        assert "&amp;" in hit.highlights["body"]
        assert "title" not in hit.highlights

    def test_highlights_follow_stemming_in_title_and_lead(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require_analysis("da")
        results = corpus_backend.search(
            SearchQuery(
                text="flygtning", locale="da", cross_language=False, highlight=True
            )
        )
        [hit] = results.hits
        assert (
            hit.highlights["title"]
            == "<mark>Flygtninge</mark> på arbejdsmarkedet i Aarhus"
        )
        assert "<mark>flygtninge</mark>" in hit.highlights["lead"]
        plain = corpus_backend.search(SearchQuery(text="flygtning", locale="da"))
        assert all(not hit.highlights for hit in plain.hits)

    def test_phrase_needs_the_words_together(self, corpus_backend: BaseBackend) -> None:
        loose = set(
            self.found(
                corpus_backend, text="labour market", cross_language=False, locale="en"
            )
        )
        phrase = set(
            self.found(
                corpus_backend,
                text='"labour market"',
                cross_language=False,
                locale="en",
            )
        )
        assert {"publication:en-refugees", "news:en-housing"} <= loose
        assert phrase == {"publication:en-refugees"}
        self.require_analysis("da", "nb", "sv")
        expanded = set(self.found(corpus_backend, text='"labour market"', locale="en"))
        assert "news:en-housing" not in expanded
        assert {"publication:en-refugees", "news:da-refugees"} <= expanded

    def test_words_are_all_required(self, corpus_backend: BaseBackend) -> None:
        assert self.found(
            corpus_backend, text="volunteers rental", locale="en", cross_language=False
        ) == ["news:en-housing"]

    def test_typo_tolerance_finds_misspelled_words(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require("supports_fuzzy")
        self.require_analysis("da", "sv")
        assert "news:da-refugees" in self.found(
            corpus_backend, text="arbejdsmarkdet", locale="da", cross_language=False
        )
        assert "learning_example:sv-refugees" in self.found(
            corpus_backend, text="etableringsprogramet", locale="sv"
        )

    def test_folding_finds_words_typed_without_nordic_letters(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require_analysis("da", "nb", "sv", "is")
        assert "news:da-refugees" in self.found(
            corpus_backend, text="born", locale="da"
        )
        assert "publication:da-values" in self.found(
            corpus_backend, text="faelles vaerdier"
        )
        assert "learning_example:sv-refugees" in self.found(
            corpus_backend, text="malmo goteborg"
        )
        assert "news:is-refugees" in self.found(corpus_backend, text="thjodskra")
        assert "news:is-refugees" in self.found(corpus_backend, text="flottamenn")
        assert "news:nb-refugees" in self.found(corpus_backend, text="tromsoe")
        assert "news:da-refugees" in self.found(corpus_backend, text="BØRN")

    def test_stemming_matches_inflected_forms(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require_analysis("da", "nb", "sv")
        assert "news:da-refugees" in self.found(
            corpus_backend, text="arbejdsmarked", locale="da", cross_language=False
        )
        assert "news:nb-refugees" in self.found(
            corpus_backend, text="flyktningar", locale="nb", cross_language=False
        )
        assert "learning_example:sv-refugees" in self.found(
            corpus_backend, text="flykting", locale="sv", cross_language=False
        )

    # -- cross-language search ------------------------------------------------------

    def test_danish_query_finds_other_nordic_languages(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require_analysis("da", "nb", "sv", "fi", "en")
        found = set(
            self.found(corpus_backend, text="flygtninge arbejdsmarked", locale="da")
        )
        assert {
            "news:da-refugees",
            "news:nb-refugees",
            "learning_example:sv-refugees",
            "publication:fi-refugees",
            "news:is-refugees",
            "publication:en-refugees",
        } <= found
        assert "news:en-housing" not in found

    def test_multi_word_glossary_terms_cross_languages(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require_analysis("da", "sv")
        found = set(self.found(corpus_backend, text="labour market", locale="en"))
        assert {
            "news:da-refugees",
            "learning_example:sv-refugees",
            "news:nb-refugees",
        } <= found
        assert {"event:da-children", "expert_profile:en-researcher"} <= set(
            self.found(corpus_backend, text="unaccompanied minors", locale="en")
        )

    def test_cross_language_off_stays_in_the_query_language(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require_analysis("da")
        found = self.found(
            corpus_backend,
            text="flygtninge arbejdsmarked",
            locale="da",
            cross_language=False,
        )
        assert found == ["news:da-refugees"]

    def test_results_in_the_query_language_come_first(
        self, corpus_backend: BaseBackend
    ) -> None:
        for locale, text in (
            ("sv", "flyktingar"),
            ("nb", "flyktninger"),
            ("en", "refugees"),
        ):
            results = corpus_backend.search(SearchQuery(text=text, locale=locale))
            locales = [hit.document.locale for hit in results.hits]
            assert len(set(locales)) > 1, locale
            first_other = next(i for i, loc in enumerate(locales) if loc != locale)
            assert all(loc != locale for loc in locales[first_other:]), (
                locale,
                locales,
            )

    # -- translation through the lexicon --------------------------------------------

    @pytest.fixture(scope="class")
    @classmethod
    def lexicon(cls, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lexicon]:
        """A small lexicon built from dictionaries in FreeDict's format."""
        folder = tmp_path_factory.mktemp("dictd")
        write_dictd(
            folder,
            "eng-swe",
            {
                "housing": ["bostad"],
                "language": ["språk"],
                "teaching": ["undervisning"],
            },
        )
        write_dictd(folder, "swe-eng", {"undervisning": ["teaching, instruction"]})
        write_dictd(
            folder, "dan-eng", {"allergisk": ["allergic"], "allergi": ["allergy"]}
        )
        path = folder / "lexicon.sqlite"
        build_lexicon(
            path, dictd_folder=folder, apertium_folder=folder, lemma_locales=()
        )
        lexicon = Lexicon.open(path)
        assert lexicon is not None
        yield lexicon
        lexicon.close()

    @pytest.fixture
    def translating(
        self,
        backend: BaseBackend,
        lexicon: Lexicon,
        monkeypatch: pytest.MonkeyPatch,
    ) -> BaseBackend:
        """``backend`` with the small lexicon and no glossary, on its own corpus
        (documents translated through the same lexicon)."""
        backend.translator = Translator(lexicon)
        translate_documents_with(monkeypatch, DocumentTranslator(backend.translator))
        backend.glossary = Glossary()
        documents = [
            ("news:en-teaching", "en", "Language teaching for adults", "Weekly."),
            ("news:en-language", "en", "Language cafés", "Talk in a library."),
            ("news:en-housing", "en", "Housing for families", "Flats are built."),
            ("news:sv-housing", "sv", "Bostad för nyanlända", "Kommunen bygger."),
            # Indefinite "språk": Lucene 9's Swedish Snowball stemmer keeps the
            # definite "-et" of "språket", tantivy's newer one strips it.
            ("news:sv-teaching", "sv", "Undervisning i språk", "Varje vecka."),
            ("news:nb-teaching", "nb", "Språkundervisning for voksne", "Hver uke."),
        ]
        backend.bulk(
            make_document(id=id_, locale=locale, title=title, body=body)
            for id_, locale, title, body in documents
        )
        backend.refresh()
        return backend

    def test_translations_from_the_lexicon_find_other_languages(
        self, translating: BaseBackend
    ) -> None:
        # The query word is also matched in every language's own fields.
        self.require_analysis("da", "nb", "sv", "fi", "is", "en")
        found = self.found(translating, text="housing", locale="en")
        assert found == ["news:en-housing", "news:sv-housing"]
        assert self.found(
            translating, text="housing", locale="en", cross_language=False
        ) == ["news:en-housing"]

    def test_typo_tolerance_leaves_the_words_of_the_dictionaries_alone(
        self, translating: BaseBackend
    ) -> None:
        self.require("supports_fuzzy")
        self.require_analysis("en")
        translating.bulk(
            [
                make_document(
                    id="news:en-hours", locale="en", title="Opening hours", body="."
                )
            ]
        )
        translating.refresh()
        # "housing" is a word of the dictionaries: "hours", an edit away
        # once stemmed ("hous", "hour"), is another word.
        assert self.found(
            translating, text="housing", locale="en", cross_language=False
        ) == ["news:en-housing"]
        # A word they lack is still searched for its near spellings.
        assert "news:en-hours" in self.found(
            translating, text="hourz", locale="en", cross_language=False
        )

    def test_compounds_are_translated_part_by_part(
        self, translating: BaseBackend
    ) -> None:
        # The query word is also matched in every language's own fields.
        self.require_analysis("da", "nb", "sv", "fi", "is", "en")
        # No Swedish-Norwegian dictionary: both parts go through English, and
        # the Norwegian compound is formed again; English gets both words.
        found = set(self.found(translating, text="språkundervisningen", locale="sv"))
        assert {"news:nb-teaching", "news:en-teaching"} <= found
        assert "news:en-housing" not in found

    def test_a_document_compound_is_found_by_its_parts(
        self,
        translating: BaseBackend,
        lexicon: Lexicon,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # Documents index the parts of their compounds (search.compounds):
        # English "teaching" is Swedish "undervisning", which the Swedish
        # stemmer cannot find inside "språkundervisningen".
        self.require_analysis("da", "nb", "sv", "fi", "is", "en")
        splitter = compounds.CompoundSplitter(lexicon, None)
        monkeypatch.setattr(compounds, "shared_splitter", lambda: splitter)
        translating.bulk(
            [
                make_document(
                    id="news:sv-compound",
                    locale="sv",
                    title="Nytt i kommunen",
                    body="Språkundervisningen börjar i mars.",
                )
            ]
        )
        translating.refresh()
        found = self.found(translating, text="teaching", locale="en")
        assert "news:sv-compound" in found
        # The whole word ranks above a part of a compound.
        assert found.index("news:sv-teaching") < found.index("news:sv-compound")
        # Within Swedish too, and parts never make a phrase.
        assert "news:sv-compound" in self.found(
            translating, text="undervisning", locale="sv", cross_language=False
        )
        assert "news:sv-compound" not in self.found(
            translating, text='"språk undervisningen"', locale="sv"
        )

    def test_a_translated_query_ranks_hits_with_every_word_first(
        self, translating: BaseBackend
    ) -> None:
        # The query word is also matched in every language's own fields.
        self.require_analysis("da", "nb", "sv", "fi", "is", "en")
        found = self.found(translating, text="language teaching", locale="en")
        # One of the words is enough, but a hit with both ranks before a hit
        # with one, even in the searcher's own language.
        assert found[0] == "news:en-teaching"
        assert found.index("news:sv-teaching") < found.index("news:en-language")
        assert "news:en-housing" not in found
        # A third of the words, rounded up: one of three.
        assert "news:sv-housing" in self.found(
            translating, text="housing vaccination measles", locale="en"
        )

    def test_the_own_language_bonus_is_earned_word_by_word(
        self, translating: BaseBackend
    ) -> None:
        # The same word in an English and a Danish text: on an English query
        # the English one ranks first, by the whole bonus when the query is
        # that word, by a third of it when the text meets one of three words.
        self.require_analysis("da", "en")
        translating.translator = Translator(None)
        translating.bulk(
            make_document(id=f"news:{locale}-intro", locale=locale, title="Integration")
            for locale in ("en", "da")
        )
        translating.refresh()

        def gap(text: str) -> float:
            hits = translating.search(SearchQuery(text=text, locale="en")).hits
            assert [hit.document.id for hit in hits] == [
                "news:en-intro",
                "news:da-intro",
            ]
            return hits[0].score - hits[1].score

        assert 0 < gap("integration vaccination measles") < gap("integration")

    def test_a_word_common_in_its_language_weighs_little_among_others(
        self, backend: BaseBackend
    ) -> None:
        # "refugees" is in every English text, "dental" in two: a text with
        # more of the rare word ranks first, however many texts the other
        # languages add (they cannot hold an English word, so they must not
        # make it look rare).
        filler = "alpha bravo charlie delta echo foxtrot golf hotel india".split()

        def english(doc_id: str, words: list[str]) -> Document:
            text = " ".join([*words, *filler][:10])
            return make_document(
                id=doc_id, title=f"Note {doc_id[-1]}", lead=text, body=text
            )

        documents = [
            english("news:en-x", ["refugees"] * 4 + ["dental"]),
            english("news:en-y", ["refugees", "dental", "dental"]),
            *(english(f"news:en-{n}", ["refugees"]) for n in range(6)),
            *(
                make_document(
                    id=f"news:sv-{n}",
                    locale="sv",
                    title=f"Anteckning {n}",
                    lead="Kommunen ordnar bostäder.",
                    body="Kommunen ordnar bostäder och språkkurser för nyanlända.",
                )
                for n in range(60)
            ),
        ]
        backend.bulk(documents)
        backend.refresh()
        found = self.found(
            backend, text="dental refugees", locale="en", cross_language=False
        )
        assert found == ["news:en-y", "news:en-x"]

    def test_an_adjective_finds_texts_on_its_noun_in_every_language(
        self, translating: BaseBackend
    ) -> None:
        # No stemmer brings "allergiske" to "allergi" or "allergic" to
        # "allergy"; the lexicon knows both pairs (search.derivation).
        self.require_analysis("da", "en")
        translating.bulk(
            [
                make_document(
                    id="news:da-allergy",
                    locale="da",
                    title="Mad i børnehaven",
                    body="Personalet kender hvert barns allergi.",
                ),
                make_document(
                    id="news:en-allergy",
                    locale="en",
                    title="School meals",
                    body="Kitchens plan for every allergy.",
                ),
            ]
        )
        translating.refresh()
        found = self.found(translating, text="allergiske", locale="da")
        assert sorted(found) == ["news:da-allergy", "news:en-allergy"]
        assert self.found(translating, text="allergic", locale="en") == [
            "news:en-allergy",
            "news:da-allergy",
        ]

    def test_without_a_lexicon_only_the_glossary_translates(
        self, translating: BaseBackend
    ) -> None:
        # The query word is also matched in every language's own fields.
        self.require_analysis("da", "nb", "sv", "fi", "is", "en")
        translating.translator = Translator(None)
        assert self.found(translating, text="housing", locale="en") == [
            "news:en-housing"
        ]

    # -- sorting and pagination -----------------------------------------------------

    def test_sorts_by_date_both_ways(self, corpus_backend: BaseBackend) -> None:
        descending = corpus_backend.search(
            SearchQuery(sort="date_desc", first=100)
        ).hits
        dates = [hit.document.sort_date for hit in descending]
        assert dates == sorted(dates, reverse=True)
        ascending = corpus_backend.search(SearchQuery(sort="date_asc", first=100)).hits
        assert [hit.document.id for hit in ascending] == [
            hit.document.id
            for hit in sorted(ascending, key=lambda h: (h.document.sort_date,))
        ]
        assert ascending[0].document.id == "expert_profile:en-researcher"
        assert descending[0].document.id == "event:da-children"

    def test_relevance_without_text_lists_newest_first(
        self, corpus_backend: BaseBackend
    ) -> None:
        assert self.found(corpus_backend) == self.found(
            corpus_backend, sort="date_desc"
        )

    @pytest.mark.parametrize(
        "query",
        [
            {"sort": "date_desc"},
            {"sort": "date_asc"},
            {"sort": "date_desc", "types": ("news", "event")},
            {"sort": "relevance", "text": "kommune", "locale": "da"},
            {"sort": "date_asc", "text": "kommune", "locale": "da"},
        ],
    )
    def test_deep_pagination_has_no_gaps_or_repeats(
        self, backend: BaseBackend, query: dict[str, object]
    ) -> None:
        documents = list(generate_documents(250, seed=11))
        backend.bulk(documents)
        backend.refresh()
        seen, first_page = self.all_pages(backend, first=7, **query)
        assert len(seen) == len(set(seen)) == first_page.total
        everything = backend.search(SearchQuery(first=100, **query))  # type: ignore[arg-type]
        assert seen[:100] == [hit.document.id for hit in everything.hits]
        if "text" in query:
            assert first_page.total > 80
        else:
            expected = [d for d in documents if d.type in query.get("types", (d.type,))]  # type: ignore[operator]
            assert first_page.total == len(expected)

    @pytest.mark.parametrize("sort", ["date_desc", "date_asc"])
    def test_pages_of_tied_dates_have_no_gaps_or_repeats(
        self, backend: BaseBackend, sort: str
    ) -> None:
        # Day-precision dates: dozens of items share each date.
        days = [at(2025, 3, day) for day in (3, 4, 5)]
        documents = [
            make_document(id=f"news:{n}", date=days[n % 3], version=1)
            for n in range(90)
        ]
        backend.bulk(documents)
        backend.refresh()
        seen, first_page = self.all_pages(backend, first=8, sort=sort)
        assert first_page.total == 90
        assert sorted(seen) == sorted(d.id for d in documents)
        dates = {d.id: d.date for d in documents}
        order = [dates[doc_id] for doc_id in seen]
        assert order == sorted(order, reverse=sort == "date_desc")
        whole = backend.search(SearchQuery(first=90, sort=sort))  # type: ignore[arg-type]
        assert seen == [hit.document.id for hit in whole.hits]

    def test_date_cursor_survives_new_documents(self, backend: BaseBackend) -> None:
        documents = list(generate_documents(40, seed=3))
        backend.bulk(documents)
        backend.refresh()
        page = backend.search(SearchQuery(sort="date_desc", first=10))
        newest = max(document.sort_date for document in documents)
        backend.bulk(
            [
                make_document(
                    id=f"news:late-{n}", published_at=newest + timedelta(days=n + 1)
                )
                for n in range(5)
            ]
        )
        backend.refresh()
        seen = [hit.document.id for hit in page.hits]
        after = page.end_cursor
        while after:
            page = backend.search(SearchQuery(sort="date_desc", first=10, after=after))
            seen.extend(hit.document.id for hit in page.hits)
            after = page.end_cursor if page.has_next_page else None
        assert len(seen) == len(set(seen)) == 40

    def test_cursor_from_another_query_or_garbage_is_rejected(
        self, corpus_backend: BaseBackend
    ) -> None:
        page = corpus_backend.search(SearchQuery(sort="date_desc", first=2))
        assert page.end_cursor
        for query in (
            SearchQuery(sort="date_asc", first=2, after=page.end_cursor),
            SearchQuery(
                sort="date_desc", types=("news",), first=2, after=page.end_cursor
            ),
            SearchQuery(sort="date_desc", after="not-a-cursor"),
            SearchQuery(sort="date_desc", after="W1siYSJdXQ"),
        ):
            with pytest.raises(InvalidQueryError):
                corpus_backend.search(query)

    def test_hit_cursors_resume_after_that_hit(
        self, corpus_backend: BaseBackend
    ) -> None:
        page = corpus_backend.search(SearchQuery(sort="date_desc", first=5))
        resumed = corpus_backend.search(
            SearchQuery(sort="date_desc", first=2, after=page.hits[2].cursor)
        )
        assert [hit.document.id for hit in resumed.hits] == [
            hit.document.id for hit in page.hits[3:5]
        ]

    # -- autocomplete and did-you-mean ----------------------------------------------

    def test_autocomplete_completes_titles(self, corpus_backend: BaseBackend) -> None:
        assert corpus_backend.suggest("flygt", "da") == [
            "Flygtninge på arbejdsmarkedet i Aarhus"
        ]
        titles = corpus_backend.suggest("fly", limit=10)
        assert titles[:1] and all(title.lower().startswith("fl") for title in titles)
        assert set(titles) == {
            "Flygtninge på arbejdsmarkedet i Aarhus",
            "Flyktninger i arbeidsmarkedet",
            "Flyktingar på arbetsmarknaden i Malmö",
        }
        assert corpus_backend.suggest("refugees and the lab", "en") == [
            "Refugees and the labour market in the Nordic countries"
        ]
        assert corpus_backend.suggest("faelles", "da") == [
            "Fælles værdier i det danske samfund"
        ]
        assert len(corpus_backend.suggest("f", None, limit=3)) <= 3
        assert corpus_backend.suggest("fly", "fi") == []

    def test_did_you_mean_suggests_words_from_the_index(
        self, corpus_backend: BaseBackend
    ) -> None:
        self.require("supports_did_you_mean")
        self.require_analysis("da")
        results = corpus_backend.search(SearchQuery(text="arbejdsmarkdet", locale="da"))
        assert results.suggestion == "arbejdsmarkedet"
        results = corpus_backend.search(
            SearchQuery(text="flygtninge Aarhsu", locale="da")
        )
        assert results.suggestion == "flygtninge aarhus"
        correct = corpus_backend.search(
            SearchQuery(text="flygtninge aarhus", locale="da")
        )
        assert correct.suggestion is None

    # -- reindex --------------------------------------------------------------------

    def test_reindex_replaces_content_and_keeps_versions(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(corpus())
        backend.delete({"news:gone": 7})
        backend.index(make_document(id="news:newer", title="Newest text", version=9))
        rebuilt = [d for d in corpus() if d.id != "news:en-housing"] + [
            make_document(id="news:newer", title="Stale text", version=8),
            make_document(id="news:gone", version=6),
            make_document(id="news:fresh", title="Fresh item", version=1),
        ]
        result = backend.reindex(rebuilt)
        backend.refresh()
        assert result.skipped == 2
        assert backend.get_many(["news:en-housing", "news:gone"]) == [None, None]
        [newer, fresh] = backend.get_many(["news:newer", "news:fresh"])
        assert newer is not None and newer.title == "Newest text"
        assert fresh is not None
        assert backend.search(SearchQuery()).total == len(corpus()) - 1 + 2
        # The tombstone survived the rebuild.
        assert backend.index(make_document(id="news:gone", version=7)).skipped == 1
        assert backend.index(make_document(id="news:fresh", version=2)).applied == 1

    def test_failed_reindex_keeps_the_live_index(self, backend: BaseBackend) -> None:
        backend.bulk(corpus())

        def broken() -> Iterator[Document]:
            yield make_document(id="news:half")
            raise InvalidDocumentError("source failed")

        with pytest.raises(IndexingError):
            backend.reindex(broken())
        backend.refresh()
        assert backend.search(SearchQuery()).total == len(corpus())
        assert backend.get_many(["news:half"]) == [None]
        assert backend.index(make_document(id="news:after")).applied == 1

    def test_reader_keeps_searching_while_the_index_is_rebuilt(
        self, backend: BaseBackend
    ) -> None:
        self.require("supports_search_during_reindex")
        backend.bulk(corpus())
        backend.refresh()
        reader = self.open_reader(backend)
        totals: list[int] = []
        errors: list[BaseException] = []
        stop = threading.Event()

        def keep_searching() -> None:
            while not stop.is_set():
                try:
                    totals.append(
                        reader.search(SearchQuery(text="refugees", locale="en")).total
                    )
                    reader.get_many(["news:da-refugees"])
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)
                    return

        thread = threading.Thread(target=keep_searching)
        thread.start()
        try:
            for round_number in range(3):
                extra = make_document(
                    id=f"news:round-{round_number}", title="Refugees again"
                )
                backend.reindex([*corpus(), extra])
                time.sleep(0.05)
        finally:
            stop.set()
            thread.join(timeout=30)
        try:
            assert not errors, errors
            assert totals and min(totals) >= 1
            reader.refresh()
            assert reader.get_many(["news:round-2", "news:round-0"])[0] is not None
            assert reader.get_many(["news:round-0"]) == [None]
        finally:
            reader.close()

    def test_async_methods_answer_like_the_sync_ones(
        self, corpus_backend: BaseBackend
    ) -> None:
        query = SearchQuery(text="refugees", locale="en")

        async def ask() -> tuple[SearchResults, list[Document | None], list[str]]:
            return (
                await corpus_backend.asearch(query),
                await corpus_backend.aget_many(["news:da-refugees"]),
                await corpus_backend.asuggest("refugees", "en"),
            )

        results, documents, titles = asyncio.run(ask())
        assert [hit.document.id for hit in results.hits] == self.found(
            corpus_backend, text="refugees", locale="en"
        )
        assert documents == corpus_backend.get_many(["news:da-refugees"])
        assert titles == corpus_backend.suggest("refugees", "en")

    # -- invalid requests -----------------------------------------------------------

    @pytest.mark.parametrize(
        "arguments",
        [
            {"first": 0},
            {"first": 101},
            {"sort": "popular"},
            {"locale": "de"},
            {"locales": ("da", "xx")},
            {"facets": ("colour",)},
            {"date_from": datetime(2024, 1, 1)},
            {"date_from": at(2024, 2, 1), "date_to": at(2024, 1, 1)},
            {"cross_language": False},
            {"text": "x" * 501},
            {"after": ""},
        ],
    )
    def test_invalid_queries_raise_invalid_query_error(
        self, arguments: dict[str, object]
    ) -> None:
        with pytest.raises(InvalidQueryError):
            SearchQuery(**arguments)  # type: ignore[arg-type]

    def test_invalid_backend_requests_raise_invalid_query_error(
        self, corpus_backend: BaseBackend
    ) -> None:
        with pytest.raises(InvalidQueryError):
            corpus_backend.suggest("ref", "en", limit=0)
        with pytest.raises(InvalidQueryError):
            corpus_backend.suggest("ref", "xx")
        with pytest.raises(InvalidQueryError):
            corpus_backend.get_many([f"news:{n}" for n in range(5000)])

    def test_odd_text_never_fails(self, corpus_backend: BaseBackend) -> None:
        for text in ('"unclosed phrase', "!!!", "AND OR NOT", "a:b c~2 (x", '""', "*"):
            corpus_backend.search(SearchQuery(text=text, locale="en", highlight=True))

    def test_documents_keep_every_field(self, backend: BaseBackend) -> None:
        document = corpus()[0]
        backend.index(document)
        backend.refresh()
        [hit] = backend.search(SearchQuery(text="aarhus", highlight=True)).hits
        assert hit.document == document
        assert hit.document.image is not None
        assert hit.document.image.rendition("fill-800x450") is not None
        assert isinstance(hit.score, float) and hit.score > 0
        assert hit.document.published_at.tzinfo is not None
        assert hit.document.payload == {"authors": ["Anne Jensen"], "reading_time": 4}
