"""The harvester's metrics per source: runs, items and failures, scraped from
the CMS's ``/metrics`` after harvests of a real feed server."""

from __future__ import annotations

import pytest

from harvest.harvester import harvest_source
from tests.cms.harvest.conftest import rss, rss_item
from tests.cms.scrape import cms_scraper, value

pytestmark = pytest.mark.django_db


@pytest.fixture
def scrape(client, settings):
    return cms_scraper(client, settings)


def test_runs_items_and_failures_are_counted_per_source(
    scrape, feed_server, make_source, closed_port
) -> None:
    good = make_source(
        feed_server.serve("/rss", rss(rss_item("one"), rss_item("two"))),
        name="Nordic Welfare news",
    )
    bad = make_source(f"http://127.0.0.1:{closed_port}/feed", name="Gone partner")
    before = scrape()

    first = harvest_source(good)
    again = harvest_source(good)
    failed = harvest_source(bad)
    after = scrape()

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert (first.created, failed.failed) == (2, True)
    good_runs = delta("hub_harvest_runs_total", source=good.name, status=first.status)
    assert good_runs == (2 if again.status == first.status else 1)
    assert delta("hub_harvest_items_total", source=good.name, change="created") == 2
    assert delta("hub_harvest_runs_total", source=bad.name, status="failed") == 1
    assert delta("hub_harvest_failures_total", source=bad.name) == 1
    assert delta("hub_harvest_failures_total", source=good.name) == 0
    assert delta("hub_harvest_duration_seconds_count", source=good.name) == 2
