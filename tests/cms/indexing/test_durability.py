"""Faults: the engine down, the indexer killed mid-batch, replays and late events."""

from __future__ import annotations

import pytest

from indexing.models import OutboxEntry
from indexing.worker import drain_once, replay_since
from search.errors import BackendUnavailableError
from tests.cms.indexing.conftest import ids_in_index

pytestmark = pytest.mark.django_db


class Unreachable:
    """A backend whose server is gone: every call fails as a real client would."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise BackendUnavailableError("connection refused")

        return fail


class DiesAfterWrite:
    """Delegates to the real backend, then the process dies before rows are marked."""

    def __init__(self, backend):
        self.backend = backend

    def bulk(self, documents):
        self.backend.bulk(documents)
        self.backend.refresh()
        raise SystemExit("killed")

    def __getattr__(self, name):
        return getattr(self.backend, name)


def test_publishing_works_while_the_engine_is_down(search_backend, make_article):
    articles = [
        make_article(f"Offline story {n}", slug=f"offline-{n}") for n in range(3)
    ]
    result = drain_once(Unreachable())
    assert result.retried >= len(articles) and result.errors == ["connection refused"]
    pending = OutboxEntry.objects.filter(
        state=OutboxEntry.State.PENDING, doc_id__in=[f"news:{a.pk}" for a in articles]
    )
    assert pending.count() >= 3
    assert all(
        row.attempts == 1 and row.next_attempt_at > row.created_at for row in pending
    )

    # The engine is back: once the back-off has passed, everything converges.
    OutboxEntry.objects.update(next_attempt_at=pending.first().created_at)
    while drain_once(search_backend).handled:
        pass
    assert ids_in_index(search_backend, *articles) == [True, True, True]
    assert not OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING).exists()


def test_indexer_killed_mid_batch_redoes_the_batch(search_backend, make_article):
    articles = [make_article(f"Batch story {n}", slug=f"batch-{n}") for n in range(5)]
    with pytest.raises(SystemExit):
        drain_once(DiesAfterWrite(search_backend))
    assert OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING).count() >= 5

    while drain_once(search_backend).handled:  # the restarted indexer
        pass
    assert ids_in_index(search_backend, *articles) == [True] * 5
    results = search_backend.get_many([f"news:{a.pk}" for a in articles])
    assert len({doc.id for doc in results}) == 5  # no duplicates


def test_same_event_twice_is_harmless(search_backend, make_article, drain):
    article = make_article("Replayed story")
    drain()
    first = search_backend.get_many([f"news:{article.pk}"])[0]
    replay_since(0)
    drain()
    again = search_backend.get_many([f"news:{article.pk}"])[0]
    assert again == first
    from search.query import SearchQuery

    assert search_backend.search(SearchQuery(text="replayed", locale="en")).total == 1


def test_late_older_event_never_overwrites_newer_content(search_backend, make_article):
    article = make_article("Original title")
    article.title = "Newer title"
    article.save_revision().publish()
    older, newer = OutboxEntry.objects.filter(doc_id=f"news:{article.pk}").order_by(
        "pk"
    )

    from indexing.worker import build_document

    search_backend.bulk([build_document(newer)])
    stale = build_document(older)  # built late, carries the older version
    result = search_backend.bulk([stale])
    assert result.skipped == 1
    assert search_backend.get_many([f"news:{article.pk}"])[0].version == newer.pk


def test_failing_converter_is_kept_and_shown(search_backend, make_article, monkeypatch):
    from indexing import registry
    from news.models import NewsPage

    article = make_article("Broken converter")
    entry = registry.entry_for(NewsPage)

    def broken(obj, version):
        raise ValueError("cannot render body")

    monkeypatch.setitem(
        registry._REGISTRY,
        NewsPage,
        registry.IndexedModel(NewsPage, "news", broken, entry.is_public),
    )
    for _ in range(10):
        OutboxEntry.objects.filter(state="pending").update(
            next_attempt_at=article.first_published_at
        )
        drain_once(search_backend)
    row = OutboxEntry.objects.get(doc_id=f"news:{article.pk}")
    assert row.state == OutboxEntry.State.FAILED
    assert "cannot render body" in row.last_error
