"""Choosing the shared stores, and what the service does when they are unreachable."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path

import pytest

from graphql_service.apq import (
    PersistedQueryStore,
    RedisPersistedQueryStore,
    open_persisted_queries,
)
from graphql_service.keys import FileKeyStore, open_key_store
from graphql_service.keys_postgres import PostgresKeyStore
from graphql_service.ratelimit import RateLimiter
from graphql_service.settings import SettingsError, load_settings
from search.analytics import AnalyticsStore, PostgresTable, SqliteTable
from search.shared_db import redact
from tests.services import free_port

QUERY = "{ themes { slug } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def test_the_one_machine_defaults_stay_without_configuration(tmp_path: Path) -> None:
    settings = load_settings({"HUB_DATA_DIR": str(tmp_path)})

    assert isinstance(open_key_store(settings), FileKeyStore)
    assert type(open_persisted_queries(settings.apq_url, 60, 10)) is (
        PersistedQueryStore
    )
    assert settings.rate_limit_storage == "memory://"
    assert (settings.usage_url, settings.search_analytics_url) == ("", "")
    assert isinstance(AnalyticsStore(tmp_path / "a.sqlite3").table, SqliteTable)


def test_urls_select_the_shared_stores() -> None:
    settings = load_settings(
        {
            "GRAPHQL_KEYS_URL": "postgres://hub:secret@db:5432/hub",
            "HUB_USAGE_URL": "postgresql://hub@db/hub",
            "HUB_SEARCH_ANALYTICS_URL": "postgres://hub@db/hub",
            "GRAPHQL_APQ_URL": "redis://cache:6379/1",
            "GRAPHQL_APQ_TTL": "3600",
        }
    )

    assert isinstance(open_key_store(settings), PostgresKeyStore)
    assert isinstance(
        open_persisted_queries(settings.apq_url, settings.apq_ttl, 10),
        RedisPersistedQueryStore,
    )
    assert isinstance(
        AnalyticsStore(settings.search_analytics_url).table, PostgresTable
    )
    assert settings.usage_url == "postgresql://hub@db/hub"
    assert redact(settings.keys_url) == "postgres://hub:***@db:5432/hub"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("GRAPHQL_KEYS_URL", "mysql://db/hub", "postgres:// or postgresql:// URL"),
        ("HUB_USAGE_URL", "/srv/usage.sqlite3", "postgres:// or postgresql:// URL"),
        ("HUB_SEARCH_ANALYTICS_URL", "redis://x", "postgres:// or postgresql:// URL"),
        ("GRAPHQL_APQ_URL", "http://cache", "redis://, rediss:// or unix:// URL"),
        ("GRAPHQL_APQ_TTL", "0", "whole number of at least 1"),
    ],
)
def test_a_wrong_store_url_is_named(name: str, value: str, expected: str) -> None:
    with pytest.raises(SettingsError, match=name) as raised:
        load_settings({name: value})
    assert expected in str(raised.value)


def test_requests_pass_while_the_rate_limit_storage_is_down(
    caplog: pytest.LogCaptureFixture,
) -> None:
    limiter = RateLimiter(f"redis://127.0.0.1:{free_port()}/0")

    async def hits() -> list[float | None]:
        return [await limiter.hit("a:192.0.2.1", 1) for _ in range(3)]

    with caplog.at_level(logging.ERROR, "graphql_service.ratelimit"):
        results = asyncio.run(hits())

    assert results == [None, None, None]
    # Logged once for the outage, not once per request.
    assert len(caplog.records) == 1
    assert "not limiting" in caplog.records[0].getMessage()


def test_persisted_queries_fall_back_to_the_worker_while_redis_is_down() -> None:
    store = RedisPersistedQueryStore(f"redis://127.0.0.1:{free_port()}/0", 60, 10)

    async def scenario() -> tuple[str | None, str | None]:
        unknown = await store.lookup(DIGEST)
        store.put(DIGEST, QUERY)
        await store.register(DIGEST, QUERY)  # Redis unreachable: kept here only
        known = await store.lookup(DIGEST)
        await store.aclose()
        return unknown, known

    assert asyncio.run(scenario()) == (None, QUERY)
