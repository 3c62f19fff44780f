"""A reader-only embedded backend (``create=False``) never creates the index.

Services that only read (the GraphQL service) must not turn a wrong or empty
``SEARCH_PATH`` into an empty index that looks healthy; the writer (the
indexer, a rebuild) still creates it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from search.backends import get_backend
from search.backends.base import NEVER_BUILT
from search.backends.embedded import POINTER, EmbeddedBackend
from search.errors import BackendUnavailableError
from search.query import SearchQuery
from search.testing import make_document


def test_a_reader_leaves_a_missing_folder_alone(tmp_path: Path) -> None:
    path = tmp_path / "index"
    reader = EmbeddedBackend(path, create=False)
    try:
        assert reader.generation() == NEVER_BUILT
        with pytest.raises(BackendUnavailableError, match="no search index"):
            reader.search(SearchQuery())
        assert not path.exists()
    finally:
        reader.close()


def test_a_reader_leaves_an_empty_folder_empty(tmp_path: Path) -> None:
    reader = get_backend(
        {"BACKEND": "search.backends.embedded", "PATH": str(tmp_path), "CREATE": False}
    )
    try:
        assert reader.generation() == NEVER_BUILT
    finally:
        reader.close()

    assert list(tmp_path.iterdir()) == []


def test_a_writer_creates_it_and_the_reader_follows(tmp_path: Path) -> None:
    path = tmp_path / "index"
    reader = EmbeddedBackend(path, create=False)
    writer = EmbeddedBackend(path)
    try:
        assert (path / POINTER).exists()
        assert writer.generation() == NEVER_BUILT  # created, nothing committed yet
        writer.bulk([make_document(id="news:1", title="Sprogcafé")])
        reader.refresh()

        assert reader.generation() != NEVER_BUILT
        assert [h.document.id for h in reader.search(SearchQuery()).hits] == ["news:1"]
    finally:
        writer.close()
        reader.close()


def test_a_reader_may_still_write_and_then_creates_it(tmp_path: Path) -> None:
    path = tmp_path / "index"
    backend = EmbeddedBackend(path, create=False)
    try:
        backend.bulk([make_document(id="news:2")])

        assert backend.get_many(["news:2"])[0] is not None
    finally:
        backend.close()
