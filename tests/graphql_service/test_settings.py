"""Settings come from the environment with typed casts and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphql_service.settings import SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings({})

    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8001, 1)
    assert settings.debug is False
    assert settings.max_page_size == 50
    assert settings.locale_chains.chain("nb") == ("nb", "da", "sv", "en")
    assert settings.api_keys_file.name == "api_keys.json"
    assert settings.search_config is not None
    assert settings.search_config["BACKEND"] == "search.backends.embedded"


def test_values_are_cast() -> None:
    settings = load_settings(
        {
            "GRAPHQL_WORKERS": "2",
            "GRAPHQL_DEBUG": "true",
            "GRAPHQL_TIMEOUT": "1.5",
            "GRAPHQL_LOCALE_FALLBACKS": "is:da,nb",
            "HUB_API_KEYS_FILE": "/srv/keys.json",
            "SEARCH_PATH": "/srv/index",
        }
    )

    assert settings.workers == 2
    assert settings.debug is True
    assert settings.timeout == 1.5
    assert settings.locale_chains.chain("is") == ("is", "da", "nb")
    assert settings.api_keys_file == Path("/srv/keys.json")
    assert settings.search_config is not None
    assert settings.search_config["PATH"] == "/srv/index"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GRAPHQL_WORKERS", "none", "'none'. Not a valid whole number of at least 1"),
        ("GRAPHQL_WORKERS", "0", "Not a valid whole number of at least 1"),
        ("GRAPHQL_DEBUG", "maybe", "Not a valid bool"),
        ("GRAPHQL_MAX_PAGE_SIZE", "10", "between 20"),
        ("GRAPHQL_DEFAULT_LOCALE", "de", "'de' is not one of"),
        ("GRAPHQL_LOCALE_FALLBACKS", "nb:xx", "'xx' is not one of"),
        ("GRAPHQL_TIMEOUT", "0", "Not a valid number above 0"),
    ],
)
def test_bad_values_are_reported(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings({name: value})
