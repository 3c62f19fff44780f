"""Flattening rich content into the plain text the search engine indexes."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines


def stream_text(page, *field_names: str) -> str:
    """Searchable text of StreamFields and rich-text fields, one block per line."""
    parts: list[str] = []
    for name in field_names:
        field = page._meta.get_field(name)
        value = getattr(page, name)
        if value is None:
            continue
        if hasattr(field, "get_searchable_content"):
            parts.extend(str(item) for item in field.get_searchable_content(value))
        else:
            parts.append(strip_tags(str(value)))
    return normalize_newlines("\n".join(p.strip() for p in parts if p and p.strip()))
