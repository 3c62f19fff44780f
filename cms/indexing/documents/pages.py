"""Home, standard and news pages."""

from __future__ import annotations

from core.models import HomePage, StandardPage
from core.visibility import has_expired
from indexing.documents.base import aware, page_document
from indexing.publicity import page_is_public
from indexing.registry import doc_id_for, is_indexed_model, register
from indexing.text import stream_text
from news.models import NewsIndexPage, NewsPage
from search.documents import Document


def related_ids(pages) -> list[str]:
    """Document ids of related live, unexpired pages the read model holds."""
    ids = []
    for related in pages:
        shown = related.live and not has_expired(related)
        if shown and is_indexed_model(related.specific_class):
            ids.append(doc_id_for(related))
    return ids


@register(HomePage, "home", is_public=page_is_public)
def home_page_to_document(page: HomePage, version: int) -> Document:
    return page_document(
        page,
        version,
        "home",
        body=stream_text(page, "body"),
        payload={"hero_title": page.hero_title, "body_html": str(page.body)},
    )


@register(StandardPage, "standard_page", is_public=page_is_public)
def standard_page_to_document(page: StandardPage, version: int) -> Document:
    return page_document(
        page,
        version,
        "standard_page",
        body=stream_text(page, "body"),
        payload={"body_html": str(page.body)},
    )


@register(NewsIndexPage, "news_index", is_public=page_is_public)
def news_index_to_document(page: NewsIndexPage, version: int) -> Document:
    return page_document(page, version, "news_index")


@register(NewsPage, "news", is_public=page_is_public)
def news_page_to_document(page: NewsPage, version: int) -> Document:
    return page_document(
        page,
        version,
        "news",
        body=stream_text(page, "body"),
        date=aware(page.date),
        payload={
            "date": page.date.isoformat(),
            "body_html": str(page.body),
            "related": related_ids(link.page for link in page.related_links.all()),
        },
    )
