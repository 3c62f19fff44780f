"""What a document indexes of its words' translations."""

from __future__ import annotations

import pytest

from search.crosslingual import Translation
from search.document_translation import PER_TARGET, DocumentTranslator


class Counting:
    """Translates every word into Swedish and English, counting lookups."""

    available = True

    def __init__(self, function_words: tuple[str, ...] = ()) -> None:
        self.looked_up: list[str] = []
        self.function_words = function_words

    def is_function_word(self, word: str, locale: str) -> bool:
        return word in self.function_words

    def translate(self, word: str, source: str) -> tuple[Translation, ...]:
        self.looked_up.append(word)
        return tuple(
            Translation(target, (f"{word}-{target}{n}",), 1.0 - n / 10, "test")
            for target in ("sv", "en")
            for n in range(PER_TARGET + 2)
        )


class Unavailable(Counting):
    available = False


def test_each_word_keeps_its_best_translations_per_language() -> None:
    translator = DocumentTranslator(Counting())
    terms = translator.terms("Boliger, boliger og familier", "da")
    assert set(terms) == {"sv", "en"}
    assert terms["sv"].split() == [
        *(f"boliger-sv{n}" for n in range(PER_TARGET)),
        *(f"familier-sv{n}" for n in range(PER_TARGET)),
    ]


def test_function_words_short_words_and_numbers_are_not_translated() -> None:
    counting = Counting()
    translator = DocumentTranslator(counting)
    assert translator.terms("og i 2025 en by", "da") == {}
    assert counting.looked_up == []


def test_words_the_lexicon_knows_only_as_function_words_are_not_translated() -> None:
    counting = Counting(function_words=("hos",))
    translator = DocumentTranslator(counting)
    assert set(translator.words("Time hos legen", "nb")) == {"time", "legen"}
    assert "hos" not in counting.looked_up


def test_a_word_is_looked_up_once_per_process() -> None:
    counting = Counting()
    translator = DocumentTranslator(counting)
    translator.terms("Familier", "da")
    translator.terms("familier flytter", "da")
    assert counting.looked_up == ["familier", "flytter"]


@pytest.mark.parametrize("locale", ["da", "xx"])
def test_without_a_lexicon_or_language_nothing_is_translated(locale: str) -> None:
    translator = DocumentTranslator(Unavailable() if locale == "da" else Counting())
    assert translator.terms("Boliger til familier", locale) == {}
