"""API usage: counted per key and day, written in batches, readable by the CMS."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

from graphql_service.usage import UsageCounter, read_usage, usage_totals, write_usage


def test_counts_are_added_up_across_batches(tmp_path: Path) -> None:
    database = tmp_path / "usage.sqlite3"
    counter = UsageCounter()
    counter.record("partner")
    counter.record("partner", rate_limited=True)
    counter.record("anonymous")
    today = datetime.now(UTC).date()

    write_usage(database, counter.drain())
    counter.record("partner")
    write_usage(database, counter.drain())

    rows = read_usage(database)
    assert [(r.key_id, r.day, r.requests, r.rate_limited) for r in rows] == [
        ("anonymous", today, 1, 0),
        ("partner", today, 3, 1),
    ]
    assert usage_totals(database, key_id="partner") == {
        "partner": {today.isoformat(): 3}
    }
    assert usage_totals(database, since=date(2099, 1, 1)) == {}
    assert not counter


def test_reading_a_missing_file_gives_nothing(tmp_path: Path) -> None:
    assert read_usage(tmp_path / "none.sqlite3") == []


def test_the_service_persists_usage(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path)
    database = Path(running.env["HUB_API_USAGE_DB"])
    for _ in range(3):
        client.post(
            running.url,
            json={"query": "{ __typename }"},
            headers={"X-API-Key": "partner-key-1234567890"},
        )

    deadline = time.monotonic() + 10
    totals: dict = {}
    while time.monotonic() < deadline:
        totals = usage_totals(database, key_id="partner")
        if totals and sum(totals["partner"].values()) >= 3:
            break
        time.sleep(0.1)

    assert sum(totals["partner"].values()) == 3
