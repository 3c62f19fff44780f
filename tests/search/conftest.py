"""Fixtures of the search tests (plain Python: no Django, no database)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from search.backends.embedded import EmbeddedBackend
from search.documents import Document
from tests.engine.fixtures import engine_node  # noqa: F401 (a fixture)
from tests.search.corpus import corpus

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def documents() -> list[Document]:
    """The hand-written multilingual corpus (fresh objects per test)."""
    return corpus()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedBackend]:
    """An empty embedded backend in a temporary folder."""
    backend = EmbeddedBackend(tmp_path / "index", writer_heap_size=50_000_000)
    yield backend
    backend.close()
