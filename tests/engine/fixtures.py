"""pytest fixtures for the real search engine (see :mod:`tests.engine.node`).

One single-node OpenSearch for the whole session, started at first use;
each backend under test gets an index prefix of its own on it. Where the
node cannot be built or started, the tests that need it are skipped with
the reason, unless ``ENGINE_REQUIRED`` is set (CI sets it), where they fail.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from tests.engine.node import EngineNode, EngineUnavailableError, single_node

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "ENGINE_BACKEND",
    "engine_config",
    "engine_environment",
    "engine_node",
    "engine_unavailable",
]

#: The read-model backend the tests run on the engine node (a dotted path for
#: ``SEARCH_BACKEND``).
ENGINE_BACKEND = "search.backends.opensearch"


def engine_config(urls: list[str], prefix: str, **options: object) -> dict[str, object]:
    """Backend options (for :func:`search.backends.get_backend`) on the engine."""
    return {"BACKEND": ENGINE_BACKEND, "URLS": urls, "INDEX_PREFIX": prefix, **options}


def engine_environment(urls: list[str], prefix: str) -> dict[str, str]:
    """``SEARCH_*`` variables selecting the engine, for a service's process."""
    return {
        "SEARCH_BACKEND": ENGINE_BACKEND,
        "SEARCH_URLS": ",".join(urls),
        "SEARCH_INDEX_PREFIX": prefix,
    }


def engine_unavailable(reason: str) -> None:
    """Skip (or fail, where the engine is required) with ``reason``."""
    message = f"no search engine node: {reason}"
    if os.environ.get("ENGINE_REQUIRED"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def engine_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineNode]:
    """A running single-node OpenSearch (its ``url``), stopped at the end."""
    try:
        node = single_node(tmp_path_factory.mktemp("engine"))
    except EngineUnavailableError as exc:
        engine_unavailable(str(exc))
        raise  # unreachable: skip and fail raise
    yield node
    node.stop()
