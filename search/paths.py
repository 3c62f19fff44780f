"""Public addresses of documents, as the read model indexes and finds them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.documents import Document

__all__ = ["document_paths", "normalise_path"]


def normalise_path(path: str) -> str:
    """Canonical form of a public path: leading and trailing slash, no query.

    Absolute URLs of external items are kept as they are (minus a fragment).
    """
    value = path.strip()
    if "://" in value:
        return value.split("#", 1)[0]
    value = value.split("?", 1)[0].split("#", 1)[0]
    if not value.startswith("/"):
        value = "/" + value
    if not value.endswith("/"):
        value += "/"
    return value


def document_paths(document: Document) -> tuple[str, ...]:
    """Every address ``document`` answers to: its path and its payload's URL."""
    paths: list[str] = []
    if document.url_path:
        paths.append(normalise_path(document.url_path))
    url = document.payload.get("url") if document.payload else None
    if isinstance(url, str) and url:
        absolute = url.split("#", 1)[0]
        if absolute not in paths:
            paths.append(absolute)
    return tuple(paths)
