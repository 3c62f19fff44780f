"""Wagtail's own search (the admin's page, snippet, image and document search).

:func:`wagtailsearch_backends` builds ``WAGTAILSEARCH_BACKENDS`` from the
environment; the production settings use it (their docstring says which
variables). :func:`import_opensearch_client` makes opensearch-py importable in
the CMS process, where the ``events`` app hides a package the client needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "DATABASE_BACKEND",
    "OPENSEARCH_BACKEND",
    "import_opensearch_client",
    "wagtailsearch_backends",
]

DATABASE_BACKEND = "wagtail.search.backends.database"
#: ``opensearch3`` is the backend for opensearch-py 3.x (the client, not the
#: server: it passes arguments by keyword, as client 3.x requires; ``opensearch2``
#: calls ``indices.create`` positionally and fails there). Checked against
#: OpenSearch 2.19.
OPENSEARCH_BACKEND = "wagtail.search.backends.opensearch3"
DEFAULT_TIMEOUT = 10.0
#: Wagtail indexes autocomplete text folded (``asciifolding``) but analyses the
#: query with the built-in ``standard`` analyser, which does not fold: "Tromsø"
#: is indexed as "tromso" and an editor typing "tromsø" finds nothing. An index
#: analyser of that name replaces the built-in one in Wagtail's indices, so
#: queries and full-text fields fold æ/ø/å/ä/ö/þ/ð as the autocomplete does.
FOLDED_STANDARD_ANALYZER: dict[str, Any] = {
    "settings": {
        "analysis": {
            "analyzer": {
                "standard": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                }
            }
        }
    }
}


def wagtailsearch_backends(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """``WAGTAILSEARCH_BACKENDS`` for ``environ``: the engine when it names one.

    ``WAGTAILSEARCH_URLS`` wins when it is set (set it empty to keep the
    database backend); otherwise ``SEARCH_URLS``, the read model's engine, is
    used. Indices are named ``<SEARCH_INDEX_PREFIX>wagtail_<app>_<model>``
    unless ``WAGTAILSEARCH_INDEX_PREFIX`` says otherwise.
    """
    if "WAGTAILSEARCH_URLS" in environ:
        raw = environ["WAGTAILSEARCH_URLS"]
    else:
        raw = environ.get("SEARCH_URLS", "")
    urls = [url.strip() for url in raw.split(",") if url.strip()]
    if not urls:
        return {"default": {"BACKEND": DATABASE_BACKEND}}
    default_prefix = environ.get("SEARCH_INDEX_PREFIX", "") + "wagtail_"
    prefix = environ.get("WAGTAILSEARCH_INDEX_PREFIX", default_prefix)
    if prefix != prefix.lower():
        raise ImproperlyConfigured(
            f"WAGTAILSEARCH_INDEX_PREFIX {prefix!r}: index names are lowercase"
        )
    timeout = float(environ.get("WAGTAILSEARCH_TIMEOUT", DEFAULT_TIMEOUT))
    return {
        "default": {
            "BACKEND": OPENSEARCH_BACKEND,
            "URLS": urls,
            "INDEX_PREFIX": prefix,
            "TIMEOUT": timeout,
            # Saves and deletes in the admin reach the index at once (a failure
            # is logged, the save stands; ``update_index`` repairs the index).
            "AUTO_UPDATE": True,
            # ``update_index`` builds a new index beside the live one and swaps
            # an alias: admin search keeps answering during a rebuild.
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": FOLDED_STANDARD_ANALYZER,
            # Another node on connection errors, but no retry after a timeout:
            # an editor should not wait several timeouts for one search.
            "OPTIONS": {"max_retries": 2, "retry_on_timeout": False},
        }
    }


def import_opensearch_client() -> None:
    """Import opensearch-py beside the ``events`` app, which hides a package
    the client needs (see :mod:`search.backends._opensearch_client`, shared
    with the read model's OpenSearch backend). Call it before Wagtail's
    OpenSearch backend is used (the settings do).

    Raises:
        ImproperlyConfigured: opensearch-py or its ``events`` package is missing.
    """
    try:
        importlib.import_module("search.backends._opensearch_client")
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"Wagtail's OpenSearch backend needs opensearch-py (the project's "
            f"`opensearch` extra): {exc}"
        ) from exc
