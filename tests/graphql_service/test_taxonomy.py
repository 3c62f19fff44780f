"""Taxonomy lists named in the requested language (with fallback)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

TAXONOMY = """
query Taxonomy($locale: LocaleCode) {
  themes(locale: $locale) { slug name locale }
  countries(locale: $locale) { slug name code }
  goals(locale: $locale) { slug name number }
  theme(slug: "housing", locale: $locale) { name }
  unknown: theme(slug: "nothing") { name }
}
"""


async def test_terms_in_norwegian_fall_back_per_term(execute) -> None:
    result = await execute(TAXONOMY, {"locale": "nb"})

    assert result.errors is None
    assert result.data == {
        "themes": [
            {"slug": "education", "name": "Uddannelse", "locale": "da"},
            {"slug": "housing", "name": "Bolig", "locale": "da"},
            {"slug": "labour-market", "name": "Arbeidsmarked", "locale": "nb"},
        ],
        "countries": [
            {"slug": "denmark", "name": "Danmark", "code": "DK"},
            {"slug": "norway", "name": "Norge", "code": "NO"},
            {"slug": "sweden", "name": "Sverige", "code": "SE"},
        ],
        "goals": [
            {"slug": "goal-1", "name": "Et grønt Norden", "number": 1},
            {"slug": "goal-2", "name": "Et konkurrencedygtigt Norden", "number": 2},
        ],
        "theme": {"name": "Bolig"},
        "unknown": None,
    }


async def test_terms_without_a_version_in_the_chain_use_any_language(execute) -> None:
    result = await execute(TAXONOMY, {"locale": "fi"})

    # fi: sv, en; "education" exists in en and da only.
    assert result.data["themes"] == [
        {"slug": "education", "name": "Education", "locale": "en"},
        {"slug": "housing", "name": "Bostad", "locale": "sv"},
        {"slug": "labour-market", "name": "Arbetsmarknad", "locale": "sv"},
    ]
