"""Admin screens: endpoints, the delivery log, resume, replay and the pause notice."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from tests.cms.webhooks.conftest import Answer, make_due
from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.worker import deliver_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, db):
    """A member of a 'Partner integrations' group that manages webhooks."""
    group = Group.objects.create(name="Partner integrations")
    codenames = [
        "access_admin",
        "add_webhookendpoint",
        "change_webhookendpoint",
        "delete_webhookendpoint",
        "view_webhookendpoint",
        "view_webhookdelivery",
    ]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    user = User.objects.create_user("integrations", "i@example.org", "pw-staff-1")
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.fixture
def failing_endpoint(endpoint, receiver, publish, settings):
    """An endpoint paused after failures, with one failed and one pending delivery."""
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 2
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    receiver.default = Answer(500, body=b"Internal error at partner")
    publish("First story")
    publish("Second story")
    deliver_once()  # the first story gives up at once
    settings.WEBHOOK_MAX_ATTEMPTS = 15
    make_due()
    deliver_once()  # the second keeps waiting, and the endpoint is paused
    endpoint.refresh_from_db()
    assert endpoint.is_paused
    return endpoint


def test_endpoint_list_shows_status(staff_client, failing_endpoint):
    response = staff_client.get(reverse("webhook_endpoints:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "norden.org" in html and "Paused: failing" in html
    assert failing_endpoint.secret not in html


def test_staff_add_an_endpoint_with_a_generated_secret(staff_client, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["partner.test"]
    form = staff_client.get(reverse("webhook_endpoints:add"))
    assert form.status_code == 200
    assert 'name="content_types"' in form.content.decode()
    response = staff_client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "nordicwelfare.org",
            "url": "https://partner.test/hooks/hub",
            "content_types": ["news", "event"],
            "locales": ["sv", "fi"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    endpoint = WebhookEndpoint.objects.get(name="nordicwelfare.org")
    assert endpoint.content_types == ["news", "event"]
    assert endpoint.locales == ["sv", "fi"]
    assert len(endpoint.secret) >= 40

    page = staff_client.get(reverse("webhook_endpoints:inspect", args=[endpoint.pk]))
    assert endpoint.secret in page.content.decode()  # shown to staff


def test_internal_address_is_refused_in_the_form(staff_client, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    response = staff_client.post(
        reverse("webhook_endpoints:add"),
        {"name": "sneaky", "url": "http://169.254.169.254/", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "internal address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_regenerating_the_secret(staff_client, endpoint):
    old = endpoint.secret
    response = staff_client.post(
        reverse("webhook_endpoints:edit", args=[endpoint.pk]),
        {
            "name": endpoint.name,
            "url": endpoint.url,
            "secret": "chosen-by-attacker",
            "regenerate_secret": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret not in (old, "chosen-by-attacker")


def test_endpoint_page_and_delivery_log(staff_client, failing_endpoint):
    page = staff_client.get(
        reverse("webhook_endpoints:inspect", args=[failing_endpoint.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Resume sending" in html and "Replay 1 failed delivery" in html
    assert "2 failed attempts in a row" in html

    log = staff_client.get(
        reverse("webhook_deliveries:index"), {"endpoint": failing_endpoint.pk}
    )
    assert log.status_code == 200
    html = log.content.decode()
    assert "Failed" in html and "Pending" in html and "500" in html
    assert "Add webhook delivery" not in html  # the log is read only

    delivery = WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED).get()
    detail = staff_client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Internal error at partner" in html  # the partner's answer
    assert str(delivery.uid) in html
    assert "First story" in html  # the body that was sent


def test_resume_and_replay_from_the_admin(
    staff_client, failing_endpoint, receiver, run
):
    receiver.default = Answer(200)
    resume_url = reverse("webhook_endpoints:resume", args=[failing_endpoint.pk])
    assert staff_client.get(resume_url).status_code == 405  # POST only
    response = staff_client.post(resume_url)
    assert response.status_code == 302
    failing_endpoint.refresh_from_db()
    assert not failing_endpoint.is_paused
    run()
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED).count() == 1

    replay_failed = reverse(
        "webhook_endpoints:replay_failed", args=[failing_endpoint.pk]
    )
    assert staff_client.post(replay_failed).status_code == 302
    run()
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }

    delivery = WebhookDelivery.objects.order_by("pk").first()
    replay = reverse("webhook_deliveries:replay", args=[delivery.pk])
    follow = staff_client.post(replay, follow=True)
    assert "queued again" in follow.content.decode()
    run()
    assert receiver.requests[-1].delivery_id == str(delivery.uid)


def test_dashboard_tells_staff_about_paused_partners(staff_client, failing_endpoint):
    response = staff_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Webhooks paused" in html and "norden.org" in html


def test_editors_without_permission_cannot_manage(editor_client, failing_endpoint):
    assert editor_client.get(reverse("webhook_endpoints:index")).status_code in (
        302,
        403,
    )
    resume = reverse("webhook_endpoints:resume", args=[failing_endpoint.pk])
    assert editor_client.post(resume).status_code in (302, 403)
    failing_endpoint.refresh_from_db()
    assert failing_endpoint.is_paused
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Webhooks paused" not in home
