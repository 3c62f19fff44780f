"""Writing outbox rows. Call these inside the transaction that made the change."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from wagtail.models import Page

from indexing.models import OutboxEntry
from indexing.registry import doc_id_for, is_indexed_model


def enqueue(
    obj: models.Model, reason: str, *, delete: bool = False
) -> OutboxEntry | None:
    """Record that ``obj`` changed; the indexer decides later what the index shows.

    An upsert for an object that is not public at drain time becomes a removal, so
    handlers need not know every rule of what is public.
    """
    if not is_indexed_model(type(obj)):
        return None
    return OutboxEntry.objects.create(
        action=OutboxEntry.Action.DELETE if delete else OutboxEntry.Action.UPSERT,
        doc_id=doc_id_for(obj),
        model_label=obj._meta.label,
        object_pk=str(obj.pk),
        reason=reason,
    )


def enqueue_pages(pages: Iterable[Page], reason: str) -> int:
    """Enqueue upserts for many pages (a moved or restricted subtree)."""
    rows = [
        OutboxEntry(
            action=OutboxEntry.Action.UPSERT,
            doc_id=doc_id_for(page),
            model_label=page.specific_class._meta.label,
            object_pk=str(page.pk),
            reason=reason,
        )
        for page in pages
        if page.specific_class is not None and is_indexed_model(page.specific_class)
    ]
    OutboxEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)
