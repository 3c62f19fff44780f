"""Search results: hits with highlights, facet counts and "did you mean"."""

from __future__ import annotations

from enum import Enum

import strawberry

from graphql_service.common.pagination import PageInfo
from graphql_service.common.scalars import LocaleCode
from graphql_service.common.types import Content
from graphql_service.taxonomy.types import Country, Theme, VisionGoal

__all__ = [
    "CountryFacet",
    "FacetCount",
    "GoalFacet",
    "Highlights",
    "MatchedTerm",
    "SearchConnection",
    "SearchEdge",
    "SearchExpansion",
    "SearchFacets",
    "SearchSort",
    "ThemeFacet",
]


@strawberry.enum(description="Order of search results.")
class SearchSort(Enum):
    RELEVANCE = strawberry.enum_value(
        "relevance",
        description="Best match first, results in the search language first.",
    )
    NEWEST = strawberry.enum_value("date_desc", description="Latest date first.")
    OLDEST = strawberry.enum_value("date_asc", description="Earliest date first.")


@strawberry.type(
    description=(
        "Where the query matched, as HTML: text escaped, matches wrapped in <mark>."
    )
)
class Highlights:
    title: str | None = strawberry.field(description="The title with matches marked.")
    lead: str | None = strawberry.field(description="The lead with matches marked.")
    body: str | None = strawberry.field(description="A fragment of the body text.")


_VIA = (
    "`query word` (as typed, stemmed), `glossary`, `inflection` (another form "
    "of the word), `derivation` (a word of its family, `allergi` for "
    "`allergisk`), `compound: <parts>` (translated part by part) or the "
    "dictionary it was translated with (e.g. `apertium-da-nb`, `eng-fin`; "
    "`via en` when translated through another language)."
)


@strawberry.type(
    description=(
        "What one query word was searched as: itself, a translation, another "
        "inflected form or a glossary term."
    )
)
class SearchExpansion:
    word: str = strawberry.field(
        description="The query word (or words of a phrase or glossary term) as typed."
    )
    locale: LocaleCode | None = strawberry.field(
        description=(
            "Language `text` was searched in; null for the query word itself, "
            "searched in every language searched."
        )
    )
    text: str = strawberry.field(description="The words searched for.")
    via: str = strawberry.field(description="Where `text` comes from: " + _VIA)


@strawberry.type(description="A word of the result that matched a query word.")
class MatchedTerm:
    query_word: str = strawberry.field(description="The query word, as typed.")
    term: str = strawberry.field(
        description="The result's word(s), lowercased, as written in the result."
    )
    locale: LocaleCode = strawberry.field(description="Language of the result.")
    via: str = strawberry.field(description="How the query word got to `term`: " + _VIA)


@strawberry.type(description="One search result.")
class SearchEdge:
    node: Content = strawberry.field(description="The item found.")
    cursor: str = strawberry.field(description="Pass as `after` to continue after it.")
    score: float = strawberry.field(
        description="Relevance (0 for date sorts); only comparable within one search."
    )
    highlights: Highlights = strawberry.field(description="Where the query matched.")
    matched_terms: list[MatchedTerm] = strawberry.field(
        description=(
            "Which query words this result contains and through which "
            "translation (typo-tolerant matches are not listed)."
        )
    )


@strawberry.type(description="A facet value and the number of results having it.")
class FacetCount:
    value: str = strawberry.field(description="The value (type, locale or year).")
    count: int = strawberry.field(description="Number of results with this value.")


@strawberry.type(description="A theme and the number of results tagged with it.")
class ThemeFacet:
    theme: Theme = strawberry.field(description="The theme.")
    count: int = strawberry.field(description="Number of results.")


@strawberry.type(description="A country and the number of results about it.")
class CountryFacet:
    country: Country = strawberry.field(description="The country.")
    count: int = strawberry.field(description="Number of results.")


@strawberry.type(description="A Vision 2030 goal and the number of results for it.")
class GoalFacet:
    goal: VisionGoal = strawberry.field(description="The goal.")
    count: int = strawberry.field(description="Number of results.")


@strawberry.type(
    description=(
        "Facet counts over all results (not just this page), most frequent first. "
        "Only the facets selected in the query are computed."
    )
)
class SearchFacets:
    types: list[FacetCount] = strawberry.field(
        description="Results per read-model type (`contentType`)."
    )
    locales: list[FacetCount] = strawberry.field(description="Results per language.")
    themes: list[ThemeFacet] = strawberry.field(description="Results per theme.")
    countries: list[CountryFacet] = strawberry.field(description="Results per country.")
    goals: list[GoalFacet] = strawberry.field(description="Results per goal.")
    years: list[FacetCount] = strawberry.field(
        description="Results per year (of the date)."
    )


@strawberry.type(description="A page of search results.")
class SearchConnection:
    edges: list[SearchEdge] = strawberry.field(description="The results of this page.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")
    total_count: int = strawberry.field(
        description="Number of results (all pages; each language version counts)."
    )
    facets: SearchFacets = strawberry.field(description="Facet counts.")
    did_you_mean: str | None = strawberry.field(
        description="A corrected query when a word looks misspelled."
    )
    locale: LocaleCode = strawberry.field(description="Language the search ran in.")
    expansions: list[SearchExpansion] = strawberry.field(
        description=(
            "What each query word was searched as across languages, in query "
            "order (empty without text)."
        )
    )
