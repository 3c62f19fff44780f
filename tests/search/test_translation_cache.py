"""Translations of documents' words kept on disk (search.translation_cache)."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest

from search.crosslingual import Translation
from search.document_translation import DocumentTranslator
from search.translation_cache import TranslationCache, translation_cache_path

if TYPE_CHECKING:
    from search.crosslingual import Translator


class _Counting:
    """Danish "flygtning" in two languages; counts what it translates."""

    available = True

    def __init__(self) -> None:
        self.asked: list[str] = []

    def translate(self, word: str, source: str) -> tuple[Translation, ...]:
        self.asked.append(word)
        if word != "flygtning":
            return ()
        return (
            Translation("sv", ("flykting",), 0.89, "apertium-da-sv"),
            Translation("is", ("flóttamaður",), 0.68, "via sv", ("flóttamanni",)),
        )

    def is_function_word(self, word: str, locale: str) -> bool:
        return False


def test_a_word_translated_once_is_read_by_every_other_translator(
    tmp_path: Path,
) -> None:
    first = _Counting()
    found = DocumentTranslator(first, TranslationCache(tmp_path, "one")).word(
        "flygtning", "da"
    )
    assert first.asked == ["flygtning"]
    # Another process: its own translator, memory and connection.
    other = _Counting()
    again = DocumentTranslator(other, TranslationCache(tmp_path, "one"))
    assert again.word("flygtning", "da") == found
    assert again.words("Flygtning og flygtning", "da") == {"flygtning": found}
    assert other.asked == []


def test_a_new_lexicon_or_code_translates_again(tmp_path: Path) -> None:
    DocumentTranslator(_Counting(), TranslationCache(tmp_path, "one")).word(
        "flygtning", "da"
    )
    later = _Counting()
    DocumentTranslator(later, TranslationCache(tmp_path, "two")).word("flygtning", "da")
    assert later.asked == ["flygtning"]


def test_a_word_without_translations_is_kept_too(tmp_path: Path) -> None:
    DocumentTranslator(_Counting(), TranslationCache(tmp_path, "one")).word(
        "sofa", "da"
    )
    later = _Counting()
    assert (
        DocumentTranslator(later, TranslationCache(tmp_path, "one")).word("sofa", "da")
        == ()
    )
    assert later.asked == []


def test_an_entry_of_another_shape_is_translated_again(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path, "one")
    cache._cache.set(cache._key("flygtning", "da"), [["sv", "flykting"]])
    counting = _Counting()
    found = DocumentTranslator(counting, cache).word("flygtning", "da")
    assert counting.asked == ["flygtning"]
    assert [item.text for item in found] == ["flykting", "flóttamaður"]


def _with_lexicon() -> Translator:
    lexicon = SimpleNamespace(path=Path("lexicon.sqlite"), meta={"built": "today"})
    return cast("Translator", SimpleNamespace(lexicon=lexicon, finnish=None))


def test_a_cache_that_cannot_be_created_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    environ = {"SEARCH_TRANSLATION_CACHE": str(blocked / "translations")}
    with caplog.at_level(logging.WARNING, logger="search.translation_cache"):
        assert TranslationCache.for_translator(_with_lexicon(), environ) is None
    assert "unavailable" in caplog.text


def test_the_cache_follows_the_lexicon_and_the_code(tmp_path: Path) -> None:
    environ = {"SEARCH_TRANSLATION_CACHE": str(tmp_path)}
    translator = _with_lexicon()
    one = TranslationCache.for_translator(translator, environ)
    two = TranslationCache.for_translator(translator, environ)
    assert one is not None and two is not None
    assert one.stamp == two.stamp
    translator.lexicon.meta["built"] = "tomorrow"  # type: ignore[union-attr]
    rebuilt = TranslationCache.for_translator(translator, environ)
    assert rebuilt is not None and rebuilt.stamp != one.stamp
    without = cast("Translator", SimpleNamespace(lexicon=None, finnish=None))
    assert TranslationCache.for_translator(without, environ) is None


def test_where_the_cache_is() -> None:
    assert translation_cache_path({"SEARCH_TRANSLATION_CACHE": "/x/t"}) == Path("/x/t")
    assert translation_cache_path({"SEARCH_TRANSLATION_CACHE": ""}) is None
    assert translation_cache_path({"HUB_DATA_DIR": "/d"}) == Path(
        "/d/cache/translations"
    )
    assert translation_cache_path({}) is not None
