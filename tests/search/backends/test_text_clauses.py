"""Clause planning shared by both backends."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from search.backends._text_clauses import TextClauses, required_matches
from search.crosslingual import Translation, Translator
from search.glossary import Glossary, GlossaryMatch
from tests.search.contract_translations import QueryTranslator, WeightedTranslator


def test_a_translated_query_needs_a_third_of_its_clauses() -> None:
    needed = [required_matches(count, translated=True) for count in range(1, 8)]
    assert needed == [1, 1, 1, 2, 2, 2, 3]


def test_a_query_within_one_language_needs_every_clause() -> None:
    assert required_matches(3, translated=False) == 3


class _Inflecting(QueryTranslator):
    """Icelandic forms of "kennitala"; no translations."""

    def __init__(self) -> None:
        super().__init__({})

    def inflections(self, word: str, locale: str) -> tuple[str, ...]:
        return ("KENNITALA", "kennitölu", "kennitölur")


class _Recording(TextClauses[tuple[str, ...]]):
    """Records what each alternative would search for."""

    def __init__(self, translator: Translator) -> None:
        self.glossary = Glossary()
        self.search_locales = ("is", "da")
        self.glossary_locales = ("is",)
        self.expand = True
        self.translator = translator
        self.source_locale = "is"

    def word(self, word: str) -> list[tuple[str, ...]]:
        return [(word,)]

    def phrase(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        return [tuple(words)]

    def concept(
        self, match: GlossaryMatch, words: Sequence[str], *, loose: bool = True
    ) -> list[tuple[str, ...]]:
        return []

    def translated(
        self, translation: Translation, boost: float
    ) -> list[tuple[str, ...]]:
        return [(*translation.words, *translation.forms)]

    def any_of(self, options: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
        return tuple(word for option in options for word in option)


def test_other_forms_leave_out_those_the_word_itself_matches() -> None:
    clauses = _Recording(_Inflecting())
    # "KENNITALA" is the word itself once analysed: it would count twice.
    assert clauses.translations("kennitala") == [
        ("kennitölu", "kennitölu", "kennitölur")
    ]
    (expansion,) = clauses.expansions
    assert expansion.text == "kennitala"
    assert expansion.forms == ("kennitölu", "kennitölur")


class _Boosts(_Recording):
    """Records each translation's boost."""

    def __init__(self, translator: Translator) -> None:
        super().__init__(translator)
        self.search_locales = ("is", "da", "sv")
        self.boosts: dict[tuple[str, str], float] = {}

    def translated(
        self, translation: Translation, boost: float
    ) -> list[tuple[str, ...]]:
        self.boosts[translation.locale, translation.text] = boost
        return [translation.words]


def test_a_language_reached_only_by_a_guess_keeps_part_of_the_word_s_weight() -> None:
    clauses = _Boosts(
        WeightedTranslator(
            {
                ("is", "orð"): [
                    ("da", "ord", 1.0),
                    ("da", "glose", 0.5),
                    ("sv", "gissning", 0.25),
                    ("sv", "annan", 0.09),
                ]
            }
        )
    )
    clauses.translations("orð")
    boosts = clauses.boosts
    # Danish has a sure translation: its weights stay as they are.
    assert boosts["da", "glose"] == boosts["da", "ord"] / 2
    # Swedish only a guess at a quarter: lifted halfway to a sure one (the
    # square root), in order.
    assert boosts["sv", "gissning"] == pytest.approx(boosts["da", "ord"] / 2)
    assert boosts["sv", "annan"] == pytest.approx(boosts["da", "ord"] * 0.09 / 0.5)
