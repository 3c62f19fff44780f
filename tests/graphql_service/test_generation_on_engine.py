"""Two service hosts on one engine drop cached answers when either indexer writes.

The response cache is emptied when the read model's generation changes; on
the engine that generation is a document in the cluster, so every host sees
every indexer's writes. Runs on the OpenSearch node of the engine tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from search.backends import get_backend
from search.testing import make_document
from tests.engine.fixtures import (
    engine_config,
    engine_environment,
    engine_node,  # noqa: F401 (a fixture)
)
from tests.graphql_service.conftest import launch
from tests.graphql_service.corpus import news, taxonomy
from tests.search.backends.engines import drop_indices, new_prefix

if TYPE_CHECKING:
    from search.documents import Document
    from tests.engine.node import EngineNode

FEED = (
    '{ newsArticles(locale: "da", fallback: false, first: 3) '
    "{ nodes { documentId title } } }"
)


def titles(url: str) -> list[str]:
    answer = httpx.get(url, params={"query": FEED}, timeout=20)
    assert answer.status_code == 200, answer.text
    return [node["title"] for node in answer.json()["data"]["newsArticles"]["nodes"]]


def headline(number: int, title: str, version: int) -> Document:
    return make_document(
        id=f"news:{number}",
        type="news",
        locale="da",
        title=title,
        url_path=f"/da/nyheder/{number}/",
        date=datetime(2030, 1, number, tzinfo=UTC),
        version=version,
    )


def test_both_hosts_serve_what_either_indexer_wrote(
    engine_node: EngineNode,  # noqa: F811
    tmp_path: Path,
) -> None:
    prefix = new_prefix()
    config = engine_config([engine_node.url], prefix)
    # Two indexers (one per host, say), each with its own client.
    first_writer, second_writer = get_backend(config), get_backend(config)
    hosts = []
    try:
        first_writer.bulk([*taxonomy(), *news()])
        environment = {
            **engine_environment([engine_node.url], prefix),
            "GRAPHQL_CACHE_TTL": "600",  # only a new generation empties the cache
        }
        hosts = [launch(tmp_path, tmp_path, **environment) for _ in range(2)]
        before = [titles(host.url) for host in hosts]
        assert before[0] == before[1]
        assert [titles(host.url) for host in hosts] == before  # (cached now)

        first_writer.bulk([headline(20, "Nyt fra den første", 1)])
        after_first = [titles(host.url) for host in hosts]
        second_writer.bulk([headline(21, "Nyt fra den anden", 1)])
        after_second = [titles(host.url) for host in hosts]

        assert after_first == [["Nyt fra den første", *before[0][:2]]] * 2
        newest = ["Nyt fra den anden", "Nyt fra den første", before[0][0]]
        assert after_second == [newest] * 2
    finally:
        for host in hosts:
            host.stop()
        first_writer.close()
        second_writer.close()
        drop_indices(engine_node.url, [prefix])
