"""Lists with locale fallback are one read of the read model per page, and
one more for ``totalCount`` when it is asked for."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from graphql_service.common.terms import TermsCache
from graphql_service.context import build_context
from graphql_service.schema import build_schema
from graphql_service.settings import Settings
from search.backends.embedded import EmbeddedBackend
from search.documents import Document
from search.query import SearchQuery
from search.testing import make_document

FEED = """
query Feed($after: String, $themes: [String!]) {
  newsArticles(locale: "da", first: 4, after: $after, themes: $themes) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { documentId locale title } }
  }
}
"""
START = datetime(2025, 1, 1, tzinfo=UTC)


def story(number: int, locale: str, *, theme: str = "labour-market") -> Document:
    return make_document(
        id=f"news:{number}-{locale}",
        locale=locale,
        translation_key=f"story-{number}",
        title=f"Story {number} ({locale})",
        date=START + timedelta(days=number // 2),  # two stories a day: ties
        themes=(theme,),
    )


class Hub:
    def __init__(self, path: Path) -> None:
        self.backend = EmbeddedBackend(path)
        self.settings = Settings(max_page_size=20)
        self.schema = build_schema(self.settings)
        self.searches: list[SearchQuery] = []
        search = self.backend.search

        def counting(query: SearchQuery) -> Any:
            self.searches.append(query)
            return search(query)

        self.backend.search = counting  # type: ignore[method-assign]

    def write(self, *documents: Document) -> None:
        self.backend.bulk(documents)
        self.backend.refresh()

    def run(self, variables: dict[str, Any]) -> Any:
        """The Danish feed query against the read model as it is now."""
        terms = asyncio.run(TermsCache(self.backend).snapshot())
        self.searches.clear()  # only the list's own reads count
        context = build_context(
            request_id="t",
            backend=self.backend,
            settings=self.settings,
            terms=terms,
            locale="da",
        )
        return asyncio.run(
            self.schema.execute(FEED, variable_values=variables, context_value=context)
        )

    def feed(self, **variables: Any) -> tuple[list[str], dict[str, Any], int]:
        """Every page of the Danish feed: ids in order, the first page, and
        how many reads the pages took."""
        ids: list[str] = []
        first: dict[str, Any] | None = None
        after = None
        reads = pages = 0
        for _ in range(50):
            result = self.run({**variables, "after": after})
            reads += len(self.searches)
            pages += 1
            assert result.errors is None, result.errors
            page = result.data["newsArticles"]
            first = first or page
            ids.extend(edge["node"]["documentId"] for edge in page["edges"])
            if not page["pageInfo"]["hasNextPage"]:
                assert reads == 2 * pages  # the page, and its totalCount
                return ids, first, reads
            after = page["pageInfo"]["endCursor"]
        raise AssertionError("the list did not end")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    instance = Hub(tmp_path / "index")
    yield instance
    instance.backend.close()


def test_fully_translated_news_lists_the_first_locale(hub: Hub) -> None:
    hub.write(*[story(n, locale) for n in range(10) for locale in ("da", "nb", "en")])
    ids, first, reads = hub.feed()
    danish = hub.backend.search(
        SearchQuery(types=("news",), locales=("da",), first=20, sort="date_desc")
    )
    assert ids == [hit.document.id for hit in danish.hits]
    assert len(ids) == len(set(ids)) == first["totalCount"] == 10
    assert reads == 6  # three pages of 4, each with its count


def test_an_untranslated_story_is_listed_in_its_language(hub: Hub) -> None:
    hub.write(*[story(n, locale) for n in range(10) for locale in ("da", "nb")])
    hub.write(story(99, "nb"))  # only in Norwegian: it must still be listed
    ids, first, _ = hub.feed()
    assert ids[0] == "news:99-nb"
    assert sorted(ids[1:]) == sorted(f"news:{n}-da" for n in range(10))
    assert first["totalCount"] == 11


def test_a_filter_the_better_version_fails_lists_the_next_one(hub: Hub) -> None:
    # The Danish version lacks the theme its Norwegian version has.
    hub.write(
        story(1, "da", theme="education"),
        story(1, "nb"),
        *[story(n, locale) for n in range(2, 6) for locale in ("da", "nb")],
    )
    ids, first, _ = hub.feed(themes=["labour-market"])
    assert "news:1-nb" in ids and "news:1-da" not in ids
    assert first["totalCount"] == len(ids) == 5


def test_a_cursor_stays_valid_after_the_list_changed(hub: Hub) -> None:
    hub.write(*[story(n, locale) for n in range(10) for locale in ("da", "nb")])
    ids, first, _ = hub.feed()
    cursor = first["pageInfo"]["endCursor"]
    hub.write(story(99, "nb"))  # newer than every story: before the cursor
    result = hub.run({"after": cursor})
    assert result.errors is None
    rest = [e["node"]["documentId"] for e in result.data["newsArticles"]["edges"]]
    assert rest == ids[4:8]
