"""Compound parts indexed beside the text, and how query words reach the
languages their own dictionary entries do not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from search.compounds import CompoundSplitter, compound_parts
from search.crosslingual import (
    MAX_PER_TARGET,
    FinnishAnalyser,
    Translator,
    shared_translator,
)
from search.lexicon import Lexicon
from search.lexicon.build import build_lexicon
from tests.search.lexicon.dictd import write_dictd

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lexicon]:
    folder: Path = tmp_path_factory.mktemp("dictd")
    write_dictd(
        folder,
        "swe-eng",
        {
            "språk": ["language"],
            "undervisning": ["teaching"],
            "tand": ["tooth"],
            "vård": ["care"],
            "kommun": ["municipality"],
            "brand": ["fire"],
            "skydd": ["protection"],
            "brandskydd": ["fire protection"],
            "vattenvana": ["water safety"],
            "vinter": ["winter"],
            "tyg": ["cloth"],
            "rök": ["smoke"],
            "alarm": ["alarm"],
            "invandrare": ["immigrant"],
            "invandra": ["immigrate"],
            "råd": ["council"],
        },
    )
    write_dictd(
        folder,
        "eng-fin",
        {
            "fire": ["tuli"],
            "protection": ["suoja"],
            "water": ["vesi"],
            "employment": ["työllisyys"],
            "firefighter": ["palomies"],
            "lifeguard": ["hengenpelastaja"],
        },
    )
    write_dictd(
        folder,
        "eng-swe",
        {
            "employ": ["anställa"],
            "employer": ["arbetsgivare"],
            "life": ["liv"],
            "guard": ["vakt"],
        },
    )
    write_dictd(
        folder,
        "fin-swe",
        {"palomies": ["brandman"], "hengenpelastaja": ["livräddare"]},
    )
    write_dictd(
        folder,
        "swe-nor",
        {
            "fiske": ["fiske, fisking"],
            "kort": ["kort, billett"],
            "rökalarm": ["røykvarsler"],
        },
    )
    write_dictd(
        folder,
        "swe-fin",
        {
            "arbete": ["työskennellä, työ"],
            "tillstånd": ["lupa"],
        },
    )
    write_dictd(
        folder,
        "fin-eng",
        {
            "turvallisuus": ["safety"],
            "maahanmuuttaja": ["immigrant"],
            "nainen": ["woman"],
            "naida": ["marry"],
            "pakolainen": ["refugee"],
            "perhe": ["family"],
        },
    )
    path = folder / "lexicon.sqlite"
    build_lexicon(path, dictd_folder=folder, apertium_folder=folder, lemma_locales=())
    opened = Lexicon.open(path)
    assert opened is not None
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def finnish() -> FinnishAnalyser:
    analyser = FinnishAnalyser.default()
    if analyser is None:
        pytest.skip("Voikko is not installed")
    return analyser


@pytest.fixture
def splitter(lexicon: Lexicon) -> CompoundSplitter:
    return CompoundSplitter(lexicon, None)


def test_a_compound_is_cut_where_both_sides_are_words(
    splitter: CompoundSplitter,
) -> None:
    assert splitter.parts("Språkundervisningen", "sv") == ("språk", "undervisningen")
    # The linking "s" goes; the first side is cut again.
    assert splitter.parts("tandvårdsundervisning", "sv") == (
        "tandvård",
        "undervisning",
        "tand",
        "vård",
    )


def test_ordinary_words_stay_whole(splitter: CompoundSplitter) -> None:
    assert splitter.parts("kommunerna", "sv") == ()  # "kommun" + "erna": no word
    assert splitter.parts("undervisning", "sv") == ()  # too short to hold two
    assert splitter.parts("språkundervisning", "en") == ()  # English: no compounds


def test_document_parts_are_indexed_once_and_skip_whole_words(
    splitter: CompoundSplitter,
) -> None:
    text = "Språkundervisning och språkundervisningen. Undervisning i språk."
    assert compound_parts(text, "sv", splitter) == "språk undervisning undervisningen"
    assert compound_parts(text, "en", splitter) == ""


def test_without_a_lexicon_nothing_is_cut() -> None:
    splitter = CompoundSplitter(None, None)
    assert splitter.parts("språkundervisningen", "sv") == ()
    assert compound_parts("språkundervisningen", "sv", splitter) == ""


def test_finnish_compounds_are_cut_where_voikko_puts_boundaries(
    finnish: FinnishAnalyser,
) -> None:
    splitter = CompoundSplitter(None, finnish)
    assert splitter.parts("hammasongelmia", "fi") == ("hammas", "ongelmia", "ongelma")
    # Neighbouring parts together as well.
    assert set(splitter.parts("turvapaikanhakijoiden", "fi")) == {
        "turva",
        "paikan",
        "hakijoiden",
        "turvapaikan",
        "paikanhakijoiden",
        "paikka",
        "hakija",
    }
    assert splitter.parts("kustannuksia", "fi") == ()  # derived, not compound


def test_finnish_document_compounds_also_index_each_part_as_a_headword(
    finnish: FinnishAnalyser,
) -> None:
    # "lasten" (of children) has another stem than "lapsi": a query word
    # translated to "lapsi" meets the text's compound only through the base.
    splitter = CompoundSplitter(None, finnish)
    assert set(splitter.parts("lastensuojelu", "fi")) == {"lasten", "suojelu", "lapsi"}
    assert {"pakolainen", "perhe"} <= set(splitter.parts("pakolaisperheille", "fi"))


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # Voikko's word bases split "kalastus" into "kalastaa" + "-us": a
        # derived part stays whole, as the dictionaries list it.
        ("kalastusluvat", ("kalastus", "lupa")),
        ("metsästäjätutkinto", ("metsästäjä", "tutkinto")),
        ("pikavippien", ("pika", "vippi")),
        ("kustannuksia", ()),
        # ... and ends in its suffix's own form, not the genitive.
        ("terveydenhuolto", ("terveys", "huolto")),
        ("peliriippuvuus", ("peli", "riippuvuus")),
        # A modifier in its compound form is read as its own dictionary
        # form: "pakolais-" of "pakolainen", "lasten" of "lapsi".
        ("pakolaisperheille", ("pakolainen", "perhe")),
        ("lastensuojelu", ("lapsi", "suojelu")),
        # One part, however Voikko cuts it inside.
        ("maahanmuuttajanaisille", ("maahanmuuttaja", "nainen")),
        # "kotoutumis-" is the verbal noun, not the verb "kotoutua".
        ("kotoutumiskoulutus", ("kotoutuminen", "koulutus")),
        # A compound verbal noun, which Voikko reads as a form of its verb
        # ("perheenyhdistää"), ends in the verbal noun.
        ("perheenyhdistämisen", ("perhe", "yhdistäminen")),
    ],
)
def test_finnish_compound_parts_are_dictionary_forms(
    finnish: FinnishAnalyser, word: str, parts: tuple[str, ...]
) -> None:
    assert finnish.parts(word) == parts


def test_a_finnish_verbal_noun_s_dictionary_form_comes_before_its_verb_s(
    finnish: FinnishAnalyser,
) -> None:
    # The dictionaries list "perheenyhdistäminen" (family reunification);
    # Voikko gives the inflected noun's base form as the verb.
    assert finnish.baseforms("perheenyhdistämisen") == (
        "perheenyhdistäminen",
        "perheenyhdistää",
    )
    assert finnish.baseforms("ilmoittautumiseen")[0] == "ilmoittautuminen"
    assert finnish.baseforms("työnhaussa") == ("työnhaku",)


def test_a_finnish_compound_is_translated_through_its_parts_headwords(
    lexicon: Lexicon, finnish: FinnishAnalyser
) -> None:
    translator = Translator(lexicon, finnish)
    found = {t.text for t in translator.translate("pakolaisperheille", "fi", ("en",))}
    assert "refugee family" in found
    # "nainen" is also a form of the verb "naida" (to marry), but Voikko
    # read the compound's part as the noun.
    found = {
        t.text for t in translator.translate("maahanmuuttajanaisille", "fi", ("en",))
    }
    assert "immigrant woman" in found
    assert not any("marry" in text for text in found)


def test_a_known_compound_is_translated_through_its_parts_too(
    lexicon: Lexicon,
) -> None:
    translator = Translator(lexicon)
    found = {(t.locale, t.text): t for t in translator.translate("brandskydd", "sv")}
    # Its own entry says English only; its parts reach Finnish, lower.
    assert found["en", "fire protection"].via == "swe-eng"
    assert found["en", "fire protection"].weight == 1.0
    assert found["fi", "tulisuoja"].via == "compound: brand + skydd"
    assert found["fi", "tulisuoja"].weight < 0.5
    assert ("fi", "tuli suoja") in found


def test_languages_no_dictionary_reaches_are_reached_through_a_pivot(
    lexicon: Lexicon,
) -> None:
    translator = Translator(lexicon)
    found = {(t.locale, t.text): t for t in translator.translate("vattenvana", "sv")}
    # Only English "water safety": Finnish through it, word by word.
    assert found["fi", "vesi turvallisuus"].via == "via en water safety"
    assert found["fi", "vesi turvallisuus"].weight < found["en", "water safety"].weight
    # A language the pivot's words do not reach gets nothing made up.
    assert not any(locale == "da" for locale, _ in found)


def test_a_language_the_word_does_not_reach_takes_its_stem_headword(
    lexicon: Lexicon,
) -> None:
    translator = Translator(lexicon)
    found = {(t.locale, t.text): t for t in translator.translate("employment", "en")}
    assert found["fi", "työllisyys"].weight == 1.0
    # "employment" has no Swedish entry; "employ" (its stem, and how it
    # begins) has, weighted lower; "employer" shares the stem only.
    assert found["sv", "anställa"].weight < 1.0
    assert ("sv", "arbetsgivare") not in found


def test_finnish_is_a_pivot_of_last_resort(lexicon: Lexicon) -> None:
    # The Finnish dictionaries are the largest: English "firefighter" reaches
    # Swedish only through Finnish "palomies".
    translator = Translator(lexicon)
    found = {(t.locale, t.text): t for t in translator.translate("firefighter", "en")}
    assert found["sv", "brandman"].via == "via fi palomies"


def test_a_known_word_reaches_through_a_pivot_what_its_parts_only_guess(
    lexicon: Lexicon,
) -> None:
    # "lifeguard" has a Finnish entry only. Its parts make Swedish "livvakt"
    # (a bodyguard): a guess, which leaves the pivot its place.
    translator = Translator(lexicon)
    found = {(t.locale, t.text): t for t in translator.translate("lifeguard", "en")}
    assert found["sv", "livvakt"].via == "compound: life + guard"
    assert found["sv", "livräddare"].via == "via fi hengenpelastaja"


def test_a_compound_may_end_in_a_three_letter_word(lexicon: Lexicon) -> None:
    # "vintertyg": "tyg" is short, but both sides are headwords.
    translator = Translator(lexicon)
    found = {(t.locale, t.text) for t in translator.translate("vintertyg", "sv")}
    assert ("en", "winter cloth") in found


def test_a_known_compound_short_of_languages_is_cut_at_a_short_part(
    lexicon: Lexicon, splitter: CompoundSplitter
) -> None:
    # "rökalarm" has a Norwegian entry only; "rök" is too short for the
    # documents' splitter, but where its dictionaries leave languages
    # unreached the query's parts reach them.
    assert splitter.cut("rökalarm", "sv") is None
    translator = Translator(lexicon)
    found = {(t.locale, t.text) for t in translator.translate("rökalarm", "sv")}
    assert ("nb", "røykvarsler") in found
    assert ("en", "smoke alarm") in found


def test_a_swedish_first_part_may_be_a_noun_without_its_final_e(
    lexicon: Lexicon,
) -> None:
    # "invandrar|råd": the agent noun "invandrare" drops its "e" before
    # another part; "invandrar" alone would read as the verb "invandra".
    translator = Translator(lexicon)
    found = {t.text for t in translator.translate("invandrarråd", "sv", ("en",))}
    assert "immigrant council" in found
    assert not any("immigrate" in text for text in found)


@pytest.fixture
def installed() -> Translator:
    """The translator over the lexicon ``make lexicon`` built from the
    installed packages (CI installs them)."""
    translator = shared_translator()
    if not translator.available:
        pytest.skip("no lexicon (make lexicon)")
    return translator


def test_a_swedish_first_part_may_be_a_noun_without_its_final_a(
    installed: Translator,
) -> None:
    # "fick|pengar" is pocket money: "ficka" drops its "a" before another
    # part; "fick" as written is the past of "få" (get), no headword.
    found = {t.text for t in installed.translate("fickpengar", "sv", ("da",))}
    assert "lommepenge" in found
    assert not any(text.startswith("få") for text in found)


def test_finnish_parts_the_dictionaries_list_as_one_word_stay_one(
    installed: Translator,
) -> None:
    if installed.finnish is None:
        pytest.skip("Voikko is not installed")
    # Voikko cuts "päivä" + "koti" + "paikka"; "päiväkoti" is kindergarten.
    assert installed.parts("päiväkotipaikka", "fi") == ("päiväkoti", "paikka")
    # Joined as written: "sairaan" + "hoitaja" is a nurse, "sairas" a patient.
    assert installed.parts("sairaanhoitajakoulutus", "fi") == (
        "sairaanhoitaja",
        "koulutus",
    )
    found = {t.text for t in installed.translate("päiväkotipaikka", "fi", ("nb",))}
    assert "barnehageplass" in found


def test_a_swedish_compound_drops_the_e_of_an_agent_noun_before_its_head(
    installed: Translator,
) -> None:
    found = {t.text for t in installed.translate("indvandrerkvinder", "da", ("sv",))}
    assert "invandrarkvinna" in found
    assert "invandrarekvinna" not in found


def test_a_finnish_compound_is_formed_only_where_voikko_knows_it(
    lexicon: Lexicon, finnish: FinnishAnalyser
) -> None:
    translator = Translator(lexicon, finnish)
    found = {t.text for t in translator.translate("arbetstillstånd", "sv", ("fi",))}
    # "arbete" is first the verb: an infinitive forms no Finnish compound.
    assert "työlupa" in found
    assert "työskennellälupa" not in found
    assert "työskennellä lupa" in found


def test_a_compound_also_finds_each_of_its_parts(lexicon: Lexicon) -> None:
    # "tandvård" is a kind of care, about teeth: "care" and "tooth" alone,
    # well below the whole.
    translator = Translator(lexicon)
    found = {(t.locale, t.text): t for t in translator.translate("tandvård", "sv")}
    assert found["en", "care"].weight <= found["en", "tooth care"].weight / 2
    assert found["en", "tooth"].weight <= found["en", "tooth care"].weight / 2


def test_each_part_alone_stays_however_many_wholes_there_are(
    lexicon: Lexicon,
) -> None:
    # Two translations of each part make eight Norwegian wholes ("fiskekort",
    # "fiske billett", ...), more than a language keeps; a text on fishing
    # licences may still only say "fiske".
    translator = Translator(lexicon)
    norwegian = [t for t in translator.translate("fiskekort", "sv") if t.locale == "nb"]
    texts = {t.text for t in norwegian}
    assert {"fiskekort", "fiske kort", "fiskebillett"} <= texts
    assert {"fiske", "kort"} <= texts
    assert len(norwegian) == MAX_PER_TARGET + 2
