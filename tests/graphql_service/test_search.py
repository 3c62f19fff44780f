"""Unified search: cross-language hits, facets, highlights, suggestions."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

SEARCH = """
query Search($text: String!, $locale: LocaleCode, $types: [String!],
             $themes: [String!], $first: Int! = 5, $after: String,
             $allVersions: Boolean! = false) {
  search(text: $text, locale: $locale, types: $types, themes: $themes,
         first: $first, after: $after, allVersions: $allVersions) {
    totalCount didYouMean locale
    pageInfo { hasNextPage endCursor }
    facets {
      types { value count }
      locales { value count }
      themes { theme { slug name } count }
      countries { country { slug name } count }
      goals { goal { slug name } count }
      years { value count }
    }
    edges {
      node { documentId locale isFallback }
      highlights { title lead body }
    }
  }
}
"""

AUTOCOMPLETE = """
query Complete($prefix: String!, $locale: LocaleCode, $limit: Int! = 10) {
  autocomplete(prefix: $prefix, locale: $locale, limit: $limit)
}
"""


async def test_search_across_languages_with_facets_and_highlights(execute) -> None:
    # Every language version: the Danish item and its English translation.
    result = await execute(
        SEARCH,
        {"text": "flygtninge job", "locale": "da", "first": 2, "allVersions": True},
    )

    assert result.errors is None
    search = result.data["search"]
    # A translated query needs half its words: hits with both come first, in
    # the searcher's language first; hits with one word follow.
    assert search["totalCount"] > 2
    assert search["pageInfo"]["hasNextPage"] is True
    assert search["edges"] == [
        {
            "node": {"documentId": "news:1", "locale": "da", "isFallback": False},
            "highlights": {
                "title": "<mark>Flygtninge</mark> finder <mark>job</mark> i kommunerne",
                "lead": "Kommunerne hjælper <mark>flygtninge</mark> i arbejde.",
                "body": "Sprogundervisning og praktik giver "
                "<mark>flygtninge</mark> <mark>job</mark> hurtigere.",
            },
        },
        {
            "node": {"documentId": "news:3", "locale": "en", "isFallback": True},
            "highlights": {
                "title": "<mark>Refugees</mark> find <mark>jobs</mark> in the "
                "municipalities",
                # "work" is a translation of "job": highlighted too.
                "lead": "Municipalities help <mark>refugees</mark> into "
                "<mark>work</mark>.",
                "body": "Language training and <mark>work</mark> practice get "
                "<mark>refugees</mark> into <mark>jobs</mark> sooner.",
            },
        },
    ]
    facets = search["facets"]
    assert sum(f["count"] for f in facets["locales"]) == search["totalCount"]
    assert sum(f["count"] for f in facets["types"]) == search["totalCount"]
    # news:1 only: Anna Berg's profile on "arbejdsmarkedet" translates to
    # "labour market" (through Swedish "arbetsmarknad"), not to "work".
    assert {"value": "da", "count": 1} in facets["locales"]
    assert {
        "theme": {"slug": "labour-market", "name": "Arbejdsmarked"},
        "count": facets["themes"][0]["count"],
    } == facets["themes"][0]
    assert facets["years"][0]["value"] == "2024"


async def test_search_in_one_language_needs_every_word(execute) -> None:
    query = SEARCH.replace("first: $first", "first: $first, crossLanguage: false")
    result = await execute(query, {"text": "flygtninge job", "locale": "da"})

    assert result.errors is None
    assert result.data["search"]["totalCount"] == 1
    assert result.data["search"]["edges"][0]["node"]["documentId"] == "news:1"
    assert result.data["search"]["facets"]["locales"] == [{"value": "da", "count": 1}]


async def test_did_you_mean(execute) -> None:
    result = await execute(SEARCH, {"text": "flygtinge", "locale": "da"})

    assert result.data["search"]["didYouMean"] == "flygtninge"


async def test_search_filters_and_pagination(execute) -> None:
    every = {"allVersions": True}
    first = await execute(
        SEARCH, {"text": "", "types": ["event"], "locale": "en", "first": 3, **every}
    )
    cursor = first.data["search"]["pageInfo"]["endCursor"]
    rest = await execute(
        SEARCH,
        {
            "text": "",
            "types": ["event"],
            "locale": "en",
            "first": 3,
            "after": cursor,
            **every,
        },
    )
    themed = await execute(
        SEARCH, {"text": "", "themes": ["housing"], "locale": "en", **every}
    )

    ids = [e["node"]["documentId"] for e in first.data["search"]["edges"]]
    more = [e["node"]["documentId"] for e in rest.data["search"]["edges"]]
    assert first.data["search"]["totalCount"] == 4
    assert first.data["search"]["pageInfo"]["hasNextPage"] is True
    assert ids + more == ["event:4", "event:2", "event:1", "event:3"]
    assert rest.data["search"]["pageInfo"]["hasNextPage"] is False
    # news:4, news:5, news:7, news:8 and event:3; the housing terms are not content.
    assert themed.data["search"]["totalCount"] == 5


async def test_taxonomy_types_are_not_searched(execute) -> None:
    everything = await execute(SEARCH, {"text": "Arbejdsmarked", "locale": "da"})
    refused = await execute(SEARCH, {"text": "x", "types": ["country"]})

    types = everything.data["search"]["facets"]["types"]
    assert all(facet["value"] not in ("theme", "country", "goal") for facet in types)
    assert refused.errors[0].message == "types: 'country' is a taxonomy, not content"


async def test_autocomplete(execute) -> None:
    result = await execute(AUTOCOMPLETE, {"prefix": "flyg", "locale": "da"})
    empty = await execute(AUTOCOMPLETE, {"prefix": "  "})
    too_many = await execute(AUTOCOMPLETE, {"prefix": "a", "limit": 21})

    assert result.data == {"autocomplete": ["Flygtninge finder job i kommunerne"]}
    assert empty.data == {"autocomplete": []}
    assert too_many.errors[0].message == "limit: must be between 1 and 20"


async def test_an_item_shows_once_in_the_best_of_its_languages(execute) -> None:
    # news:1 (da), news:2 and news:3 (en) are versions of one item.
    async def found(locale: str, **more: object) -> list[tuple[str, str]]:
        result = await execute(
            SEARCH, {"text": "flygtninge job", "locale": locale, "first": 20, **more}
        )
        assert result.errors is None
        return [
            (edge["node"]["documentId"], edge["node"]["locale"])
            for edge in result.data["search"]["edges"]
        ]

    danish = await found("da")
    assert ("news:1", "da") in danish
    assert "news:3" not in [document for document, _ in danish]
    english = await found("en")
    assert ("news:3", "en") in english
    assert "news:1" not in [document for document, _ in english]
    every = await found("da", allVersions=True)
    assert {"news:1", "news:3"} <= {document for document, _ in every}
    # The count and the facets count what is shown.
    result = await execute(SEARCH, {"text": "flygtninge job", "locale": "da"})
    search = result.data["search"]
    assert sum(f["count"] for f in search["facets"]["locales"]) == search["totalCount"]
