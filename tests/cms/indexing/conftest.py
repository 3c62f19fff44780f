"""A real embedded search index per test, and helpers to run the indexer."""

from __future__ import annotations

import pytest

from news.models import NewsIndexPage, NewsPage


@pytest.fixture
def search_backend(tmp_path, settings):
    from search.backends import get_backend

    settings.SEARCH_PATH = tmp_path / "index"
    backend = get_backend(
        {"BACKEND": "search.backends.embedded", "PATH": str(tmp_path / "index")}
    )
    yield backend
    backend.close()


@pytest.fixture
def drain(search_backend):
    from indexing.worker import drain_once

    def run():
        total = None
        while True:
            result = drain_once(search_backend)
            total = result if total is None else total
            if not result.handled and not result.failed:
                return total
            if result.retried:
                return result

    return run


@pytest.fixture
def news_index(home):
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_article(news_index):
    def make(
        title: str = "Refugees find work through mentoring",
        publish: bool = True,
        parent=None,
        **fields,
    ):
        article = NewsPage(
            title=title,
            slug=fields.pop("slug", None) or title.lower().replace(" ", "-")[:50],
            lead=fields.pop("lead", "Mentors open doors"),
            **fields,
        )
        (parent or news_index).add_child(instance=article)
        revision = article.save_revision()
        if publish:
            revision.publish()
        article.refresh_from_db()
        return article

    return make


def ids_in_index(backend, *pages) -> list[bool]:
    docs = backend.get_many([f"news:{p.pk}" for p in pages])
    return [doc is not None for doc in docs]
