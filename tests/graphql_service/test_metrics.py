"""Prometheus metrics of the service: scraped from ``/metrics`` of the real app.

In-process (httpx's ASGI transport) for the counters and the token; two
uvicorn processes sharing ``PROMETHEUS_MULTIPROC_DIR`` for the sum over
workers.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from graphql_service.app import create_app
from graphql_service.metrics import OperationNames, error_code
from graphql_service.settings import Settings
from search.backends.embedded import EmbeddedBackend
from search.errors import BackendUnavailableError
from search.query import SearchQuery, SearchResults
from tests.graphql_service.conftest import KEYS, write_keys

pytestmark = pytest.mark.anyio

THEMES = "query Themes { themes { slug } }"
SEARCH = {"query": 'query Find { search(text: "") { totalCount } }'}
GRAPHQL = {"Accept": "application/graphql-response+json"}


class FlakyBackend(EmbeddedBackend):
    """Searches fail as an unreachable cluster does while ``down``."""

    down = False

    async def asearch(self, query: SearchQuery) -> SearchResults:
        if self.down:
            raise BackendUnavailableError("cannot connect to the cluster")
        return await super().asearch(query)


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """``(sample name, sorted labels) -> value`` of an exposition."""
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(scraped: dict, name: str, **labels: str) -> float:
    return scraped.get((name, tuple(sorted(labels.items()))), 0.0)


def make_settings(tmp_path: Path, **changes: object) -> Settings:
    keys = tmp_path / "keys.json"
    write_keys(keys, KEYS)
    options: dict[str, object] = dict(
        api_keys_file=keys,
        usage_db=tmp_path / "usage.sqlite3",
        search_analytics_db=tmp_path / "search_analytics.sqlite3",
        max_page_size=20,
        keys_check_interval=0,
    )
    options.update(changes)
    return Settings(**options)  # type: ignore[arg-type]


@pytest.fixture
async def service(index_path: Path, backend, tmp_path: Path):
    reader = FlakyBackend(index_path)
    app = create_app(make_settings(tmp_path), backend=reader)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
        yield reader, client
    reader.close()


async def scrape(client: httpx.AsyncClient, **headers: str) -> dict:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


async def test_requests_are_counted_by_operation_status_and_cache(service) -> None:
    reader, client = service
    before = await scrape(client)

    for _ in range(3):  # a miss, then two hits of the response cache
        ok = await client.get("/graphql", params={"query": THEMES}, headers=GRAPHQL)
        assert ok.status_code == 200
    named = await client.post(
        "/graphql", json={"query": "{ themes { slug } }", "operationName": None}
    )
    assert named.status_code == 200
    after = await scrape(client)

    requests = "hub_graphql_requests_total"
    assert (
        value(after, requests, door="graphql", operation="Themes", status="200")
        - (value(before, requests, door="graphql", operation="Themes", status="200"))
        == 3
    )
    assert (
        value(after, requests, door="graphql", operation="-", status="200")
        - (value(before, requests, door="graphql", operation="-", status="200"))
        == 1
    )
    count = "hub_graphql_request_duration_seconds_count"
    assert (
        value(after, count, door="graphql", operation="Themes")
        - value(before, count, door="graphql", operation="Themes")
        == 3
    )
    bucket = "hub_graphql_request_duration_seconds_bucket"
    assert value(after, bucket, door="graphql", operation="Themes", le="+Inf") >= 3
    cache = "hub_graphql_response_cache_total"
    assert value(after, cache, result="hit") - value(before, cache, result="hit") >= 2
    assert value(after, cache, result="miss") - value(before, cache, result="miss") >= 1
    # The scrape and the probes are not traffic.
    assert not any(dict(labels).get("door") == "other" for (_name, labels) in after)


async def test_refusals_rate_limits_and_engine_errors_are_counted(service) -> None:
    reader, client = service
    before = await scrape(client)

    unknown = await client.post(
        "/graphql", json={"query": THEMES}, headers={"X-API-Key": "no-such-key-123"}
    )
    tight = {"X-API-Key": "tight-key-1234567890"}
    statuses = [
        (
            await client.post("/graphql", json={"query": THEMES}, headers=tight)
        ).status_code
        for _ in range(4)
    ]
    feed_refused = await client.get(
        "/feeds/news.rss", headers={"X-API-Key": "no-such-key-123"}
    )
    reader.down = True
    try:
        down = await client.post("/graphql", json=SEARCH)
    finally:
        reader.down = False
    after = await scrape(client)

    assert unknown.status_code == 401
    assert statuses == [200, 200, 200, 429]
    assert feed_refused.status_code == 401
    assert down.status_code == 503

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert (
        delta("hub_graphql_rejected_total", door="graphql", code="UNAUTHENTICATED") == 1
    )
    assert (
        delta("hub_graphql_rejected_total", door="feeds", code="UNAUTHENTICATED") == 1
    )
    assert delta("hub_graphql_rate_limited_total", door="graphql") == 1
    assert (
        # Refused at the edge, before the request was read: no operation yet.
        delta(
            "hub_graphql_requests_total",
            door="graphql",
            operation="-",
            status="429",
        )
        == 1
    )
    assert (
        delta(
            "hub_graphql_server_errors_total",
            door="graphql",
            code="SERVICE_UNAVAILABLE",
        )
        == 1
    )
    assert (
        delta(
            "hub_graphql_requests_total", door="graphql", operation="Find", status="503"
        )
        == 1
    )


async def test_readiness_is_exported_after_a_probe(service) -> None:
    _reader, client = service
    ready = await client.get("/readyz")
    scraped = await scrape(client)

    assert ready.status_code == 200
    assert value(scraped, "hub_graphql_ready") == 1
    assert (
        value(scraped, "hub_graphql_read_model_documents") == ready.json()["documents"]
    )


async def test_a_metrics_token_is_required_when_set(
    index_path: Path, backend, tmp_path: Path
) -> None:
    reader = EmbeddedBackend(index_path)
    app = create_app(
        make_settings(tmp_path, metrics_token="scrape-token-42"), backend=reader
    )
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://hub"
        ) as client:
            anonymous = await client.get("/metrics")
            wrong = await client.get(
                "/metrics", headers={"Authorization": "Bearer wrong-token"}
            )
            right = await client.get(
                "/metrics", headers={"Authorization": "Bearer scrape-token-42"}
            )
    finally:
        reader.close()

    for refused in (anonymous, wrong):
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == "Bearer"
        assert "hub_graphql" not in refused.text
    assert right.status_code == 200
    assert (
        "hub_graphql_requests_total" in right.text or "# HELP hub_graphql" in right.text
    )


async def test_metrics_can_be_switched_off(
    index_path: Path, backend, tmp_path: Path
) -> None:
    reader = EmbeddedBackend(index_path)
    app = create_app(make_settings(tmp_path, metrics=False), backend=reader)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://hub"
        ) as client:
            response = await client.get("/metrics")
    finally:
        reader.close()
    assert response.status_code == 404


def test_operation_labels_are_bounded() -> None:
    names = OperationNames(limit=3)
    labels = [names.label(n) for n in ("A", "B", "A", "C", "D", None, "", "bad-name")]
    assert labels == ["A", "B", "A", "C", "other", "-", "-", "other"]


def test_error_codes_are_read_from_either_error_shape() -> None:
    graphql = b'{"errors":[{"message":"x","extensions":{"code":"RATE_LIMITED"}}]}'
    plain = b'{"error":{"status":401,"code":"UNAUTHENTICATED","message":"x"}}'
    assert error_code(429, graphql) == "RATE_LIMITED"
    assert error_code(401, plain) == "UNAUTHENTICATED"
    assert error_code(404, b"Not Found") == "HTTP_404"
    assert error_code(400, b'{"errors":[{"extensions":{"code":"lower case"}}]}') == (
        "HTTP_400"
    )


def test_two_processes_add_up_in_multiprocess_mode(
    backend, index_path: Path, tmp_path: Path, start_server, client: httpx.Client
) -> None:
    shared = tmp_path / "prometheus"
    shared.mkdir()
    first = start_server(index_path, PROMETHEUS_MULTIPROC_DIR=str(shared))
    second = start_server(index_path, PROMETHEUS_MULTIPROC_DIR=str(shared))

    for running, times in ((first, 3), (second, 4)):
        for _ in range(times):
            answer = client.post(
                running.url, json={"query": THEMES, "operationName": "Themes"}
            )
            assert answer.status_code == 200
    scraped = [samples(client.get(r.base + "/metrics").text) for r in (first, second)]

    for each in scraped:
        assert (
            value(
                each,
                "hub_graphql_requests_total",
                door="graphql",
                operation="Themes",
                status="200",
            )
            == 7
        )
        assert (
            value(
                each,
                "hub_graphql_request_duration_seconds_count",
                door="graphql",
                operation="Themes",
            )
            == 7
        )
        # Both processes answered their readiness probe; the lowest counts.
        assert value(each, "hub_graphql_ready") == 1
    pids = {path.stem.rsplit("_", 1)[-1] for path in shared.glob("counter_*.db")}
    assert pids == {str(first.process.pid), str(second.process.pid)}


def test_workers_of_the_production_command_add_up_by_themselves(
    backend, index_path: Path, start_server, client: httpx.Client
) -> None:
    # GRAPHQL_WORKERS=2 and no PROMETHEUS_MULTIPROC_DIR: the command picks one.
    running = start_server(index_path, as_module=True, GRAPHQL_WORKERS="2")
    sent = 40
    with httpx.Client(timeout=20) as fresh:  # new connections reach both workers
        for _ in range(sent):
            answer = fresh.post(
                running.url,
                json={"query": THEMES},
                headers={"Connection": "close"},
            )
            assert answer.status_code == 200
    scraped = [samples(client.get(running.base + "/metrics").text) for _ in range(6)]

    totals = {
        value(
            each,
            "hub_graphql_requests_total",
            door="graphql",
            operation="Themes",
            status="200",
        )
        for each in scraped
    }
    assert totals == {sent}  # whichever worker answered the scrape
    # Both workers write to the folder the command chose, which goes at exit.
    pid = running.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    workers = [
        child
        for child in children
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]
    assert len(workers) == 2
    folders = {
        dict(
            entry.split("=", 1)
            for entry in Path(f"/proc/{pid}/environ").read_text().split("\0")
            if "=" in entry
        )["PROMETHEUS_MULTIPROC_DIR"]
        for pid in workers
    }
    [folder] = folders
    live = {path.stem.rsplit("_", 1)[-1] for path in Path(folder).glob("gauge_*.db")}
    assert live == set(workers)
    running.stop()
    assert not Path(folder).exists()
