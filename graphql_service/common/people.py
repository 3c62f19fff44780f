"""Resolving people and countries named inside payloads (speakers, members …).

These small objects remember the requested locale so that a linked expert
profile or a country comes back in the client's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql_service.taxonomy.types import Country

if TYPE_CHECKING:
    from graphql_service.context import Context

__all__ = ["country_in"]


def country_in(context: Context, slug: str | None, locale: str) -> Country | None:
    """The country ``slug`` named in ``locale`` (or its fallbacks)."""
    if not slug:
        return None
    return Country.from_term(context.terms.term("country", slug, context.chain(locale)))
