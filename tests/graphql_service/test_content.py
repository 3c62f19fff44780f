"""Queries across types: node, content by id and by path, mixed lists."""

from __future__ import annotations

import base64

import pytest

pytestmark = pytest.mark.anyio

NODE = """
query Node($id: ID!) {
  node(id: $id) { id __typename ... on NewsArticle { documentId locale } }
}
"""

BY_PATH = """
query ByPath($path: String!, $locale: LocaleCode) {
  contentByPath(path: $path, locale: $locale) {
    __typename documentId locale requestedLocale isFallback path
  }
}
"""

PAGES = """
{
  external: contentByPath(path: "https://nordregio.org/news/migration/") {
    __typename ... on ExternalItem { source sourceName sourceUrl link }
  }
  home: content(id: "home:1") { __typename ... on HomePage { heroTitle bodyHtml } }
  about: content(id: "standard_page:1") { __typename ... on StandardPage { bodyHtml } }
  index: content(id: "news_index:1") { __typename ... on SectionIndex { section } }
  unknownType: content(id: "glossary_term:1") {
    __typename title contentType ... on OtherContent { bodyHtml }
  }
}
"""

CONTENTS = """
query Contents($types: [String!], $locale: LocaleCode, $first: Int! = 5) {
  contents(types: $types, locale: $locale, first: $first) {
    totalCount
    nodes { __typename documentId }
  }
}
"""


def global_id(type_name: str, doc_id: str) -> str:
    return base64.b64encode(f"{type_name}:{doc_id}".encode()).decode()


async def test_node_resolves_a_global_id(execute) -> None:
    result = await execute(NODE, {"id": global_id("NewsArticle", "news:1")})

    assert result.errors is None
    assert result.data == {
        "node": {
            "id": global_id("NewsArticle", "news:1"),
            "__typename": "NewsArticle",
            "documentId": "news:1",
            "locale": "da",
        }
    }


async def test_node_of_a_wrong_type_or_unknown_is_null(execute) -> None:
    wrong = await execute(NODE, {"id": global_id("Event", "news:1")})
    unknown = await execute(NODE, {"id": global_id("Nothing", "news:1")})
    malformed = await execute(NODE, {"id": "%%%"})

    assert wrong.data == {"node": None}
    assert unknown.data == {"node": None}
    assert malformed.errors[0].message == "id: '%%%' is not a valid global ID"


async def test_content_by_path_with_locale(execute) -> None:
    same = await execute(BY_PATH, {"path": "/da/nyheder/job"})
    swedish = await execute(BY_PATH, {"path": "/da/nyheder/job/", "locale": "sv"})
    missing = await execute(BY_PATH, {"path": "/da/findes-ikke/"})

    assert same.data == {
        "contentByPath": {
            "__typename": "NewsArticle",
            "documentId": "news:1",
            "locale": "da",
            "requestedLocale": "da",
            "isFallback": False,
            "path": "/da/nyheder/job/",
        }
    }
    # No Swedish version: the sv chain goes on with nb.
    assert swedish.data == {
        "contentByPath": {
            "__typename": "NewsArticle",
            "documentId": "news:2",
            "locale": "nb",
            "requestedLocale": "sv",
            "isFallback": True,
            "path": "/nb/nyheter/jobb/",
        }
    }
    assert missing.errors is None and missing.data == {"contentByPath": None}


async def test_pages_external_items_and_unknown_types(execute) -> None:
    result = await execute(PAGES)

    assert result.errors is None
    assert result.data == {
        "external": {
            "__typename": "ExternalItem",
            "source": "nordregio",
            "sourceName": "Nordregio",
            "sourceUrl": "https://nordregio.org",
            "link": "https://nordregio.org/news/migration/",
        },
        "home": {
            "__typename": "HomePage",
            "heroTitle": "Nordic integration",
            "bodyHtml": "<p>Hi</p>",
        },
        "about": {"__typename": "StandardPage", "bodyHtml": "<p>About the hub.</p>"},
        "index": {"__typename": "SectionIndex", "section": "news"},
        "unknownType": {
            "__typename": "OtherContent",
            "title": "Integration",
            "contentType": "glossary_term",
            "bodyHtml": "<p>Term.</p>",
        },
    }


async def test_mixed_list_of_several_types(execute) -> None:
    result = await execute(
        CONTENTS, {"types": ["event", "publication"], "locale": "en", "first": 3}
    )

    assert result.errors is None
    assert result.data == {
        "contents": {
            "totalCount": 4,
            "nodes": [
                {"__typename": "Event", "documentId": "event:4"},
                {"__typename": "Event", "documentId": "event:1"},
                {"__typename": "Publication", "documentId": "publication:1"},
            ],
        }
    }


async def test_mixed_list_refuses_taxonomy_types(execute) -> None:
    result = await execute(CONTENTS, {"types": ["theme"]})

    assert result.errors[0].message == "types: 'theme' is a taxonomy; use themes()"
