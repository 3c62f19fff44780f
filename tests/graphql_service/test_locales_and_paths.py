"""Locale chains, language negotiation and the canonical form of paths."""

from __future__ import annotations

import pytest

from graphql_service.locales import LocaleChains, negotiate_locale
from search.paths import normalise_path


def test_locale_chains_parse_and_default() -> None:
    chains = LocaleChains.parse("nb:da,sv,en; fi:sv,en; en:")

    assert chains.chain("nb") == ("nb", "da", "sv", "en")
    assert chains.chain("fi") == ("fi", "sv", "en")
    assert chains.chain("en") == ("en",)
    assert chains.chain("is") == ("is",)
    with pytest.raises(ValueError, match="'xx' is not one of"):
        LocaleChains.parse("nb:xx")
    with pytest.raises(ValueError, match="has no ':'"):
        LocaleChains.parse("nb")


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("nb-NO,nb;q=0.9,en;q=0.8", "nb"),
        ("no", "nb"),
        ("de-DE,de;q=0.9,sv;q=0.5,da;q=0.7", "da"),
        ("fr", None),
        ("da;q=0, en", "en"),
        ("", None),
    ],
)
def test_accept_language_negotiation(header: str, locale: str | None) -> None:
    assert negotiate_locale(header) == locale


@pytest.mark.parametrize(
    ("path", "normal"),
    [
        ("/da/nyheder/job", "/da/nyheder/job/"),
        ("da/nyheder/job/?utm=x#top", "/da/nyheder/job/"),
        ("https://nordregio.org/a/#b", "https://nordregio.org/a/"),
    ],
)
def test_paths_are_normalised(path: str, normal: str) -> None:
    assert normalise_path(path) == normal
