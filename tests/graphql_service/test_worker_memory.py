"""What a worker builds at start-up stays out of the garbage collector's scans, and full
collections come rarely while it serves."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from graphql_service.app import create_app
from graphql_service.settings import Settings
from search.backends.embedded import EmbeddedBackend
from search.testing import make_document

pytestmark = pytest.mark.anyio


async def test_start_up_objects_are_frozen_while_the_app_runs(tmp_path: Path) -> None:
    backend = EmbeddedBackend(tmp_path / "index")
    backend.bulk([make_document()])
    settings = Settings(
        api_keys_file=tmp_path / "keys.json",
        usage_db=tmp_path / "usage.sqlite3",
        search_analytics_db=tmp_path / "search_analytics.sqlite3",
        generation_check_interval=0,
    )
    app = create_app(settings, backend=backend)
    assert gc.get_freeze_count() == 0
    threshold = gc.get_threshold()
    async with app.router.lifespan_context(app):
        # A full collection now scans only what requests create, and comes
        # ten times more rarely.
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (*threshold[:2], threshold[2] * 10)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold
    backend.close()
