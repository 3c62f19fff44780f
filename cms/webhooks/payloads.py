"""The JSON body partners receive, built from the search document converters.

Content goes out only for ``published`` and ``updated`` events, and only while
the item is public (the same rule as the search read model). Removals carry the
item's identity and nothing else.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.apps import apps
from django.db import models
from django.utils import timezone

from indexing.registry import IndexedModel, entry_for
from webhooks.choices import CONTENT_EVENTS
from webhooks.models import WebhookEvent


def public_item(event: WebhookEvent) -> tuple[models.Model, IndexedModel] | None:
    """The item behind the event (and its converter) if the public may see it now."""
    try:
        model = apps.get_model(event.model_label)
    except LookupError:
        return None
    registered = entry_for(model)
    if registered is None:
        return None
    obj = model._default_manager.filter(pk=event.object_pk).first()
    if obj is None or not registered.is_public(obj):
        return None
    return obj, registered


def build_payload(event: WebhookEvent) -> dict[str, Any] | None:
    """The event as JSON-able data; ``None`` when its content is no longer public."""
    payload: dict[str, Any] = {
        "event": event.kind,
        "id": event.doc_id,
        "type": event.doc_type,
        "locale": event.locale,
        "url": None,
        "title": None,
        "occurred_at": event.occurred_at.isoformat(),
        "version": event.pk,
    }
    if event.kind not in CONTENT_EVENTS:
        return payload
    item = public_item(event)
    if item is None:
        return None
    obj, registered = item
    document = registered.to_document(obj, event.pk)
    payload["url"] = document.payload.get("url") or None
    payload["title"] = document.title
    payload["document"] = document.to_dict()
    return payload


def event_body(event: WebhookEvent) -> bytes | None:
    """The frozen body of the event, built on first use; ``None`` if withdrawn.

    Building is a conditional update, so two workers racing on one event agree
    on a single body.
    """
    if event.built_at is None:
        payload = build_payload(event)
        body = "" if payload is None else orjson.dumps(payload).decode("utf-8")
        WebhookEvent.objects.filter(pk=event.pk, built_at__isnull=True).update(
            body=body, withdrawn=payload is None, built_at=timezone.now()
        )
        event.refresh_from_db(fields=["body", "withdrawn", "built_at"])
    if event.withdrawn:
        return None
    return event.body.encode("utf-8")
