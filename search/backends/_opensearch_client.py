"""Imports ``opensearch-py`` beside the hub's Django app named ``events``.

``opensearch-py`` needs the PyPI package ``Events`` (``from events import
Events``), but the CMS has an app of the same top-level name on its path,
which shadows it: a plain ``import opensearchpy`` then fails in every CMS
process. This module imports the client once with the PyPI ``events`` in
``sys.modules`` and puts back whatever held the name before (the app, or
nothing, so the app still imports later). The client keeps its reference to
``Events``; nothing else in the hub uses that package. Import this module,
not ``opensearchpy``, before the first use of the client (backend modules
are imported at start-up, so the brief swap races no other import).
"""

from __future__ import annotations

import importlib.util
import sys
from importlib import metadata

__all__ = ["opensearchpy"]

_NAME = "events"


def _load_client() -> None:
    if "opensearchpy" in sys.modules:
        return
    saved = {
        name: sys.modules.pop(name)
        for name in (_NAME, f"{_NAME}.{_NAME}")
        if name in sys.modules
    }
    try:
        location = metadata.distribution("Events").locate_file(f"{_NAME}/__init__.py")
        spec = importlib.util.spec_from_file_location(
            _NAME, str(location), submodule_search_locations=[str(location.parent)]
        )
        if spec is None or spec.loader is None:
            raise ImportError("the Events package of opensearch-py is missing")
        module = importlib.util.module_from_spec(spec)
        sys.modules[_NAME] = module
        spec.loader.exec_module(module)
        importlib.import_module("opensearchpy")
    finally:
        for name in (_NAME, f"{_NAME}.{_NAME}"):
            sys.modules.pop(name, None)
        sys.modules.update(saved)


_load_client()

import opensearchpy  # noqa: E402 - after the loader above, which imports it
