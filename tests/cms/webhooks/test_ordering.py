"""Deliveries reach each partner in the order the changes happened."""

from __future__ import annotations

import pytest

from tests.cms.webhooks.conftest import make_due
from webhooks.models import WebhookEndpoint
from webhooks.worker import deliver_once

pytestmark = pytest.mark.django_db


def test_a_failing_delivery_holds_back_newer_ones(endpoint, receiver, publish, run):
    receiver.then(500)
    articles = [publish(f"Story {n}", slug=f"story-{n}") for n in range(3)]
    article = articles[0]
    article.lead = "Corrected lead"
    article.save_revision().publish()

    deliver_once()
    assert len(receiver.requests) == 1  # the oldest failed: nothing newer went out

    make_due()
    run()
    versions = [r.json()["version"] for r in receiver.requests[1:]]
    assert versions == sorted(versions)
    assert receiver.events()[1:] == [
        ("published", f"news:{articles[0].pk}"),
        ("published", f"news:{articles[1].pk}"),
        ("published", f"news:{articles[2].pk}"),
        ("updated", f"news:{articles[0].pk}"),
    ]


def test_one_failing_partner_does_not_hold_back_another(
    endpoint, receiver, closed_port_url, publish, run
):
    WebhookEndpoint.objects.create(name="down", url=closed_port_url)
    publish("For both partners")
    publish("Also for both")
    result = run()
    assert result.delivered == 2 and result.failed == 1
    assert len(receiver.requests) == 2
