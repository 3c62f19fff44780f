"""Dictionary forms of Icelandic words the form lists lack, from their endings."""

from __future__ import annotations

from search.lexicon.icelandic import guessed_lemmas

HEADWORDS = frozenset({"kvóti", "barn", "saga", "borg", "íslenska", "ár"})


def guess(form: str) -> tuple[str, ...]:
    return guessed_lemmas(form, HEADWORDS.__contains__)


def test_an_ending_and_the_suffixed_article_are_cut_off() -> None:
    assert guess("kvóta") == ("kvóti",)
    assert guess("kvótanum") == ("kvóti",)
    assert guess("borgarinnar") == ("borg",)
    assert guess("íslensku") == ("íslenska",)


def test_the_u_umlaut_is_undone() -> None:
    assert guess("börnum") == ("barn",)
    assert guess("sögu") == ("saga",)


def test_a_headword_and_a_word_no_headword_fits_get_no_guess() -> None:
    assert guess("barn") == ()
    assert guess("hvalanna") == ()
    # Too little is left of a short word to say which word it is.
    assert guess("árs") == ()
