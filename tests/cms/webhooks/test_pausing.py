"""A partner that keeps failing is paused; staff resume it and replay deliveries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.cms.webhooks.conftest import Answer, make_due
from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery
from webhooks.worker import deliver_once

pytestmark = pytest.mark.django_db


def test_paused_after_consecutive_failures_and_resumed(
    endpoint, receiver, publish, run, settings
):
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 3
    receiver.default = Answer(500)
    first = publish("Paused one")
    for _ in range(3):
        deliver_once()
        make_due()

    endpoint.refresh_from_db()
    assert endpoint.is_paused
    assert "3 failed attempts in a row" in endpoint.pause_reason
    assert "HTTP 500" in endpoint.pause_reason
    assert endpoint.status_label() == "Paused: failing"

    # While paused nothing is sent, but changes keep queueing up.
    second = publish("Queued while paused")
    make_due()
    assert deliver_once().attempts == 0
    assert len(receiver.requests) == 3
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).count() == 2

    receiver.default = Answer(200)
    assert endpoint.resume() == 2
    run()
    assert receiver.events()[-2:] == [
        ("published", f"news:{first.pk}"),
        ("published", f"news:{second.pk}"),
    ]
    endpoint.refresh_from_db()
    assert not endpoint.is_paused and endpoint.consecutive_failures == 0


def test_paused_after_a_day_of_failures(endpoint, receiver, publish):
    receiver.default = Answer(503)
    publish("Failing for a day")
    deliver_once()
    endpoint.refresh_from_db()
    assert not endpoint.is_paused
    endpoint.failing_since = timezone.now() - timedelta(hours=25)
    endpoint.save(update_fields=["failing_since"])
    make_due()
    deliver_once()
    endpoint.refresh_from_db()
    assert endpoint.is_paused
    assert endpoint.pause_reason.startswith("Failing since")


def test_success_resets_the_failure_count(endpoint, receiver, publish, settings):
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 2
    receiver.then(500, 200, 500, 200)
    publish("One")
    publish("Two")
    for _ in range(4):
        deliver_once()
        make_due()
    endpoint.refresh_from_db()
    assert not endpoint.is_paused
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 2


def test_replay_failed_and_single_delivery(endpoint, receiver, publish, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    receiver.then(500, 500)
    publish("First failure")
    publish("Second failure")
    deliver_once()  # first gives up, the queue moves on
    make_due()
    deliver_once()
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED).count() == 2
    sent_ids = [r.delivery_id for r in receiver.requests]

    assert endpoint.replay_failed() == 2
    deliver_once()
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 2
    # Replays keep the delivery ids and the original order.
    assert [r.delivery_id for r in receiver.requests[2:]] == sent_ids

    delivered = WebhookDelivery.objects.order_by("pk").first()
    delivered.replay()
    deliver_once()
    assert receiver.requests[-1].delivery_id == str(delivered.uid)
    assert len(receiver.requests) == 5
