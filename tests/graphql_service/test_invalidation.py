"""A change of the read model drops only the cached answers that read it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from graphql_service.cache import ResponseCache
from graphql_service.common.reads import ANY, RecordingReader
from graphql_service.common.terms import TermsCache
from graphql_service.invalidation import Invalidator
from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery
from search.testing import make_document
from tests.graphql_service.corpus import term

NEWS_DA = frozenset({("news", "da")})
EVENTS = frozenset({("event", ANY)})


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[EmbeddedBackend]:
    instance = EmbeddedBackend(tmp_path / "index")
    instance.bulk([make_document(id="news:1", locale="da", version=1)])
    instance.set_watermark(1)
    yield instance
    instance.close()


class Hub:
    def __init__(self, backend: EmbeddedBackend) -> None:
        self.backend = backend
        self.cache = ResponseCache(1_000_000, 600)
        self.terms = TermsCache(backend)
        self.invalidator = Invalidator(backend, self.cache, self.terms)
        self.version = 1

    def fill(self) -> None:
        for key, reads in (("news-da", NEWS_DA), ("events", EVENTS)):
            self.cache.put(key, b"{}", self.cache.epoch, reads)

    async def write(self, *documents: object, settle: bool = True) -> None:
        for document in documents:
            self.version += 1
            self.backend.index(replace(document, version=self.version))  # type: ignore[type-var]
        if settle:
            self.backend.set_watermark(self.version)
        self.backend.refresh()
        await self.changed()

    async def changed(self) -> None:
        """Tell the invalidator, and wait until it has caught up."""
        self.invalidator.generation_changed("next")
        assert self.cache.get("news-da") is None  # paused meanwhile
        await asyncio.sleep(0)
        while self.invalidator._task is not None and not self.invalidator._task.done():
            await asyncio.sleep(0.01)

    def cached(self) -> set[str]:
        return {key for key in ("news-da", "events") if self.cache.get(key)}


def test_only_answers_that_read_a_changed_type_and_locale_are_dropped(
    backend: EmbeddedBackend,
) -> None:
    hub = Hub(backend)

    async def scenario() -> None:
        await hub.terms.snapshot()
        await hub.invalidator.start()
        hub.fill()
        await hub.write(make_document(id="news:2", locale="sv"))
        assert hub.cached() == {"news-da", "events"}
        await hub.write(make_document(id="event:1", type="event", locale="fi"))
        assert hub.cached() == {"news-da"}
        hub.fill()
        await hub.write(make_document(id="news:3", locale="da"))
        assert hub.cached() == {"events"}

    asyncio.run(scenario())


def test_a_change_held_back_by_the_watermark_is_seen_now_and_again(
    backend: EmbeddedBackend,
) -> None:
    hub = Hub(backend)

    async def scenario() -> None:
        await hub.terms.snapshot()
        await hub.invalidator.start()
        hub.fill()
        # Written but not settled: the row before it is still being retried.
        hub.version += 1
        await hub.write(make_document(id="news:4", locale="da"), settle=False)
        assert hub.cached() == {"events"}
        hub.fill()
        # The retried older row arrives with a version below the newest.
        backend.index(
            make_document(id="event:2", type="event", version=hub.version - 1)
        )
        backend.set_watermark(hub.version)
        backend.refresh()
        await hub.changed()
        assert "events" not in hub.cached()

    asyncio.run(scenario())


def test_a_term_change_or_no_watermark_empties_the_cache(
    backend: EmbeddedBackend,
) -> None:
    hub = Hub(backend)

    async def scenario() -> None:
        await hub.terms.snapshot()
        await hub.invalidator.start()
        hub.fill()
        await hub.write(term("theme", 9, "da", "housing", "Bolig"))
        assert hub.cached() == set()

    asyncio.run(scenario())
    unmanaged = Hub(EmbeddedBackend(backend.path.parent / "unmanaged"))
    unmanaged.backend.bulk([make_document(id="news:1")])

    async def without_watermark() -> None:
        await unmanaged.terms.snapshot()
        await unmanaged.invalidator.start()
        unmanaged.fill()
        await unmanaged.write(make_document(id="news:2", locale="sv"), settle=False)
        assert unmanaged.cached() == set()

    asyncio.run(without_watermark())
    unmanaged.backend.close()


def test_the_reader_notes_what_each_read_depends_on(backend: EmbeddedBackend) -> None:
    reader = RecordingReader(backend)

    async def scenario() -> None:
        await reader.asearch(SearchQuery(types=("news",), locales=("da", "nb")))
        await reader.aget_many(["news:1"])
        assert reader.scope.frozen() == {("news", "da"), ("news", "nb")}
        await reader.asearch(SearchQuery(paths=("/nowhere/",)))
        assert (ANY, ANY) in reader.scope.frozen()

    asyncio.run(scenario())
