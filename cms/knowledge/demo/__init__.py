"""Demo knowledge bank: index, learning examples, publications, statistics, comparison.

Pages go into ``ctx.pages`` as ``knowledge-index-<lang>``, ``knowledge-<slug>-<lang>``
and ``knowledge-statistics-<lang>`` / ``knowledge-comparison-<lang>``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from core.demo.helpers import DemoContext, demo_image, upsert_page, upsert_translation
from knowledge.models import (
    ComparisonAnswer,
    CountryComparisonPage,
    KnowledgeIndexPage,
    LearningExamplePage,
    PublicationPage,
    StatisticsPage,
)

from .content import (
    COMPARISON,
    COMPARISON_ANSWERS,
    COMPARISON_SLUG,
    INDEX,
    LEARNING_EXAMPLES,
    PUBLICATIONS,
    STATISTICS,
    STATISTICS_FIGURES,
)

MAIN_LANGUAGES = ("en", "da", "nb", "sv")


def load(ctx: DemoContext) -> None:
    index = _load_index(ctx)
    _load_learning_examples(ctx, index)
    _load_publications(ctx, index)
    _load_statistics(ctx, index)
    _load_comparison(ctx, index)


def _paragraph(text: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>")] if text else []


def _save(
    original: Page | None,
    parent: Page,
    model: type[Page],
    slug: str,
    lang: str,
    ctx: DemoContext,
    /,
    **fields: Any,
) -> Any:
    """Create the English page, or update the ``lang`` translation of ``original``."""
    if original is None:
        return upsert_page(parent, model, slug, **fields)
    return upsert_translation(original, lang, ctx.locales, **fields)


def _load_index(ctx: DemoContext) -> KnowledgeIndexPage:
    image = demo_image(
        "knowledge-hero",
        "Bookshelves in a reading room",
        "Rows of bookshelves and reading tables in a bright library",
        credit="Integration Norden (demo image)",
        colours=("#1f5f4a", "#9fd3bd"),
    )
    source = None
    for lang, (title, lead, text) in INDEX.items():
        page = _save(
            source,
            ctx.homes["en"],
            KnowledgeIndexPage,
            "knowledge-bank",
            lang,
            ctx,
            title=title,
            lead=lead,
            main_image=image,
            body=_paragraph(text),
        )
        source = source or page
        ctx.pages[f"knowledge-index-{lang}"] = page
    return source


def _load_learning_examples(ctx: DemoContext, index: KnowledgeIndexPage) -> None:
    for slug, example in LEARNING_EXAMPLES.items():
        source = None
        for lang, texts in example["texts"].items():
            title, lead, place, group, done, outcome, lessons, organisation = texts
            page = _save(
                source,
                index,
                LearningExamplePage,
                slug,
                lang,
                ctx,
                title=title,
                lead=lead,
                year=example["year"],
                municipality_or_region=place,
                target_group=group,
                what_was_done=done,
                measured_outcome=outcome,
                transferable_lessons=lessons,
                contact_name=example["contact_name"],
                contact_organisation=organisation,
                contact_email=example["contact_email"],
                source_organisation=organisation,
                themes=ctx.terms("themes", example["themes"], lang),
                countries=ctx.terms("countries", example["countries"], lang),
                goals=ctx.terms("goals", example["goals"], lang),
            )
            source = source or page
            ctx.pages[f"knowledge-{slug}-{lang}"] = page


def _load_publications(ctx: DemoContext, index: KnowledgeIndexPage) -> None:
    for slug, item in PUBLICATIONS.items():
        page = upsert_page(
            index,
            PublicationPage,
            slug,
            title=item["title"],
            kind=item["kind"],
            lead=item["lead"],
            year=item["year"],
            source_organisation=item["source_organisation"],
            publisher=item["publisher"],
            external_url=item["external_url"],
            body=[("paragraph", f"<p>{text}</p>") for text in item["paragraphs"]],
            themes=ctx.terms("themes", item["themes"], "en"),
            countries=ctx.terms("countries", item["countries"], "en"),
            goals=ctx.terms("goals", item["goals"], "en"),
        )
        ctx.pages[f"knowledge-{slug}-en"] = page


def _dataset_document(lang: str, ctx: DemoContext, header: tuple[str, ...]):
    """A small semicolon-separated CSV (decimal commas), stored once per language."""
    title = f"Employment rate by country of birth – illustrative demo figures ({lang})"
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is not None:
        return document
    lines = [";".join(header)]
    for slug, (abroad, native) in STATISTICS_FIGURES.items():
        lines.append(f"{ctx.countries[slug][lang].name};{abroad};{native}")
    data = ("\n".join(lines) + "\n").encode()
    document = Document(title=title)
    document.file = ContentFile(data, name=f"demo-employment-{lang}.csv")
    document._set_document_file_metadata()
    document.save()
    return document


def _load_statistics(ctx: DemoContext, index: KnowledgeIndexPage) -> None:
    source = None
    countries = list(STATISTICS_FIGURES)
    for lang in MAIN_LANGUAGES:
        title, lead, origin, header = STATISTICS[lang]
        page = _save(
            source,
            index,
            StatisticsPage,
            "employment-by-country-of-birth",
            lang,
            ctx,
            title=title,
            lead=lead,
            dataset=_dataset_document(lang, ctx, header),
            source=origin,
            data_year=2023,
            unit="%",
            chart_type="bar",
            source_organisation="Integration Norden (demo)",
            themes=ctx.terms("themes", ["labour-market"], lang),
            countries=ctx.terms("countries", countries, lang),
            goals=ctx.terms("goals", ["goal-7"], lang),
        )
        source = source or page
        ctx.pages[f"knowledge-statistics-{lang}"] = page


def _answers(ctx: DemoContext, lang: str) -> list[ComparisonAnswer]:
    answers = []
    for slug, (source_title, url, valid_from, texts) in COMPARISON_ANSWERS.items():
        short, details = texts[lang]
        answers.append(
            ComparisonAnswer(
                country=ctx.countries[slug][lang],
                short_answer=short,
                details=details,
                source_title=source_title,
                source_url=url,
                valid_from=dt.date.fromisoformat(valid_from) if valid_from else None,
            )
        )
    return answers


def _load_comparison(ctx: DemoContext, index: KnowledgeIndexPage) -> None:
    source = None
    for lang in MAIN_LANGUAGES:
        title, question, lead, intro = COMPARISON[lang]
        page = _save(
            source,
            index,
            CountryComparisonPage,
            COMPARISON_SLUG,
            lang,
            ctx,
            title=title,
            question=question,
            lead=lead,
            intro=intro,
            answers=_answers(ctx, lang),
            themes=ctx.terms("themes", ["labour-market", "language-training"], lang),
            goals=ctx.terms("goals", ["goal-7"], lang),
        )
        source = source or page
        ctx.pages[f"knowledge-comparison-{lang}"] = page
