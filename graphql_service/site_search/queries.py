"""Unified search over every content type, and autocomplete."""

from __future__ import annotations

from typing import Annotated, Final

import strawberry

from graphql_service.common.arguments import (
    After,
    DateFrom,
    DateTo,
    First,
    Locale,
    Slugs,
    day_end,
    day_start,
    slugs,
)
from graphql_service.common.decorators import resolver
from graphql_service.common.errors import ClientError
from graphql_service.common.pagination import DEFAULT_PAGE_SIZE, PageInfo, check_first
from graphql_service.common.resolve import requested_locale
from graphql_service.common.scalars import LocaleCode
from graphql_service.common.terms import TAXONOMY_TYPES, TERM_TYPES
from graphql_service.common.types import Info, to_content
from graphql_service.site_search.loaders import FACET_FIELDS, selected_paths
from graphql_service.site_search.types import (
    CountryFacet,
    FacetCount,
    GoalFacet,
    Highlights,
    MatchedTerm,
    SearchConnection,
    SearchEdge,
    SearchExpansion,
    SearchFacets,
    SearchSort,
    ThemeFacet,
)
from graphql_service.taxonomy.types import Country, Theme, VisionGoal
from search.documents import LOCALES
from search.query import FacetValue, SearchQuery, Sort

__all__ = ["SearchQueries"]

_MAX_SUGGESTIONS: Final = 20
_SORTS: Final[dict[SearchSort, Sort]] = {
    SearchSort.RELEVANCE: "relevance",
    SearchSort.NEWEST: "date_desc",
    SearchSort.OLDEST: "date_asc",
}


def _facets(
    info: Info, facets: dict[str, list[FacetValue]], locale: str
) -> SearchFacets:
    context = info.context
    chain = context.chain(locale)
    terms = context.terms

    def plain(name: str) -> list[FacetCount]:
        return [FacetCount(value=f.value, count=f.count) for f in facets.get(name, ())]

    return SearchFacets(
        types=plain("type"),
        locales=plain("locale"),
        themes=[
            ThemeFacet(
                theme=Theme.from_term(terms.term("theme", f.value, chain)),
                count=f.count,
            )
            for f in facets.get("themes", ())
        ],
        countries=[
            CountryFacet(
                country=Country.from_term(terms.term("country", f.value, chain)),
                count=f.count,
            )
            for f in facets.get("countries", ())
        ],
        goals=[
            GoalFacet(
                goal=VisionGoal.from_term(terms.term("goal", f.value, chain)),
                count=f.count,
            )
            for f in facets.get("goals", ())
        ],
        years=plain("year"),
    )


@strawberry.type
class SearchQueries:
    @resolver(
        description=(
            "Search every content type in every language: results in `locale` "
            "rank first, and words are matched across the Nordic languages "
            "through their translations and the hub's glossary (`expansions` "
            "says how, `edges.matchedTerms` what each result matched). Facet "
            "counts, highlights, matched terms and the suggestion are computed "
            "only when selected."
        )
    )
    async def search(
        self,
        info: Info,
        text: Annotated[
            str,
            strawberry.argument(
                description=(
                    'What to look for; "quoted words" are phrases. Empty text '
                    "lists every item that passes the filters."
                )
            ),
        ] = "",
        locale: Locale = None,
        cross_language: Annotated[
            bool,
            strawberry.argument(
                description=(
                    "Also match the other Nordic languages (true), or search only "
                    "items in `locale` (false)."
                )
            ),
        ] = True,
        types: Annotated[
            list[str] | None,
            strawberry.argument(
                description=(
                    'Only these read-model types (`contentType`, e.g. "news"); '
                    "default: every content type."
                )
            ),
        ] = None,
        locales: Annotated[
            list[LocaleCode] | None,
            strawberry.argument(description="Only items in these languages."),
        ] = None,
        themes: Slugs = None,
        countries: Slugs = None,
        goals: Slugs = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        sort: Annotated[
            SearchSort, strawberry.argument(description="Order of the results.")
        ] = SearchSort.RELEVANCE,
        first: First = DEFAULT_PAGE_SIZE,
        after: After = None,
        all_versions: Annotated[
            bool,
            strawberry.argument(
                description=(
                    "Every language version of an item (true), or only its best "
                    "one (false): the version in `locale`, else the first of its "
                    "fallback chain, else the first of the others in the "
                    "service's order."
                )
            ),
        ] = False,
    ) -> SearchConnection:
        context = info.context
        check_first(first, context.settings.max_page_size)
        wanted = requested_locale(context, locale)
        for value in types or ():
            if value in TAXONOMY_TYPES:
                raise ClientError(f"types: {value!r} is a taxonomy, not content")
        # Languages in order of preference: a version is left out when its
        # translation group has one in a better language that passes the filters.
        preferred = context.chain(wanted)
        preferred += tuple(code for code in LOCALES if code not in preferred)
        versions = tuple(code for code in preferred if not locales or code in locales)
        paths = selected_paths(info.selected_fields[0].selections)
        facet_names = tuple(
            facet for field, facet in FACET_FIELDS.items() if f"facets.{field}" in paths
        )
        query = SearchQuery(
            text=text,
            locale=wanted,
            cross_language=cross_language,
            types=tuple(types or ()),
            exclude_types=() if types else TERM_TYPES,
            locales=versions,
            best_version=not all_versions and len(versions) > 1,
            themes=slugs(themes),
            countries=slugs(countries),
            goals=slugs(goals),
            date_from=day_start(date_from),
            date_to=day_end(date_to),
            now=context.now,
            sort=_SORTS[sort],
            first=first,
            after=after,
            facets=facet_names,  # type: ignore[arg-type]
            highlight="edges.highlights" in paths,
            explain="edges.matchedTerms" in paths,
        )
        results = await context.backend.asearch(query)
        if context.analytics is not None and after is None and text.strip():
            # Memory only; the service writes the counts in the background.
            context.analytics.record(text, wanted, results.total)
        edges = [
            SearchEdge(
                node=to_content(hit.document, wanted),
                cursor=hit.cursor,
                score=hit.score,
                highlights=Highlights(
                    title=hit.highlights.get("title"),
                    lead=hit.highlights.get("lead"),
                    body=hit.highlights.get("body"),
                ),
                matched_terms=[
                    MatchedTerm(
                        query_word=term.query_word,
                        term=term.term,
                        locale=LocaleCode(term.locale),
                        via=term.via,
                    )
                    for term in hit.matched_terms
                ],
            )
            for hit in results.hits
        ]
        return SearchConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=results.has_next_page,
                has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=results.end_cursor,
            ),
            total_count=results.total,
            facets=_facets(info, results.facets, wanted),
            did_you_mean=results.suggestion,
            locale=LocaleCode(wanted),
            expansions=[
                SearchExpansion(
                    word=item.word,
                    locale=None if item.locale is None else LocaleCode(item.locale),
                    text=item.text,
                    via=item.via,
                )
                for item in results.expansions
            ],
        )

    @resolver(
        description="Titles completing what the user is typing (for search boxes)."
    )
    async def autocomplete(
        self,
        info: Info,
        prefix: Annotated[
            str, strawberry.argument(description="What the user has typed so far.")
        ],
        locale: Locale = None,
        limit: Annotated[
            int,
            strawberry.argument(
                description=f"Number of titles (1-{_MAX_SUGGESTIONS})."
            ),
        ] = 10,
    ) -> list[str]:
        if not 1 <= limit <= _MAX_SUGGESTIONS:
            raise ClientError(f"limit: must be between 1 and {_MAX_SUGGESTIONS}")
        if len(prefix) > 200:
            raise ClientError("prefix: at most 200 characters are allowed")
        if not prefix.strip():
            return []
        return await info.context.backend.asuggest(prefix, locale, limit)
