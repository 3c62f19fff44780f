"""Queries of the knowledge bank."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graphql_service.common.arguments import Locale, Slugs, slugs
from graphql_service.common.decorators import resolver
from graphql_service.common.errors import ClientError
from graphql_service.common.fields import by_id_field, list_field
from graphql_service.common.resolve import ListFilters, list_of, load_contents
from graphql_service.common.resolve import requested_locale as resolve_locale
from graphql_service.common.types import Info
from graphql_service.knowledge.types import (
    ComparisonMatrix,
    CountryComparison,
    LearningExample,
    Publication,
    Statistics,
)

__all__ = ["KnowledgeQuery"]

_MAX_MATRIX = 20


@strawberry.type
class KnowledgeQuery:
    publication = by_id_field(
        Publication, "A publication by id; with `locale`, its best version."
    )
    publications = list_field(
        Publication,
        ("publication",),
        "Reports, research summaries and syntheses, newest first by default.",
    )
    learning_example = by_id_field(
        LearningExample, "A learning example by id; with `locale`, its best version."
    )
    learning_examples = list_field(
        LearningExample,
        ("learning_example",),
        "Good practices from municipalities and regions, newest first by default.",
    )
    statistics_item = by_id_field(
        Statistics, "A statistics item by id; with `locale`, its best version."
    )
    statistics = list_field(
        Statistics, ("statistics",), "Statistics with their data, newest first."
    )
    country_comparison = by_id_field(
        CountryComparison,
        "A country comparison by id; with `locale`, its best version.",
    )
    country_comparisons = list_field(
        CountryComparison,
        ("country_comparison",),
        "Country comparisons, newest first by default.",
    )

    @resolver(
        description=(
            "Several country comparisons as one matrix (questions by countries): "
            "the ones given by `ids`, else the latest ones matching `themes`."
        )
    )
    async def comparison_matrix(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="Comparisons to show, in column order."),
        ] = None,
        locale: Locale = None,
        themes: Slugs = None,
        limit: Annotated[
            int,
            strawberry.argument(
                description=f"Number of comparisons without `ids` (1-{_MAX_MATRIX})."
            ),
        ] = 10,
    ) -> ComparisonMatrix:
        context = info.context
        wanted = resolve_locale(context, locale)
        if ids:
            if len(ids) > _MAX_MATRIX:
                raise ClientError(f"ids: at most {_MAX_MATRIX} comparisons")
            from graphql_service.common.resolve import document_id

            items = await load_contents(
                context, [document_id(value)[0] for value in ids], wanted
            )
            comparisons = [
                item for item in items if isinstance(item, CountryComparison)
            ]
        else:
            if not 1 <= limit <= _MAX_MATRIX:
                raise ClientError(f"limit: must be between 1 and {_MAX_MATRIX}")
            page = await list_of(
                context,
                CountryComparison,
                ListFilters(types=("country_comparison",), themes=slugs(themes)),
                locale=wanted,
                fallback=True,
                first=limit,
                after=None,
            )
            comparisons = [edge.node for edge in page.edges]
        return ComparisonMatrix.build(comparisons, wanted)
