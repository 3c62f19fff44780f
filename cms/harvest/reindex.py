"""Queue a source's items for the search indexer when the source itself changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexing.models import OutboxEntry
from indexing.registry import doc_id_for, is_indexed_model

if TYPE_CHECKING:
    from harvest.models import ExternalSource


def reindex_items(source: ExternalSource, reason: str) -> int:
    """One outbox upsert per item; the indexer drops items no longer public.

    Call it in the transaction that changed the source (name, address, active flag),
    so that search shows the change as soon as it is committed.
    """
    from harvest.models import ExternalItem

    if not is_indexed_model(ExternalItem):
        return 0
    rows = [
        OutboxEntry(
            action=OutboxEntry.Action.UPSERT,
            doc_id=doc_id_for(item),
            model_label=ExternalItem._meta.label,
            object_pk=str(item.pk),
            reason=reason,
        )
        for item in source.items.only("pk").iterator()
    ]
    OutboxEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)
