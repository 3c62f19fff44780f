"""A partner that is down, slow or answering errors: retries with back-off."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.cms.webhooks.conftest import Answer, make_due
from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.worker import deliver_once

pytestmark = pytest.mark.django_db


def test_server_errors_are_retried_with_exponential_backoff(
    endpoint, receiver, publish
):
    receiver.then(
        Answer(500, body=b"database down " * 200), 502, Answer(503, body=b"busy")
    )
    publish("Back-off story")

    waits = []
    for attempt in (1, 2, 3):
        result = deliver_once()
        assert result.failed == 1
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING
        assert delivery.attempts == attempt
        waits.append(delivery.next_attempt_at - delivery.last_attempt_at)
        # Not due yet: the worker leaves it alone.
        assert deliver_once().attempts == 0
        make_due()

    assert [round(w.total_seconds()) for w in waits] == [30, 60, 120]
    assert delivery.response_code == 503
    assert delivery.error == "The partner answered HTTP 503."
    first_ids = {r.delivery_id for r in receiver.requests}

    assert deliver_once().delivered == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 4 and delivery.response_code == 200
    assert delivery.error == ""
    # The same delivery id on every attempt, so the partner can de-duplicate.
    assert {r.delivery_id for r in receiver.requests} == first_ids
    assert len(receiver.requests) == 4
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0 and endpoint.last_success_at


def test_response_body_is_truncated_in_the_log(endpoint, receiver, publish, settings):
    settings.WEBHOOK_RESPONSE_BODY_LIMIT = 50
    receiver.then(Answer(500, body=b"x" * 5000))
    publish("Long error page")
    deliver_once()
    delivery = WebhookDelivery.objects.get()
    assert delivery.response_body == "x" * 50


def test_slow_partner_times_out_and_is_retried(endpoint, receiver, publish):
    receiver.then(Answer(200, delay=1.5))
    publish("Slow partner")
    result = deliver_once()

    delivery = WebhookDelivery.objects.get()
    assert result.failed == 1
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.response_code is None
    assert "No answer within 0.5 seconds" in delivery.error
    make_due()
    assert deliver_once().delivered == 1


def test_connection_refused_is_retried(news_index, closed_port_url, publish):
    WebhookEndpoint.objects.create(name="down", url=closed_port_url)
    publish("Nobody listens")
    assert deliver_once().failed == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.error.startswith("Connection failed: ConnectError")
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1


def test_redirects_are_not_followed(endpoint, receiver, publish):
    receiver.then(Answer(307, headers={"Location": "http://169.254.169.254/"}))
    publish("Redirected")
    assert deliver_once().failed == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.response_code == 307
    assert "redirect" in delivery.error
    assert len(receiver.requests) == 1


def test_retry_after_is_honoured(endpoint, receiver, publish):
    receiver.then(Answer(429, headers={"Retry-After": "600"}))
    publish("Rate limited")
    deliver_once()
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at - delivery.last_attempt_at >= timedelta(seconds=600)


def test_delivery_gives_up_after_max_attempts(endpoint, receiver, publish, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.default = Answer(500)
    publish("Poison message")
    deliver_once()
    make_due()
    deliver_once()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
