"""A service without a usable read model says so: liveness, readiness, 503s.

Pointed at a missing folder or at one that was never built, the service
stays alive (``/livez``) but is not ready (``/readyz``, ``/healthz``: 503 with
the reason); every door answers 503, and the reader creates nothing. Once the
indexer builds the read model the service becomes ready without a restart.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from search.backends.embedded import EmbeddedBackend
from tests.graphql_service.corpus import news, taxonomy

QUERY = {"query": "{ themes { slug } }"}
NEVER_BUILT = "The read model has never been built"


def assert_not_ready(running, client: httpx.Client) -> None:
    live = client.get(running.base + "/livez")
    ready = client.get(running.base + "/readyz")
    health = client.get(running.base + "/healthz")
    graphql = client.post(
        running.url, json=QUERY, headers={"Accept": "application/graphql-response+json"}
    )
    legacy = client.post(
        running.url, json=QUERY, headers={"Accept": "application/json"}
    )
    feed = client.get(running.base + "/feeds/news.rss")
    changes = client.get(running.base + "/changes")

    assert live.status_code == 200
    assert live.json() == {"status": "alive"}
    for response in (ready, health):
        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"
        assert response.json()["reason"].startswith(NEVER_BUILT)
    for response in (graphql, legacy):
        assert response.status_code == 503
        assert response.headers["retry-after"]
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert error["message"].startswith(NEVER_BUILT)
    for response in (feed, changes):
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "SERVICE_UNAVAILABLE"


def test_a_missing_read_model_is_reported_and_not_created(
    tmp_path: Path, start_server, client: httpx.Client
) -> None:
    missing = tmp_path / "no-such-index"
    running = start_server(missing, ready=False)

    assert_not_ready(running, client)
    assert not missing.exists()


@pytest.mark.parametrize("state", ["empty folder", "never committed"])
def test_a_read_model_that_was_never_built_is_not_ready_until_built(
    tmp_path: Path, start_server, client: httpx.Client, state: str
) -> None:
    index = tmp_path / "index"
    index.mkdir()
    if state == "never committed":
        EmbeddedBackend(index).close()  # a writer opened it and wrote nothing
    before = sorted(p.name for p in index.iterdir())
    running = start_server(index, ready=False)

    assert_not_ready(running, client)
    assert sorted(p.name for p in index.iterdir()) == before

    writer = EmbeddedBackend(index)
    try:
        writer.bulk([*taxonomy(), *news()])
        deadline = time.monotonic() + 15
        ready = client.get(running.base + "/readyz")
        while ready.status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
            ready = client.get(running.base + "/readyz")
    finally:
        writer.close()

    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"
    assert ready.json()["documents"] > 0
    themes = client.post(running.url, json=QUERY).json()["data"]["themes"]
    assert {"slug": "housing"} in themes
    assert client.get(running.base + "/feeds/news.rss").status_code == 200
