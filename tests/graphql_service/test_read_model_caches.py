"""The embedded read model's parsed-document and highlight caches never go stale."""

from __future__ import annotations

from pathlib import Path

from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery
from search.testing import make_document


def test_an_updated_document_is_served_fresh(tmp_path: Path) -> None:
    backend = EmbeddedBackend(tmp_path / "index")
    query = SearchQuery(text="refugees", locale="en", highlight=True)
    try:
        backend.index(make_document(id="news:1", title="Refugees at work"))
        backend.refresh()
        first = backend.search(query).hits[0]
        again = backend.search(query).hits[0]

        backend.index(make_document(id="news:1", title="Refugees in school", version=2))
        backend.refresh()
        updated = backend.search(query).hits[0]

        assert again.document == first.document
        assert again.highlights == first.highlights
        assert first.highlights["title"] == "<mark>Refugees</mark> at work"
        assert updated.document.title == "Refugees in school"
        assert updated.highlights["title"] == "<mark>Refugees</mark> in school"
    finally:
        backend.close()
