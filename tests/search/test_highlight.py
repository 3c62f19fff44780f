"""Highlighting and spelling helpers."""

from __future__ import annotations

from search.analysis import analyze
from search.highlight import HighlightTerms, highlight
from search.spelling import best_correction, edit_distance, max_edits


def terms(*words: str, locale: str = "da") -> HighlightTerms:
    return HighlightTerms(exact={analyze(word, locale)[0] for word in words})


def test_marks_inflected_and_folded_forms_and_escapes() -> None:
    marked = highlight(
        "Børn <i>og</i> BØRNEHAVE & børns trivsel", "da", terms("born", "trivsel")
    )
    assert marked == (
        "<mark>Børn</mark> &lt;i&gt;og&lt;/i&gt; BØRNEHAVE &amp; "
        "<mark>børns</mark> <mark>trivsel</mark>"
    )


def test_letters_that_fold_into_two_are_marked_by_their_folded_form() -> None:
    # "Æ" folds to "ae", "Þ" to "th": the first letters of a word that may
    # match are compared folded, as the index compares them.
    assert highlight("Æbler og pærer", "da", terms("aebler")) == (
        "<mark>Æbler</mark> og pærer"
    )
    assert highlight("Þjóðskrá Íslands", "is", terms("thjodskra", locale="is")) == (
        "<mark>Þjóðskrá</mark> Íslands"
    )


def test_no_match_gives_none() -> None:
    assert highlight("Intet her", "da", terms("asyl")) is None
    assert highlight("", "da", terms("asyl")) is None
    assert highlight("asyl", "da", HighlightTerms()) is None


def test_long_text_is_cut_around_the_matches() -> None:
    text = " ".join(["ord"] * 200) + " asyl og asylansøgere " + " ".join(["ord"] * 200)
    marked = highlight(text, "da", terms("asyl"), fragment_chars=100)
    assert marked is not None
    assert marked.startswith("…") and marked.endswith("…")
    assert "<mark>asyl</mark>" in marked
    assert len(marked) < 160


def test_fuzzy_terms_mark_near_words() -> None:
    fuzzy = HighlightTerms(fuzzy=[("arbejdsmarked", 2)])
    assert highlight("Arbejdsmarkedet", "da", fuzzy) == "<mark>Arbejdsmarkedet</mark>"


def test_edit_distance_with_transpositions() -> None:
    assert edit_distance("arbejdsmarkd", "arbejdsmarked", 2) == 1
    assert edit_distance("aarhsu", "aarhus", 2) == 1
    assert edit_distance("kitten", "sitting", 1) == 2
    assert (
        max_edits("asyl") == 1 and max_edits("bo") == 0 and max_edits("flygtninge") == 2
    )


def test_best_correction_prefers_close_then_frequent() -> None:
    vocabulary = [("arbejdsmarked", 3), ("arbejdsmarkedet", 10), ("arbejde", 50)]
    assert best_correction("arbejdsmarkd", vocabulary) == "arbejdsmarked"
    assert best_correction("arbejdsmarkedt", vocabulary) == "arbejdsmarkedet"
    assert best_correction("xyz", vocabulary) is None
