"""Backend selection by configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from search.backends import (
    DEFAULT_PATH,
    config_from_env,
    get_backend,
    import_backend_class,
)
from search.backends.embedded import EmbeddedBackend
from search.errors import InvalidBackendError

if TYPE_CHECKING:
    from pathlib import Path


def test_config_from_env_defaults_and_values() -> None:
    assert config_from_env({}) == {
        "BACKEND": "search.backends.embedded",
        "PATH": str(DEFAULT_PATH),
        "URLS": [],
        "INDEX_PREFIX": "",
    }
    env = {
        "SEARCH_BACKEND": "search.backends.elasticsearch",
        "SEARCH_URLS": "http://a:9200, http://b:9200,",
        "SEARCH_INDEX_PREFIX": "hub",
    }
    config = config_from_env(env)
    assert config["URLS"] == ["http://a:9200", "http://b:9200"]
    assert config["INDEX_PREFIX"] == "hub"
    assert DEFAULT_PATH.parts[-2:] == ("data", "search")


def test_get_backend_from_nested_flat_and_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nested = {
        "default": {"BACKEND": "search.backends.embedded", "PATH": str(tmp_path / "a")}
    }
    with get_backend(nested) as backend:
        assert isinstance(backend, EmbeddedBackend)
        assert backend.path == tmp_path / "a"
    flat = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "PATH": tmp_path / "b",
    }
    with get_backend(flat) as backend:
        assert isinstance(backend, EmbeddedBackend) and backend.path == tmp_path / "b"
    monkeypatch.setenv("SEARCH_PATH", str(tmp_path / "c"))
    monkeypatch.delenv("SEARCH_BACKEND", raising=False)
    with get_backend() as backend:
        assert isinstance(backend, EmbeddedBackend) and backend.path == tmp_path / "c"


def test_glossary_rows_from_config(tmp_path: Path) -> None:
    rows = [{"concept_id": "asylum", "da": "asyl", "en": "asylum"}]
    config = {"PATH": str(tmp_path), "GLOSSARY": rows}
    with get_backend(config) as backend:
        assert isinstance(backend, EmbeddedBackend)
        assert len(backend.glossary) == 1


@pytest.mark.parametrize(
    "config",
    [
        {"BACKEND": "search.backends.nope"},
        {"BACKEND": "search.backends.embedded.Nope"},
        {"BACKEND": "search.query"},
        {"BACKEND": "search.query.SearchQuery"},
        {"default": "search.backends.embedded"},
        {"other": {"BACKEND": "search.backends.embedded"}},
        {"BACKEND": "search.backends.embedded", "PATH": "/proc/forbidden/index"},
    ],
)
def test_failures_become_invalid_backend_error(
    config: dict[str, object], tmp_path: Path
) -> None:
    # Never fall back to the default index folder in tests.
    if "BACKEND" in config and "PATH" not in config:
        config = {**config, "PATH": str(tmp_path)}
    with pytest.raises(InvalidBackendError) as raised:
        get_backend(config)
    assert "search" in str(raised.value).lower()


def test_import_backend_class_keeps_the_cause() -> None:
    with pytest.raises(InvalidBackendError) as raised:
        import_backend_class("search.backends.missing_engine")
    assert isinstance(raised.value.__cause__, ModuleNotFoundError)
