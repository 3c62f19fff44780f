"""Rebuild the whole search index beside the live one, then switch to it."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.management.base import BaseCommand
from tqdm import tqdm
from wagtail.models import Page

from indexing.backend import get_search_backend
from indexing.registry import indexed_models
from indexing.worker import high_water_mark, record_watermark, replay_since
from search.documents import Document


def public_documents(version: int, progress: tqdm) -> Iterator[Document]:
    for registered in indexed_models():
        queryset = registered.model._default_manager.all()
        if issubclass(registered.model, Page):
            queryset = queryset.live().select_related("locale")
        for obj in queryset.iterator(chunk_size=500):
            progress.update(1)
            if registered.is_public(obj):
                yield registered.to_document(obj, version)


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the CMS without downtime: build a new index, "
        "switch to it atomically, then replay changes made meanwhile."
    )

    def handle(self, *args, **options):
        backend = get_search_backend()
        version = high_water_mark()
        total = sum(r.model._default_manager.count() for r in indexed_models())
        progress = tqdm(total=total, desc="indexing", unit="item", file=self.stderr)
        try:
            backend.reindex(public_documents(version, progress))
            progress.close()
            # A new marker first: an indexer batch still on its way to the old
            # index sees it and is written again (see indexing.worker).
            high_water_mark()
            replayed = replay_since(version)
            record_watermark(backend)
        finally:
            progress.close()
            backend.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt; {replayed} later changes queued."
            )
        )
