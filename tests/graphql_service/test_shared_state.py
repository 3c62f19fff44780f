"""Two service hosts share keys, usage, analytics, rate limits and persisted queries.

Real components only: a PostgreSQL cluster holding the CMS's database (made
by the CMS's own migrations; keys created and revoked by the CMS's own
code), a Redis server, and two uvicorn processes of the service configured
for production (``GRAPHQL_KEYS_URL``, ``HUB_USAGE_URL``,
``HUB_SEARCH_ANALYTICS_URL``, ``GRAPHQL_RATE_LIMIT_STORAGE``,
``GRAPHQL_APQ_URL``). Skipped, saying what to install, where PostgreSQL or
Redis is missing.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from graphql_service.keys_postgres import PostgresKeyStore
from graphql_service.usage import read_usage, write_usage
from search.analytics import AnalyticsStore
from tests.graphql_service.conftest import REPO, Server, launch
from tests.services import free_port, postgres_server, redis_server

#: Seconds between two checks of the key table (the service's setting).
KEYS_INTERVAL = 0.5
#: Anonymous requests per minute and client, counted across both hosts.
ANONYMOUS_LIMIT = 5

THEMES = '{ themes(locale: "da") { slug } }'
SEARCH = """
query Search($text: String!) {
  search(text: $text, locale: "sv", first: 1) { totalCount }
}
"""


@dataclass
class Cms:
    """The CMS's database and its command line."""

    database_url: str
    workdir: Path

    def manage(self, *args: str) -> str:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": self.database_url,
            "HUB_DATA_DIR": str(self.workdir),
            "HUB_API_KEYS_FILE": str(self.workdir / "api_keys.json"),
        }
        done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, str(REPO / "cms" / "manage.py"), *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def issue_keys(self, *names: str) -> dict[str, tuple[str, str, str]]:
        """Keys made by the CMS model: name -> (raw key, key id, prefix)."""
        script = (
            "import json; from partners.models import ApiKey; "
            f"made = [ApiKey.issue(name) for name in {list(names)!r}]; "
            "print(json.dumps({k.name: [raw, str(k.pk), k.prefix] for k, raw in made}))"
        )
        output = self.manage("shell", "-c", script).strip().splitlines()[-1]
        return {
            name: (raw, pk, prefix)
            for name, (raw, pk, prefix) in json.loads(output).items()
        }


@dataclass
class Shared:
    postgres: str
    redis: str
    cms: Cms
    hosts: tuple[Server, Server]
    keys: dict[str, tuple[str, str, str]]


@pytest.fixture(scope="module")
def shared(
    backend: Any, index_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shared]:
    with postgres_server() as postgres, redis_server() as redis:
        workdir = tmp_path_factory.mktemp("shared-state")
        cms = Cms(postgres, workdir)
        # The key table, and the tables the hosts add usage and searches to.
        cms.manage("migrate", "partners", "--noinput")
        cms.manage("migrate", "glossary", "--noinput")
        keys = cms.issue_keys("Nordregio", "Nordic Welfare Centre")
        environment = {
            "GRAPHQL_KEYS_URL": postgres,
            "GRAPHQL_KEYS_CHECK_INTERVAL": str(KEYS_INTERVAL),
            "HUB_USAGE_URL": postgres,
            "HUB_SEARCH_ANALYTICS_URL": postgres,
            "GRAPHQL_RATE_LIMIT_STORAGE": redis,
            "GRAPHQL_APQ_URL": redis,
            "GRAPHQL_ANONYMOUS_RATE_LIMIT": str(ANONYMOUS_LIMIT),
            "GRAPHQL_RESPONSE_CACHE": "false",
        }
        first = launch(index_path, workdir, **environment)
        try:
            second = launch(index_path, workdir, **environment)
        except BaseException:
            first.stop()
            raise
        try:
            yield Shared(postgres, redis, cms, (first, second), keys)
        finally:
            first.stop()
            second.stop()


def post(url: str, body: dict[str, Any], key: str | None = None) -> httpx.Response:
    headers = {"Accept": "application/json"}
    if key is not None:
        headers["X-API-Key"] = key
    return httpx.post(url, json=body, headers=headers, timeout=20)


def until(condition: Callable[[], bool], seconds: float) -> float:
    """Seconds until ``condition()`` held (fails after ``seconds``)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - start


def test_a_key_issued_by_the_cms_works_on_both_hosts_and_its_revocation_too(
    shared: Shared,
) -> None:
    raw, _, prefix = shared.keys["Nordregio"]
    first, second = shared.hosts

    answers = [post(host.url, {"query": THEMES}, raw) for host in shared.hosts]
    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["data"]["themes"]

    shared.cms.manage("api_keys", "revoke", prefix)
    # The revocation is committed when the command returns.
    took = until(
        lambda: all(
            post(host.url, {"query": THEMES}, raw).status_code == 401
            for host in (first, second)
        ),
        seconds=KEYS_INTERVAL + 3,
    )
    refused = post(second.url, {"query": THEMES}, raw)
    assert refused.json()["errors"][0]["message"] == (
        f"The API key {prefix}… has been revoked."
    )
    assert took <= KEYS_INTERVAL + 1.5, took


def test_a_new_key_works_on_both_hosts_within_the_interval(shared: Shared) -> None:
    keys = shared.cms.issue_keys("norden.org")
    raw = keys["norden.org"][0]
    took = until(
        lambda: all(
            post(host.url, {"query": THEMES}, raw).status_code == 200
            for host in shared.hosts
        ),
        seconds=KEYS_INTERVAL + 3,
    )
    assert took <= KEYS_INTERVAL + 1.5, took


def test_usage_and_search_analytics_of_both_hosts_add_up(shared: Shared) -> None:
    raw, key_id, _ = shared.keys["Nordic Welfare Centre"]
    first, second = shared.hosts
    for host, times in ((first, 3), (second, 4)):
        for _ in range(times):
            assert post(host.url, {"query": THEMES}, raw).status_code == 200
    for host in shared.hosts:
        searched = post(
            host.url, {"query": SEARCH, "variables": {"text": "Zzyzx kvarglund"}}, raw
        )
        assert searched.json()["data"]["search"]["totalCount"] == 0

    def requests() -> int:
        return sum(row.requests for row in read_usage(shared.postgres, key_id=key_id))

    until(lambda: requests() >= 9, seconds=10)
    time.sleep(0.5)  # a flush or two more: nothing is counted twice
    [row] = read_usage(shared.postgres, key_id=key_id)
    assert (row.requests, row.rate_limited) == (9, 0)

    store = AnalyticsStore(shared.postgres)
    until(lambda: bool(store.top_zero_result("sv")), seconds=10)
    [stat] = store.top_zero_result("sv")
    assert (stat.query, stat.searches, stat.zero_results) == ("zzyzx kvarglund", 2, 2)


def test_the_anonymous_rate_limit_holds_across_both_hosts(shared: Shared) -> None:
    first, second = shared.hosts
    statuses = [
        post((first, second)[i % 2].url, {"query": THEMES}).status_code
        for i in range(ANONYMOUS_LIMIT + 2)
    ]
    assert statuses == [200] * ANONYMOUS_LIMIT + [429, 429]
    limited = post(first.url, {"query": THEMES})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1


def test_a_query_registered_on_one_host_is_found_on_the_other(shared: Shared) -> None:
    raw = shared.keys["Nordic Welfare Centre"][0]
    first, second = shared.hosts
    query = '{ themes(locale: "sv") { slug name } }'
    digest = hashlib.sha256(query.encode()).hexdigest()
    by_hash = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}

    unknown = post(second.url, by_hash, raw).json()
    registered = post(first.url, {"query": query, **by_hash}, raw).json()
    found = post(second.url, by_hash, raw).json()
    found_again = httpx.get(
        second.url,
        params={"extensions": json.dumps(by_hash["extensions"])},
        headers={"X-API-Key": raw, "Accept": "application/json"},
        timeout=20,
    ).json()

    assert unknown["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert "errors" not in registered
    assert registered["data"]["themes"]
    assert found == registered
    assert found_again == registered


# -- the stores on their own, on the same servers ------------------------------------


def test_the_key_store_sees_rows_deleted_or_updated_in_bulk(shared: Shared) -> None:
    raw = "inh_bulk-update-test-key-0123456789"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    store = PostgresKeyStore(shared.postgres)
    with psycopg.connect(shared.postgres, autocommit=True) as connection:
        connection.execute(
            "INSERT INTO partners_apikey (name, prefix, key_hash, "
            "rate_limit_per_minute, cors_origins, created_at) "
            "VALUES ('Bulk', 'inh_bulk', %s, 60, %s, now())",
            (digest, "https://a.example\nhttps://b.example/"),
        )
        loaded = store.check()
        unchanged = store.check()
        key = store.lookup(raw)
        origin = store.origin_known("https://b.example")
        # As QuerySet.update() would: no model code, no timestamp.
        connection.execute(
            "UPDATE partners_apikey SET rate_limit_per_minute = 7 WHERE key_hash = %s",
            (digest,),
        )
        updated = store.check()
        limit = store.lookup(raw)
        connection.execute("DELETE FROM partners_apikey WHERE key_hash = %s", (digest,))
        deleted = store.check()
    asyncio.run(store.aclose())

    assert (loaded, unchanged, updated, deleted) == (True, False, True, True)
    assert key is not None
    assert key.cors_origins == {"https://a.example", "https://b.example"}
    assert origin
    assert limit is not None and limit.rate_limit_per_minute == 7
    assert store.lookup(raw) is None
    assert not store.origin_known("https://b.example")


def test_the_key_store_starts_without_its_database_and_loads_once_it_answers(
    shared: Shared,
) -> None:
    raw = shared.keys["Nordic Welfare Centre"][0]
    store = PostgresKeyStore(f"postgres://hub@127.0.0.1:{free_port()}/hub", 0.1)

    async def scenario() -> tuple[object, object]:
        await store.start()  # logs the outage, raises nothing
        before = store.lookup(raw)
        store.url = shared.postgres
        await asyncio.sleep(1.5)
        after = store.lookup(raw)
        await store.aclose()
        return before, after

    before, after = asyncio.run(scenario())

    assert before is None
    assert after is not None and after.name == "Nordic Welfare Centre"


def test_usage_written_by_many_hosts_at_once_adds_up(shared: Shared) -> None:
    days = [f"2026-11-{day:02d}" for day in range(1, 21)]
    counts = {(f"bulk-{n}", day): [3, 1] for n in range(5) for day in days}

    def host(order: int) -> None:
        # Each host's rows in another order: the store must not deadlock.
        items = list(counts.items())
        write_usage(shared.postgres, dict(items[order:] + items[:order]))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(host, [0, 25, 50, 75, 0, 25, 50, 75]))

    rows = [
        row for row in read_usage(shared.postgres) if row.key_id.startswith("bulk-")
    ]
    assert len(rows) == 100
    assert {(row.requests, row.rate_limited) for row in rows} == {(24, 8)}
    assert (
        len(read_usage(shared.postgres, key_id="bulk-1", since=date(2026, 11, 19))) == 2
    )


def test_a_role_without_create_uses_the_tables_the_cms_made(shared: Shared) -> None:
    with psycopg.connect(shared.postgres, autocommit=True) as connection:
        connection.execute("CREATE ROLE hub_graphql LOGIN")
        connection.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        connection.execute("GRANT SELECT ON partners_apikey TO hub_graphql")
        connection.execute(
            "GRANT SELECT, INSERT, UPDATE ON hub_api_usage, hub_search_query_stats "
            "TO hub_graphql"
        )
    url = shared.postgres.replace("postgres://hub@", "postgres://hub_graphql@")
    keys = PostgresKeyStore(url)
    analytics = AnalyticsStore(url)

    write_usage(url, {("role-test", "2026-11-30"): [2, 1]})
    analytics.record("tolkebistand", "nb", 0)
    analytics.flush()
    loaded = keys.check()
    asyncio.run(keys.aclose())

    assert [
        (r.requests, r.rate_limited) for r in read_usage(url, key_id="role-test")
    ] == [(2, 1)]
    assert [s.query for s in analytics.top_zero_result("nb")] == ["tolkebistand"]
    assert loaded
    assert keys.lookup(shared.keys["Nordic Welfare Centre"][0]) is not None
