"""Writing webhook events and their deliveries. Call inside the change's transaction.

Only rows are written here: the HTTP requests happen later, in ``run_webhooks``,
so editors never wait for a partner. Whether an item is public is checked now
(nothing is queued for a private page) and again when the event is sent.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from wagtail.models import Page

from indexing.registry import doc_id_for, entry_for
from webhooks.choices import CONTENT_EVENTS, REMOVAL_EVENTS, EventKind
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent


def _model_of(obj: models.Model) -> type[models.Model]:
    if isinstance(obj, Page):
        return obj.specific_class or type(obj)
    return type(obj)


def _locale_of(obj: models.Model) -> str:
    if getattr(obj, "locale_id", None) is None:
        return ""
    return obj.locale.language_code


def last_kind(doc_id: str) -> str | None:
    """The last event recorded for an item, or ``None`` when partners heard nothing."""
    return (
        WebhookEvent.objects.filter(doc_id=doc_id)
        .order_by("-pk")
        .values_list("kind", flat=True)
        .first()
    )


def record(obj: models.Model, kind: EventKind) -> WebhookEvent | None:
    """Write the event and one delivery per active endpoint that wants it."""
    model = _model_of(obj)
    registered = entry_for(model)
    if registered is None:
        return None
    locale = _locale_of(obj)
    event = WebhookEvent.objects.create(
        kind=kind,
        doc_id=doc_id_for(obj),
        doc_type=registered.doc_type,
        locale=locale,
        model_label=model._meta.label,
        object_pk=str(obj.pk),
    )
    endpoints = WebhookEndpoint.objects.filter(is_active=True).order_by("pk")
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event)
        for endpoint in endpoints
        if endpoint.accepts(registered.doc_type, locale)
    )
    return event


def record_state(obj: models.Model, *, changed: bool) -> WebhookEvent | None:
    """Tell partners what they need to know about ``obj`` as it is now.

    A public item partners have not seen is ``published``; one they have seen is
    ``updated`` when it ``changed``; an item that stopped being public (a view
    restriction, withdrawn consent) is ``unpublished`` if partners had it.
    """
    registered = entry_for(_model_of(obj))
    if registered is None:
        return None
    previous = last_kind(doc_id_for(obj))
    announced = previous in CONTENT_EVENTS
    if registered.is_public(obj):
        if not announced:
            return record(obj, EventKind.PUBLISHED)
        return record(obj, EventKind.UPDATED) if changed else None
    return record(obj, EventKind.UNPUBLISHED) if announced else None


def record_removal(
    obj: models.Model, kind: EventKind, *, was_visible: bool = True
) -> WebhookEvent | None:
    """An unpublish or delete: partners get the identity only, never content.

    Nothing is sent when partners already heard of the removal, or when they
    never heard of an item that was not visible anyway (a deleted draft).
    """
    if entry_for(_model_of(obj)) is None:
        return None
    previous = last_kind(doc_id_for(obj))
    if previous == EventKind.DELETED or (
        kind == EventKind.UNPUBLISHED and previous in REMOVAL_EVENTS
    ):
        return None
    if previous is None and not was_visible:
        return None
    return record(obj, kind)


def record_pages(pages: Iterable[Page], *, changed: bool) -> int:
    """``record_state`` for every indexed page of a moved or restricted subtree."""
    count = 0
    for page in pages:
        if page.specific_class is None or entry_for(page.specific_class) is None:
            continue
        if record_state(page, changed=changed) is not None:
            count += 1
    return count
