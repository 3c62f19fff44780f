"""Knowledge bank: publications, learning examples, statistics, country comparisons."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import strawberry

from graphql_service.common.decorators import resolver
from graphql_service.common.payload import (
    as_date,
    as_float,
    as_int,
    as_mapping,
    as_mappings,
    as_str,
    as_strs,
)
from graphql_service.common.people import country_in
from graphql_service.common.scalars import HTML
from graphql_service.common.types import Attachment, Content, Info, content_type
from graphql_service.taxonomy.types import Country
from search.documents import Document

__all__ = [
    "ComparisonAnswer",
    "ComparisonMatrix",
    "Contact",
    "CountryComparison",
    "DataRow",
    "DataSeries",
    "Dataset",
    "KnowledgeItem",
    "LearningExample",
    "Publication",
    "Statistics",
]


def _html(payload: Mapping[str, Any], key: str) -> HTML | None:
    value = as_str(payload, key)
    return None if value is None else HTML(value)


@strawberry.interface(
    description="Fields shared by publications, learning examples and statistics."
)
class KnowledgeItem(Content):
    year: int | None = strawberry.field(description="Year of publication.")
    source_organisation: str | None = strawberry.field(
        description="Organisation that produced it."
    )
    external_url: str | None = strawberry.field(
        description="Original, if published elsewhere."
    )
    attachments: list[Attachment] = strawberry.field(description="Downloadable files.")
    body_html: HTML | None = strawberry.field(description="Description or summary.")

    @classmethod
    def item_fields(cls, payload: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "year": as_int(payload, "year"),
            "source_organisation": as_str(payload, "source_organisation"),
            "external_url": as_str(payload, "external_url"),
            "attachments": [
                Attachment.from_payload(item)
                for item in as_mappings(payload, "attachments")
            ],
            "body_html": _html(payload, "body_html"),
        }


@content_type("publication")
@strawberry.type(description="A report, research summary or knowledge synthesis.")
class Publication(KnowledgeItem):
    kind: str | None = strawberry.field(
        description="research-summary, report or knowledge-synthesis."
    )
    authors: list[str] = strawberry.field(description="Authors.")
    publisher: str | None = strawberry.field(description="Publisher.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            **cls.item_fields(payload),
            "kind": as_str(payload, "kind"),
            "authors": as_strs(payload, "authors"),
            "publisher": as_str(payload, "publisher"),
        }


@strawberry.type(description="Whom to contact about a learning example.")
class Contact:
    name: str | None = strawberry.field(description="Name.")
    organisation: str | None = strawberry.field(description="Organisation.")
    email: str | None = strawberry.field(description="E-mail address.")


@content_type("learning_example")
@strawberry.type(
    description="A good practice from a municipality or region, with its results."
)
class LearningExample(KnowledgeItem):
    municipality_or_region: str | None = strawberry.field(
        description="Where it was done."
    )
    target_group: str | None = strawberry.field(description="Whom it was for.")
    what_was_done_html: HTML | None = strawberry.field(description="What was done.")
    measured_outcome_html: HTML | None = strawberry.field(
        description="What it achieved, as measured."
    )
    transferable_lessons_html: HTML | None = strawberry.field(
        description="What others can take from it."
    )
    contact: Contact | None = strawberry.field(description="Contact person.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        contact = as_mapping(payload, "contact")
        return {
            **cls.item_fields(payload),
            "municipality_or_region": as_str(payload, "municipality_or_region"),
            "target_group": as_str(payload, "target_group"),
            "what_was_done_html": _html(payload, "what_was_done_html"),
            "measured_outcome_html": _html(payload, "measured_outcome_html"),
            "transferable_lessons_html": _html(payload, "transferable_lessons_html"),
            "contact": Contact(
                name=as_str(contact, "name"),
                organisation=as_str(contact, "organisation"),
                email=as_str(contact, "email"),
            )
            if any(contact.get(key) for key in ("name", "organisation", "email"))
            else None,
        }


@strawberry.type(description="One category of a dataset and its values.")
class DataRow:
    label: str = strawberry.field(description="The category (first column).")
    values: list[float | None] = strawberry.field(
        description="One value per value column (null when missing)."
    )


@strawberry.type(description="One value column of a dataset, as a series for charts.")
class DataSeries:
    name: str = strawberry.field(description="Column heading.")
    values: list[float | None] = strawberry.field(
        description="One value per row, in the order of `Dataset.labels`."
    )


@strawberry.type(
    description="A table of figures: categories in rows, series in columns."
)
class Dataset:
    label_column: str = strawberry.field(description="Heading of the category column.")
    value_columns: list[str] = strawberry.field(
        description="Headings of the value columns."
    )
    rows: list[DataRow] = strawberry.field(description="The rows.")

    @resolver(description="The categories, in row order.")
    def labels(self) -> list[str]:
        return [row.label for row in self.rows]

    @resolver(description="The value columns as series.")
    def series(self) -> list[DataSeries]:
        return [
            DataSeries(
                name=name,
                values=[
                    row.values[index] if index < len(row.values) else None
                    for row in self.rows
                ],
            )
            for index, name in enumerate(self.value_columns)
        ]

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Dataset | None:
        columns = [str(item) for item in data.get("columns") or () if item is not None]
        if not columns:
            return None
        rows: list[DataRow] = []
        for raw in data.get("rows") or ():
            if isinstance(raw, Mapping):
                label = raw.get("label")
                values = raw.get("values")
            elif isinstance(raw, list | tuple) and raw:
                label, values = raw[0], list(raw[1:])
            else:
                continue
            rows.append(
                DataRow(
                    label="" if label is None else str(label),
                    values=[
                        as_float(value)
                        for value in (
                            values if isinstance(values, list | tuple) else ()
                        )
                    ],
                )
            )
        return cls(label_column=columns[0], value_columns=columns[1:], rows=rows)


@content_type("statistics")
@strawberry.type(description="Statistics with their data series.")
class Statistics(KnowledgeItem):
    source: str | None = strawberry.field(description="Source of the figures.")
    data_year: int | None = strawberry.field(description="Year the figures refer to.")
    unit: str | None = strawberry.field(description='Unit of the values, e.g. "%".')
    chart_type: str | None = strawberry.field(description="bar or line.")
    dataset_url: str | None = strawberry.field(description="The figures as a CSV file.")
    dataset: Dataset | None = strawberry.field(description="The figures.")

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            **cls.item_fields(payload),
            "source": as_str(payload, "source"),
            "data_year": as_int(payload, "data_year"),
            "unit": as_str(payload, "unit"),
            "chart_type": as_str(payload, "chart_type"),
            "dataset_url": as_str(payload, "dataset_url"),
            "dataset": Dataset.from_payload(as_mapping(payload, "series")),
        }


@strawberry.type(description="One country's answer to a comparison question.")
class ComparisonAnswer:
    country_slug: strawberry.Private[str | None]
    requested_locale: strawberry.Private[str]
    country_code: str | None = strawberry.field(description="ISO code of the country.")
    country_name: str | None = strawberry.field(
        description="Country name as the comparison's editors wrote it."
    )
    short_answer: str | None = strawberry.field(
        description="The answer in a few words."
    )
    details: str | None = strawberry.field(description="Explanation.")
    source_title: str | None = strawberry.field(description="Source of the answer.")
    source_url: str | None = strawberry.field(description="Link to the source.")
    valid_from: date | None = strawberry.field(description="Since when it holds.")

    @resolver(description="The country, named in the requested language.")
    def country(self, info: Info) -> Country | None:
        return country_in(info.context, self.country_slug, self.requested_locale)

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], locale: str) -> ComparisonAnswer:
        return cls(
            country_slug=as_str(data, "country"),
            requested_locale=locale,
            country_code=as_str(data, "country_code"),
            country_name=as_str(data, "country_name"),
            short_answer=as_str(data, "short_answer"),
            details=as_str(data, "details"),
            source_title=as_str(data, "source_title"),
            source_url=as_str(data, "source_url"),
            valid_from=as_date(data, "valid_from"),
        )


@content_type("country_comparison")
@strawberry.type(description="One question answered for each Nordic country.")
class CountryComparison(Content):
    question: str | None = strawberry.field(description="The question compared.")
    intro_html: HTML | None = strawberry.field(description="Introduction.")
    answers: list[ComparisonAnswer] = strawberry.field(
        description="One answer per country, in the editors' order."
    )

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        return {
            "question": as_str(payload, "question") or document.title,
            "intro_html": _html(payload, "intro_html"),
            "answers": [
                ComparisonAnswer.from_payload(item, locale)
                for item in as_mappings(payload, "answers")
            ],
        }


@strawberry.type(description="A row of a comparison matrix: one country.")
class ComparisonMatrixRow:
    country_slug: strawberry.Private[str]
    requested_locale: strawberry.Private[str]
    cells: list[ComparisonAnswer | None] = strawberry.field(
        description="The country's answer to each question (null when unanswered)."
    )

    @resolver(description="The country.")
    def country(self, info: Info) -> Country | None:
        return country_in(info.context, self.country_slug, self.requested_locale)


@strawberry.type(
    description=(
        "Country comparisons side by side: one column per question, one row per "
        "country."
    )
)
class ComparisonMatrix:
    questions: list[CountryComparison] = strawberry.field(
        description="The comparisons, one per column."
    )
    rows: list[ComparisonMatrixRow] = strawberry.field(
        description="One row per country that answered any question."
    )

    @classmethod
    def build(
        cls, comparisons: list[CountryComparison], locale: str
    ) -> ComparisonMatrix:
        order: list[str] = []
        for comparison in comparisons:
            for answer in comparison.answers:
                slug = answer.country_slug
                if slug and slug not in order:
                    order.append(slug)
        rows = []
        for slug in order:
            cells: list[ComparisonAnswer | None] = []
            for comparison in comparisons:
                found = next(
                    (a for a in comparison.answers if a.country_slug == slug), None
                )
                cells.append(found)
            rows.append(
                ComparisonMatrixRow(
                    country_slug=slug, requested_locale=locale, cells=cells
                )
            )
        return cls(questions=comparisons, rows=rows)
