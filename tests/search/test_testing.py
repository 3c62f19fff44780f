"""The test data generator."""

from __future__ import annotations

from collections import Counter

from search.analysis import analyze
from search.documents import LOCALES
from search.testing import generate_documents, make_document


def test_generation_is_deterministic_and_varied() -> None:
    first = list(generate_documents(300, seed=5))
    again = list(generate_documents(300, seed=5))
    assert [d.to_dict() for d in first] == [d.to_dict() for d in again]
    assert len({d.id for d in first}) == 300
    assert set(Counter(d.locale for d in first)) == set(LOCALES)
    types = Counter(d.type for d in first)
    assert types["news"] > types["event"] > 0 and types["funding_call"] > 0
    assert any(d.image for d in first) and any(d.goals for d in first)


def test_translations_share_a_key_and_concepts() -> None:
    documents = list(generate_documents(200, seed=2))
    groups: dict[str, list[str]] = {}
    for document in documents:
        groups.setdefault(document.translation_key, []).append(document.locale)
    assert any(len(set(locales)) > 1 for locales in groups.values())
    by_key = {d.translation_key: d for d in documents}
    assert all(d.payload == by_key[d.translation_key].payload for d in documents)


def test_events_and_calls_have_their_dates() -> None:
    documents = list(generate_documents(300, seed=9))
    for document in documents:
        if document.type == "event":
            assert document.start and document.end and document.date == document.start
        if document.type in ("funding_call", "call_for_applications"):
            assert document.opens_at and document.closes_at == document.date


def test_text_is_real_nordic_language() -> None:
    documents = list(generate_documents(60, seed=1))
    danish = " ".join(d.body for d in documents if d.locale == "da")
    assert "kommune" in analyze(danish, "da") or "kommun" in analyze(danish, "da")
    assert "lorem" not in danish.lower()


def test_make_document_gives_unique_ids_and_takes_overrides() -> None:
    one, two = make_document(), make_document(type="event", locale="sv")
    assert one.id != two.id and two.id.startswith("event:")
    assert (two.type, two.locale) == ("event", "sv")
