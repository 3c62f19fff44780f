"""Execution timeout and masked internal errors, through the ASGI app in-process.

The backend here wraps the real embedded one to be slow or to fail on one
method: the situations cannot be produced on demand otherwise.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest

from graphql_service.app import create_app
from graphql_service.settings import Settings
from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery, SearchResults

pytestmark = pytest.mark.anyio


class TroubledBackend(EmbeddedBackend):
    """Searches take two seconds; autocomplete fails with an internal error."""

    slow = False

    async def asearch(self, query: SearchQuery) -> SearchResults:
        if self.slow:
            await asyncio.sleep(2)
        return await super().asearch(query)

    async def asuggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        raise RuntimeError("disk on fire at /secret/path")

    async def aget_many(self, ids: Sequence[str]):  # type: ignore[no-untyped-def]
        return await super().aget_many(ids)


@pytest.fixture
async def troubled(index_path: Path, backend, tmp_path: Path):
    reader = TroubledBackend(index_path)
    settings = Settings(
        timeout=0.3,
        api_keys_file=tmp_path / "keys.json",
        usage_db=tmp_path / "usage.sqlite3",
        search_analytics_db=tmp_path / "search_analytics.sqlite3",
        max_page_size=20,
    )
    app = create_app(settings, backend=reader)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
        yield reader, client
    reader.close()


async def test_slow_queries_stop_at_the_timeout(troubled) -> None:
    reader, client = troubled
    warm = await client.post("/graphql", json={"query": "{ themes { slug } }"})
    assert warm.status_code == 200
    reader.slow = True

    started = time.monotonic()
    response = await client.post(
        "/graphql", json={"query": "{ newsArticles { totalCount } }"}
    )
    elapsed = time.monotonic() - started

    assert response.status_code == 504
    assert elapsed < 1.5
    assert response.json() == {
        "errors": [
            {
                "message": (
                    "The query took longer than 0.3 s and was stopped: ask for less "
                    "data."
                ),
                "extensions": {"code": "TIMEOUT"},
            }
        ]
    }


async def test_internal_errors_are_masked_with_the_request_id(troubled) -> None:
    _, client = troubled

    response = await client.post(
        "/graphql",
        json={"query": '{ autocomplete(prefix: "flyg") }'},
        headers={"X-Request-Id": "req-42"},
    )

    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Internal server error (request id req-42).",
                "locations": [{"line": 1, "column": 3}],
                "path": ["autocomplete"],
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-42"},
            }
        ],
    }
    assert "fire" not in response.text
