"""The engine backends (OpenSearch, Elasticsearch): the shared contract plus
their own behaviour, each run for both backends.

Both run against the OpenSearch node the tests start (:mod:`tests.engine`),
one index prefix per backend; the Elasticsearch backend through the header
shim (see :mod:`tests.search.backends.engines`). The contract runs a third
time against a real Elasticsearch cluster when ``ELASTICSEARCH_URL`` is set
(skipped otherwise: Elasticsearch 8/9 is not published on Maven Central with
the modules an HTTP node needs, so no test can start one).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import pytest
from elasticsearch import Elasticsearch

from search.analysis import analyze, is_stopword, words
from search.backends import get_backend
from search.backends._engine_backend import EngineBackend
from search.backends._engine_client import translate_errors
from search.backends._engine_mapping import MAX_VERSION
from search.backends._engine_write import LOCK_ID, Rebuild
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.opensearch import OpenSearchBackend
from search.crosslingual import shared_translator
from search.errors import (
    BackendUnavailableError,
    IndexingError,
    InvalidBackendError,
    InvalidQueryError,
)
from search.glossary import Glossary
from search.query import SearchQuery
from search.testing import make_document
from tests.engine.fixtures import engine_unavailable
from tests.engine.node import EngineUnavailableError, single_node
from tests.search.backends.engines import (
    ELASTICSEARCH,
    ENGINES,
    OPENSEARCH,
    Engine,
    drop_indices,
    new_prefix,
    prefix_of,
    raw_client,
)
from tests.search.contract import BackendContract, BackendFactory
from tests.search.corpus import corpus

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from search.backends.base import BaseBackend
    from tests.engine.node import EngineNode


# -- the contract on the OpenSearch node --------------------------------------------


class EngineContract(BackendContract):
    """The contract for one engine backend on the test node."""

    engine: ClassVar[Engine]

    @pytest.fixture(scope="class")
    @classmethod
    def backend_factory(cls, engine_node: EngineNode) -> Iterator[BackendFactory]:
        made: list[EngineBackend] = []

        def make() -> BaseBackend:
            backend = cls.engine.make(engine_node.url, new_prefix())
            made.append(backend)
            return backend

        yield make
        for backend in made:
            backend.close()
        drop_indices(engine_node.url, [prefix_of(backend) for backend in made])

    def open_reader(self, backend: BaseBackend) -> BaseBackend:
        assert isinstance(backend, EngineBackend)
        return self.engine.make(backend.urls[0], prefix_of(backend))


class TestOpenSearchOnEngine(EngineContract):
    engine = OPENSEARCH


class TestElasticsearchOnEngine(EngineContract):
    engine = ELASTICSEARCH


# -- the contract on a real Elasticsearch cluster -------------------------------------

CLUSTER_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.mark.skipif(
    not CLUSTER_URL,
    reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against "
    "(the OpenSearch node covers the rest)",
)
class TestElasticsearchOnCluster(BackendContract):
    @pytest.fixture(scope="class")
    @classmethod
    def backend_factory(cls) -> Iterator[BackendFactory]:
        prefixes: list[str] = []
        made: list[ElasticsearchBackend] = []

        def make() -> BaseBackend:
            prefix = new_prefix()
            prefixes.append(prefix)
            backend = ElasticsearchBackend.from_config(
                {"URLS": [CLUSTER_URL], "INDEX_PREFIX": prefix}
            )
            made.append(backend)
            return backend

        yield make
        for backend in made:
            backend.close()
        with Elasticsearch(CLUSTER_URL) as client:
            for prefix in prefixes:
                names = list(client.indices.get_alias(index=f"{prefix}hub*"))
                if names:
                    client.indices.delete(index=names)

    def open_reader(self, backend: BaseBackend) -> BaseBackend:
        assert isinstance(backend, ElasticsearchBackend)
        return ElasticsearchBackend(backend.urls, index_prefix=prefix_of(backend))


# -- behaviour of this backend (on the OpenSearch node) ------------------------------


@pytest.fixture
def url(engine_node: EngineNode) -> str:
    return engine_node.url


@pytest.fixture(params=ENGINES, ids=[engine.name for engine in ENGINES])
def engine(request: pytest.FixtureRequest) -> Engine:
    value: Engine = request.param
    return value


@pytest.fixture
def es(engine: Engine, url: str) -> Iterator[EngineBackend]:
    backend = engine.make(url, new_prefix())
    yield backend
    backend.close()
    drop_indices(url, [prefix_of(backend)])


def test_index_settings_hold_per_language_snowball_and_stop_filters(
    es: EngineBackend, url: str
) -> None:
    es.index(make_document())
    with raw_client(url) as client:
        [(index, settings)] = client.indices.get_settings(index=es.alias).items()
        mapping = client.indices.get_mapping(index=es.alias)[index]["mappings"]
    assert index == f"{prefix_of(es)}hub-000001"
    analysis = settings["settings"]["index"]["analysis"]
    filters, analyzers = analysis["filter"], analysis["analyzer"]
    for locale, language in (
        ("da", "Danish"),
        ("nb", "Norwegian"),
        ("sv", "Swedish"),
        ("fi", "Finnish"),
        ("en", "English"),
    ):
        assert filters[f"hub_stem_{locale}"] == {
            "type": "snowball",
            "language": language,
        }
        assert filters[f"hub_stop_{locale}"]["type"] == "stop"
        chain = analyzers[f"hub_{locale}"]["filter"]
        assert chain == [
            "lowercase",
            f"hub_stop_{locale}",
            f"hub_stem_{locale}",
            "asciifolding",
        ]
    assert analyzers["hub_is"]["filter"] == ["lowercase", "hub_stop_is", "asciifolding"]
    assert "danish" not in {item.get("type") for item in analyzers.values()}
    properties = mapping["properties"]
    for locale in ("da", "nb", "sv", "fi", "is", "en"):
        assert properties[f"title_{locale}"]["analyzer"] == f"hub_{locale}"
        assert properties[f"text_{locale}"]["analyzer"] == f"hub_{locale}"
    assert mapping["dynamic"] == "strict"


def test_server_analysis_matches_the_embedded_analysers(
    es: EngineBackend, url: str
) -> None:
    es.index(make_document())
    samples = {
        "da": "Flygtninge på arbejdsmarkedet i Aarhus får støtte",
        "nb": "Flyktninger i arbeidsmarkedet får norskopplæring i Tromsø",
        "sv": "Flyktingar på arbetsmarknaden i Malmö och Göteborg",
        "fi": "Pakolaiset ja työmarkkinat Helsingissä",
        "en": "Refugees entering the labour markets of Nordic countries",
        "is": "Flóttamenn á vinnumarkaði í Reykjavík",
    }
    with raw_client(url) as client:
        for locale, text in samples.items():
            tokens = client.indices.analyze(
                index=es.alias, body={"analyzer": f"hub_{locale}", "text": text}
            )["tokens"]
            expected = [
                token
                for word in words(text)
                if not is_stopword(word, locale)
                for token in analyze(word, locale)
            ]
            assert [item["token"] for item in tokens] == expected, locale


def test_versions_are_stored_as_external_versions(es: EngineBackend, url: str) -> None:
    es.index(make_document(id="news:1", version=3))
    es.delete({"news:2": 4})
    with raw_client(url) as client:
        live = client.get(index=es.alias, id="news:1")
        tomb = client.get(index=es.alias, id="news:2")
    assert live["_version"] == 6 and live["_source"]["deleted"] is False
    assert tomb["_version"] == 9 and tomb["_source"]["deleted"] is True
    # The text is stored once: the copies searched live only in the index.
    assert live["_source"]["title_en"] == "Refugees on the Nordic labour market"
    assert "text_en" not in live["_source"] and "title" not in live["_source"]["doc"]
    with pytest.raises(IndexingError, match="version"):
        es.index(make_document(version=MAX_VERSION + 1))


def test_long_ids_round_trip(es: EngineBackend) -> None:
    doc_id = "external:feed:" + "ø" * 400  # 800 bytes: over the _id limit
    es.index(make_document(id=doc_id, title="Long id"))
    assert [hit.document.id for hit in es.search(SearchQuery(text="long")).hits] == [
        doc_id
    ]
    assert es.delete({doc_id: 2}).applied == 1
    assert es.get_many([doc_id]) == [None]


def test_reads_before_the_first_write_find_nothing(es: EngineBackend) -> None:
    results = es.search(SearchQuery(text="refugees", facets=("type",)))
    assert (results.total, results.hits, results.facets) == (0, [], {"type": []})
    assert es.get_many(["news:1"]) == [None]
    assert es.suggest("ref") == []
    assert es.generation() == "empty"
    es.refresh()


def test_generation_changes_on_every_visible_change(
    es: EngineBackend, engine: Engine
) -> None:
    reader = engine.make(es.urls[0], prefix_of(es))
    try:
        seen = {reader.generation()}
        es.bulk([make_document(id="news:1", version=1)])
        seen.add(reader.generation())
        assert es.bulk([make_document(id="news:1", version=1)]).applied == 1
        seen.add(reader.generation())
        es.delete([("news:1", 2)])
        seen.add(reader.generation())
        skipped = reader.generation()
        assert es.delete([("news:1", 2)]).skipped == 1
        assert reader.generation() == skipped
        es.reindex([make_document(id="news:2", version=3)])
        seen.add(reader.generation())
        assert len(seen) == 5
        assert asyncio.run(reader.ageneration()) == es.generation()
    finally:
        reader.close()


def test_reindex_swaps_the_alias_atomically_while_a_reader_searches(
    es: EngineBackend, url: str, engine: Engine
) -> None:
    es.bulk(corpus())
    reader = engine.make(url, prefix_of(es))
    totals: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def keep_searching() -> None:
        while not stop.is_set():
            try:
                totals.append(reader.search(SearchQuery(first=1)).total)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
                return

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        for round_number in range(3):
            es.reindex([*corpus(), make_document(id=f"news:round-{round_number}")])
    finally:
        stop.set()
        thread.join(timeout=30)
        reader.close()
    assert not errors, errors
    # Never a half-built index: the old content (14) or the new one (15).
    assert totals and set(totals) <= {len(corpus()), len(corpus()) + 1}
    with raw_client(url) as client:
        prefix = prefix_of(es)
        indices = client.indices.get_alias(index=f"{prefix}hub-*")
    assert indices == {
        f"{prefix}hub-000004": {"aliases": {f"{prefix}hub": {"is_write_index": True}}},
        f"{prefix}hub-meta": {"aliases": {}},
    }


def test_a_running_rebuild_locks_out_another(es: EngineBackend, url: str) -> None:
    es.bulk(corpus()[:2])
    with raw_client(url) as client:
        client.index(index=es.meta_index, id=LOCK_ID, body={"since": time.time()})
        with pytest.raises(IndexingError, match="another rebuild"):
            es.reindex(corpus())
        assert es.search(SearchQuery()).total == 2
        # A lock left by a crashed rebuild is taken over after LOCK_TTL.
        client.index(index=es.meta_index, id=LOCK_ID, body={"since": 0})
    assert es.reindex(corpus()).applied == len(corpus())
    assert es.reindex(corpus()[:1]).applied == 1


def test_relevance_pages_through_tied_scores(es: EngineBackend) -> None:
    es.bulk(
        [
            make_document(id=f"news:tie-{number:02}", title="Integration in Norden")
            for number in range(23)
        ]
    )
    seen: list[str] = []
    after: str | None = None
    while True:
        page = es.search(
            SearchQuery(text="integration", locale="en", first=4, after=after)
        )
        seen.extend(hit.document.id for hit in page.hits)
        if not page.has_next_page:
            break
        after = page.end_cursor
    assert len(seen) == len(set(seen)) == 23


def test_typos_are_tolerated_and_corrected_in_swedish_and_english(
    es: EngineBackend,
) -> None:
    es.bulk(corpus())
    assert "learning_example:sv-refugees" in [
        hit.document.id
        for hit in es.search(SearchQuery(text="etableringsprogramet", locale="sv")).hits
    ]
    results = es.search(SearchQuery(text="flyktingr Malmo", locale="sv"))
    assert results.suggestion == "flyktingar Malmo"
    results = es.search(SearchQuery(text="refugees labuor", locale="en"))
    assert results.suggestion == "refugees labour"
    assert (
        es.search(SearchQuery(text="refugees labour", locale="en")).suggestion is None
    )
    # The correction is written as the documents write it ("malmö").
    assert es.search(SearchQuery(text="malmoo", locale="sv")).suggestion == "malmö"


def test_norwegian_and_swedish_queries_reach_each_other(
    es: EngineBackend,
) -> None:
    es.bulk(corpus())
    found = {
        hit.document.id
        for hit in es.search(
            SearchQuery(text="flyktninger", locale="nb", first=50)
        ).hits
    }
    assert {"news:nb-refugees", "learning_example:sv-refugees"} <= found
    assert {"publication:en-refugees", "news:is-refugees"} <= found
    assert "news:en-housing" not in found


def test_async_methods_work_from_several_event_loops(
    es: EngineBackend,
) -> None:
    es.bulk(corpus())

    async def ask() -> tuple[int, int, list[str]]:
        results = await es.asearch(SearchQuery(text="refugees", locale="en"))
        documents = await es.aget_many(["news:da-refugees", "news:nope"])
        titles = await es.asuggest("refugees and", "en")
        return results.total, sum(1 for d in documents if d), titles

    first = asyncio.run(ask())
    assert first == asyncio.run(ask())
    assert first[1] == 1 and first[2]

    async def ask_and_close() -> int:
        total = (await es.asearch(SearchQuery())).total
        await es.aclose()
        return total

    assert asyncio.run(ask_and_close()) == len(corpus())
    with pytest.raises(BackendUnavailableError, match="closed"):
        es.search(SearchQuery())


def _calls(backend: EngineBackend) -> dict[str, Callable[[], object]]:
    """Every kind of call the backend makes to the cluster."""
    return {
        "search": lambda: backend.search(SearchQuery(text="refugees")),
        "get_many": lambda: backend.get_many(["news:1"]),
        "suggest": lambda: backend.suggest("refu"),
        "generation": backend.generation,
        "bulk": lambda: backend.index(make_document()),
        "delete": lambda: backend.delete({"news:1": 9}),
        "reindex": lambda: backend.reindex([make_document()]),
        "asearch": lambda: asyncio.run(backend.asearch(SearchQuery())),
        "aget_many": lambda: asyncio.run(backend.aget_many(["news:1"])),
    }


def test_backend_down_raises_backend_unavailable(tmp_path: Path) -> None:
    # One node for both backends: starting one is the slow part.
    try:
        server = single_node(tmp_path)
    except EngineUnavailableError as exc:
        engine_unavailable(str(exc))
    backends = [
        engine.make(server.url, new_prefix(), CLIENT_OPTIONS=engine.impatient)
        for engine in ENGINES
    ]
    try:
        for backend in backends:
            backend.index(make_document(id="news:1"))
            assert backend.get_many(["news:1"])[0] is not None
        server.kill()
        for engine, backend in zip(ENGINES, backends, strict=True):
            calls = _calls(backend)
            for name, call in calls.items():
                with pytest.raises(BackendUnavailableError) as caught:
                    call()
                message = str(caught.value)
                assert message.startswith(f"{engine.product} is unavailable ("), name
                assert message.endswith("cannot connect to the cluster"), name
    finally:
        for backend in backends:
            backend.close()
        server.stop()


@pytest.mark.parametrize(
    ("status", "write", "expected"),
    [
        (400, False, InvalidQueryError),
        (400, True, IndexingError),
        (409, True, IndexingError),
        (429, True, BackendUnavailableError),
        (503, False, BackendUnavailableError),
        (401, False, BackendUnavailableError),
    ],
)
@pytest.mark.parametrize("engine", ENGINES, ids=[engine.name for engine in ENGINES])
def test_server_errors_become_search_errors(
    engine: Engine, status: int, write: bool, expected: type[Exception]
) -> None:
    body = {
        "error": {
            "type": "query_shard_exception",
            "reason": "failed to create query",
            "root_cause": [
                {"type": "query_shard_exception", "reason": "failed to create query"}
            ],
        },
        "status": status,
    }
    with (
        pytest.raises(expected) as caught,
        translate_errors(engine.product, "search", write=write),
        engine.native_errors(),
    ):
        raise engine.api_error(status, body)
    assert str(caught.value) == (
        f"{engine.product} search failed ({status} query_shard_exception: "
        "failed to create query)"
    )
    with (
        pytest.raises(BackendUnavailableError) as unavailable,
        translate_errors(engine.product, "search", write=write),
        engine.native_errors(),
    ):
        raise engine.connection_error()
    assert str(unavailable.value) == (
        f"{engine.product} is unavailable (search): cannot connect to the cluster"
    )


def test_an_index_in_place_of_the_alias_is_refused(es: EngineBackend, url: str) -> None:
    with raw_client(url) as client:
        client.indices.create(index=es.alias)
    with pytest.raises(IndexingError, match="is an index, not an alias"):
        es.index(make_document())


def test_configuration_comes_from_options_or_the_environment(
    monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    monkeypatch.setenv("SEARCH_URLS", "http://one:9200, http://two:9200")
    monkeypatch.setenv("SEARCH_INDEX_PREFIX", "norden-")
    backend = engine.backend_class.from_config({})
    assert backend.urls == ["http://one:9200", "http://two:9200"]
    assert (backend.alias, backend.meta_index) == ("norden-hub", "norden-hub-meta")
    backend.close()
    option, transport = engine.class_option
    built = get_backend(
        {
            "default": {
                "BACKEND": engine.module,
                "URLS": "http://three:9200",
                "INDEX_PREFIX": "",
                option: transport,
                "GLOSSARY": [{"concept_id": "x", "en": "refugee", "da": "flygtning"}],
            }
        }
    )
    assert type(built) is engine.backend_class
    assert (built.urls, built.alias, len(built.glossary)) == (
        ["http://three:9200"],
        "hub",
        1,
    )
    built.close()
    monkeypatch.delenv("SEARCH_URLS")
    with pytest.raises(InvalidBackendError, match=f"no {engine.product} URL"):
        get_backend({"BACKEND": engine.module})
    for options in (
        {"URLS": ["http://x:9200"], "INDEX_PREFIX": "Bad Prefix"},
        {"URLS": ["http://x:9200"], "REFRESH": "sometimes"},
        {"URLS": ["http://x:9200"], option: "no.such.Node"},
    ):
        with pytest.raises(InvalidBackendError):
            get_backend({"BACKEND": engine.module, **options})


def test_a_stop_word_of_one_language_does_not_exclude_its_documents(
    es: EngineBackend,
) -> None:
    es.bulk(
        [
            make_document(id="news:en", title="Refugees in Bergen"),
            make_document(id="news:sv", locale="sv", title="Flyktingar i Bergen"),
        ]
    )
    # "in" is an English stop word, dropped from English fields, but not a
    # Swedish one: English documents pass its clause, Swedish ones need it.
    assert [
        hit.document.id
        for hit in es.search(SearchQuery(text="refugees in bergen")).hits
    ] == ["news:en"]
    assert [
        hit.document.id
        for hit in es.search(SearchQuery(text="bergen", locale="sv")).hits
    ] == ["news:sv", "news:en"]


def test_the_opensearch_client_imports_beside_the_cms_events_app() -> None:
    # The CMS app "events" shadows the Events package opensearch-py needs; a
    # fresh interpreter holding the app first must still import the client.
    root = Path(__file__).resolve().parents[3]
    code = (
        "import sys, events\n"
        "from search.backends.opensearch import OpenSearchBackend\n"
        "import events as again\n"
        "assert again is events and 'events.events' not in sys.modules\n"
        "print(Path(events.__file__).parent.relative_to(Path.cwd()).as_posix())\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", "from pathlib import Path\n" + code],
        cwd=root,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(["cms", "."])},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cms/events"


def test_shards_and_replicas_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    # A single node holds no replica: with none asked for, its indices are
    # green; the meta index (generation, rebuild lock) follows the content's.
    monkeypatch.setenv("SEARCH_NUMBER_OF_REPLICAS", "0")
    monkeypatch.setenv("SEARCH_NUMBER_OF_SHARDS", "2")
    backend = OpenSearchBackend.from_config(
        {"URLS": [url], "INDEX_PREFIX": new_prefix()}
    )
    try:
        backend.index(make_document())
        with raw_client(url) as client:
            settings = {
                name: value["settings"]["index"]
                for name, value in client.indices.get_settings(
                    index=f"{prefix_of(backend)}hub-*"
                ).items()
            }
            health = client.cluster.health(index=f"{prefix_of(backend)}hub-*")
        assert {
            name: (index["number_of_shards"], index["number_of_replicas"])
            for name, index in settings.items()
        } == {
            backend.meta_index: ("1", "0"),
            f"{prefix_of(backend)}hub-000001": ("2", "0"),
        }
        assert health["status"] == "green"
        monkeypatch.setenv("SEARCH_NUMBER_OF_REPLICAS", "many")
        with pytest.raises(InvalidBackendError, match="NUMBER_OF_REPLICAS"):
            OpenSearchBackend.from_config({"URLS": [url]})
    finally:
        backend.close()
        drop_indices(url, [prefix_of(backend)])


def test_a_write_between_the_carry_over_and_the_switch_is_caught_up(
    es: EngineBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    es.bulk(
        [make_document(id="news:1", version=1), make_document(id="news:2", version=2)]
    )
    switch = Rebuild._switch

    def write_then_switch(rebuild: Rebuild, live: Sequence[str], new: str) -> None:
        # Another writer, through the alias, after the carry-over scan.
        es.bulk([make_document(id="news:late", title="Late arrival", version=9)])
        es.delete({"news:2": 10})
        switch(rebuild, live, new)

    monkeypatch.setattr(Rebuild, "_switch", write_then_switch)
    es.reindex(
        [make_document(id="news:1", version=1), make_document(id="news:2", version=2)]
    )
    assert [
        doc.id if doc else None
        for doc in es.get_many(["news:1", "news:late", "news:2"])
    ] == [
        "news:1",
        "news:late",
        None,
    ]
    assert es.search(SearchQuery(text="late arrival")).total == 1


def test_the_relevance_collections_queries_stay_within_the_clause_limit(
    es: EngineBackend,
) -> None:
    # The engines refuse a query of more than 1,024 clauses. With the real
    # lexicon and no glossary (which would replace some translations), every
    # query of the relevance collections is accepted.
    translator = shared_translator()
    if not translator.available:
        pytest.skip("no lexicon (make lexicon)")
    es.translator = translator
    es.glossary = Glossary()
    es.index(make_document())
    es.refresh()
    bench = Path(__file__).resolve().parents[3] / "bench" / "relevance"
    queries = [
        json.loads(line)
        for path in sorted(
            [*bench.glob("queries.*.jsonl"), *bench.glob("dev/queries.*.jsonl")]
        )
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(queries) > 300
    for query in queries:
        es.search(SearchQuery(text=query["text"], locale=query["lang"], first=10))
