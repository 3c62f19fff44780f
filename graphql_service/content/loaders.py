"""What the generic content queries need besides the document loader."""

from __future__ import annotations

from search.documents import DOCUMENT_TYPES

__all__ = ["content_types"]

#: Page types that are not in ``search.DOCUMENT_TYPES`` but are content.
_PAGE_TYPES = ("home", "news_index", "event_index", "knowledge_index", "funding_index")


def content_types() -> tuple[str, ...]:
    """Every read-model type that is content (taxonomy terms are not)."""
    return tuple(dict.fromkeys((*DOCUMENT_TYPES, *_PAGE_TYPES)))
