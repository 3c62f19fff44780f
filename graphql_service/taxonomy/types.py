"""Taxonomy terms: themes, countries and Vision 2030 goals, named per locale."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from graphql_service.common.payload import as_int, as_str
from graphql_service.common.scalars import LocaleCode

if TYPE_CHECKING:
    from graphql_service.common.terms import Term

__all__ = ["Country", "Theme", "VisionGoal"]


@strawberry.type(description="A theme of integration work (labour market, housing …).")
class Theme:
    slug: str = strawberry.field(
        description="Stable identifier, the same in every language."
    )
    name: str = strawberry.field(description="Name in `locale`.")
    locale: LocaleCode | None = strawberry.field(
        description="Language of `name` (null when no language version names it)."
    )
    description: str | None = strawberry.field(
        description="Longer explanation, if any."
    )

    @classmethod
    def from_term(cls, term: Term) -> Theme:
        return cls(
            slug=term.slug,
            name=term.name,
            locale=LocaleCode(term.locale) if term.locale else None,
            description=as_str(term.payload, "description"),
        )


@strawberry.type(
    description="A Nordic country or autonomous area (Denmark, Åland, Greenland …)."
)
class Country:
    slug: str = strawberry.field(
        description="Stable identifier, the same in every language."
    )
    name: str = strawberry.field(description="Name in `locale`.")
    locale: LocaleCode | None = strawberry.field(
        description="Language of `name` (null when no language version names it)."
    )
    code: str | None = strawberry.field(description="ISO 3166 code, e.g. DK or AX.")
    kind: str | None = strawberry.field(
        description="Kind of area as the CMS records it (country, autonomous area)."
    )

    @classmethod
    def from_term(cls, term: Term) -> Country:
        return cls(
            slug=term.slug,
            name=term.name,
            locale=LocaleCode(term.locale) if term.locale else None,
            code=as_str(term.payload, "code"),
            kind=as_str(term.payload, "kind"),
        )


@strawberry.type(description="A goal of the Nordic co-operation's Vision 2030.")
class VisionGoal:
    slug: str = strawberry.field(description="Stable identifier, e.g. goal-7.")
    name: str = strawberry.field(description="Name in `locale`.")
    locale: LocaleCode | None = strawberry.field(
        description="Language of `name` (null when no language version names it)."
    )
    number: int | None = strawberry.field(description="Number of the goal (1-12).")
    description: str | None = strawberry.field(description="What the goal is about.")

    @classmethod
    def from_term(cls, term: Term) -> VisionGoal:
        number = as_int(term.payload, "number")
        if number is None and term.slug.startswith("goal-"):
            number = as_int({"n": term.slug[5:]}, "n")
        return cls(
            slug=term.slug,
            name=term.name,
            locale=LocaleCode(term.locale) if term.locale else None,
            number=number,
            description=as_str(term.payload, "description"),
        )
