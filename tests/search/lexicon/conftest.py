"""Small dictionaries in the installed formats, written for each test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def dictd(tmp_path: Path) -> Path:
    folder = tmp_path / "dictd"
    folder.mkdir()
    return folder
