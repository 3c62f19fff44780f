"""How the best rows of a translated search are weighed across languages."""

from __future__ import annotations

import math

import pytest

from search import merging
from search.merging import balance_languages

SCORES = {"sv-1": 16.0, "sv-2": 9.0, "da-1": 4.0, "da-2": 1.0, "fi-1": 16.0}
LOCALES = {"sv-1": "sv", "sv-2": "sv", "da-1": "da", "da-2": "da", "fi-1": "fi"}


def test_each_language_is_lifted_towards_the_best_row() -> None:
    balanced = balance_languages(SCORES, LOCALES)
    # The best rows keep their scores; Danish is lifted by (16 / 4) ** 0.5.
    assert balanced["sv-1"] == balanced["fi-1"] == 16.0
    assert balanced["sv-2"] == 9.0
    assert balanced["da-1"] == pytest.approx(8.0)
    assert balanced["da-2"] == pytest.approx(2.0)


def test_no_score_falls_and_the_order_within_a_language_stays() -> None:
    balanced = balance_languages(SCORES, LOCALES)
    assert all(balanced[key] >= score for key, score in SCORES.items())
    assert balanced["da-1"] > balanced["da-2"]
    assert balanced["sv-1"] > balanced["sv-2"]


def test_rows_without_a_language_or_a_positive_score_keep_theirs() -> None:
    balanced = balance_languages(
        {"a": 10.0, "b": 1.0, "c": 0.0}, {"a": "sv", "c": "da"}
    )
    assert balanced == {"a": 10.0, "b": 1.0, "c": 0.0}


def test_the_weight_sets_how_far(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merging, "LANGUAGE_BALANCE", 0.0)
    assert balance_languages(SCORES, LOCALES) == SCORES
    monkeypatch.setattr(merging, "LANGUAGE_BALANCE", 1.0)
    assert math.isclose(balance_languages(SCORES, LOCALES)["da-1"], 16.0)
