"""Which words of the best hits relevance feedback searches for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from search.analysis import analyze
from search.feedback import (
    FEEDBACK_DOCUMENTS,
    FEEDBACK_TERMS,
    MAX_DOCUMENT_SHARE,
    feedback_documents,
    feedback_terms,
)
from search.testing import make_document

if TYPE_CHECKING:
    from collections.abc import Iterator

    from search.documents import Document

TOTAL = 1000


def frequencies(table: dict[str, int]) -> object:
    return lambda locale, term: table.get(term, 2)


def test_telling_words_come_first_and_each_document_gives_a_few() -> None:
    document = make_document(
        locale="sv",
        title="Hyresrätt",
        lead="",
        body=" ".join(f"ord{n} hyresrätt" for n in range(40)),
    )
    terms = feedback_terms([document], frequencies({"hyresrat": 3}), lambda _: TOTAL)
    assert terms[0] == ("sv", "hyresrat")
    assert len(terms) == FEEDBACK_TERMS


def test_words_of_one_document_only_and_common_words_are_left_out() -> None:
    document = make_document(
        locale="sv", title="Kö", lead="", body="Unikt ord och vanligt ord 2025."
    )
    common = int(TOTAL * MAX_DOCUMENT_SHARE) + 1
    (unique,) = analyze("unikt", "sv")
    (usual,) = analyze("vanligt", "sv")
    terms = feedback_terms(
        [document],
        frequencies({unique: 1, usual: common, "ord": 5}),
        lambda _: TOTAL,
    )
    # "och" is a function word, "2025" a number, "kö" too short.
    assert terms == [("sv", "ord")]


def test_a_word_common_in_its_language_is_left_out_however_many_others() -> None:
    # In a fifth of the Swedish texts: common, though other languages bring
    # the hub to ten times as many texts.
    document = make_document(
        locale="sv", title="Kö", lead="", body="Vanligt ord, vanligt ord."
    )
    (usual,) = analyze("vanligt", "sv")
    in_language = {"sv": 100}
    terms = feedback_terms(
        [document],
        frequencies({usual: 20, "ord": 5}),
        lambda locale: in_language.get(locale, TOTAL),
    )
    assert terms == [("sv", "ord")]


def test_each_document_speaks_its_own_language() -> None:
    swedish = make_document(locale="sv", title="Bostäder", lead="", body="")
    danish = make_document(locale="da", title="Boliger", lead="", body="")
    assert feedback_terms([swedish, danish], frequencies({}), lambda _: TOTAL) == [
        ("sv", "bostad"),
        ("da", "bol"),
    ]


def test_feedback_reads_the_best_hit_of_each_of_the_first_languages() -> None:
    hits = [
        make_document(id=f"news:{locale}{rank}", locale=locale)
        for locale, rank in [("fi", 1), ("fi", 2), ("nb", 1), ("fi", 3), ("da", 1)]
    ]
    hits.append(make_document(id="news:sv1", locale="sv"))
    read: list[str] = []

    def lazily() -> Iterator[Document]:
        for hit in hits:
            read.append(hit.id)
            yield hit

    chosen = feedback_documents(lazily())
    assert FEEDBACK_DOCUMENTS == 3
    assert [hit.id for hit in chosen] == ["news:fi1", "news:nb1", "news:da1"]
    # Hits after the last language needed are not loaded.
    assert "news:sv1" not in read
    assert [hit.id for hit in feedback_documents(hits[:2])] == ["news:fi1"]


def test_each_version_of_a_document_gives_its_own_words() -> None:
    """Term counts are kept per document object: an edited version (same id,
    new text) is analysed anew, and a kept one answers as before."""
    first = make_document(
        id="news:1", locale="da", title="Boliger", lead="", body="Havnen havnen."
    )
    edited = make_document(
        id="news:1", locale="da", title="Boliger", lead="", body="Skolen skolen."
    )
    table = frequencies({})
    before = feedback_terms([first], table, lambda _: TOTAL)
    assert feedback_terms([edited], table, lambda _: TOTAL) != before
    assert ("da", analyze("skolen", "da")[0]) in feedback_terms(
        [edited], table, lambda _: TOTAL
    )
    assert feedback_terms([first], table, lambda _: TOTAL) == before
