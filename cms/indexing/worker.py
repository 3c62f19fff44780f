"""The indexer: drains the outbox into the search backend, in order and in bulk.

Rows are removed only after the backend accepted their batch, so a worker killed
mid-batch simply redoes that batch. Updates are idempotent and carry the row id as
version, so replays never overwrite newer content. When the backend is down the
batch is retried with exponential back-off; a row that keeps failing on its own
(a converter error) is set aside as failed, shown in the admin, and never dropped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from indexing.metrics import count_batch
from indexing.models import OutboxEntry
from indexing.registry import entry_for
from search.documents import Document
from search.errors import SearchError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_BACKOFF_SECONDS = 300
#: ``doc_id`` of the marker rows :func:`high_water_mark` writes.
MARK_ID = "__mark__"


@dataclass
class DrainResult:
    indexed: int = 0
    removed: int = 0
    failed: int = 0
    retried: int = 0
    superseded: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.indexed + self.removed + self.superseded


def pause_after(
    result: DrainResult,
    *,
    batch_size: int,
    elapsed: float,
    poll: float,
    refresh_interval: float,
) -> float:
    """Seconds to wait before the next batch, ``elapsed`` seconds after the
    last one began: ``poll`` when nothing was due, longer while the backend
    fails; after a batch that caught up (not full), the rest of the refresh
    interval, so that the changes made meanwhile share one commit
    (:data:`search.backends.base.REFRESH_INTERVAL`); none while a backlog
    fills whole batches."""
    if result.retried:
        return min(poll * 8, 2.0)
    if not result.handled and not result.failed:
        return poll
    if result.handled + result.failed >= batch_size:
        return 0.0
    return max(0.0, refresh_interval - elapsed)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, MAX_BACKOFF_SECONDS))


def due_entries(limit: int) -> list[OutboxEntry]:
    now = timezone.now()
    queryset = OutboxEntry.objects.filter(
        state=OutboxEntry.State.PENDING, next_attempt_at__lte=now
    ).order_by("pk")
    return list(queryset[:limit])


def drain_once(backend, batch_size: int = 500) -> DrainResult:
    """Process one batch of due rows, then record the watermark."""
    started = time.perf_counter()
    result = _drain(backend, batch_size)
    if result.handled or result.failed or result.retried:
        count_batch(result, time.perf_counter() - started)
    record_watermark(backend)
    return result


def settled_version() -> int | None:
    """The newest version below which every row has reached the index (or
    failed for good): the newest row, or just before the oldest pending one.
    ``None`` while the outbox is empty."""
    found = OutboxEntry.objects.aggregate(
        newest=Max("pk"), pending=Min("pk", filter=Q(state=OutboxEntry.State.PENDING))
    )
    if found["newest"] is None:
        return None
    if found["pending"] is None:
        return found["newest"]
    return min(found["newest"], found["pending"] - 1)


def record_watermark(backend) -> None:
    """Tell the read model how far change sync may serve (see search.changes)."""
    version = settled_version()
    if version is None:
        return
    try:
        backend.set_watermark(version)
    except SearchError as exc:
        logger.warning("Watermark not recorded, retrying later: %s", exc)


def newest_mark() -> int:
    """The newest marker row (0 before any): it moves when a rebuild starts
    and again when it has switched to the new index."""
    return (
        OutboxEntry.objects.filter(doc_id=MARK_ID).aggregate(newest=Max("pk"))["newest"]
        or 0
    )


class _RebuildRaced(Exception):
    """A rebuild switched indices while the batch was being written."""


def _drain(backend, batch_size: int) -> DrainResult:
    result = DrainResult()
    entries = due_entries(batch_size)
    if not entries:
        return result
    # A batch written to the old index just before a rebuild switches to the
    # new one is lost with the old index; the rebuild replays only rows that
    # were done when it finished. Such a batch sees a newer marker below and
    # stays pending, so it is written again.
    mark = newest_mark()

    # Only the newest row per document matters: older ones are superseded.
    latest: dict[str, OutboxEntry] = {}
    for entry in entries:
        latest[entry.doc_id] = entry
    superseded = [e.pk for e in entries if latest[e.doc_id].pk != e.pk]

    documents: list[Document] = []
    removals: list[tuple[str, int]] = []
    broken: list[tuple[OutboxEntry, str]] = []
    for entry in latest.values():
        try:
            document = build_document(entry)
        except Exception as exc:
            logger.exception("Cannot build the document for %s", entry)
            broken.append((entry, f"{type(exc).__name__}: {exc}"))
            continue
        if document is None:
            removals.append((entry.doc_id, entry.pk))
        else:
            documents.append(document)

    good = [e for e in latest.values() if e not in {b for b, _ in broken}]
    try:
        if documents:
            backend.bulk(documents)
        if removals:
            backend.delete(removals)
        backend.refresh()
    except SearchError as exc:
        logger.warning("Search backend unavailable, retrying later: %s", exc)
        _retry(good, str(exc))
        result.retried = len(good)
        result.errors.append(str(exc))
        return result

    try:
        with transaction.atomic():
            OutboxEntry.objects.filter(pk__in=[e.pk for e in good] + superseded).update(
                state=OutboxEntry.State.DONE, processed_at=timezone.now(), last_error=""
            )
            for entry, message in broken:
                _fail_once(entry, message)
            # Checked after the update, in the same transaction: a rebuild
            # that marks later either sees these rows done (and replays them)
            # or is seen here.
            if newest_mark() != mark:
                raise _RebuildRaced
    except _RebuildRaced:
        logger.info("A rebuild switched indices during the batch; writing it again")
        result.retried = len(good)
        result.errors.append("a rebuild switched indices during the batch")
        return result
    result.indexed = len(documents)
    result.removed = len(removals)
    result.superseded = len(superseded)
    result.failed = sum(1 for e, _ in broken if e.state == OutboxEntry.State.FAILED)
    return result


def replay_since(version: int) -> int:
    """Mark every row newer than ``version`` pending again (after a rebuild).

    Marker rows stay done: they index nothing (and would fail if replayed).
    """
    return (
        OutboxEntry.objects.filter(pk__gt=version, state=OutboxEntry.State.DONE)
        .exclude(doc_id=MARK_ID)
        .update(state=OutboxEntry.State.PENDING, next_attempt_at=timezone.now())
    )


def requeue_failed(pks: Iterable[int] | None = None) -> int:
    """Queue failed rows (the rows ``pks`` only, when given) again as new rows
    (newer versions), so what they index lands after every partner's
    change-sync cursor; the old rows are closed. Rows that are no longer
    failed (someone retried them already) are skipped."""
    with transaction.atomic():
        queryset = OutboxEntry.objects.select_for_update().filter(
            state=OutboxEntry.State.FAILED
        )
        if pks is not None:
            queryset = queryset.filter(pk__in=list(pks))
        failed = list(queryset.order_by("pk"))
        if not failed:
            return 0
        OutboxEntry.objects.bulk_create(
            OutboxEntry(
                action=entry.action,
                doc_id=entry.doc_id,
                model_label=entry.model_label,
                object_pk=entry.object_pk,
                reason="retry",
            )
            for entry in failed
        )
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in failed]).update(
            state=OutboxEntry.State.DONE, processed_at=timezone.now()
        )
    return len(failed)


def purge_done(older_than: timedelta) -> int:
    """Delete processed rows older than ``older_than``; the newest row stays, so
    the watermark (see :func:`settled_version`) never goes back."""
    cutoff = timezone.now() - older_than
    newest = OutboxEntry.objects.aggregate(newest=Max("pk"))["newest"]
    deleted, _ = (
        OutboxEntry.objects.filter(
            state=OutboxEntry.State.DONE, processed_at__lt=cutoff
        )
        .exclude(pk=newest)
        .delete()
    )
    return deleted


def high_water_mark() -> int:
    """A version newer than every row written so far (ids are never reused)."""
    marker = OutboxEntry.objects.create(
        action=OutboxEntry.Action.UPSERT,
        doc_id=MARK_ID,
        model_label="",
        object_pk="",
        state=OutboxEntry.State.DONE,
        processed_at=timezone.now(),
        reason="mark",
    )
    return marker.pk


def build_document(entry: OutboxEntry) -> Document | None:
    """The document for an upsert row; ``None`` when the item must leave the index."""
    if entry.action == OutboxEntry.Action.DELETE:
        return None
    model = apps.get_model(entry.model_label)
    registered = entry_for(model)
    if registered is None:
        return None
    obj = model._default_manager.filter(pk=entry.object_pk).first()
    if obj is None or not registered.is_public(obj):
        return None
    return registered.to_document(obj, entry.pk)


def _retry(entries: list[OutboxEntry], message: str) -> None:
    now = timezone.now()
    for entry in entries:
        entry.attempts += 1
        entry.last_error = message[:2000]
        entry.next_attempt_at = now + backoff(entry.attempts)
        entry.save(update_fields=["attempts", "last_error", "next_attempt_at"])


def _fail_once(entry: OutboxEntry, message: str) -> None:
    entry.attempts += 1
    entry.last_error = message[:2000]
    entry.next_attempt_at = timezone.now() + backoff(entry.attempts)
    if entry.attempts >= MAX_ATTEMPTS:
        entry.state = OutboxEntry.State.FAILED
    entry.save(update_fields=["attempts", "last_error", "next_attempt_at", "state"])
