"""The admin's search reports read the analytics every host adds to PostgreSQL.

With ``HUB_SEARCH_ANALYTICS_URL`` set, the GraphQL hosts add their counts to
one table; the "Searches without results" report and the dashboard panel
read that table, not the machine's SQLite file. Runs on a throwaway
PostgreSQL cluster (skipped, saying what to install, without one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.urls import reverse

from search.analytics import AnalyticsStore
from tests.cms.core.test_dashboard import dashboard_text, panel
from tests.services import postgres_server


@pytest.fixture(scope="module")
def analytics_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def test_the_reports_sum_the_searches_of_every_host(
    analytics_url, settings, admin_client, admin_user, tmp_path
):
    today = dt.date.today()
    # Two hosts, each with its own buffer, adding to one table.
    for host in (AnalyticsStore(analytics_url), AnalyticsStore(analytics_url)):
        host.record("tolkeordning", "da", 0, when=today)
        host.record("tolkeordning", "da", 0, when=today)
        host.flush()
    # What this machine's file holds must not show.
    settings.HUB_SEARCH_ANALYTICS_DB = tmp_path / "local.sqlite3"
    local = AnalyticsStore(settings.HUB_SEARCH_ANALYTICS_DB)
    local.record("kun lokalt", "da", 0, when=today)
    local.flush()
    settings.HUB_SEARCH_ANALYTICS_URL = analytics_url

    report = admin_client.get(reverse("zero_result_report"), {"locale": "da"})
    searches = panel(
        dashboard_text(admin_client, admin_user), "hub-zero-result-searches"
    )

    html = report.content.decode()
    assert report.status_code == 200
    assert "tolkeordning" in html and "kun lokalt" not in html
    assert searches is not None
    assert "4 searches found nothing in the last 7 days." in searches
    assert "tolkeordning" in searches and "kun lokalt" not in searches
