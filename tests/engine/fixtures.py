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

__all__ = ["engine_node", "engine_unavailable"]


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
