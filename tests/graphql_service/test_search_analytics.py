"""Searches are counted for the CMS's analytics, without personal data."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from graphql_service.settings import load_settings
from search.analytics import AnalyticsStore

SEARCH = """
query Search($text: String!, $locale: LocaleCode) {
  search(text: $text, locale: $locale, first: 3) { totalCount }
}
"""


def search(client: httpx.Client, url: str, text: str, locale: str) -> int:
    response = client.post(
        url, json={"query": SEARCH, "variables": {"text": text, "locale": locale}}
    )
    body = response.json()
    assert "errors" not in body, body
    return int(body["data"]["search"]["totalCount"])


def test_searches_are_recorded_and_flushed(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path)
    database = Path(running.env["HUB_SEARCH_ANALYTICS_DB"])

    assert search(client, running.url, "Zzyzx kvarglund", "sv") == 0
    assert search(client, running.url, "flygtninge", "da") > 0
    assert search(client, running.url, "ola.nordmann@example.no", "nb") == 0

    deadline = time.monotonic() + 10
    zero: list[str] = []
    while time.monotonic() < deadline:
        if database.exists():
            zero = [s.query for s in AnalyticsStore(database).top_zero_result("sv")]
            if zero:
                break
        time.sleep(0.1)
    store = AnalyticsStore(database)

    assert zero == ["zzyzx kvarglund"]
    assert [s.query for s in store.top_queries("da")] == ["flygtninge"]
    assert store.top_zero_result("da") == []
    assert store.top_queries("nb") == []


def test_the_analytics_file_follows_the_data_dir() -> None:
    assert load_settings({"HUB_DATA_DIR": "/srv/hub"}).search_analytics_db == Path(
        "/srv/hub/search_analytics.sqlite3"
    )
    assert load_settings(
        {"HUB_DATA_DIR": "/srv/hub", "HUB_SEARCH_ANALYTICS_DB": "/srv/stats/a.sqlite3"}
    ).search_analytics_db == Path("/srv/stats/a.sqlite3")
