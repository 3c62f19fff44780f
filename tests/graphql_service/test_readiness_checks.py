"""``/readyz`` tells the truth: an empty read model, an engine cluster that is
down and a stale read model are not ready, although the service once was.

The real app through httpx's ASGI transport, on embedded read models built
here; the cluster that is down is the real OpenSearch backend pointed at a
port nothing listens on, and an embedded reader whose generation read fails as
the engine backends' do while ``down``.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from graphql_service.app import create_app
from graphql_service.settings import SettingsError, load_settings
from search.backends import get_backend
from search.backends.embedded import EmbeddedBackend
from search.errors import BackendUnavailableError
from search.progress import IndexerProgress
from tests.graphql_service.conftest import free_port
from tests.graphql_service.corpus import news, taxonomy
from tests.graphql_service.test_metrics import make_settings

pytestmark = pytest.mark.anyio

UNREACHABLE = "The read model cannot be reached"


class SeveredBackend(EmbeddedBackend):
    """Reads the generation as an engine backend does while its cluster is down."""

    down = False

    async def ageneration(self) -> str:
        if self.down:
            raise BackendUnavailableError(
                "OpenSearch is unavailable (reading the generation): cannot connect"
            )
        return await super().ageneration()


@pytest.fixture
def built(tmp_path: Path) -> Path:
    index = tmp_path / "index"
    writer = EmbeddedBackend(index)
    writer.bulk([*taxonomy(), *news()])
    writer.close()
    return index


async def ready(app) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
        return await client.get("/readyz")


async def test_a_cluster_that_goes_down_is_not_ready_until_it_is_back(
    built: Path, tmp_path: Path
) -> None:
    reader = SeveredBackend(built)
    app = create_app(make_settings(tmp_path), backend=reader)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as c:
            before = await c.get("/readyz")
            reader.down = True
            during = await c.get("/readyz")
            health = await c.get("/healthz")
            live = await c.get("/livez")
            reader.down = False
            after = await c.get("/readyz")
    finally:
        reader.close()

    assert before.status_code == 200
    for response in (during, health):
        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"
        assert response.json()["reason"].startswith(UNREACHABLE)
        assert "OpenSearch" not in response.text  # the cause is logged, not shown
    assert live.status_code == 200
    assert after.status_code == 200


async def test_a_real_engine_backend_with_no_cluster_is_not_ready(
    tmp_path: Path,
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    reader = get_backend(
        {
            "BACKEND": "search.backends.opensearch",
            "URLS": [dead],
            "INDEX_PREFIX": "ready-",
            "CREATE": False,
        }
    )
    try:
        response = await ready(create_app(make_settings(tmp_path), backend=reader))
    finally:
        reader.close()

    assert response.status_code == 503
    assert response.json()["reason"].startswith(UNREACHABLE)


async def test_an_empty_read_model_is_not_ready(tmp_path: Path) -> None:
    index = tmp_path / "index"
    writer = EmbeddedBackend(index)
    writer.bulk(news()[:1])
    writer.delete([(news()[0].id, 10**9)])  # built, then emptied
    writer.close()
    reader = EmbeddedBackend(index, create=False)
    try:
        response = await ready(create_app(make_settings(tmp_path), backend=reader))
    finally:
        reader.close()

    assert response.status_code == 503
    assert response.json()["documents"] == 0
    assert response.json()["reason"] == (
        "The read model holds no documents: run the indexer."
    )


def report(index: Path, progress: IndexerProgress) -> None:
    writer = EmbeddedBackend(index)
    try:
        writer.record_progress(progress)
    finally:
        writer.close()


@pytest.mark.parametrize(
    ("case", "status", "reason"),
    [
        ("never reported", 503, "The indexer has not reported"),
        ("reported just now, nothing pending", 200, None),
        ("reported just now, 45 s behind", 200, None),
        ("changes waiting 200 s", 503, "The read model is stale: 3 changes"),
        ("silent for 200 s", 503, "The read model is stale: the indexer last"),
    ],
)
async def test_a_stale_read_model_is_not_ready(
    built: Path, tmp_path: Path, case: str, status: int, reason: str | None
) -> None:
    now = time.time()
    reports = {
        "reported just now, nothing pending": IndexerProgress(now),
        "reported just now, 45 s behind": IndexerProgress(
            now, pending=1, oldest_pending_at=now - 45
        ),
        "changes waiting 200 s": IndexerProgress(
            now, pending=3, oldest_pending_at=now - 200
        ),
        "silent for 200 s": IndexerProgress(now - 200),
    }
    if case in reports:
        report(built, reports[case])
    reader = EmbeddedBackend(built, create=False)
    try:
        response = await ready(
            create_app(make_settings(tmp_path, ready_max_lag=120.0), backend=reader)
        )
    finally:
        reader.close()

    assert response.status_code == status, response.json()
    body = response.json()
    if reason is None:
        assert "reason" not in body
        assert 0 <= body["lagSeconds"] < 120
    else:
        assert body["reason"].startswith(reason)
        assert "GRAPHQL_READY_MAX_LAG is 120 s" in body["reason"] or case == (
            "never reported"
        )


async def test_a_stale_read_model_still_answers_queries(
    built: Path, tmp_path: Path
) -> None:
    report(built, IndexerProgress(time.time() - 3600))
    reader = EmbeddedBackend(built, create=False)
    app = create_app(make_settings(tmp_path, ready_max_lag=60.0), backend=reader)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as c:
            probe = await c.get("/readyz")
            answer = await c.post("/graphql", json={"query": "{ themes { slug } }"})
    finally:
        reader.close()

    # Out of the load balancer's rotation, but what still reaches it is served.
    assert probe.status_code == 503
    assert answer.status_code == 200
    assert answer.json()["data"]["themes"]


@pytest.mark.parametrize("value", ["10", "-5", "soon"])
def test_the_lag_limit_is_off_or_at_least_30_seconds(value: str) -> None:
    with pytest.raises(SettingsError, match="GRAPHQL_READY_MAX_LAG"):
        load_settings({"GRAPHQL_READY_MAX_LAG": value})
    assert load_settings({"GRAPHQL_READY_MAX_LAG": "0"}).ready_max_lag == 0
    assert load_settings({"GRAPHQL_READY_MAX_LAG": "300"}).ready_max_lag == 300
