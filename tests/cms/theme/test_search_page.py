"""The search page: a GraphQL client of the public API, with facets and paging."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from core import search_client, views_public
from tests.cms.theme.helpers import hreflangs, html_lang, tags


def _answer(**overrides: Any) -> dict[str, Any]:
    search = {
        "totalCount": 23,
        "didYouMean": "integration",
        "pageInfo": {"hasNextPage": True, "endCursor": "CURSOR-1"},
        "edges": [
            {
                "highlights": {
                    "title": "Nordic <mark>integration</mark> &amp; work",
                    "lead": None,
                    "body": "… the <mark>integration</mark> of <b>refugees</b> …",
                },
                "node": {
                    "contentType": "news",
                    "title": "Nordic integration & work",
                    "lead": "A lead.",
                    "path": "/en/news/nordic-integration/",
                    "url": "http://testserver/en/news/nordic-integration/",
                    "locale": "en",
                    "date": "2026-03-02T00:00:00+00:00",
                },
            },
            {
                "highlights": {"title": None, "lead": None, "body": None},
                "node": {
                    "contentType": "event",
                    "title": "Integrationskonference",
                    "lead": "Et arrangement.",
                    "path": "/da/arrangementer/konference/",
                    "url": None,
                    "locale": "da",
                    "date": None,
                },
            },
        ],
        "facets": {
            "types": [{"value": "news", "count": 15}, {"value": "event", "count": 8}],
            "locales": [{"value": "en", "count": 20}, {"value": "da", "count": 3}],
            "themes": [
                {
                    "theme": {"slug": "labour-market", "name": "Labour market"},
                    "count": 9,
                }
            ],
            "countries": [
                {"country": {"slug": "norway", "name": "Norway"}, "count": 4}
            ],
            "years": [{"value": "2025", "count": 5}, {"value": "2026", "count": 18}],
        },
    }
    search.update(overrides)
    return {"data": {"search": search}}


@pytest.fixture
def graphql(monkeypatch):
    """Answers the search page's GraphQL posts; records what was asked."""
    calls: list[dict[str, Any]] = []
    state: dict[str, Any] = {"answer": _answer(), "status": 200}

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        calls.append(body)
        if "autocomplete" in body["query"]:
            return httpx.Response(
                200, json={"data": {"autocomplete": ["Integration Norden"]}}
            )
        return httpx.Response(state["status"], json=state["answer"])

    def client_factory() -> search_client.SearchClient:
        return search_client.SearchClient(
            "http://graphql.test/graphql", transport=httpx.MockTransport(handler)
        )

    monkeypatch.setattr(views_public, "SearchClient", client_factory)
    return {"calls": calls, "state": state}


def test_search_shows_results_with_highlights_facets_and_suggestion(
    client, home, graphql
):
    response = client.get(
        "/en/search/", {"q": "integraton", "type": "news", "theme": "labour-market"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    variables = graphql["calls"][0]["variables"]
    assert variables["text"] == "integraton"
    assert variables["types"] == ["news"]
    assert variables["themes"] == ["labour-market"]
    assert variables["locale"] == "en"
    assert "23 results" in html
    assert "Nordic <mark>integration</mark> &amp; work" in html
    assert "<b>refugees</b>" not in html and "&lt;b&gt;" not in html
    assert tags(html, "a", href="/en/news/nordic-integration/")
    news = tags(html, "input", name="type", value="news")[0]
    assert "checked" in news
    assert "(15)" in html and "(9)" in html
    assert "Labour market" in html and "Norway" in html
    suggestion = [a for a in tags(html, "a") if "q=integration" in a.get("href", "")]
    assert suggestion, "did you mean"
    next_link = tags(html, "a", rel="next")[0]["href"]
    assert "after=CURSOR-1" in next_link and "page=2" in next_link
    assert "type=news" in next_link


def test_next_and_previous_pages_are_bookmarkable(client, home, graphql):
    response = client.get(
        "/en/search/", {"q": "integration", "after": "CURSOR-1", "page": 2, "prev": "-"}
    )
    html = response.content.decode()
    assert graphql["calls"][0]["variables"]["after"] == "CURSOR-1"
    previous = tags(html, "a", rel="prev")[0]["href"]
    assert "after" not in previous and "page=1" in previous


def test_sort_language_and_year_reach_the_api(client, home, graphql):
    client.get(
        "/en/search/",
        {"q": "x", "sort": "newest", "language": ["da", "sv"], "year": "2025"},
    )
    variables = graphql["calls"][0]["variables"]
    assert variables["sort"] == "NEWEST"
    assert variables["locales"] == ["da", "sv"]
    assert variables["dateFrom"] == "2025-01-01"
    assert variables["dateTo"] == "2025-12-31"


def test_search_page_is_in_the_language_of_its_address(client, home, graphql):
    response = client.get("/da/search/", {"q": "integration"})
    html = response.content.decode()
    assert html_lang(html) == "da"
    assert graphql["calls"][0]["variables"]["locale"] == "da"
    links = hreflangs(html)
    assert links["sv"] == "http://testserver/sv/search/?q=integration"


def test_empty_search_shows_only_the_form(client, home, graphql):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert not graphql["calls"]
    assert tags(response.content.decode(), "input", name="q")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 400},
        {"q": "x", "type": "<script>"},
        {"q": "x", "language": "klingon"},
        {"q": "x", "year": "twenty"},
        {"q": "x", "sort": "random"},
    ],
)
def test_bad_parameters_are_explained_not_a_server_error(client, home, graphql, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert tags(html, "div", role="alert")
    assert not graphql["calls"]


def test_unreachable_service_says_search_is_unavailable(client, home, settings):
    settings.HUB_GRAPHQL_URL = "http://127.0.0.1:9/graphql"
    response = client.get("/en/search/", {"q": "integration"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Search is unavailable" in html
    assert tags(html, "div", role="alert")


def test_graphql_errors_also_mean_unavailable(client, home, graphql):
    graphql["state"]["answer"] = {"errors": [{"message": "boom"}], "data": None}
    graphql["state"]["status"] = 200
    response = client.get("/en/search/", {"q": "integration"})
    assert response.status_code == 503


def test_suggestions_for_the_search_box(client, home, graphql):
    response = client.get("/en/search/suggestions/", {"q": "integ"})
    assert response.json() == {"suggestions": ["Integration Norden"]}
    assert graphql["calls"][0]["variables"] == {
        "prefix": "integ",
        "locale": "en",
        "limit": 8,
    }
    html = client.get("/en/search/").content.decode()
    box = tags(html, "input", name="q", id="search-q")[0]
    assert box["list"] == "search-suggestions"
    assert box["data-suggest-url"] == "/en/search/suggestions/"


def test_suggestions_when_unavailable(client, home, settings):
    settings.HUB_GRAPHQL_URL = "http://127.0.0.1:9/graphql"
    response = client.get("/en/search/suggestions/", {"q": "integ"})
    assert response.status_code == 503
    assert response.json()["suggestions"] == []


def test_queries_match_the_committed_schema():
    """The page's queries validate against graphql_service/schema.graphql."""
    from pathlib import Path

    from graphql import build_schema, parse, validate

    sdl = Path(__file__).resolve().parents[3] / "graphql_service" / "schema.graphql"
    if not sdl.exists():
        pytest.skip("schema.graphql is not committed yet")
    schema = build_schema(sdl.read_text("utf-8"))
    for query in (search_client.SEARCH_QUERY, search_client.AUTOCOMPLETE_QUERY):
        assert validate(schema, parse(query)) == []


def test_every_indexed_type_has_a_human_label() -> None:
    from indexing.registry import indexed_models

    missing = {
        entry.doc_type
        for entry in indexed_models()
        if entry.doc_type not in views_public.TYPE_LABELS
    }
    assert missing == set()


def test_type_facets_read_in_the_searchers_language(client, home, graphql):
    graphql["state"]["answer"] = _answer(
        facets={
            "types": [
                {"value": "funding_index", "count": 2},
                {"value": "home", "count": 1},
                {"value": "knowledge_index", "count": 1},
            ]
        }
    )
    html = client.get("/sv/search/", {"q": "integration"}).content.decode()
    labels = [
        label
        for label in (
            "Översikter över finansiering",
            "Startsidor",
            "Översikter över kunskapsbanken",
        )
        if label in html
    ]
    assert len(labels) == 3, html
    assert "funding_index</span>" not in html and ">home<" not in html
