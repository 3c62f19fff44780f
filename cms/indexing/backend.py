"""The search backend the CMS writes to: the same configuration as every service."""

from __future__ import annotations

from django.conf import settings

from search.backends import BaseBackend, config_from_env, get_backend


def search_config() -> dict:
    """``SEARCH_*`` environment variables, with the index under the data folder."""
    config = config_from_env()
    config["PATH"] = str(getattr(settings, "SEARCH_PATH", config["PATH"]))
    return config


def get_search_backend() -> BaseBackend:
    return get_backend(search_config())
