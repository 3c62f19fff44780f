"""Nothing is lost: events share the change's transaction, and a worker killed
between sending and marking sends the same delivery again."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from django.db import transaction
from django.utils import timezone

from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from webhooks.worker import deliver_once, make_client

pytestmark = pytest.mark.django_db


def dies_after_sending() -> httpx.Client:
    """A client whose worker is killed once the partner has answered."""

    def kill(response):
        raise SystemExit("killed")

    client = make_client()
    client.event_hooks["response"] = [kill]
    return client


def test_worker_killed_after_sending_resends_the_same_delivery(
    endpoint, receiver, publish, run
):
    articles = [publish(f"Batch {n}", slug=f"batch-{n}") for n in range(3)]
    with dies_after_sending() as client, pytest.raises(SystemExit):
        deliver_once(client)

    assert len(receiver.requests) == 1
    first = WebhookDelivery.objects.order_by("pk").first()
    assert first.status == DeliveryStatus.PENDING  # never marked
    endpoint.refresh_from_db()
    assert endpoint.lease_owner == ""  # the lease went with the worker

    run()  # the restarted worker
    ids = [r.delivery_id for r in receiver.requests]
    assert ids[0] == ids[1] == str(first.uid)
    assert [r.json()["id"] for r in receiver.requests[1:]] == [
        f"news:{a.pk}" for a in articles
    ]
    assert not WebhookDelivery.objects.exclude(status=DeliveryStatus.DELIVERED).exists()


def test_events_roll_back_with_the_change(endpoint, receiver, publish):
    class EditorError(Exception):
        pass

    with pytest.raises(EditorError), transaction.atomic():
        publish("Never committed")
        raise EditorError
    assert not WebhookEvent.objects.filter(doc_type="news").exists()
    assert not WebhookDelivery.objects.exists()


def test_publishing_works_while_the_partner_is_down(
    news_index, closed_port_url, publish
):
    WebhookEndpoint.objects.create(name="down", url=closed_port_url)
    article = publish("Editors never wait")
    assert article.live
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0


def test_a_leased_endpoint_is_left_to_its_worker(endpoint, receiver, publish):
    publish("Busy endpoint")
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        lease_until=timezone.now() + timedelta(minutes=1), lease_owner="other"
    )
    assert deliver_once().attempts == 0
    assert receiver.requests == []

    # The other worker died: its lease runs out and the work is taken over.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert deliver_once().delivered == 1
