"""News queries: lists with locale fallback, filters, pagination, by id."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

NEWS_LIST = """
query News($locale: LocaleCode, $fallback: Boolean! = true, $first: Int! = 10,
           $after: String, $themes: [String!], $countries: [String!],
           $goals: [String!], $from: Date, $to: Date, $sort: ListSort! = NEWEST) {
  newsArticles(locale: $locale, fallback: $fallback, first: $first, after: $after,
               themes: $themes, countries: $countries, goals: $goals,
               dateFrom: $from, dateTo: $to, sort: $sort) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { documentId locale requestedLocale isFallback } }
  }
}
"""

NEWS_ARTICLE = """
query Article($id: ID!, $locale: LocaleCode) {
  newsArticle(id: $id, locale: $locale) {
    documentId title lead path url locale requestedLocale isFallback
    articleDate bodyHtml availableLocales
    translations { documentId locale }
    related { documentId locale title }
    themes { slug name locale }
    countries { slug name }
    goals { slug name number }
    image { alt credit srcset rendition(width: 500) { spec url width height } }
  }
}
"""


def nodes(data: dict) -> list[tuple[str, str, bool]]:
    return [
        (edge["node"]["documentId"], edge["node"]["locale"], edge["node"]["isFallback"])
        for edge in data["newsArticles"]["edges"]
    ]


async def test_list_in_norwegian_falls_back_per_item(execute) -> None:
    result = await execute(NEWS_LIST, {"locale": "nb", "first": 6})

    assert result.errors is None
    assert nodes(result.data) == [
        ("news:2", "nb", False),  # group A exists in nb
        ("news:4", "da", True),  # only Danish
        ("news:5", "sv", True),  # only Swedish
        ("news:6", "en", True),  # only English
        ("news:7", "nb", False),  # group E in nb and sv: nb wins
        ("news:100", "da", True),
    ]
    assert result.data["newsArticles"]["totalCount"] == 28


async def test_list_in_finnish_uses_the_finnish_chain(execute) -> None:
    result = await execute(NEWS_LIST, {"locale": "fi", "first": 4})

    assert result.errors is None
    # fi falls back to sv, then en: Danish-only news are left out.
    assert nodes(result.data) == [
        ("news:3", "en", True),
        ("news:5", "sv", True),
        ("news:6", "en", True),
        ("news:8", "sv", True),
    ]
    assert result.data["newsArticles"]["totalCount"] == 4
    assert result.data["newsArticles"]["pageInfo"]["hasNextPage"] is False


async def test_without_fallback_only_the_locale_is_listed(execute) -> None:
    result = await execute(NEWS_LIST, {"locale": "sv", "fallback": False})

    assert result.errors is None
    assert nodes(result.data) == [("news:5", "sv", False), ("news:8", "sv", False)]
    assert result.data["newsArticles"]["totalCount"] == 2


async def test_locale_defaults_to_the_request_locale(execute) -> None:
    result = await execute(NEWS_LIST, {"first": 2}, locale="da")

    assert result.errors is None
    assert nodes(result.data) == [("news:1", "da", False), ("news:4", "da", False)]


async def test_pages_cover_the_list_without_gaps_or_repeats(execute) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        result = await execute(NEWS_LIST, {"locale": "nb", "first": 4, "after": after})
        assert result.errors is None
        connection = result.data["newsArticles"]
        assert connection["totalCount"] == 28
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen.extend(documentId for documentId, _, _ in nodes(result.data))
        pages += 1
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
        assert pages < 20

    assert pages == 7
    assert len(seen) == len(set(seen)) == 28
    assert seen[:5] == ["news:2", "news:4", "news:5", "news:6", "news:7"]
    assert seen[5:] == [f"news:{100 + n}" for n in range(23)]


async def test_filters_combine(execute) -> None:
    by_theme = await execute(NEWS_LIST, {"locale": "da", "themes": ["housing"]})
    by_country = await execute(
        NEWS_LIST, {"locale": "da", "countries": ["norway", "sweden"]}
    )
    by_goal = await execute(NEWS_LIST, {"locale": "da", "goals": ["goal-1"]})
    by_dates = await execute(
        NEWS_LIST, {"locale": "da", "from": "2024-02-01", "to": "2024-04-01"}
    )

    assert nodes(by_theme.data) == [
        ("news:4", "da", False),
        ("news:5", "sv", True),
        ("news:7", "nb", True),
    ]
    assert nodes(by_country.data) == [
        ("news:5", "sv", True),
        ("news:6", "en", True),
        ("news:7", "nb", True),
    ]
    assert nodes(by_goal.data) == [("news:1", "da", False)]
    # dateTo covers the whole day: news:4 of 1 April is in.
    assert nodes(by_dates.data) == [
        ("news:4", "da", False),
        ("news:5", "sv", True),
        ("news:6", "en", True),
    ]
    assert by_dates.data["newsArticles"]["totalCount"] == 3


async def test_english_has_no_fallback_by_default(execute) -> None:
    result = await execute(NEWS_LIST, {"locale": "en"})

    assert nodes(result.data) == [("news:3", "en", False), ("news:6", "en", False)]


async def test_best_matching_version_wins_under_a_filter(execute) -> None:
    # Group E: nb and sv both match; for a Swedish reader sv is better.
    result = await execute(
        NEWS_LIST,
        {
            "locale": "sv",
            "themes": ["education"],
            "from": "2023-06-01",
            "to": "2024-01-31",
        },
    )

    assert nodes(result.data) == [("news:8", "sv", False)]


async def test_oldest_first(execute) -> None:
    result = await execute(NEWS_LIST, {"locale": "da", "sort": "OLDEST", "first": 2})

    assert nodes(result.data) == [("news:122", "da", False), ("news:121", "da", False)]


async def test_page_size_over_the_maximum_is_a_clear_error(execute) -> None:
    result = await execute(NEWS_LIST, {"first": 21})

    assert result.data is None
    assert [error.message for error in result.errors] == [
        "first: must be between 1 and 20 (the maximum page size), got 21"
    ]


async def test_a_cursor_of_another_query_is_refused(execute) -> None:
    first = await execute(NEWS_LIST, {"locale": "sv", "fallback": False, "first": 1})
    cursor = first.data["newsArticles"]["pageInfo"]["endCursor"]

    result = await execute(
        NEWS_LIST, {"locale": "da", "fallback": False, "after": cursor}
    )
    garbage = await execute(NEWS_LIST, {"locale": "da", "after": "x:nonsense"})

    assert "cursor" in result.errors[0].message
    assert garbage.errors[0].message == "after: is not a valid cursor"


async def test_article_in_another_locale_comes_in_the_best_version(execute) -> None:
    result = await execute(NEWS_ARTICLE, {"id": "news:3", "locale": "nb"})

    assert result.errors is None
    assert result.data == {
        "newsArticle": {
            "documentId": "news:2",
            "title": "Flyktninger finner jobb i kommunene",
            "lead": "Kommunene hjelper flyktninger i arbeid.",
            "path": "/nb/nyheter/jobb/",
            "url": "https://integrationnorden.org/nb/nyheter/jobb/",
            "locale": "nb",
            "requestedLocale": "nb",
            "isFallback": False,
            "articleDate": "2024-05-01",
            "bodyHtml": "<p>Språk og praksis.</p>",
            "availableLocales": ["da", "nb", "en"],
            "translations": [
                {"documentId": "news:1", "locale": "da"},
                {"documentId": "news:3", "locale": "en"},
            ],
            # news:404 does not exist and is left out.
            "related": [
                {
                    "documentId": "publication:1",
                    "locale": "en",
                    "title": "Labour market integration in the Nordic countries",
                }
            ],
            "themes": [
                {"slug": "labour-market", "name": "Arbeidsmarked", "locale": "nb"}
            ],
            "countries": [{"slug": "denmark", "name": "Danmark"}],
            "goals": [{"slug": "goal-1", "name": "Et grønt Norden", "number": 1}],
            "image": {
                "alt": "Kursdeltakere i et klasserom",
                "credit": "Norden.org",
                "srcset": (
                    "/media/images/job.fill-400x225.webp 400w, "
                    "/media/images/job.fill-800x450.webp 800w, "
                    "/media/images/job.width-1200.webp 1200w"
                ),
                "rendition": {
                    "spec": "fill-800x450",
                    "url": "/media/images/job.fill-800x450.webp",
                    "width": 800,
                    "height": 450,
                },
            },
        }
    }


async def test_article_missing_in_the_locale_falls_back(execute) -> None:
    result = await execute(NEWS_ARTICLE, {"id": "news:5", "locale": "nb"})

    article = result.data["newsArticle"]
    assert (article["documentId"], article["locale"], article["isFallback"]) == (
        "news:5",
        "sv",
        True,
    )
    assert article["requestedLocale"] == "nb"
    # Labels follow the requested language's chain (nb, then da).
    assert article["themes"] == [{"slug": "housing", "name": "Bolig", "locale": "da"}]


async def test_unknown_or_other_type_ids_are_null(execute) -> None:
    missing = await execute(NEWS_ARTICLE, {"id": "news:9999"})
    event = await execute(NEWS_ARTICLE, {"id": "event:1"})

    assert missing.errors is None and missing.data == {"newsArticle": None}
    assert event.errors is None and event.data == {"newsArticle": None}
