"""The webhook sender's metrics: deliveries by outcome and the queue, scraped
from the CMS's ``/metrics`` while a real partner server answers."""

from __future__ import annotations

import pytest

from tests.cms.scrape import cms_scraper, value
from tests.cms.webhooks.conftest import make_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def scrape(client, settings):
    return cms_scraper(client, settings)


def test_deliveries_and_the_queue_are_measured(
    scrape, endpoint, receiver, publish, run
) -> None:
    publish("Language cafés in Malmö")
    publish("Mentors open doors")
    receiver.then(503)  # the first attempt fails; the queue waits for its retry
    before = scrape()

    first = run()
    during = scrape()
    make_due()
    second = run()
    after = scrape()

    assert value(before, "hub_webhook_queue_length") == 2
    assert value(before, "hub_webhook_queue_oldest_seconds") >= 0
    assert (first.delivered, first.failed) == (0, 1)
    assert value(during, "hub_webhook_queue_length") == 2
    assert second.delivered == 2
    assert value(after, "hub_webhook_queue_length") == 0
    assert value(after, "hub_webhook_queue_oldest_seconds") == 0

    def delta(outcome: str) -> float:
        name = "hub_webhook_deliveries_total"
        return value(after, name, outcome=outcome) - value(
            before, name, outcome=outcome
        )

    assert delta("failed") == 1
    assert delta("delivered") == 2
    assert len(receiver.requests) == 3


def test_paused_endpoints_are_measured(
    scrape, endpoint, publish, settings, run, closed_port_url
) -> None:
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 1
    endpoint.url = closed_port_url
    endpoint.save()
    publish("Language cafés in Malmö")
    before = scrape()

    result = run()
    after = scrape()

    assert result.paused == [endpoint.name]
    assert value(after, "hub_webhook_paused_endpoints") == 1
    assert (
        value(after, "hub_webhook_endpoints_paused_total")
        - value(before, "hub_webhook_endpoints_paused_total")
        == 1
    )
