"""Change sync from the CMS: what partners mirror follows publishing, in order."""

from __future__ import annotations

import io
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from indexing.backend import get_search_backend
from indexing.models import OutboxEntry
from indexing.worker import requeue_failed, settled_version

pytestmark = pytest.mark.django_db


def mirror(backend, cursor: str | None = None) -> tuple[list[tuple[str, bool]], str]:
    """What a partner receives after ``cursor``: ``(id, deleted)`` pairs."""
    seen: list[tuple[str, bool]] = []
    while True:
        page = backend.changes(cursor, 3)
        seen.extend((change.id, change.deleted) for change in page.changes)
        cursor = page.cursor
        if not page.has_more:
            return seen, cursor


def test_publish_edit_unpublish_and_restrict_reach_partners_in_order(
    search_backend, drain, make_article, news_index
):
    drain()
    _, cursor = mirror(search_backend)
    first = make_article("Language cafés open in Malmö", slug="cafes")
    second = make_article("Mentors for newcomers in Tampere", slug="mentors")
    drain()
    seen, cursor = mirror(search_backend, cursor)
    assert seen == [(f"news:{first.pk}", False), (f"news:{second.pk}", False)]

    first.title = "Language cafés open in Malmö and Lund"
    first.save_revision().publish()
    second.unpublish()
    drain()
    seen, cursor = mirror(search_backend, cursor)
    assert seen == [(f"news:{first.pk}", False), (f"news:{second.pk}", True)]
    [edited] = search_backend.changes(None, 100).changes[-2:-1]
    assert edited.document.title.endswith("and Lund")

    PageViewRestriction.objects.create(
        page=first, restriction_type=PageViewRestriction.LOGIN
    )
    drain()
    seen, _ = mirror(search_backend, cursor)
    assert seen == [(f"news:{first.pk}", True)]


def test_a_change_in_back_off_holds_back_later_ones_until_it_lands(
    search_backend, drain, make_article
):
    drain()
    _, cursor = mirror(search_backend)
    early = make_article("Early story", slug="early")
    late = make_article("Late story", slug="late")
    # The early row waits in back-off (its first attempt failed).
    early_rows = OutboxEntry.objects.filter(doc_id=f"news:{early.pk}", state="pending")
    early_rows.update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    drain()
    assert search_backend.get_many([f"news:{late.pk}"])[0] is not None
    seen, held_cursor = mirror(search_backend, cursor)
    assert seen == []  # the late change waits for the early one
    assert settled_version() == min(row.pk for row in early_rows) - 1

    early_rows.update(next_attempt_at=timezone.now())
    drain()
    seen, _ = mirror(search_backend, held_cursor)
    assert seen == [(f"news:{early.pk}", False), (f"news:{late.pk}", False)]


def test_a_failed_row_retried_later_still_reaches_partners(
    search_backend, drain, make_article
):
    drain()
    story = make_article("Story that failed to index", slug="failed")
    OutboxEntry.objects.filter(state="pending").update(state="failed")
    newer = make_article("Story indexed meanwhile", slug="meanwhile")
    drain()
    seen, cursor = mirror(search_backend)
    assert (f"news:{newer.pk}", False) in seen
    assert (f"news:{story.pk}", False) not in seen

    assert requeue_failed() >= 1
    drain()
    seen, _ = mirror(search_backend, cursor)
    assert seen == [(f"news:{story.pk}", False)]


def test_rebuild_reports_pages_that_vanished_without_an_outbox_row(
    search_backend, drain, make_article
):
    kept = make_article("Kept story", slug="kept")
    vanished = make_article("Vanished story", slug="vanished")
    drain()
    _, cursor = mirror(search_backend)
    # Deleted behind the CMS's back (no signal, no outbox row).
    type(vanished).objects.filter(pk=vanished.pk).update(live=False)
    search_backend.close()
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    reader = get_search_backend()
    try:
        seen, _ = mirror(reader, cursor)
    finally:
        reader.close()
    assert (f"news:{vanished.pk}", True) in seen
    assert (f"news:{kept.pk}", False) in seen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outbox_ids_commit_in_the_order_they_are_drawn():
    """On PostgreSQL a second writer waits for the first to commit before it
    draws an id, so no id becomes visible after a larger one."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writing transactions by itself")
    first_has_id = threading.Event()
    committed: list[int] = []

    def row(doc_id: str) -> OutboxEntry:
        return OutboxEntry.objects.create(
            action="upsert", doc_id=doc_id, model_label="x", object_pk="1"
        )

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                entry = row("news:slow")
                first_has_id.set()
                time.sleep(0.5)
            committed.append(entry.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert first_has_id.wait(10)
    started = time.monotonic()
    fast = row("news:fast")
    waited = time.monotonic() - started
    committed.append(fast.pk)
    thread.join(10)
    slow = OutboxEntry.objects.get(doc_id="news:slow")
    assert slow.pk < fast.pk
    assert committed == [slow.pk, fast.pk]
    assert waited > 0.3  # it waited for the slow transaction's commit
