"""JSON logs carry the request id; plain text stays the default.

In-process: the real app logs a read model that cannot answer, and the JSON
handler of :mod:`graphql_service.logs` writes the request's id with it. Out of
process: ``python -m graphql_service`` with ``HUB_LOG_FORMAT=json`` writes
only JSON lines, uvicorn's included, the access line with the request id.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import httpx
import pytest

from graphql_service import logs
from graphql_service.app import create_app
from tests.graphql_service.test_metrics import SEARCH, FlakyBackend, make_settings

pytestmark = pytest.mark.anyio


@pytest.fixture
def json_lines():
    """JSON records of the ``graphql_service`` loggers, as the service writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.json_formatter())
    handler.addFilter(logs.RequestIdFilter())
    logger = logging.getLogger("graphql_service")
    logger.addHandler(handler)

    def read() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield read
    logger.removeHandler(handler)


async def test_log_records_of_a_request_carry_its_id(
    index_path: Path, backend, tmp_path: Path, json_lines
) -> None:
    reader = FlakyBackend(index_path)
    reader.down = True
    app = create_app(make_settings(tmp_path), backend=reader)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as c:
            given = await c.post(
                "/graphql", json=SEARCH, headers={"X-Request-Id": "trace-abc-123"}
            )
            fresh = await c.post("/graphql", json=SEARCH)
    finally:
        reader.close()

    assert given.status_code == fresh.status_code == 503
    records = [
        r for r in json_lines() if r["logger"] == "graphql_service.transport.runner"
    ]
    assert [r["request_id"] for r in records] == [
        "trace-abc-123",
        fresh.headers["x-request-id"],
    ]
    first = records[0]
    assert first["level"] == "WARNING"
    assert first["message"] == "request trace-abc-123: the read model is unavailable"
    assert first["timestamp"].endswith("+00:00")
    assert fresh.headers["x-request-id"] != "trace-abc-123"


def test_the_service_writes_json_lines_with_the_request_id(
    backend, index_path: Path, start_server, client: httpx.Client
) -> None:
    running = start_server(
        index_path, as_module=True, HUB_LOG_FORMAT="json", GRAPHQL_DEBUG="true"
    )
    answer = client.post(
        running.url,
        json={"query": "{ themes { slug } }"},
        headers={"X-Request-Id": "probe-xyz-1"},
    )
    running.stop()
    lines = [line for line in running.log.read_text().splitlines() if line.strip()]

    assert answer.status_code == 200
    assert answer.headers["x-request-id"] == "probe-xyz-1"
    records = [json.loads(line) for line in lines]  # every line is JSON
    assert {"graphql_service.app", "uvicorn.error", "uvicorn.access"} <= {
        r["logger"] for r in records
    }
    [access] = [r for r in records if "POST /graphql" in r["message"]]
    assert access["request_id"] == "probe-xyz-1"
    assert all("color_message" not in r for r in records)


def test_text_is_the_default_and_a_wrong_format_is_refused() -> None:
    assert logs.log_format({}) == "text"
    assert logs.log_format({"HUB_LOG_FORMAT": " JSON "}) == "json"
    with pytest.raises(ValueError, match="HUB_LOG_FORMAT must be one of text, json"):
        logs.log_format({"HUB_LOG_FORMAT": "xml"})
    text = logs.logging_config("text")
    assert text["formatters"]["default"] == {
        "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"
    }
    assert text["handlers"]["console"]["filters"] == ["request_id"]
