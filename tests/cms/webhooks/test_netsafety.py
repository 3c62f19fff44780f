"""Endpoints may only point at public http(s) hosts unless explicitly allowed."""

from __future__ import annotations

import ipaddress

import pytest
from django.core.exceptions import ValidationError

from core import netsafety
from tests.cms.core.test_netsafety_pinning import Resolver, Server
from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.worker import deliver_once

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "ftp://partner.example/hook",
        "file:///etc/passwd",
    ],
)
def test_internal_or_non_http_addresses_are_refused_on_save(url, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    endpoint = WebhookEndpoint(name="bad", url=url)
    with pytest.raises(ValidationError) as error:
        endpoint.full_clean()
    assert "url" in error.value.message_dict


def test_allow_list_is_the_explicit_exception(settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    WebhookEndpoint(name="local partner", url="http://127.0.0.1:9/hook").full_clean()


def test_address_is_checked_again_when_sending(endpoint, receiver, publish, settings):
    publish("Checked at send time")
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []  # the allowance was withdrawn
    result = deliver_once()

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert "internal address" in delivery.error
    endpoint.refresh_from_db()
    assert endpoint.is_paused and "internal address" in endpoint.pause_reason
    assert result.paused == ["norden.org"]


def test_delivery_goes_to_the_address_that_was_checked(
    receiver, news_index, publish, settings, monkeypatch
):
    """DNS rebinding: the partner's name answers a public address for the check
    and an internal one a moment later; the POST still goes to the first."""
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    checked = ipaddress.ip_address("127.0.0.1")  # stands for a public address here
    monkeypatch.setattr(netsafety, "is_public_address", lambda a: a == checked)
    try:
        trap = Server("127.0.0.2", receiver.port)  # stands for the internal network
    except OSError:
        pytest.skip("the receiver's port is taken on 127.0.0.2")
    try:
        resolver = Resolver(
            monkeypatch, {"partner.test": [["127.0.0.1"], ["127.0.0.2"]]}
        )
        WebhookEndpoint.objects.create(
            name="partner", url=f"http://partner.test:{receiver.port}/hooks/hub"
        )
        publish("Pinned delivery")

        result = deliver_once()

        assert result.delivered == 1 and trap.connections == 0
        [request] = receiver.requests
        assert request.headers["host"] == f"partner.test:{receiver.port}"
        assert resolver.lookups["partner.test"] == 1
    finally:
        trap.close()
