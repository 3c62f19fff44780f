"""The public site's search, through the GraphQL API as any partner site uses it.

The CMS does not read the search index itself: it posts the ``search`` and
``autocomplete`` queries of the public schema (graphql_service/schema.graphql)
to ``HUB_GRAPHQL_URL`` with httpx. When the service cannot be reached, answers
with an error or sends something unexpected, :class:`SearchUnavailableError`
is raised and the search page says so (status 503) instead of failing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_URL: Final = "http://127.0.0.1:8001/graphql"
DEFAULT_TIMEOUT: Final = 5.0
SORTS: Final = {"relevance": "RELEVANCE", "newest": "NEWEST", "oldest": "OLDEST"}

SEARCH_QUERY: Final = """
query SiteSearch(
  $text: String!, $locale: LocaleCode, $types: [String!], $locales: [LocaleCode!],
  $themes: [String!], $countries: [String!], $dateFrom: Date, $dateTo: Date,
  $sort: SearchSort!, $first: Int!, $after: String
) {
  search(
    text: $text, locale: $locale, types: $types, locales: $locales,
    themes: $themes, countries: $countries, dateFrom: $dateFrom, dateTo: $dateTo,
    sort: $sort, first: $first, after: $after
  ) {
    totalCount
    didYouMean
    pageInfo { hasNextPage endCursor }
    edges {
      highlights { title lead body }
      node { contentType title lead path url locale date }
    }
    facets {
      types { value count }
      locales { value count }
      themes { theme { slug name } count }
      countries { country { slug name } count }
      years { value count }
    }
  }
}
"""

AUTOCOMPLETE_QUERY: Final = """
query SiteAutocomplete($prefix: String!, $locale: LocaleCode, $limit: Int!) {
  autocomplete(prefix: $prefix, locale: $locale, limit: $limit)
}
"""


class SearchUnavailableError(Exception):
    """The GraphQL service could not answer (down, timed out or erroneous)."""


@dataclass(frozen=True)
class SearchRequest:
    """What the search page asks for, read from its GET parameters."""

    text: str = ""
    locale: str = "en"
    types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    year: int | None = None
    sort: str = "relevance"
    first: int = 10
    after: str | None = None

    def variables(self) -> dict[str, Any]:
        variables: dict[str, Any] = {
            "text": self.text,
            "locale": self.locale,
            "types": list(self.types) or None,
            "locales": list(self.locales) or None,
            "themes": list(self.themes) or None,
            "countries": list(self.countries) or None,
            "sort": SORTS.get(self.sort, "RELEVANCE"),
            "first": self.first,
            "after": self.after,
        }
        if self.year:
            variables["dateFrom"] = f"{self.year:04d}-01-01"
            variables["dateTo"] = f"{self.year:04d}-12-31"
        return variables


@dataclass(frozen=True)
class FacetBucket:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchHit:
    content_type: str
    title: str
    lead: str
    url: str
    locale: str
    date: str | None
    title_html: str | None = None
    lead_html: str | None = None
    body_html: str | None = None


@dataclass(frozen=True)
class SearchResponse:
    total: int
    hits: list[SearchHit]
    has_next_page: bool
    end_cursor: str | None
    did_you_mean: str | None
    facets: dict[str, list[FacetBucket]] = field(default_factory=dict)


def graphql_url() -> str:
    return getattr(settings, "HUB_GRAPHQL_URL", None) or DEFAULT_URL


class SearchClient:
    """A small GraphQL client for the ``search`` and ``autocomplete`` queries.

    Args:
        url: the GraphQL endpoint (default: ``settings.HUB_GRAPHQL_URL``).
        timeout: seconds before giving up.
        api_key: sent as ``X-API-Key`` when set (``settings.HUB_GRAPHQL_API_KEY``),
            so the site is not limited like an anonymous client.
        transport: an httpx transport (tests pass a mock).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        timeout: float | None = None,
        api_key: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url or graphql_url()
        self.timeout = timeout or getattr(
            settings, "HUB_GRAPHQL_TIMEOUT", DEFAULT_TIMEOUT
        )
        self.api_key = api_key or getattr(settings, "HUB_GRAPHQL_API_KEY", "")
        self.transport = transport

    def _post(
        self, query: str, variables: dict[str, Any], locale: str
    ) -> dict[str, Any]:
        headers = {
            "Accept": "application/json",
            "Accept-Language": locale,
            "User-Agent": "integration-norden-hub-site",
        }
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        try:
            with httpx.Client(
                timeout=self.timeout, transport=self.transport, trust_env=False
            ) as client:
                response = client.post(
                    self.url,
                    json={"query": query, "variables": variables},
                    headers=headers,
                )
        except httpx.HTTPError as exc:
            logger.warning("search service unreachable at %s: %s", self.url, exc)
            raise SearchUnavailableError(str(exc)) from exc
        try:
            payload = response.json()
        except ValueError as exc:
            logger.warning("search service sent no JSON (%s)", response.status_code)
            raise SearchUnavailableError("invalid response") from exc
        if not isinstance(payload, dict):
            raise SearchUnavailableError("invalid response")
        errors = payload.get("errors")
        data = payload.get("data")
        if errors or not isinstance(data, dict):
            logger.warning(
                "search service answered %s with errors: %s",
                response.status_code,
                errors,
            )
            raise SearchUnavailableError("the search service answered with errors")
        return data

    def search(self, request: SearchRequest) -> SearchResponse:
        data = self._post(SEARCH_QUERY, request.variables(), request.locale)
        try:
            return parse_search(data["search"])
        except (KeyError, TypeError, ValueError) as exc:
            logger.warning("unexpected search response: %s", exc)
            raise SearchUnavailableError("unexpected response") from exc

    def autocomplete(self, prefix: str, locale: str, limit: int = 8) -> list[str]:
        prefix = prefix.strip()[:200]
        if not prefix:
            return []
        data = self._post(
            AUTOCOMPLETE_QUERY,
            {"prefix": prefix, "locale": locale, "limit": limit},
            locale,
        )
        values = data.get("autocomplete") or []
        return [str(value) for value in values if isinstance(value, str)]


def _plain(buckets: list[dict[str, Any]]) -> list[FacetBucket]:
    return [
        FacetBucket(value=str(b["value"]), label=str(b["value"]), count=int(b["count"]))
        for b in buckets or []
    ]


def _terms(buckets: list[dict[str, Any]], key: str) -> list[FacetBucket]:
    return [
        FacetBucket(
            value=str(b[key]["slug"]), label=str(b[key]["name"]), count=int(b["count"])
        )
        for b in buckets or []
    ]


def parse_search(result: dict[str, Any]) -> SearchResponse:
    """Turn the ``search`` field of a GraphQL answer into a SearchResponse."""
    hits = []
    for edge in result["edges"]:
        node = edge["node"]
        highlights = edge.get("highlights") or {}
        hits.append(
            SearchHit(
                content_type=str(node["contentType"]),
                title=str(node["title"]),
                lead=str(node.get("lead") or ""),
                url=str(node.get("path") or node.get("url") or ""),
                locale=str(node["locale"]),
                date=node.get("date"),
                title_html=highlights.get("title"),
                lead_html=highlights.get("lead"),
                body_html=highlights.get("body"),
            )
        )
    facets = result.get("facets") or {}
    page_info = result.get("pageInfo") or {}
    return SearchResponse(
        total=int(result["totalCount"]),
        hits=hits,
        has_next_page=bool(page_info.get("hasNextPage")),
        end_cursor=page_info.get("endCursor"),
        did_you_mean=result.get("didYouMean"),
        facets={
            "type": _plain(facets.get("types")),
            "language": _plain(facets.get("locales")),
            "theme": _terms(facets.get("themes"), "theme"),
            "country": _terms(facets.get("countries"), "country"),
            "year": _plain(facets.get("years")),
        },
    )
