"""Exceptions raised by the search package.

Every error derives from :class:`SearchError`, so callers that only want to know
"search failed" can catch one class. Client mistakes (a bad query, a bad
document) have their own classes so that the GraphQL layer can show them.
"""

from __future__ import annotations

__all__ = [
    "BackendUnavailableError",
    "IndexingError",
    "InvalidBackendError",
    "InvalidDocumentError",
    "InvalidQueryError",
    "SearchError",
]


class SearchError(Exception):
    """Base class of every error raised by the search package."""


class InvalidQueryError(SearchError, ValueError):
    """A search query is malformed (the caller's mistake, safe to show)."""


class InvalidDocumentError(SearchError, ValueError):
    """A document handed to the read model is malformed."""


class InvalidBackendError(SearchError):
    """The configured backend cannot be imported or built."""


class BackendUnavailableError(SearchError):
    """The backend cannot serve requests right now (closed, missing, down)."""


class IndexingError(SearchError):
    """Writing to the index failed; nothing of the failed batch was applied."""
