"""Translations of a document's own words, indexed beside its text.

Query translation (:mod:`search.crosslingual`) looks a query word up in the
dictionaries of the searcher's language; it misses a relevant document when
those dictionaries lack the word the document uses. The dictionaries of the
document's language often have it: Finnish-English knows "teini-ikäinen" as
"teenager" where English-Finnish lacks "teenage"; the Swedish-Norwegian
dictionaries reach Norwegian from a Swedish compound that Norwegian cannot
split. So every document also indexes the translations of its own words into
the five other languages (``trans_<locale>``, analysed with that language's
analyser, scored below the document's own words), and a search meets it
from both sides:

* a query word is also looked for among the translations into its own
  language ("teenage" finds a Swedish text on "tonåringar", translated to
  "teenager");
* each one-word translation of a query word is also looked for among the
  translations into the translation's language (Norwegian "tannhelse" ->
  Swedish "tandhälsa" finds a Danish text whose "tandsundhed" became
  "tandhälsa" too).

Each word keeps its :data:`PER_TARGET` best translations per language (the
first senses of the dictionaries; the weights decide which). Without a
lexicon documents get no translations and search works on query
translation alone.
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Protocol

from search.analysis import analyze, is_function_word, words
from search.documents import LOCALES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from search.crosslingual import Translation
    from search.translation_cache import TranslationCache


class _Translates(Protocol):
    @property
    def available(self) -> bool: ...

    def translate(self, word: str, source: str) -> tuple[Translation, ...]: ...

    def is_function_word(self, word: str, locale: str) -> bool: ...


__all__ = [
    "PER_TARGET",
    "DocumentTranslator",
    "shared_document_translator",
    "translated_terms",
]

#: Translations kept per document word and language.
PER_TARGET: Final = 2
_MIN_WORD: Final = 3


class DocumentTranslator:
    """The translations of a text's words, per target language; with a
    ``cache``, those of other processes too (:mod:`search.translation_cache`)."""

    def __init__(
        self, translator: _Translates, cache: TranslationCache | None = None
    ) -> None:
        self.translator = translator
        self.cache = cache

    @property
    def available(self) -> bool:
        return self.translator.available

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance per process
    def word(self, word: str, locale: str) -> tuple[Translation, ...]:
        """Translations of one lowercase word, the best :data:`PER_TARGET`
        per target language."""
        cache = self.cache
        if cache is not None:
            known = cache.get(word, locale)
            if known is not None:
                return known
        kept: list[Translation] = []
        per_target: dict[str, int] = {}
        for translation in self.translator.translate(word, locale):
            count = per_target.get(translation.locale, 0)
            if count < PER_TARGET:
                per_target[translation.locale] = count + 1
                kept.append(translation)
        if cache is not None:
            cache.put(word, locale, tuple(kept))
        return tuple(kept)

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance per process
    def tokens(
        self, word: str, locale: str
    ) -> tuple[tuple[str, str, Translation], ...]:
        """``(language, analysed token, translation)`` of each word of each
        translation of one lowercase word (what search meets it by)."""
        return tuple(
            (translation.locale, token, translation)
            for translation in self.word(word, locale)
            for token in analyze(translation.text, translation.locale)
        )

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance per process
    def content_word(self, word: str, locale: str) -> tuple[Translation, ...]:
        """Translations of one lowercase word of a text; none for a word too
        short to translate, not of letters only, or a function word."""
        if (
            len(word) < _MIN_WORD
            or not word.isalpha()
            or is_function_word(word, locale, self.translator)
        ):
            return ()
        return self.word(word, locale)

    @functools.lru_cache(maxsize=16384)  # noqa: B019 - one instance per process
    def token_set(self, word: str, locale: str) -> frozenset[str]:
        """The analysed tokens of :meth:`tokens`, in any language: whether a
        word can meet a query's terms at all, answered without walking them
        (the strings are those :meth:`tokens` keeps)."""
        return frozenset(token for _, token, _ in self.tokens(word, locale))

    def words(self, text: str, locale: str) -> dict[str, tuple[Translation, ...]]:
        """The words of ``text`` that are translated (lowercase), with their
        translations."""
        if not self.available or locale not in LOCALES:
            return {}
        found: dict[str, tuple[Translation, ...]] = {}
        content_word = self.content_word
        for lowered in dict.fromkeys(word.lower() for word in words(text)):
            translations = content_word(lowered, locale)
            if translations:
                found[lowered] = translations
        return found

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one instance per process
    def hit_words(
        self, text: str, locale: str
    ) -> Mapping[str, tuple[Translation, ...]]:
        """:meth:`words` of a hit's text, kept: highlighting a translated
        search's hits walks their words, and the hits of a read model's
        searches recur (reading a text's words again was two thirds of
        highlighting a new search's page at 5,000 items)."""
        return MappingProxyType(self.words(text, locale))

    def terms(self, text: str, locale: str) -> dict[str, str]:
        """Translations of the words of ``text`` (in ``locale``), as text to
        index per target language (languages without any are left out)."""
        found: dict[str, dict[str, None]] = {}
        for translations in self.words(text, locale).values():
            for translation in translations:
                found.setdefault(translation.locale, {}).setdefault(
                    translation.text, None
                )
        return {target: " ".join(terms) for target, terms in found.items()}


@functools.cache
def shared_document_translator() -> DocumentTranslator:
    """The process's document translator over the shared lexicon, with the
    machine's translation cache."""
    from search.crosslingual import shared_translator
    from search.translation_cache import TranslationCache

    translator = shared_translator()
    return DocumentTranslator(translator, TranslationCache.for_translator(translator))


def translated_terms(text: str, locale: str) -> dict[str, str]:
    """The translations of the words of ``text`` by the process's document
    translator (what both backends index)."""
    return shared_document_translator().terms(text, locale)
