"""Building the lexicon from dictionaries, and reading it back."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from search.compounds import CompoundSplitter
from search.crosslingual import Translator
from search.lexicon import Lexicon, apertium, build
from search.lexicon.apertium import (
    ANALYSERS,
    APERTIUM_FOLDER,
    analyse,
    default_translations,
)
from search.lexicon.build import build_lexicon
from search.lexicon.freedict import parse_entry
from tests.search.lexicon.dictd import write_dictd


def test_a_freedict_entry_keeps_translations_and_skips_glosses() -> None:
    entry = parse_entry(
        "language /x/ <n>\n"
        "1. kieli, puhe 2.\n"
        "body of words used as a form of communication\n"
        " 3.\n"
        " the ability to communicate using words\n"
        "2. kieli (ohjelmointi), ohjelmointikieli\n"
        "computer language\n"
    )
    assert entry is not None
    assert entry.headword == "language"
    assert entry.part_of_speech == "n"
    assert entry.senses == (("kieli", "puhe"), ("kieli", "ohjelmointikieli"))


def test_an_unnumbered_entry_has_one_sense_and_its_gloss_is_dropped() -> None:
    entry = parse_entry(
        "flyktingläger /x/ <n, neut>\nflyktningleir\nenklare, tillfällig boplats\n"
    )
    assert entry is not None
    assert entry.senses == (("flyktningleir",),)


@pytest.fixture
def small_lexicon(dictd: Path, tmp_path: Path) -> Lexicon:
    write_dictd(
        dictd, "dan-eng", {"sprog": ["language, tongue"], "bolig": ["dwelling"]}
    )
    write_dictd(dictd, "eng-fin", {"language": ["1. kieli", "gloss line"]})
    write_dictd(dictd, "swe-eng", {"språk": ["language"], "boll": ["ball"]})
    path = tmp_path / "lexicon.sqlite"
    report = build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    assert report.translations > 0
    assert any("apertium" in missing for missing in report.missing)
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    return lexicon


def test_the_headwords_under_a_key_are_read_as_spelled(
    small_lexicon: Lexicon,
) -> None:
    # Swedish "språk" is filed under its folded stem.
    assert small_lexicon.heads("sv", "sprak") == ("språk",)
    assert small_lexicon.heads("sv", "xyz") == ()


def test_dictionaries_translate_both_ways(small_lexicon: Lexicon) -> None:
    forward = {(e.target, e.word) for e in small_lexicon.translations("da", "sprog")}
    assert ("en", "language") in forward
    backward = small_lexicon.translations("en", "languag")
    assert {("da", "sprog"), ("sv", "språk")} <= {(e.target, e.word) for e in backward}
    reverse_weight = next(e.weight for e in backward if e.word == "sprog")
    assert reverse_weight < 1.0


def test_missing_pairs_are_composed_through_a_pivot(small_lexicon: Lexicon) -> None:
    # No Danish-Finnish or Danish-Swedish dictionary: both go through English.
    found = {e.target: e for e in small_lexicon.translations("da", "sprog")}
    assert found["fi"].word == "kieli"
    assert found["fi"].via == "via en"
    assert found["sv"].word == "språk"
    assert found["fi"].weight < found["en"].weight


def test_inflected_words_find_their_entry(small_lexicon: Lexicon) -> None:
    translator = Translator(small_lexicon)
    words = {t.text for t in translator.translate("sproget", "da") if t.locale == "sv"}
    assert words == {"språk"}


def test_compounds_are_translated_part_by_part(dictd: Path, tmp_path: Path) -> None:
    write_dictd(
        dictd,
        "swe-nor",
        {"språk": ["språk"], "undervisning": ["undervisning"], "arbete": ["arbeid"]},
    )
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    translator = Translator(Lexicon.open(path))
    found = {
        (t.locale, t.text): t for t in translator.translate("språkundervisningen", "sv")
    }
    assert ("nb", "språkundervisning") in found
    assert ("nb", "språk undervisning") in found
    assert (
        found["nb", "språk undervisning"].weight
        < found["nb", "språkundervisning"].weight
    )
    assert found["nb", "språkundervisning"].via.startswith("compound: språk + ")
    # Each part alone, weighted lowest: what the compound is ("undervisning")
    # and what it is about ("språk").
    parts = [found["nb", "språk"], found["nb", "undervisning"]]
    assert all(part.weight < found["nb", "språk undervisning"].weight for part in parts)
    # A linking "s" between the parts is dropped: arbete + s + undervisning.
    linked = {t.text for t in translator.translate("arbetesundervisning", "sv")}
    assert "arbeidundervisning" in linked


def test_a_seven_letter_compound_is_split(dictd: Path, tmp_path: Path) -> None:
    write_dictd(dictd, "dan-eng", {"flåt": ["tick"], "bid": ["bite"]})
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    translator = Translator(Lexicon.open(path))
    assert "tick bite" in {t.text for t in translator.translate("flåtbid", "da")}


def test_short_or_unknown_words_are_not_split(small_lexicon: Lexicon) -> None:
    translator = Translator(small_lexicon)
    assert translator.translate("sprogx", "da") == ()
    assert translator.translate("xyzzyplugh", "da") == ()
    assert translator.translate("123", "da") == ()


def test_a_word_prefers_its_own_headword_to_one_that_shares_its_stem(
    dictd: Path, tmp_path: Path
) -> None:
    # Danish "bolig" and "bølle" both stem (and fold) to "bol".
    write_dictd(dictd, "dan-eng", {"bolig": ["dwelling"], "bølle": ["bully"]})
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    translator = Translator(Lexicon.open(path))
    assert {t.text for t in translator.translate("bolig", "da")} == {"dwelling"}


def test_a_word_spelled_as_typed_is_not_another_word_with_other_accents(
    dictd: Path, tmp_path: Path
) -> None:
    # Swedish "lov" (permission) and "löv" (leaf) share a key; Finnish has
    # no dictionary to Danish, so "lupa" goes through Swedish "lov".
    write_dictd(
        dictd,
        "swe-eng",
        {"lov": ["permission"], "löv": ["leaf"], "kärlek": ["love"]},
    )
    write_dictd(dictd, "fin-swe", {"lupa": ["lov"]})
    write_dictd(dictd, "swe-nor", {"lov": ["lov"], "löv": ["løv"]})
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    translator = Translator(lexicon)
    assert {t.text for t in translator.translate("lov", "sv", ("en",))} == {
        "permission"
    }
    assert {t.text for t in translator.translate("löv", "sv", ("en",))} == {"leaf"}
    # Typed without its accents, a word still finds its headword.
    assert {t.text for t in translator.translate("karlek", "sv", ("en",))} == {"love"}
    composed = {
        (e.target, e.word)
        for e in lexicon.translations("fi", "lupa")
        if e.via == "via sv"
    }
    assert ("en", "permission") in composed
    assert ("nb", "lov") in composed
    assert ("en", "leaf") not in composed
    assert ("nb", "løv") not in composed


def test_a_translation_a_pivot_confirms_weighs_more(
    dictd: Path, tmp_path: Path
) -> None:
    # Finnish "lupa": Swedish "lov", "ledighet" and "tillstånd" directly, in
    # that order; through English "permit", "tillstånd" only.
    write_dictd(dictd, "fin-swe", {"lupa": ["lov, ledighet, tillstånd"]})
    write_dictd(dictd, "fin-eng", {"lupa": ["permit"]})
    write_dictd(dictd, "eng-swe", {"permit": ["tillstånd"]})
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    direct = {
        e.word: e.weight for e in lexicon.translations("fi", "lupa") if e.target == "sv"
    }
    assert direct["ledighet"] > direct["tillstånd"]
    found = {
        t.text: t.weight
        for t in Translator(lexicon).translate("lupa", "fi", ("sv", "en"))
        if t.locale == "sv"
    }
    assert found["tillstånd"] > direct["tillstånd"]
    assert found["tillstånd"] > found["ledighet"]
    assert found["ledighet"] == direct["ledighet"]
    assert all(weight <= 1.0 for weight in found.values())


def _as_built_before(lexicon: Lexicon, change: str) -> Lexicon:
    """``lexicon`` reopened after ``change`` undid what a later version added."""
    lexicon.close()
    with sqlite3.connect(lexicon.path) as connection:
        connection.execute(change)
    older = Lexicon.open(lexicon.path)
    assert older is not None
    return older


def test_a_lexicon_built_before_spellings_were_kept_is_still_read(
    small_lexicon: Lexicon,
) -> None:
    older = _as_built_before(
        small_lexicon, "ALTER TABLE translation DROP COLUMN spelling"
    )
    entries = older.translations("da", "sprog")
    assert ("en", "language") in {(e.target, e.word) for e in entries}
    assert {e.spelling for e in entries} == {""}
    assert older.heads("da", "sprog") == ("sprog",)  # folded, for want of spelling


def test_a_lexicon_built_before_minor_readings_were_kept_is_still_read(
    small_lexicon: Lexicon,
) -> None:
    older = _as_built_before(small_lexicon, "DROP TABLE minor_reading")
    assert older.minor_lemmas("nb", "møbler") == frozenset()
    # A compound's last part is then read as any word it can be.
    translated = Translator(older).translate("sprogbolig", "da", ("en",))
    assert "language dwelling" in {t.text for t in translated}


def test_a_lexicon_built_without_dictionaries_counts_as_none(
    dictd: Path, tmp_path: Path
) -> None:
    path = tmp_path / "lexicon.sqlite"
    report = build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path / "none", lemma_locales=()
    )
    assert report.translations == 0
    assert len(report.missing) > 10
    assert path.is_file()
    assert Lexicon.open(path) is None
    assert Translator(Lexicon.open(path)).status()["mode"] == "glossary only"


def test_without_a_lexicon_nothing_is_translated(tmp_path: Path) -> None:
    assert Lexicon.open(tmp_path / "missing.sqlite") is None
    translator = Translator(None)
    assert not translator.available
    assert translator.translate("sprog", "da") == ()


def with_word_forms(dictd: Path, tmp_path: Path, locale: str) -> Lexicon | None:
    """A lexicon of the dictionaries in ``dictd`` and ``locale``'s word forms."""
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path,
        dictd_folder=dictd,
        apertium_folder=tmp_path / "none",
        lemma_locales=(locale,),
    )
    return Lexicon.open(path)


def test_word_forms_the_stemmer_misses_are_kept(dictd: Path, tmp_path: Path) -> None:
    write_dictd(dictd, "isl-eng", {"flóttamaður": ["refugee"]})
    write_dictd(dictd, "eng-swe", {"refugee": ["flykting"]})
    translator = Translator(with_word_forms(dictd, tmp_path, "is"))
    # Icelandic has no stemmer: an inflected query word finds its entry through
    # its dictionary form, and translations into Icelandic match every form.
    assert {t.text for t in translator.translate("flóttamanna", "is")} >= {
        "refugee",
        "flykting",
    }
    into_icelandic = [
        translator.with_forms(t)
        for t in translator.translate("refugee", "en")
        if t.locale == "is"
    ]
    assert into_icelandic[0].words == ("flóttamaður",)
    assert {"flóttamanna", "flóttamenn"} <= set(into_icelandic[0].forms)
    assert "flóttamenn" in translator.inflections("flóttamaður", "is")


def test_an_icelandic_compound_the_form_lists_lack_inflects_as_its_last_part(
    dictd: Path, tmp_path: Path
) -> None:
    # Icelandic has no stemmer: "neyðarnúmerið" in a text is no form of the
    # query's "neyðarnúmer" unless the compound's forms are known.
    write_dictd(dictd, "isl-eng", {"neyð": ["emergency"], "númer": ["number"]})
    translator = Translator(with_word_forms(dictd, tmp_path, "is"))
    forms = translator.inflections("neyðarnúmer", "is")
    assert {"neyðarnúmerið", "neyðarnúmers", "neyðarnúmerum"} <= set(forms)
    # An inflected compound finds the others too.
    assert "neyðarnúmer" in translator.inflections("neyðarnúmerinu", "is")
    # The form lists' own words are not cut: "flóttamaður" keeps its forms.
    assert not any(f.startswith("flótta") for f in translator.inflections("neyð", "is"))


def test_an_icelandic_word_only_a_dictionary_knows_is_found_inflected(
    dictd: Path, tmp_path: Path
) -> None:
    # The form lists lack "kvóti" (quota): its oblique "kvóta", also the
    # first part of compounds, finds the entry by its ending.
    write_dictd(dictd, "isl-eng", {"kvóti": ["quota"], "flóttamaður": ["refugee"]})
    lexicon = with_word_forms(dictd, tmp_path, "is")
    assert lexicon is not None
    assert lexicon.lemmas("is", "kvóta") == ("kvóti",)
    translator = Translator(lexicon)
    assert {t.text for t in translator.translate("kvóta", "is")} == {"quota"}
    assert "quota refugee" in {
        t.text for t in translator.translate("kvótaflóttamanna", "is")
    }
    # A guess is always a headword: no word is invented.
    assert lexicon.lemmas("is", "kvótanna") == ("kvóti",)
    assert lexicon.lemmas("is", "hvótanna") == ()


def test_an_icelandic_word_for_people_finds_the_word_for_one_of_them(
    dictd: Path, tmp_path: Path
) -> None:
    # The dictionaries list "flóttamaður" (a refugee), not "flóttafólk"
    # (refugees, the collective noun texts use).
    write_dictd(dictd, "isl-eng", {"flóttamaður": ["refugee"], "fólk": ["people"]})
    translator = Translator(with_word_forms(dictd, tmp_path, "is"))
    for word in ("flóttafólk", "flóttafólkið", "flóttafólks"):
        found = {t.text: t.weight for t in translator.translate(word, "is")}
        assert found["refugee"] == 1.0
    # "fólk" itself is no collective of anything.
    assert {t.text for t in translator.translate("fólk", "is")} == {"people"}


def test_an_inflected_word_is_cut_as_its_dictionary_form(
    dictd: Path, tmp_path: Path
) -> None:
    # "borgarinnar" is "borg" (city) with an ending and its article, not the
    # verb "borga" (pay) + "innar" (farther in).
    write_dictd(
        dictd,
        "isl-eng",
        {"borg": ["city"], "borga": ["pay"], "innar": ["farther in"]},
    )
    lexicon = with_word_forms(dictd, tmp_path, "is")
    translator = Translator(lexicon)
    assert [t.text for t in translator.translate("borgarinnar", "is")] == ["city"]
    assert CompoundSplitter(lexicon, None).parts("borgarinnar", "is") == ()


Rows = list[tuple[str, str, str]]


def build_from_norwegian_swedish(
    rows: Rows,
    defaults: Callable[[str, str, list[str]], dict[str, str]],
    dictd: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[build.BuildReport, Path]:
    """A lexicon whose only Apertium pair is Norwegian-Swedish, with ``rows``
    and Apertium's own translations of its headwords from ``defaults``."""

    def read(source: str, target: str, folder: Path) -> Rows:
        if (source, target) != ("nb", "sv"):
            raise FileNotFoundError(f"{source}-{target}")
        return rows

    monkeypatch.setattr(build, "read_bidix", read)
    monkeypatch.setattr(build, "default_translations", defaults)
    path = tmp_path / "lexicon.sqlite"
    report = build_lexicon(
        path, dictd_folder=dictd, apertium_folder=tmp_path, lemma_locales=()
    )
    return report, path


def test_apertiums_own_translation_of_a_word_ranks_first(
    dictd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The transducer lists "kugge" and "klo" before "tand"; Apertium's full
    # translation of "tann" alone is "tand".
    rows = [("tann", "kugge", "n"), ("tann", "klo", "n"), ("tann", "tand", "n")]

    def defaults(source: str, target: str, words: list[str]) -> dict[str, str]:
        assert words == ["tann"]
        return {"tann": "tand"}

    report, path = build_from_norwegian_swedish(
        rows, defaults, dictd, tmp_path, monkeypatch
    )
    assert "apertium nb-sv (3 pairs, 1 ranked by full translation)" in report.sources
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    swedish = [e for e in lexicon.translations("nb", "tann") if e.target == "sv"]
    assert max(swedish, key=lambda entry: entry.weight).word == "tand"
    lexicon.close()


def test_words_tagged_only_as_function_words_are_listed(
    dictd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "hos" is only a preposition; "mot" is one too, but also a noun
    # ("courage"): only "hos" is a stop word, and neither is translated.
    rows = [
        ("hos", "hos", "pr"),
        ("mot", "mot", "pr"),
        ("mot", "mod", "n"),
        ("og", "och", "cnjcoo"),
    ]
    report, path = build_from_norwegian_swedish(
        rows, lambda *args: {}, dictd, tmp_path, monkeypatch
    )
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    assert lexicon.is_function_word("nb", "Hos")
    assert lexicon.is_function_word("sv", "och")
    assert not lexicon.is_function_word("nb", "mot")
    assert not lexicon.is_function_word("sv", "mod")
    assert report.function_words == 5  # nb hos, og; sv hos, mot, och
    assert [e.word for e in lexicon.translations("nb", "mot")] == ["mod"]
    assert lexicon.translations("nb", "hos") == ()
    assert Translator(lexicon).is_function_word("hos", "nb")
    lexicon.close()


def test_apertium_translates_a_word_on_its_own() -> None:
    if shutil.which("apertium") is None:
        pytest.skip("Apertium is not installed")
    found = default_translations("nb", "sv", ["tann", "flyktning", "xqzv"])
    if not found:
        pytest.skip("apertium-swe-nor is not installed")
    assert found["tann"] == "tand"
    assert found["flyktning"] == "flykting"
    assert found.get("xqzv", "xqzv") == "xqzv"  # unknown: passed through or left out


def _fake_apertium(folder: Path, pipeline: str) -> None:
    """An ``apertium`` on PATH that runs ``pipeline``, as the real script
    runs its programs in a pipeline."""
    script = folder / "apertium"
    script.write_text(f"#!/bin/sh\n{pipeline}\n")
    script.chmod(0o755)


def _running(marker: str) -> bool:
    """Whether a process has ``marker`` among its arguments."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if marker.encode() in cmdline.read_bytes():
                return True
    return False


def test_a_stuck_apertium_batch_is_left_out_and_its_pipeline_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The script's programs outlive it if only the script is killed, and
    # waiting for their output then waits as long as they run.
    marker = f"{tmp_path}/stuck"
    python = sys.executable
    _fake_apertium(
        tmp_path,
        f"cat >/dev/null; {python} -c 'import time; time.sleep(60)' {marker} | cat",
    )
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setattr(apertium, "_BATCH_TIMEOUT", 1)
    started = time.monotonic()
    assert default_translations("nb", "sv", ["tann"]) == {}
    assert time.monotonic() - started < 10
    assert not _running(marker)


def test_an_apertium_batch_that_runs_out_of_memory_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Apertium's recursive transfer sometimes grows without bound; each
    # program of the pipeline has a memory limit instead of the machine's.
    python = sys.executable
    _fake_apertium(
        tmp_path,
        f"cat >/dev/null; {python} -c 'bytearray(3 * 1024**3)' && echo tann.",
    )
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    assert default_translations("nb", "sv", ["tann"]) == {}
    _fake_apertium(tmp_path, "cat >/dev/null; echo tand.")
    assert default_translations("nb", "sv", ["tann"]) == {"tann": "tand"}


def test_forms_that_are_function_words_are_left_out(
    dictd: Path, tmp_path: Path
) -> None:
    """Danish "have" (garden) shares its forms with the verb "have": "har"
    and "havde" would match nearly every Danish text."""
    write_dictd(dictd, "eng-dan", {"garden": ["have"]})
    lexicon = with_word_forms(dictd, tmp_path, "da")
    assert lexicon is not None
    assert {"har", "havde"} <= set(lexicon.forms("da", "have"))
    translator = Translator(lexicon)
    (danish,) = [
        translator.with_forms(t)
        for t in translator.translate("garden", "en")
        if t.locale == "da"
    ]
    assert danish.words == ("have",)
    assert danish.forms
    assert not {"har", "havde"} & set(danish.forms)


@pytest.fixture
def norwegian_analyser(tmp_path: Path) -> Path:
    """An Apertium folder holding only the installed Norwegian analyser."""
    package, name = ANALYSERS["nb"]
    installed = APERTIUM_FOLDER / package / name
    if shutil.which("lt-proc") is None or not installed.is_file():
        pytest.skip("lt-proc or apertium-dan-nor is not installed")
    folder = tmp_path / "apertium" / package
    folder.mkdir(parents=True)
    (folder / name).symlink_to(installed)
    return tmp_path / "apertium"


def test_apertium_analyses_a_form_as_every_word_it_can_be(
    norwegian_analyser: Path,
) -> None:
    found = analyse("nb", ["møbler", "brukt", "xqzv"], norwegian_analyser)
    # The noun first, then the verb whose imperative is spelled alike.
    assert [lemma for lemma, _ in found["møbler"]] == ["møbel", "møblere"]
    noun, verb = (rank for _, rank in found["møbler"])
    assert noun < verb
    assert [lemma for lemma, _ in found["brukt"]] == ["bruke"]
    assert "xqzv" not in found


def _norwegian_lexicon(dictd: Path, tmp_path: Path, analyser: Path) -> Lexicon:
    """A lexicon of ``dictd`` with Norwegian word forms and the analyser's
    readings."""
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(
        path, dictd_folder=dictd, apertium_folder=analyser, lemma_locales=("nb",)
    )
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    return lexicon


def test_a_form_finds_the_translations_of_every_word_it_can_be(
    dictd: Path, tmp_path: Path, norwegian_analyser: Path
) -> None:
    # simplemma alone takes "møbler" for the verb "møblere" (furnish).
    write_dictd(dictd, "eng-nor", {"furniture": ["møbel"], "furnish": ["møblere"]})
    path = tmp_path / "lexicon.sqlite"
    report = build_lexicon(
        path,
        dictd_folder=dictd,
        apertium_folder=norwegian_analyser,
        lemma_locales=("nb",),
    )
    assert any(source.startswith("Apertium analysers") for source in report.sources)
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    assert lexicon.lemmas("nb", "møbler")[0] == "møbel"
    found = [t.text for t in Translator(lexicon).translate("møbler", "nb", ("en",))]
    assert found[0] == "furniture"
    assert "furnish" in found


def test_the_last_part_of_a_compound_is_read_as_a_noun_where_it_can_be(
    dictd: Path, tmp_path: Path, norwegian_analyser: Path
) -> None:
    write_dictd(
        dictd,
        "eng-nor",
        {"furniture": ["møbel"], "furnish": ["møblere"], "second-hand": ["brukt"]},
    )
    lexicon = _norwegian_lexicon(dictd, tmp_path, norwegian_analyser)
    assert lexicon.minor_lemmas("nb", "møbler") == {"møblere"}
    assert lexicon.minor_lemmas("nb", "brukt") == frozenset()
    translator = Translator(lexicon)
    # "bruktmøbler" is second-hand furniture, never second-hand furnishing.
    found = {t.text for t in translator.translate("bruktmøbler", "nb", ("en",))}
    assert "second-hand furniture" in found
    assert not any("furnish" in text for text in found)
    # Alone, "møbler" may still be the verb.
    alone = {t.text for t in translator.translate("møbler", "nb", ("en",))}
    assert "furnish" in alone


def test_a_word_the_analyser_knows_is_not_another_word_of_its_stem(
    dictd: Path, tmp_path: Path, norwegian_analyser: Path
) -> None:
    # The stemmer brings "strømmen" (the current) and "strømme" (to stream)
    # to one stem; the analyser reads "strømmen" as the noun only. The noun
    # has no English entry here, the verb has.
    write_dictd(dictd, "swe-nor", {"ström": ["strøm"]})
    write_dictd(dictd, "eng-nor", {"flow": ["strømme"]})
    lexicon = _norwegian_lexicon(dictd, tmp_path, norwegian_analyser)
    assert lexicon.readings("nb", "strømmen") == {"strøm"}
    translator = Translator(lexicon)
    found = {t.text for t in translator.translate("strømmen", "nb", ("en", "sv"))}
    assert "ström" in found
    assert "flow" not in found
    assert "flow" in {t.text for t in translator.translate("strømme", "nb", ("en",))}
