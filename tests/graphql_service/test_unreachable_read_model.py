"""A read model that cannot be reached mid-request is a 503, never a 200 with
an internal error: an engine cluster that is down or failing over is not a
fault of the query, and clients should retry (``Retry-After``)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from graphql_service.app import create_app
from graphql_service.settings import Settings
from search.backends.embedded import EmbeddedBackend
from search.errors import BackendUnavailableError
from search.query import SearchQuery, SearchResults

pytestmark = pytest.mark.anyio

SEARCH = {"query": '{ search(text: "") { totalCount } }'}


class FlakyBackend(EmbeddedBackend):
    """Searches fail as an unreachable cluster does while ``down``."""

    down = False

    async def asearch(self, query: SearchQuery) -> SearchResults:
        if self.down:
            raise BackendUnavailableError(
                "Elasticsearch is unavailable (search): cannot connect to the cluster"
            )
        return await super().asearch(query)


@pytest.fixture
async def flaky(index_path: Path, backend, tmp_path: Path):
    reader = FlakyBackend(index_path)
    settings = Settings(
        api_keys_file=tmp_path / "keys.json",
        usage_db=tmp_path / "usage.sqlite3",
        search_analytics_db=tmp_path / "search_analytics.sqlite3",
        max_page_size=20,
    )
    transport = httpx.ASGITransport(app=create_app(settings, backend=reader))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
        yield reader, client
    reader.close()


async def test_an_unreachable_read_model_answers_503_and_recovers(flaky) -> None:
    reader, client = flaky
    warm = await client.post("/graphql", json={"query": "{ themes { slug } }"})
    assert warm.status_code == 200

    reader.down = True
    refused = await client.post("/graphql", json=SEARCH)
    reader.down = False
    again = await client.post("/graphql", json=SEARCH)  # the 503 was not kept

    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "5"
    assert refused.headers["cache-control"] == "no-store"
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert error["message"].startswith("The read model is unavailable (request id ")
    assert "Elasticsearch" not in refused.text
    assert again.status_code == 200
    assert "errors" not in again.json()
