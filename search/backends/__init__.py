"""Backend selection by dotted path.

Configuration is either a mapping (``{"default": {"BACKEND": ..., ...}}`` as in
the style guide, or one flat ``{"BACKEND": ..., ...}``) or the environment:

* ``SEARCH_BACKEND``: module with ``SearchBackend = ...`` at the bottom, or a
  dotted path to a class (default ``search.backends.embedded``);
* ``SEARCH_PATH``: folder of the embedded index (default
  ``<repo>/data/search``);
* ``SEARCH_URLS``: comma-separated server URLs (Elasticsearch, OpenSearch);
* ``SEARCH_INDEX_PREFIX``: prefix of index and alias names (Elasticsearch,
  OpenSearch).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from search.backends.base import BaseBackend, BulkResult, Indexer, Searcher
from search.errors import InvalidBackendError

if TYPE_CHECKING:
    from collections.abc import Mapping as MappingType

__all__ = [
    "DEFAULT_BACKEND",
    "DEFAULT_PATH",
    "BaseBackend",
    "BulkResult",
    "Indexer",
    "Searcher",
    "config_from_env",
    "get_backend",
    "import_backend_class",
]

DEFAULT_BACKEND: Final = "search.backends.embedded"
DEFAULT_PATH: Final = Path(__file__).resolve().parents[2] / "data" / "search"


def config_from_env(environ: MappingType[str, str] | None = None) -> dict[str, Any]:
    """Read the backend configuration from ``SEARCH_*`` environment variables."""
    env = os.environ if environ is None else environ
    urls = [url.strip() for url in env.get("SEARCH_URLS", "").split(",")]
    return {
        "BACKEND": env.get("SEARCH_BACKEND") or DEFAULT_BACKEND,
        "PATH": env.get("SEARCH_PATH")
        or (
            str(Path(env["HUB_DATA_DIR"]) / "search")
            if env.get("HUB_DATA_DIR")
            else str(DEFAULT_PATH)
        ),
        "URLS": [url for url in urls if url],
        "INDEX_PREFIX": env.get("SEARCH_INDEX_PREFIX", ""),
    }


def import_backend_class(dotted_path: str) -> type[BaseBackend]:
    """Import a backend class from a module path or a ``module.Class`` path.

    Raises:
        InvalidBackendError: when nothing importable is found there.
    """
    if not isinstance(dotted_path, str) or not dotted_path:
        raise InvalidBackendError("BACKEND must be a dotted path")
    try:
        module = importlib.import_module(dotted_path)
        candidate = getattr(module, "SearchBackend", None)
        if candidate is None:
            raise InvalidBackendError(
                f"{dotted_path} has no SearchBackend attribute at module level"
            )
    except ModuleNotFoundError as exc:
        module_path, _, attribute = dotted_path.rpartition(".")
        if not module_path or exc.name not in (dotted_path, None):
            raise InvalidBackendError(
                f"cannot import search backend {dotted_path!r}: {exc}"
            ) from exc
        try:
            candidate = getattr(importlib.import_module(module_path), attribute)
        except (ImportError, AttributeError):
            raise InvalidBackendError(
                f"cannot import search backend {dotted_path!r}: {exc}"
            ) from exc
    except ImportError as exc:
        raise InvalidBackendError(
            f"cannot import search backend {dotted_path!r}: {exc}"
        ) from exc
    if not isinstance(candidate, type) or not issubclass(candidate, BaseBackend):
        raise InvalidBackendError(f"{dotted_path} is not a search backend class")
    return candidate


def get_backend(
    config: Mapping[str, Any] | None = None, *, alias: str = "default"
) -> BaseBackend:
    """Build the configured backend.

    Args:
        config: ``{"default": {"BACKEND": ..., "PATH": ...}}``, a flat
            ``{"BACKEND": ...}`` mapping, or ``None`` for the environment.
        alias: Which entry of a nested mapping to use.

    Raises:
        InvalidBackendError: the backend cannot be imported or built (the
            original error is chained).
    """
    options: Mapping[str, Any]
    if config is None:
        options = config_from_env()
    elif "BACKEND" in config or "PATH" in config:
        options = config
    elif alias in config:
        nested = config[alias]
        if not isinstance(nested, Mapping):
            raise InvalidBackendError(f"search config {alias!r} must be a mapping")
        options = nested
    else:
        raise InvalidBackendError(f"no search backend configured as {alias!r}")
    backend_class = import_backend_class(str(options.get("BACKEND") or DEFAULT_BACKEND))
    try:
        return backend_class.from_config(options)
    except InvalidBackendError:
        raise
    except Exception as exc:
        raise InvalidBackendError(
            f"cannot build search backend {backend_class.__name__}: {exc}"
        ) from exc
