"""The run_webhooks worker command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEvent
from webhooks.worker import purge

pytestmark = pytest.mark.django_db


def test_run_once_delivers_everything_due(endpoint, receiver, publish):
    for n in range(3):
        publish(f"Command story {n}", slug=f"command-{n}")
    out = StringIO()
    call_command("run_webhooks", "--once", stdout=out)
    assert "delivered 3, failed 0" in out.getvalue()
    assert len(receiver.requests) == 3
    assert not WebhookDelivery.objects.exclude(status=DeliveryStatus.DELIVERED).exists()


def test_purge_keeps_failed_deliveries_and_each_items_latest_event(
    endpoint, receiver, publish, run
):
    article = publish("Old news")
    article.save_revision().publish()
    run()
    WebhookDelivery.objects.update(created_at=timezone.now() - timedelta(days=60))
    WebhookEvent.objects.update(occurred_at=timezone.now() - timedelta(days=60))
    failed = WebhookDelivery.objects.order_by("pk").first()
    WebhookDelivery.objects.filter(pk=failed.pk).update(status=DeliveryStatus.FAILED)

    purge(timedelta(days=30))

    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [failed.pk]
    kinds = WebhookEvent.objects.filter(doc_id=f"news:{article.pk}").values_list(
        "kind", flat=True
    )
    assert sorted(kinds) == ["published", "updated"]  # failed one + the newest
