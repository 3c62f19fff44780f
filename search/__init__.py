"""Read model and search backends of Integration Norden Hub.

Framework-free: the CMS turns content into :class:`Document` objects and
writes them through a backend; the GraphQL service searches the same backend.
"""

from __future__ import annotations

from search.backends import BaseBackend, BulkResult, get_backend
from search.documents import DOCUMENT_TYPES, LOCALES, Document, ImageInfo, Rendition
from search.errors import (
    BackendUnavailableError,
    IndexingError,
    InvalidBackendError,
    InvalidDocumentError,
    InvalidQueryError,
    SearchError,
)
from search.glossary import Glossary
from search.query import FacetValue, Hit, SearchQuery, SearchResults

__all__ = [
    "DOCUMENT_TYPES",
    "LOCALES",
    "BackendUnavailableError",
    "BaseBackend",
    "BulkResult",
    "Document",
    "FacetValue",
    "Glossary",
    "Hit",
    "ImageInfo",
    "IndexingError",
    "InvalidBackendError",
    "InvalidDocumentError",
    "InvalidQueryError",
    "Rendition",
    "SearchError",
    "SearchQuery",
    "SearchResults",
    "get_backend",
]
