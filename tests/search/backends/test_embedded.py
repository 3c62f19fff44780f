"""The embedded (tantivy) backend: the shared contract plus its own behaviour."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import pytest

from search.backends.base import BaseBackend
from search.backends.embedded import META, POINTER, EmbeddedBackend
from search.errors import BackendUnavailableError, IndexingError
from search.query import SearchQuery
from search.testing import make_document
from tests.search.contract import BackendContract, BackendFactory
from tests.search.corpus import corpus

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[3]


class TestEmbeddedBackend(BackendContract):
    @pytest.fixture(scope="class")
    @classmethod
    def backend_factory(
        cls, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[BackendFactory]:
        made: list[EmbeddedBackend] = []

        def make() -> BaseBackend:
            backend = EmbeddedBackend(
                tmp_path_factory.mktemp("index"), writer_heap_size=50_000_000
            )
            made.append(backend)
            return backend

        yield make
        for backend in made:
            backend.close()

    def open_reader(self, backend: BaseBackend) -> BaseBackend:
        assert isinstance(backend, EmbeddedBackend)
        return EmbeddedBackend(backend.path)


def test_data_and_versions_survive_reopening(tmp_path: Path) -> None:
    with EmbeddedBackend(tmp_path) as backend:
        backend.bulk(corpus())
        backend.delete({"news:da-refugees": 5})
    with EmbeddedBackend(tmp_path) as backend:
        assert backend.search(SearchQuery()).total == len(corpus()) - 1
        assert (
            backend.index(make_document(id="news:da-refugees", version=4)).skipped == 1
        )
        assert (
            backend.index(make_document(id="news:nb-refugees", version=0)).skipped == 1
        )


def test_second_writer_is_refused(embedded: EmbeddedBackend) -> None:
    embedded.index(make_document())
    with EmbeddedBackend(embedded.path) as other:
        with pytest.raises(IndexingError, match="another process is writing"):
            other.index(make_document())
        assert other.search(SearchQuery()).total == 1


def test_closed_backend_is_unavailable(embedded: EmbeddedBackend) -> None:
    embedded.close()
    embedded.close()
    with pytest.raises(BackendUnavailableError):
        embedded.search(SearchQuery())


def test_old_schema_asks_for_a_reindex(embedded: EmbeddedBackend) -> None:
    generation = embedded.path / (embedded.path / POINTER).read_text()
    (generation / META).write_bytes(orjson.dumps({"schema_version": 0}))
    with EmbeddedBackend(embedded.path) as reader:
        with pytest.raises(BackendUnavailableError, match="reindex"):
            reader.search(SearchQuery())


def test_reindex_upgrades_an_index_of_an_older_schema(tmp_path: Path) -> None:
    with EmbeddedBackend(tmp_path) as backend:
        backend.bulk(corpus())
        backend.delete({"news:da-refugees": 5})
    generation = tmp_path / (tmp_path / POINTER).read_text()
    (generation / META).write_bytes(orjson.dumps({"schema_version": 0}))
    with EmbeddedBackend(tmp_path) as backend:
        with pytest.raises(BackendUnavailableError, match="reindex"):
            backend.search(SearchQuery())
        # A stale source (version 1 of everything) rebuilds the index; what
        # the old generation holds that is newer (the deletion) stays.
        stale = [replace(d, version=1) for d in corpus()]
        result = backend.reindex(stale)
        assert result.applied + result.skipped == len(stale)
        assert backend.search(SearchQuery()).total == len(corpus()) - 1
        assert (
            backend.index(make_document(id="news:da-refugees", version=4)).skipped == 1
        )
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == [
        (tmp_path / POINTER).read_text()
    ]


def test_reindex_drops_the_old_generation(embedded: EmbeddedBackend) -> None:
    embedded.bulk(corpus())
    before = (embedded.path / POINTER).read_text()
    embedded.reindex(corpus()[:3])
    after = (embedded.path / POINTER).read_text()
    assert before != after
    assert sorted(p.name for p in embedded.path.glob("gen-*")) == [after]
    assert embedded.search(SearchQuery()).total == 3
    with pytest.raises(IndexingError):
        embedded.reindex([make_document(), "broken"])  # type: ignore[list-item]
    assert sorted(p.name for p in embedded.path.glob("gen-*")) == [after]


_READER = textwrap.dedent(
    """
    import sys, time
    from search.backends.embedded import EmbeddedBackend
    from search.query import SearchQuery

    backend = EmbeddedBackend(sys.argv[1])
    print("ready", backend.search(SearchQuery()).total, flush=True)
    for line in sys.stdin:
        command, doc_id = line.split()
        started = time.monotonic()
        while time.monotonic() - started < 20:
            if command == "refresh":
                backend.refresh()
            found = backend.get_many([doc_id])[0] is not None
            if found == (command != "gone"):
                break
            time.sleep(0.05)
        total = backend.search(SearchQuery()).total
        print(command, doc_id, found, total, flush=True)
    backend.close()
    """
)


def test_reader_process_follows_commits_and_reindex(embedded: EmbeddedBackend) -> None:
    embedded.bulk(corpus())
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    reader = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _READER, str(embedded.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=REPO,
    )
    assert reader.stdin is not None and reader.stdout is not None

    def ask(command: str, doc_id: str) -> list[str]:
        assert reader.stdin is not None and reader.stdout is not None
        reader.stdin.write(f"{command} {doc_id}\n")
        reader.stdin.flush()
        return reader.stdout.readline().split()

    try:
        assert reader.stdout.readline().split() == ["ready", str(len(corpus()))]
        # A commit becomes visible without any call (tantivy reloads on commit).
        embedded.index(make_document(id="news:live-1"))
        started = time.monotonic()
        assert ask("wait", "news:live-1") == ["wait", "news:live-1", "True", "15"]
        assert time.monotonic() - started < 10
        # refresh() makes it visible at once.
        embedded.delete({"news:live-1": 2})
        assert ask("gone", "news:live-1")[2] == "False"
        embedded.index(make_document(id="news:live-2"))
        assert ask("refresh", "news:live-2")[2] == "True"
        # After a reindex the reader follows the pointer to the new generation.
        embedded.reindex([make_document(id="news:rebuilt")])
        assert ask("refresh", "news:rebuilt") == [
            "refresh",
            "news:rebuilt",
            "True",
            "1",
        ]
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
        reader.stdout.close()
    assert reader.returncode == 0


def test_word_whose_stem_is_a_function_word_matches_exactly(
    embedded: EmbeddedBackend,
) -> None:
    embedded.bulk(
        [
            make_document(id="news:kunta", locale="fi", title="Kunta tukee perheitä"),
            make_document(id="news:kun", locale="fi", title="Kun perhe muuttaa"),
        ]
    )
    query = SearchQuery(text="kunta", locale="fi", cross_language=False)
    assert [hit.document.id for hit in embedded.search(query).hits] == ["news:kunta"]


def test_threads_search_while_the_writer_commits(embedded: EmbeddedBackend) -> None:
    embedded.bulk(corpus())
    errors: list[BaseException] = []
    stop = threading.Event()

    def search() -> None:
        while not stop.is_set():
            try:
                results = embedded.search(
                    SearchQuery(text="refugees", locale="en", highlight=True)
                )
                assert results.total >= 1
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                return

    threads = [threading.Thread(target=search) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for batch in range(15):
            embedded.bulk([make_document(id=f"news:t{batch}", title="Refugees")])
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors, errors
    assert embedded.search(SearchQuery()).total == len(corpus()) + 15


def test_generation_changes_on_every_visible_change(tmp_path):
    from search.backends.embedded import EmbeddedBackend
    from search.testing import make_document

    writer = EmbeddedBackend(tmp_path / "index")
    reader = EmbeddedBackend(tmp_path / "index")
    try:
        seen = {reader.generation()}
        writer.bulk([make_document(id="news:1", version=1)])
        seen.add(reader.generation())
        writer.delete([("news:1", 2)])
        seen.add(reader.generation())
        writer.reindex([make_document(id="news:2", version=3)])
        seen.add(reader.generation())
        assert len(seen) == 4
        assert reader.generation() == writer.generation()
    finally:
        writer.close()
        reader.close()


def test_kept_list_queries_answer_each_list_and_each_generation(
    embedded: EmbeddedBackend,
) -> None:
    """Lists reuse their built query (by selection and generation): lists
    asked in turn keep their own answers, before and after a reindex."""
    embedded.bulk(corpus())
    lists = [
        SearchQuery(locales=("da",)),
        SearchQuery(locales=("sv",)),
        SearchQuery(types=("event",)),
        SearchQuery(locales=("da",), sort="date_asc"),
        SearchQuery(locales=("en", "da"), best_version=True),
    ]
    first = [[hit.document.id for hit in embedded.search(q).hits] for q in lists]
    assert len({tuple(ids) for ids in first}) == len(lists)
    again = [[hit.document.id for hit in embedded.search(q).hits] for q in lists]
    assert again == first
    embedded.reindex(
        [doc for doc in corpus() if doc.locale != "da" or doc.type == "event"]
    )
    after = [[hit.document.id for hit in embedded.search(q).hits] for q in lists]
    assert after[1:3] == first[1:3]
    assert {hit.document.locale for hit in embedded.search(lists[0]).hits} <= {"da"}
    assert len(after[0]) < len(first[0])


def test_kept_searches_follow_each_change_and_each_glossary(
    embedded: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Searches reuse their built query while the read model, the glossary
    and the translator stay the same; a change or a new glossary or
    translator builds it again."""
    import search.backends._tantivy_kept as module
    from search.crosslingual import Translator
    from search.glossary import Glossary

    built: list[str] = []
    build = module.build_query

    def counting(schema, query, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(query.text)
        return build(schema, query, *args, **kwargs)

    monkeypatch.setattr(module, "build_query", counting)
    embedded.glossary = Glossary()
    embedded.bulk(corpus())
    search = SearchQuery(text="kajakroning", locale="da")
    assert embedded.search(search).total == 0
    assert embedded.search(replace(search, first=5)).total == 0
    assert built == ["kajakroning"]
    # Built while no text had the word, the query left it out: a kept one
    # would not find the item that now has it.
    embedded.bulk(
        [make_document(id="news:kajak", locale="da", title="Kajakroning for nye")]
    )
    assert [hit.document.id for hit in embedded.search(search).hits] == ["news:kajak"]
    assert built == ["kajakroning"] * 2
    embedded.glossary = Glossary.from_rows(
        [{"concept_id": "kayak", "da": "kajakroning", "sv": "kajakpaddling"}]
    )
    expansions = embedded.search(search).expansions
    assert "kajakpaddling" in {expansion.text for expansion in expansions}
    assert built == ["kajakroning"] * 3
    previous = embedded.translator
    embedded.translator = Translator(None)
    try:
        embedded.search(search)
    finally:
        embedded.translator = previous
    assert built == ["kajakroning"] * 4


def test_each_search_marks_its_own_words_in_a_hit_found_before(
    embedded: EmbeddedBackend,
) -> None:
    """A hit's highlights are kept for the next search that finds it; a
    search with other words, or the same words typed fuzzily, marks its own."""
    from search.glossary import Glossary

    embedded.glossary = Glossary()
    embedded.bulk([make_document(id="news:marked")])

    def title(text: str) -> str:
        results = embedded.search(
            SearchQuery(text=text, locale="en", highlight=True, cross_language=False)
        )
        return results.hits[0].highlights["title"]

    assert title("refugees") == "<mark>Refugees</mark> on the Nordic labour market"
    assert title("labour") == "Refugees on the Nordic <mark>labour</mark> market"
    assert title("nordik") == "Refugees on the <mark>Nordic</mark> labour market"
    assert title("refugees") == "<mark>Refugees</mark> on the Nordic labour market"


def test_kept_feedback_follows_each_change(
    embedded: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages of one translated search read the words of its best hits
    once while the read model stays the same, and rank as a fresh search
    would; a change reads them again."""
    import search.backends._tantivy_feedback as module
    from tests.search.contract_translations import (
        FEEDBACK_TEXTS,
        FEEDBACK_WORDS,
        index_with_fillers,
        translate_from_tables,
    )

    read: list[int] = []
    terms = module.feedback_terms

    def reading(documents, *args):  # type: ignore[no-untyped-def]
        read.append(len(documents))
        return terms(documents, *args)

    monkeypatch.setattr(module, "feedback_terms", reading)
    translate_from_tables(embedded, monkeypatch, FEEDBACK_WORDS)
    index_with_fillers(embedded, FEEDBACK_TEXTS)
    search = SearchQuery(text="housing", locale="en", first=10)
    ranked = [hit.document.id for hit in embedded.search(search).hits]
    assert ranked.index("news:da-related") < ranked.index("news:da-other")
    assert len(read) == 1
    assert [hit.document.id for hit in embedded.search(search).hits] == ranked
    seen: list[str] = []
    after: str | None = None
    while True:
        page = embedded.search(replace(search, first=1, after=after))
        seen.extend(hit.document.id for hit in page.hits)
        after = page.end_cursor
        if not page.has_next_page:
            break
    assert seen == ranked
    assert len(read) == 1
    embedded.bulk(
        [make_document(id="news:da-new", locale="da", title="Boliger", body="Nyt.")]
    )
    after_change = [hit.document.id for hit in embedded.search(search).hits]
    assert len(read) == 2
    assert "news:da-new" in after_change


def test_kept_facet_counts_follow_each_change(
    embedded: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages of one search count its facets once while the read model
    stays the same; a change counts again, and so does every search whose
    matches depend on the clock."""
    import search.backends._tantivy_kept as module
    from search.glossary import Glossary

    counted: list[tuple[str, ...]] = []
    count = module.facet_counts

    def counting(searcher, query, names):  # type: ignore[no-untyped-def]
        counted.append(tuple(names))
        return count(searcher, query, names)

    monkeypatch.setattr(module, "facet_counts", counting)
    embedded.glossary = Glossary()
    embedded.bulk(corpus())
    search = SearchQuery(text="integration", locale="en", facets=("type", "locale"))
    first = embedded.search(search)
    page = embedded.search(replace(search, first=1))
    assert page.facets == first.facets
    assert len(counted) == 1
    types = {value.value: value.count for value in first.facets["type"]}
    embedded.bulk(
        [make_document(id="event:new", type="event", title="Integration day")]
    )
    after = embedded.search(search)
    assert len(counted) == 2
    assert {v.value: v.count for v in after.facets["type"]}["event"] == (
        types.get("event", 0) + 1
    )
    # Changing a returned count changes no later answer.
    after.facets["type"].clear()
    assert embedded.search(search).facets["type"]
    upcoming = replace(search, upcoming=True)
    embedded.search(upcoming)
    embedded.search(upcoming)
    assert len(counted) == 4


#: A term query in a tantivy query's description, with its boost if any.
_TERM = r'TermQuery\(Term\(field=(\d+), type=Str, "([^"]+)"\)\)(?:, boost=([\d.]+))?'


def test_a_word_that_is_its_own_translation_is_searched_once() -> None:
    """Danish "integration" is Swedish "integration" too: the Swedish fields
    are searched for it once, at the word's own weight, not again as its
    translation (which the tie breaker would add to the score)."""
    import re

    from search.backends._tantivy_query import build_query
    from search.backends._tantivy_schema import build_schema
    from search.glossary import Glossary
    from tests.search.contract_translations import QueryTranslator

    query = SearchQuery(text="integration", locale="da", cross_language=True)

    def terms(*swedish: tuple[str, str]) -> list[tuple[str, str, str]]:
        table = {("da", "integration"): [("nb", "integrering"), *swedish]}
        plan = build_query(build_schema(), query, Glossary(), QueryTranslator(table))
        return re.findall(_TERM, repr(plan.query))

    alone = terms()
    both = terms(("sv", "integration"))
    assert any(token == "integrering" for _, token, _ in alone)
    # The translation adds its meeting among the translations of Swedish
    # texts (trans_sv) and nothing else: every other term and weight is the
    # word's own, once.
    added = [term for term in both if term not in alone]
    assert [token for _, token, _ in added] == ["integration"], added
    assert sorted(term for term in both if term in alone) == sorted(alone)


def test_a_page_seen_before_is_not_read_from_the_store_again(
    embedded: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded.bulk(corpus())
    reads: list[object] = []
    load = embedded._load

    def counted(searcher: object, address: object) -> object:
        reads.append(address)
        return load(searcher, address)  # type: ignore[arg-type]

    monkeypatch.setattr(embedded, "_load", counted)
    first = embedded.search(SearchQuery(first=5))
    assert len(reads) == 5
    again = embedded.search(SearchQuery(first=5))
    assert len(reads) == 5
    assert [hit.document for hit in again.hits] == [hit.document for hit in first.hits]


def test_a_new_version_and_a_rebuild_are_read_afresh(
    embedded: EmbeddedBackend,
) -> None:
    item = make_document(title="Language cafés in Malmö", version=1)
    embedded.bulk([item])
    query = SearchQuery()
    assert [hit.document.title for hit in embedded.search(query).hits] == [
        "Language cafés in Malmö"
    ]
    embedded.bulk([replace(item, title="Language cafés in Lund", version=2)])
    assert [hit.document.title for hit in embedded.search(query).hits] == [
        "Language cafés in Lund"
    ]
    # A rebuild may store other JSON for the same version.
    embedded.reindex([replace(item, title="Language cafés in Umeå", version=2)])
    assert [hit.document.title for hit in embedded.search(query).hits] == [
        "Language cafés in Umeå"
    ]


def test_a_plan_built_again_keeps_the_key_of_its_highlights() -> None:
    """Built plans last a few seconds; highlights are kept longer, under a
    key a plan built again must find by identity, not by comparing every
    expansion of the query on each hit."""
    from search.backends._tantivy_query import build_query
    from search.backends._tantivy_schema import build_schema
    from search.glossary import Glossary
    from tests.search.contract_translations import QueryTranslator

    table = {("da", "bolig"): [("sv", "bostad"), ("nb", "bolig")]}
    schema = build_schema()

    def key(text: str) -> object:
        query = SearchQuery(text=text, locale="da", cross_language=True)
        plan = build_query(schema, query, Glossary(), QueryTranslator(table))
        return plan.highlight_key("sv")

    first = key("bolig")
    assert key("bolig") is first
    assert key("boliger") is not first


def test_typos_are_searched_for_words_the_read_model_lacks(
    embedded: EmbeddedBackend,
) -> None:
    bark = make_document(
        title="Bark beetles in Nordic forests", lead="", body="Bark beetles."
    )
    barn = make_document(title="Barn renovation grants", lead="", body="A barn.")
    embedded.bulk([bark, barn])

    def found(text: str) -> set[str]:
        query = SearchQuery(text=text, locale="en", cross_language=False)
        return {hit.document.id for hit in embedded.search(query).hits}

    # "bark" is a word of the read model: "barn", an edit away, is another.
    assert found("bark") == {bark.id}
    # "barq" is no word of it: both are an edit away.
    assert found("barq") == {bark.id, barn.id}


def test_row_locales_places_each_hit_in_its_language(
    embedded: EmbeddedBackend,
) -> None:
    """Feedback and the language balance learn each row's language from the
    index, without reading its document."""
    from tantivy import Query

    from search.backends._tantivy_feedback import row_locales
    from search.documents import LOCALES

    embedded.bulk(
        [
            make_document(id=f"news:{locale}-{n}", locale=locale, title=f"{locale} {n}")
            for locale in LOCALES
            for n in range(3)
        ]
    )
    generation = embedded._live()
    searcher = generation.index.searcher()
    hits = searcher.search(Query.all_query(), limit=100).hits
    placed = row_locales(searcher, generation.schema, Query.all_query(), len(hits))
    assert len(placed) == len(hits) == 3 * len(LOCALES)
    for _, address in hits:
        document = embedded._load(searcher, address)
        assert placed[address.segment_ord, address.doc] == document.locale


def test_translated_search_reads_the_page_and_the_feedback_hits_only(
    embedded: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new translated search parses the documents of its page and the best
    hit of each of the first languages (whose words rescore the rest), not
    every row of the first pages."""
    from search.documents import Document
    from search.feedback import FEEDBACK_DOCUMENTS
    from tests.search.contract_translations import (
        FEEDBACK_TEXTS,
        FEEDBACK_WORDS,
        index_with_fillers,
        translate_from_tables,
    )

    translate_from_tables(embedded, monkeypatch, FEEDBACK_WORDS)
    more = [
        (f"news:{locale}-housing-{n}", locale, f"{title} {n}", f"{title} {n}.")
        for locale, title in (("en", "Housing"), ("sv", "Bostad"), ("da", "Boliger"))
        for n in range(4)
    ]
    index_with_fillers(embedded, FEEDBACK_TEXTS + more)
    parsed: list[bytes] = []
    from_json = Document.from_json

    def parse(raw: bytes, **kwargs: bool) -> Document:
        parsed.append(raw)
        return from_json(raw, **kwargs)

    monkeypatch.setattr(Document, "from_json", staticmethod(parse))
    embedded._parsed.clear()
    embedded._versioned.clear()
    results = embedded.search(SearchQuery(text="housing", locale="en", first=2))
    assert results.total > 2 + FEEDBACK_DOCUMENTS
    assert 0 < len(parsed) <= 2 + FEEDBACK_DOCUMENTS


def test_the_pages_of_a_search_come_from_its_kept_ranking(
    embedded: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search is ranked once per state of the read model: its next pages
    and the same search with other facets are read from the kept ranking,
    with the same hits, scores and cursors as when ranked afresh."""
    from search.backends import embedded as module
    from search.backends._state_memo import StateMemo

    embedded.bulk(
        make_document(
            id=f"news:en-housing-{n}",
            title=f"Housing {n}",
            body="Housing for families. " * (1 + n % 4),
        )
        for n in range(25)
    )
    fresh = EmbeddedBackend(path=embedded.path)
    fresh._kept.rankings = StateMemo(-1.0)  # ranks every search afresh

    def pages(backend: EmbeddedBackend) -> list[list[tuple[str, float, str]]]:
        found, after = [], None
        while True:
            results = backend.search(
                SearchQuery(text="housing", locale="en", first=7, after=after)
            )
            found.append([(h.document.id, h.score, h.cursor) for h in results.hits])
            if not results.has_next_page:
                return found
            after = results.end_cursor

    first_page = embedded.search(SearchQuery(text="housing", locale="en", first=7))
    ranked: list[int] = []
    collect = module.collect

    def counting(*args: object, **kwargs: object) -> object:
        ranked.append(1)
        return collect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "collect", counting)
    kept = pages(embedded)
    again = embedded.search(
        SearchQuery(text="housing", locale="en", first=7, facets=("type",))
    )
    assert ranked == []
    assert kept == pages(fresh)
    assert sum(len(page) for page in kept) == 25
    assert [h.document.id for h in again.hits] == [
        h.document.id for h in first_page.hits
    ]
    assert again.total == first_page.total == 25
    # A change of the read model ranks the search again.
    embedded.bulk([make_document(id="news:en-housing-new", title="Housing news")])
    assert "news:en-housing-new" in {
        h.document.id
        for h in embedded.search(
            SearchQuery(text="housing", locale="en", first=30)
        ).hits
    }
    assert ranked


def test_a_kept_ranking_whose_item_is_gone_is_not_used(
    embedded: EmbeddedBackend,
) -> None:
    from tantivy import Query

    from search.backends._tantivy_rankings import Ranking, kept_page

    document = make_document(id="news:en-housing", title="Housing")
    embedded.bulk([document])
    generation = embedded._live()
    searcher = generation.index.searcher()
    ((_, address),) = searcher.search(
        Query.term_query(generation.schema, "id", document.id), limit=1
    ).hits
    (uid,) = searcher.fast_field_values("uid", [address])
    kept = Ranking(((2.0, int(uid)),), complete=True, total=1)
    rows, total = kept_page(searcher, generation.schema, kept, None, 5, True)
    assert [(row.key, row.uid) for row in rows] == [(2.0, uid)] and total == 1
    gone = Ranking(((2.0, int(uid)), (1.0, int(uid) + 1)), complete=True, total=2)
    assert kept_page(searcher, generation.schema, gone, None, 5, True) is None
    # A page past the kept rows, or a count the ranking lacks, ranks afresh.
    partial = Ranking(((2.0, int(uid)),), complete=False, total=7)
    assert kept_page(searcher, generation.schema, partial, None, 5, True) is None
    uncounted = Ranking(((2.0, int(uid)),), complete=True, total=-1)
    assert kept_page(searcher, generation.schema, uncounted, None, 5, True) is None


def test_a_word_in_most_documents_translations_is_not_looked_for_there(
    embedded: EmbeddedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty-five of thirty Swedish texts say "tid", which translates into
    English "time": among the translations into English, "time" says nothing
    of a topic, and is not searched there; "timetable", in one text's, is.
    Among fewer texts than ``COMMON_TRANSLATION_MIN`` it is."""
    from search.backends._tantivy_query import COMMON_TRANSLATION_MIN
    from search.document_translation import DocumentTranslator
    from search.glossary import Glossary
    from tests.search.contract_translations import (
        QueryTranslator,
        TableTranslator,
        translate_documents_with,
    )

    translate_documents_with(
        monkeypatch,
        DocumentTranslator(
            TableTranslator(
                {
                    ("sv", "tid"): [("en", "time")],
                    ("sv", "tidtabell"): [("en", "timetable")],
                }
            )
        ),
    )
    embedded.translator = QueryTranslator({})
    embedded.glossary = Glossary()

    def found(text: str) -> set[str]:
        query = SearchQuery(text=text, locale="en")
        return {hit.document.id for hit in embedded.search(query).hits}

    def publish(bodies: dict[str, str]) -> None:
        embedded.bulk(
            make_document(id=key, locale="sv", title="Nyheter", lead="", body=body)
            for key, body in bodies.items()
        )
        embedded.refresh()

    few = COMMON_TRANSLATION_MIN - 1
    publish({f"news:sv-{number}": "Det tar tid." for number in range(few)})
    assert len(found("time")) == few
    publish({f"news:sv-{number}": "Det tar tid." for number in range(few, 25)})
    publish({f"news:sv-{number}": "Sommar." for number in range(25, 29)})
    publish({"news:sv-timetable": "Bussens tidtabell tar tid."})
    assert found("time") == set()
    assert found("timetable") == {"news:sv-timetable"}
    # Nor does an explanation say a hit met it there: "tid" did not count.
    results = embedded.search(
        SearchQuery(text="timetable time", locale="en", explain=True, highlight=True)
    )
    (hit,) = results.hits
    assert [term.term for term in hit.matched_terms] == ["tidtabell"]
    assert "<mark>tid</mark>" not in hit.highlights.get("body", "")
