"""From the editor's publish button to a partner's GraphQL answer, through real servers.

The CMS writes the outbox, the indexer drains it into the embedded index, and a
GraphQL service started here as a real uvicorn process answers from that index
only: publishes appear, unpublished and private pages disappear, and the response
cache never serves what the read model no longer holds.
"""

from __future__ import annotations

import time

import httpx
import pytest
from wagtail.models import PageViewRestriction

from indexing.worker import drain_once
from news.models import NewsIndexPage, NewsPage
from tests.graphql_service.conftest import launch

pytestmark = pytest.mark.django_db

NEWS = """
query Feed($locale: LocaleCode!) {
  newsArticles(locale: $locale, first: 20) {
    totalCount
    edges { node { title locale } }
  }
}
"""


@pytest.fixture
def service(settings, tmp_path):
    from search.backends import get_backend

    index = tmp_path / "index"
    settings.SEARCH_PATH = index
    writer = get_backend({"BACKEND": "search.backends.embedded", "PATH": str(index)})
    writer.reindex([])  # build the (empty) read model before the service opens it
    # An empty read model is not ready (/readyz): wait for the process only.
    server = launch(index, tmp_path, ready=False)
    yield writer, server
    server.stop()
    writer.close()


def titles(server, locale: str = "en") -> list[str]:
    response = httpx.post(
        f"{server.base}/graphql",
        json={"query": NEWS, "variables": {"locale": locale}},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return [edge["node"]["title"] for edge in body["data"]["newsArticles"]["edges"]]


def eventually(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "the service did not catch up"
        time.sleep(0.1)


def test_publish_unpublish_and_privacy_reach_partners(service, home):
    writer, server = service
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    article = NewsPage(title="Nordic mentors for newcomers", slug="mentors")
    index.add_child(instance=article)
    draft = NewsPage(title="Unpublished draft", slug="draft", live=False)
    index.add_child(instance=draft)
    article.save_revision().publish()
    drain_once(writer)

    eventually(lambda: titles(server) == ["Nordic mentors for newcomers"])
    assert titles(server) == ["Nordic mentors for newcomers"]  # now from the cache

    PageViewRestriction.objects.create(
        page=article, restriction_type="password", password="secret"
    )
    drain_once(writer)
    eventually(lambda: titles(server) == [])

    PageViewRestriction.objects.all().delete()
    drain_once(writer)
    eventually(lambda: titles(server) == ["Nordic mentors for newcomers"])

    article.unpublish()
    drain_once(writer)
    eventually(lambda: titles(server) == [])


def changes(server, after: str) -> dict:
    response = httpx.get(f"{server.base}/changes", params={"after": after}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_partner_mirror_follows_creates_updates_and_deletes(service, home):
    writer, server = service
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    drain_once(writer)
    eventually(lambda: changes(server, "")["changes"] != [])
    cursor = changes(server, "")["cursor"]

    mirror: dict[str, str] = {}

    def pull() -> None:
        nonlocal cursor
        while True:
            page = changes(server, cursor)
            for entry in page["changes"]:
                if entry["deleted"]:
                    mirror.pop(entry["documentId"], None)
                else:
                    mirror[entry["documentId"]] = entry["item"]["title"]
            cursor = page["cursor"]
            if not page["hasMore"]:
                return

    first = NewsPage(title="Work placements in Bergen", slug="bergen")
    index.add_child(instance=first)
    first.save_revision().publish()
    second = NewsPage(title="Language cafés in Turku", slug="turku")
    index.add_child(instance=second)
    second.save_revision().publish()
    draft = NewsPage(title="Never published", slug="draft", live=False)
    index.add_child(instance=draft)
    drain_once(writer)
    eventually(lambda: (pull(), len(mirror))[1] == 2)
    assert sorted(mirror.values()) == [
        "Language cafés in Turku",
        "Work placements in Bergen",
    ]

    first.title = "Work placements in Bergen and Oslo"
    first.save_revision().publish()
    second.unpublish()
    drain_once(writer)
    eventually(
        lambda: (pull(), mirror)[1] == {f"news:{first.pk}": first.title},
    )
    first.delete()
    drain_once(writer)
    eventually(lambda: (pull(), mirror)[1] == {})
