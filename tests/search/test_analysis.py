"""Language analysis: stemming, folding, query parsing."""

from __future__ import annotations

import pytest

from search.analysis import (
    QueryPart,
    analyze,
    fold,
    is_stopword,
    parse_text,
    typing_variants,
    unparse,
)


@pytest.mark.parametrize(
    ("locale", "written", "typed"),
    [
        ("da", "arbejdsmarkedet", "arbejdsmarked"),
        ("da", "børn", "born"),
        ("da", "værdier", "vaerdier"),
        ("nb", "flyktninger", "flyktningar"),
        ("sv", "flyktingar", "flykting"),
        ("sv", "Malmö", "malmo"),
        ("fi", "työmarkkinat", "tyomarkkinat"),
        ("is", "Þjóðskrá", "thjodskra"),
        ("en", "refugees", "refugee"),
    ],
)
def test_written_and_typed_forms_analyse_alike(
    locale: str, written: str, typed: str
) -> None:
    assert analyze(written, locale) == analyze(typed, locale)


def test_icelandic_is_folded_but_not_stemmed() -> None:
    assert analyze("Flóttamenn", "is") == ("flottamenn",)
    assert analyze("flóttamanna", "is") != analyze("flóttamenn", "is")


def test_fold_keeps_words() -> None:
    assert fold("Ærø og Århus: ÞÓR") == "aero og arhus thor"


def test_stopwords_per_language() -> None:
    assert (
        is_stopword("og", "da")
        and is_stopword("och", "sv")
        and is_stopword("the", "en")
    )
    assert is_stopword("og", "is") and not is_stopword("flóttamenn", "is")
    assert not is_stopword("flygtninge", "da")


def test_typing_variants_cover_oe_and_aa() -> None:
    assert typing_variants("Tromsoe") == ["tromso"]
    assert typing_variants("Aalborg") == ["alborg"]
    assert typing_variants("bolig") == []


def test_parse_text_splits_words_and_phrases() -> None:
    parts = parse_text('flygtninge "labour market" (asyl) "unclosed phrase')
    assert parts == [
        QueryPart(("flygtninge",)),
        QueryPart(("labour", "market"), phrase=True),
        QueryPart(("asyl",)),
        QueryPart(("unclosed", "phrase"), phrase=True),
    ]
    assert unparse(parts) == 'flygtninge "labour market" asyl "unclosed phrase"'
    assert parse_text('"one" !!') == [QueryPart(("one",))]
    assert parse_text("") == []
