"""Words of one family that stemmers keep apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from search.crosslingual import Translator
from search.derivation import related
from search.lexicon import Lexicon
from search.lexicon.build import build_lexicon
from tests.search.lexicon.dictd import write_dictd


def known_words(*words: str) -> Callable[[str], bool]:
    return set(words).__contains__


def test_an_adjective_finds_its_noun_and_the_noun_its_adjective() -> None:
    known = known_words("allergi", "allergisk", "muslim", "muslimsk")
    assert related("allergisk", "da", known) == ("allergi",)
    assert related("allergi", "da", known) == ("allergisk",)
    assert related("muslimsk", "da", known) == ("muslim",)
    assert related("Allergic", "en", known_words("allergy")) == ("allergy",)
    assert related("allerginen", "fi", known_words("allergia")) == ("allergia",)


def test_only_headwords_of_the_language_and_long_enough_stems_count() -> None:
    assert related("allergisk", "da", known_words()) == ()
    # "tysk" less "sk" leaves two letters: Danish "ty" is another word.
    assert related("tysk", "da", known_words("ty")) == ()
    # No pairs for a language without rules.
    assert related("ofnæmi", "is", known_words("ofnæmisk")) == ()


@pytest.fixture
def family_lexicon(tmp_path: Path) -> Lexicon:
    folder = tmp_path / "dictd"
    folder.mkdir()
    write_dictd(
        folder,
        "dan-eng",
        {
            "allergisk": ["allergic"],
            "allergi": ["allergy"],
            "politisk": ["political"],
            "politi": ["police"],
        },
    )
    # Swedish words with only Norwegian translations, of one family there.
    write_dictd(folder, "swe-nor", {"kemisk": ["kjemisk"], "kemi": ["kjemi"]})
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path, dictd_folder=folder, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    return lexicon


def test_a_derivation_counts_where_another_language_has_the_same_family(
    family_lexicon: Lexicon,
) -> None:
    translator = Translator(family_lexicon)
    # English "allergic" and "allergy" are of one family too.
    assert translator.derivations("allergiske", "da") == ("allergi",)
    assert translator.derivations("allergi", "da") == ("allergisk",)
    # "political" and "police" are not.
    assert translator.derivations("politisk", "da") == ()
    # Another Scandinavian language shares the suffixes and their ambiguity:
    # its evidence does not count.
    assert translator.derivations("kemisk", "sv") == ()


def test_a_translation_brings_the_words_of_its_family(
    family_lexicon: Lexicon,
) -> None:
    translator = Translator(family_lexicon)
    english = [
        translator.with_forms(t)
        for t in translator.translate("allergisk", "da")
        if t.locale == "en"
    ]
    assert [(t.words, t.forms) for t in english] == [(("allergic",), ("allergy",))]
