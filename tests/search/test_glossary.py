"""The multilingual glossary: starter set, rows from the CMS, matching."""

from __future__ import annotations

import io

import pytest

from search.analysis import words
from search.documents import LOCALES
from search.glossary import Glossary, GlossaryError


def test_starter_set_has_150_concepts_in_six_languages() -> None:
    glossary = Glossary.default()
    assert len(glossary) >= 150
    for concept in glossary:
        assert all(concept.terms_in(locale) for locale in LOCALES), concept.id
    for concept_id in (
        "refugee",
        "immigrant",
        "labour_market",
        "introduction_programme",
        "language_training",
        "unaccompanied_minor",
        "family_reunification",
        "validation_of_qualifications",
        "early_childhood_education",
        "newly_arrived",
    ):
        assert concept_id in glossary


def test_danish_words_match_concepts() -> None:
    glossary = Glossary.default()
    matches = glossary.match(words("flygtninge arbejdsmarked"), ["da"])
    assert [[c.id for c in m.concepts] for m in matches] == [
        ["refugee"],
        ["labour_market"],
    ]
    assert "pakolaiset" in matches[0].terms("fi")
    assert "labour market" in matches[1].terms("en")


def test_longest_multi_word_term_wins() -> None:
    glossary = Glossary.default()
    matches = glossary.match(words("støtte til uledsagede mindreårige børn"), ["da"])
    spans = [(m.start, m.end, m.concepts[0].id) for m in matches]
    assert (2, 4, "unaccompanied_minor") in spans
    assert (4, 5, "children") in spans


def test_function_words_never_match() -> None:
    glossary = Glossary.from_rows([{"concept_id": "men", "sv": "män|man", "en": "men"}])
    # Swedish "män" stems to "man", the pronoun "one": too common to expand.
    assert glossary.match(["man"], ["sv"]) == []
    assert glossary.match(["män"], ["sv"]) == []
    assert glossary.match(["men"], ["en"])[0].concepts[0].id == "men"


def test_rows_from_the_cms_and_csv_round_trip() -> None:
    rows: list[dict[str, object]] = [
        {
            "concept_id": "asylum",
            "da": "asyl",
            "en": ["asylum", "refuge"],
            "notes": "x",
        },
        {"concept_id": "housing", "sv": "bostad | bostäder", "fi": None},
    ]
    glossary = Glossary.from_rows(rows)
    assert glossary.get("housing") is not None
    assert glossary.to_rows()[1]["sv"] == "bostad|bostäder"
    csv_text = (
        "concept_id,da,nb,sv,fi,is,en\nwelfare,velfærd,velferd,välfärd,,,welfare\n"
    )
    assert Glossary.from_csv(io.StringIO(csv_text)).match(["välfärd"], ["sv"])


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"concept_id": "", "da": "asyl"}], "row 1: concept_id is empty"),
        ([{"concept_id": "a", "da": ""}], "no terms"),
        ([{"concept_id": "a", "da": "x"}, {"concept_id": "a", "sv": "y"}], "twice"),
        ([{"concept_id": "a", "da": 5}], "column da"),
    ],
)
def test_bad_rows_are_reported(rows: list[dict[str, object]], message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        Glossary.from_rows(rows)


def test_stems_that_are_function_words_are_not_used() -> None:
    glossary = Glossary.from_rows([{"concept_id": "m", "fi": "kunta|kuntien"}])
    concept = glossary.get("m")
    assert concept is not None
    assert glossary.analysed_terms(concept, "fi") == (("kunt",),)
