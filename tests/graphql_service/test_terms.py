"""The worker's taxonomy and glossary follow typed change sync, never a scan."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graphql_service.common.terms import TermsCache
from search.backends.embedded import EmbeddedBackend
from search.testing import generate_documents, make_document
from tests.graphql_service.corpus import term


class Counting(EmbeddedBackend):
    """Counts the documents change sync hands out."""

    handed_out = 0

    def changes(self, *args: Any, **kwargs: Any) -> Any:
        page = super().changes(*args, **kwargs)
        self.handed_out += len(page.changes)
        return page


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Counting]:
    instance = Counting(tmp_path / "index")
    yield instance
    instance.close()


def test_terms_are_read_once_then_only_their_changes(backend: Counting) -> None:
    news = list(generate_documents(300, seed=3))
    backend.bulk([*news, term("theme", 1, "da", "housing", "Bolig")])
    rows: list[tuple[Mapping[str, Any], ...]] = []
    cache = TermsCache(backend, on_glossary=rows.append)

    async def scenario() -> None:
        snapshot = await cache.snapshot()
        assert snapshot.term("theme", "housing", ("da",)).name == "Bolig"
        assert backend.handed_out == 1  # the term, none of the 300 news items
        assert rows == [()]

        backend.index(make_document(id="news:new", version=10))
        backend.refresh()
        assert await cache.refresh() is False
        assert backend.handed_out == 1

        backend.bulk(
            [
                replace(term("theme", 1, "da", "housing", "Boliger"), version=11),
                replace(term("theme", 2, "en", "housing", "Housing"), version=11),
            ]
        )
        glossary = make_document(
            id="glossary:1",
            type="glossary",
            version=12,
            payload={"row": {"concept_id": "c", "da": "a", "en": "b"}},
        )
        backend.index(glossary)
        backend.refresh()
        assert await cache.refresh() is True
        snapshot = await cache.snapshot()
        assert snapshot.term("theme", "housing", ("da",)).name == "Boliger"
        assert snapshot.term("theme", "housing", ("sv", "en")).name == "Housing"
        assert rows[-1] == ({"concept_id": "c", "da": "a", "en": "b"},)

        backend.delete({"theme:1": 13, "theme:2": 13, "glossary:1": 13})
        backend.refresh()
        assert await cache.refresh() is True
        snapshot = await cache.snapshot()
        assert not snapshot.has("theme", "housing")
        assert rows[-1] == ()
        assert backend.handed_out == 7

    asyncio.run(scenario())


def test_terms_beyond_the_watermark_are_named_at_once(backend: Counting) -> None:
    backend.bulk([replace(term("theme", 1, "da", "housing", "Bolig"), version=5)])
    backend.set_watermark(3)  # the row at version 4 is still being retried
    cache = TermsCache(backend)

    async def scenario() -> None:
        snapshot = await cache.snapshot()
        assert snapshot.term("theme", "housing", ("da",)).name == "Bolig"
        assert await cache.refresh() is False  # read again: nothing new

        # The retried row arrives with its older version, then settles.
        backend.index(replace(term("theme", 2, "sv", "housing", "Bostad"), version=4))
        backend.set_watermark(5)
        backend.refresh()
        assert await cache.refresh() is True
        snapshot = await cache.snapshot()
        assert snapshot.term("theme", "housing", ("sv",)).name == "Bostad"

    asyncio.run(scenario())
