"""An indexer batch that a rebuild overtakes is written again.

A rebuild switches the alias to its new index and then replays the outbox rows
that were done since it started. A batch the indexer sent just before the
switch went to the old index, which the rebuild drops; if the indexer marks
that batch done only after the replay, nothing would ever write it again.
"""

from __future__ import annotations

import pytest

from indexing.models import OutboxEntry
from indexing.worker import MARK_ID, drain_once, high_water_mark, replay_since

pytestmark = pytest.mark.django_db


class OvertakenBackend:
    """Wraps a backend: during the first bulk, a rebuild finishes."""

    def __init__(self, backend, started: int) -> None:
        self.backend = backend
        self.started = started
        self.overtaken = False

    def bulk(self, documents):
        written = self.backend.bulk(documents)
        if not self.overtaken:
            self.overtaken = True
            high_water_mark()  # what rebuild_search_index does after the switch
            replay_since(self.started)
        return written

    def __getattr__(self, name):
        return getattr(self.backend, name)


def test_a_batch_sent_before_the_switch_stays_pending_and_is_written_again(
    search_backend, make_article
):
    started = high_water_mark()
    article = make_article("Mentors in Malmö")
    backend = OvertakenBackend(search_backend, started)

    first = drain_once(backend)

    assert first.retried and not first.indexed
    row = OutboxEntry.objects.filter(doc_id=f"news:{article.pk}").latest("pk")
    assert row.state == OutboxEntry.State.PENDING
    assert row.attempts == 0  # not the backend's fault: no back-off

    second = drain_once(backend)

    assert not second.retried and second.indexed == first.retried
    row.refresh_from_db()
    assert row.state == OutboxEntry.State.DONE
    [document] = search_backend.get_many([f"news:{article.pk}"])
    assert document is not None and document.title == "Mentors in Malmö"


def test_a_rebuild_replays_changes_but_not_its_own_markers(
    search_backend, make_article
):
    started = high_water_mark()
    article = make_article("Language cafés in Bergen")
    drain_once(search_backend)
    high_water_mark()  # the rebuild's second marker, after the switch

    replayed = replay_since(started)

    pending = OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING)
    assert replayed == pending.count() >= 1
    assert f"news:{article.pk}" in set(pending.values_list("doc_id", flat=True))
    assert not pending.filter(doc_id=MARK_ID).exists()
    drain_once(search_backend)
    assert not OutboxEntry.objects.filter(state=OutboxEntry.State.FAILED).exists()
    assert not OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING).exists()
