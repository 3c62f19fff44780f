"""Knowledge-bank items: publications, learning examples, statistics, comparisons."""

from __future__ import annotations

from typing import Any

from indexing.documents.base import aware, page_document
from indexing.publicity import page_is_public
from indexing.registry import register
from indexing.text import stream_text
from knowledge.models import (
    CountryComparisonPage,
    KnowledgeIndexPage,
    LearningExamplePage,
    PublicationPage,
    StatisticsPage,
)
from search.documents import Document


def _attachments(page) -> list[dict[str, Any]]:
    items = []
    for block in page.attachments:
        document = block.value.get("document")
        if document is None:
            continue
        items.append(
            {
                "title": block.value.get("title") or document.title,
                "url": document.url,
                "file_type": document.file_extension.lower(),
            }
        )
    return items


def _item_payload(page) -> dict[str, Any]:
    return {
        "year": page.year,
        "source_organisation": page.source_organisation,
        "external_url": page.external_url,
        "attachments": _attachments(page),
        "body_html": str(page.body),
    }


def _item_document(
    page, version: int, doc_type: str, extra: dict[str, Any], *text_fields: str
) -> Document:
    from datetime import date

    return page_document(
        page,
        version,
        doc_type,
        body=stream_text(page, "body", "attachments", *text_fields),
        date=aware(date(page.year, 1, 1)) if page.year else None,
        payload={**_item_payload(page), **extra},
    )


@register(KnowledgeIndexPage, "knowledge_index", is_public=page_is_public)
def knowledge_index_to_document(page: KnowledgeIndexPage, version: int) -> Document:
    return page_document(
        page, version, "knowledge_index", body=stream_text(page, "body")
    )


@register(PublicationPage, "publication", is_public=page_is_public)
def publication_to_document(page: PublicationPage, version: int) -> Document:
    return _item_document(
        page,
        version,
        "publication",
        {
            "kind": page.kind,
            "authors": [a.strip() for a in page.authors.split(",") if a.strip()],
            "publisher": page.publisher,
        },
    )


@register(LearningExamplePage, "learning_example", is_public=page_is_public)
def learning_example_to_document(page: LearningExamplePage, version: int) -> Document:
    return _item_document(
        page,
        version,
        "learning_example",
        {
            "municipality_or_region": page.municipality_or_region,
            "target_group": page.target_group,
            "what_was_done_html": page.what_was_done,
            "measured_outcome_html": page.measured_outcome,
            "transferable_lessons_html": page.transferable_lessons,
            "contact": {
                "name": page.contact_name,
                "organisation": page.contact_organisation,
                "email": page.contact_email,
            },
        },
        "what_was_done",
        "measured_outcome",
        "transferable_lessons",
    )


@register(StatisticsPage, "statistics", is_public=page_is_public)
def statistics_to_document(page: StatisticsPage, version: int) -> Document:
    series = page.series or {}
    return _item_document(
        page,
        version,
        "statistics",
        {
            "source": page.source,
            "data_year": page.data_year,
            "unit": page.unit,
            "chart_type": page.chart_type,
            "dataset_url": page.dataset.url if page.dataset else "",
            "series": {
                "columns": list(series.get("columns", [])),
                "rows": list(series.get("rows", [])),
            },
        },
    )


@register(CountryComparisonPage, "country_comparison", is_public=page_is_public)
def comparison_to_document(page: CountryComparisonPage, version: int) -> Document:
    rows = page.matrix()
    answers = [
        {
            "country": row.country.slug,
            "country_code": row.country.code,
            "country_name": row.country.name,
            "short_answer": row.short_answer,
            "details": row.details,
            "source_title": row.source_title,
            "source_url": row.source_url,
            "valid_from": row.valid_from.isoformat() if row.valid_from else None,
        }
        for row in rows
    ]
    text = "\n".join(
        f"{a['country_name']}: {a['short_answer']} {a['details']}" for a in answers
    )
    document = page_document(
        page,
        version,
        "country_comparison",
        body="\n".join(filter(None, [page.question, stream_text(page, "intro"), text])),
        payload={
            "question": page.question,
            "intro_html": page.intro or "",
            "answers": answers,
        },
    )
    return document
