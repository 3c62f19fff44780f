"""Translation groups on the engine backends beyond the contract: indices of an
earlier layout, typed tombstones, writers racing each other, writes that
land between a rebuild's carry-over and its switch, and ``REFRESH=false``.

Run against the OpenSearch node the tests start (:mod:`tests.engine`), for
both backends (see :mod:`tests.search.backends.engines`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from search.backends import _engine_backend
from search.backends._engine_mapping import ADDED_PROPERTIES, index_body
from search.backends._engine_write import Rebuild
from search.testing import make_document
from tests.search.backends.engines import (
    ENGINES,
    Engine,
    drop_indices,
    new_prefix,
    prefix_of,
    raw_client,
)
from tests.search.contract_groups import best, ids, version

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from search.backends._engine_backend import EngineBackend
    from search.backends._engine_groups import BatchPlan, Change
    from search.backends._engine_port import SyncEngine
    from tests.engine.node import EngineNode


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


def test_an_index_of_an_earlier_layout_gets_the_new_fields_in_place(
    es: EngineBackend, url: str
) -> None:
    body = index_body()
    for name in ADDED_PROPERTIES:
        del body["mappings"]["properties"][name]
    body["aliases"] = {es.alias: {"is_write_index": True}}
    with raw_client(url) as client:
        client.indices.create(index=f"{es.alias}-000001", body=body)
    es.bulk([version("a", "da"), version("a", "en"), version("b", "en")])
    es.refresh()
    assert best(es) == ["news:a-da", "news:b-en"]
    with raw_client(url) as client:
        [mapping] = client.indices.get_mapping(index=es.alias).values()
    properties = mapping["mappings"]["properties"]
    assert {name: properties[name]["type"] for name in ADDED_PROPERTIES} == {
        name: value["type"] for name, value in ADDED_PROPERTIES.items()
    }


def test_tombstones_keep_the_type_of_the_item_they_removed(
    es: EngineBackend, url: str
) -> None:
    es.index(make_document(id="theme:1", type="theme", version=1))
    es.delete({"theme:1": 2, "news:unknown": 3})
    es.delete({"theme:1": 4})
    with raw_client(url) as client:
        removed = client.get(index=es.alias, id="theme:1")["_source"]
        unknown = client.get(index=es.alias, id="news:unknown")["_source"]
    assert (removed["deleted"], removed["version"], removed["type"]) == (
        True,
        4,
        "theme",
    )
    assert unknown["deleted"] is True and "type" not in unknown


def test_a_write_another_writer_overtakes_leaves_its_groups_right(
    es: EngineBackend, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    es.bulk([version("a", "da"), version("a", "en")])
    other = engine.make(es.urls[0], prefix_of(es))
    plan_batch = _engine_backend.plan_batch
    raced: list[str] = []

    def plan_then_race(
        client: SyncEngine, index: str, changes: Sequence[Change]
    ) -> BatchPlan:
        plan = plan_batch(client, index, changes)
        if not raced:
            raced.append("once")
            # A newer version moves the Norwegian one to another group
            # between our reads and our write.
            other.index(version("a", "nb", translation_key="z", version=5))
        return plan

    monkeypatch.setattr(_engine_backend, "plan_batch", plan_then_race)
    try:
        result = es.index(version("a", "nb"))
    finally:
        other.close()
    es.refresh()
    assert result.skipped_ids == ("news:a-nb",)
    assert best(es) == ["news:a-da", "news:a-nb"]


def test_a_translation_written_before_the_switch_joins_its_group(
    es: EngineBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    es.bulk([version("a", "da"), version("a", "en")])
    switch = Rebuild._switch

    def translate_then_switch(rebuild: Rebuild, live: Sequence[str], new: str) -> None:
        # Through the alias, into the old index, after the carry-over scan.
        es.index(version("a", "nb", version=5))
        switch(rebuild, live, new)

    monkeypatch.setattr(Rebuild, "_switch", translate_then_switch)
    es.reindex([version("a", "da"), version("a", "en")])
    es.refresh()
    assert best(es) == ["news:a-nb"]
    assert ids(es, locales=("da", "en"), best_version=True) == ["news:a-da"]


def test_a_writer_without_refresh_sees_its_own_earlier_writes(
    engine: Engine, url: str
) -> None:
    backend = engine.make(url, new_prefix(), REFRESH="false")
    try:
        for key, locale in (("a", "en"), ("a", "da"), ("b", "en"), ("b", "nb")):
            backend.index(version(key, locale))
        backend.delete({"news:b-nb": 2})
        backend.refresh()
        assert best(backend) == ["news:a-da", "news:b-en"]
    finally:
        backend.close()
        drop_indices(url, [prefix_of(backend)])
