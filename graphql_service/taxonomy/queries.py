"""Taxonomy lists: themes, countries and Vision 2030 goals in a language."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graphql_service.common.arguments import Locale
from graphql_service.common.decorators import resolver
from graphql_service.common.resolve import requested_locale
from graphql_service.common.types import Info
from graphql_service.taxonomy.types import Country, Theme, VisionGoal

__all__ = ["TaxonomyQuery"]

Slug = Annotated[str, strawberry.argument(description="Slug of the term.")]


@strawberry.type
class TaxonomyQuery:
    @resolver(description="Every theme, named in the requested language.")
    def themes(self, info: Info, locale: Locale = None) -> list[Theme]:
        context = info.context
        chain = context.chain(requested_locale(context, locale))
        return [Theme.from_term(t) for t in context.terms.all_terms("theme", chain)]

    @resolver(description="Every country, named in the requested language.")
    def countries(self, info: Info, locale: Locale = None) -> list[Country]:
        context = info.context
        chain = context.chain(requested_locale(context, locale))
        return [Country.from_term(t) for t in context.terms.all_terms("country", chain)]

    @resolver(description="The Vision 2030 goals in number order.")
    def goals(self, info: Info, locale: Locale = None) -> list[VisionGoal]:
        context = info.context
        chain = context.chain(requested_locale(context, locale))
        return [VisionGoal.from_term(t) for t in context.terms.all_terms("goal", chain)]

    @resolver(description="One theme by slug (null when unknown).")
    def theme(self, info: Info, slug: Slug, locale: Locale = None) -> Theme | None:
        context = info.context
        if not context.terms.has("theme", slug):
            return None
        chain = context.chain(requested_locale(context, locale))
        return Theme.from_term(context.terms.term("theme", slug, chain))
