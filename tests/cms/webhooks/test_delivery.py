"""What partners receive on publish, update, unpublish and delete; the signature."""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid

import pytest
from wagtail.models import Page

from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEvent
from webhooks.signing import verify_signature

pytestmark = pytest.mark.django_db


def test_publish_sends_signed_payload_with_public_fields(
    endpoint, receiver, publish, run
):
    article = publish("Language cafés in Malmö", lead="Volunteers meet newcomers.")
    assert receiver.requests == []  # nothing is sent while the editor publishes

    result = run()

    assert result.delivered == 1
    (request,) = receiver.requests
    payload = request.json()
    event = WebhookEvent.objects.get(doc_id=f"news:{article.pk}")
    assert payload["event"] == "published"
    assert payload["id"] == f"news:{article.pk}"
    assert payload["type"] == "news"
    assert payload["locale"] == "en"
    assert payload["title"] == "Language cafés in Malmö"
    assert payload["url"] == article.get_full_url()
    assert payload["version"] == event.pk
    assert payload["occurred_at"].startswith(str(event.occurred_at.date()))
    document = payload["document"]
    assert document["id"] == f"news:{article.pk}"
    assert document["lead"] == "Volunteers meet newcomers."
    assert document["version"] == event.pk

    headers = request.headers
    assert headers["x-hub-event"] == "published"
    assert headers["content-type"] == "application/json"
    delivery = WebhookDelivery.objects.get(event=event)
    assert headers["x-hub-delivery"] == str(delivery.uid)
    assert uuid.UUID(headers["x-hub-delivery"])
    assert abs(int(headers["x-hub-timestamp"]) - time.time()) < 60
    assert verify_signature(
        endpoint.secret,
        headers["x-hub-timestamp"],
        request.body,
        headers["x-hub-signature"],
    )
    # Independently of our helper: HMAC-SHA256(secret, "<timestamp>.<body>").
    mac = hmac.new(
        endpoint.secret.encode(),
        headers["x-hub-timestamp"].encode() + b"." + request.body,
        hashlib.sha256,
    )
    assert hmac.compare_digest(headers["x-hub-signature"], "sha256=" + mac.hexdigest())
    assert endpoint.secret not in request.body.decode()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 1
    assert delivery.response_code == 200
    assert delivery.response_body == "ok"


def test_republish_is_an_update_with_a_newer_version(endpoint, receiver, publish, run):
    article = publish("Mentoring in Tampere")
    article.lead = "Now in twelve towns."
    article.save_revision().publish()
    run()

    first, second = (r.json() for r in receiver.requests)
    assert (first["event"], second["event"]) == ("published", "updated")
    assert second["version"] > first["version"]
    assert second["document"]["lead"] == "Now in twelve towns."


def test_unpublish_sends_identity_without_content(endpoint, receiver, publish, run):
    article = publish("Housing advice for families", lead="Private lead text")
    run()
    article.unpublish()
    run()

    payload = receiver.requests[-1].json()
    assert payload["event"] == "unpublished"
    assert payload["id"] == f"news:{article.pk}"
    assert payload["locale"] == "en"
    assert payload["title"] is None and payload["url"] is None
    assert "document" not in payload
    assert b"Housing advice" not in receiver.requests[-1].body
    assert receiver.requests[-1].headers["x-hub-event"] == "unpublished"


def test_delete_sends_a_deletion(endpoint, receiver, publish, run):
    article = publish("Job fair in Reykjavík")
    doc_id = f"news:{article.pk}"
    Page.objects.get(pk=article.pk).delete()
    run()

    assert receiver.events()[-1] == ("deleted", doc_id)
    assert "document" not in receiver.requests[-1].json()


def test_deleting_a_draft_tells_nobody(endpoint, receiver, news_index, run):
    from news.models import NewsPage

    draft = NewsPage(title="Draft only", slug="draft-only", live=False)
    news_index.add_child(instance=draft)
    draft.delete()
    run()
    assert receiver.events() == []
    assert not WebhookEvent.objects.filter(doc_id=f"news:{draft.pk}").exists()


def test_every_partner_gets_its_own_delivery_id(endpoint, receiver, publish, run):
    from webhooks.models import WebhookEndpoint

    WebhookEndpoint.objects.create(name="nordregio.org", url=receiver.url + "?b")
    publish("Two partners")
    run()

    ids = {r.delivery_id for r in receiver.requests}
    bodies = {r.body for r in receiver.requests}
    assert len(receiver.requests) == 2 and len(ids) == 2
    assert len(bodies) == 1  # the same event body, built once


def test_renaming_a_section_updates_the_urls_below_it(
    endpoint, receiver, news_index, publish, run, django_capture_on_commit_callbacks
):
    article = publish("Address changes")
    run()
    news_index.slug = "stories"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail waits for it
        news_index.save_revision().publish()
    run()

    payload = receiver.requests[-1].json()
    assert (payload["event"], payload["id"]) == ("updated", f"news:{article.pk}")
    assert payload["url"] == "http://testserver/en/stories/address-changes/"
