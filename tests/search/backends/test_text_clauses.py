"""Clause planning shared by both backends."""

from __future__ import annotations

from collections.abc import Sequence

from search.backends._text_clauses import TextClauses, required_matches
from search.crosslingual import Translation, Translator
from search.glossary import Glossary, GlossaryMatch
from tests.search.contract_translations import QueryTranslator


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
