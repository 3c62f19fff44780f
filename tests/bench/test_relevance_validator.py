"""The rules of the relevance-evaluation collection, as ``validate.py`` checks them."""

from __future__ import annotations

import json
from pathlib import Path

from bench.relevance import validate
from bench.relevance.validate import Document, Part, Query

FOLDER = Path(validate.__file__).resolve().parent

SWEDISH = (
    "Kommunen erbjuder kurser i svenska för vuxna som har fått uppehållstillstånd. "
    "Undervisningen är avgiftsfri och anpassas efter hur lång skolgång eleven har. "
) * 3
DANISH = (
    "Kommunen tilbyder danskundervisning til voksne flygtninge, og undervisningen "
    "bliver tilrettelagt efter, hvor meget skolegang den enkelte har haft. "
) * 4


def doc(topic: str, lang: str, title: str, text: str = SWEDISH) -> Document:
    return Document("documents.x.jsonl:1", f"{topic}-{lang}", topic, lang, title, text)


def query(text: str, topic: str, lang: str, kind: str, qid: str = "x-q1") -> Query:
    return Query("queries.x.jsonl:1", qid, lang, text, topic, kind)


TOPIC = {
    "x01": [
        doc("x01", "sv", "Svenska för invandrare", SWEDISH),
        doc("x01", "da", "Danskundervisning for flygtninge", DANISH),
        doc("x01", "fi", "Kotoutumiskoulutus aikuisille", "sana " * 70),
    ]
}


def test_the_committed_collection_keeps_every_rule():
    parts, problems = validate.validate(FOLDER)
    assert {"a", "b"} <= set(parts)
    assert problems == []


def test_folding_equates_nordic_spellings_and_accents():
    assert validate.same_word("saerloven", "Særloven")
    assert validate.same_word("sarloven", "Særloven")
    assert validate.same_word("thjod", "Þjóð")
    assert validate.same_word("forskola", "förskola")
    assert validate.same_word("flottafolk", "flóttafólk")
    assert not validate.same_word("ukraina", "Ukraine")
    assert validate.words("Språkpraktik – svenska på-jobbet") == [
        "språkpraktik",
        "svenska",
        "på",
        "jobbet",
    ]


def test_a_cross_query_may_not_share_a_folded_title_word():
    problems = validate.check_query(
        query("invandrare forskola", "x01", "en", "cross"), "x", TOPIC
    )
    assert any("['invandrare'] in the title of x01-sv" in p for p in problems)
    clean = validate.check_query(
        query("adult language classes", "x01", "en", "cross"), "x", TOPIC
    )
    assert clean == []


def test_a_cross_query_needs_a_topic_without_its_language():
    problems = validate.check_query(
        query("kurser vuxna", "x01", "sv", "cross"), "x", TOPIC
    )
    assert any("cross query, but x01-sv" in p for p in problems)


def test_a_same_query_must_use_other_forms_of_the_document_words():
    verbatim = validate.check_query(
        query("kurser vuxen", "x01", "sv", "same"), "x", TOPIC
    )
    assert any("['kurser'] appear as such in x01-sv" in p for p in verbatim)
    unrelated = validate.check_query(
        query("kursen cykel", "x01", "sv", "same"), "x", TOPIC
    )
    assert any("['cykel'] are no form" in p for p in unrelated)
    missing = validate.check_query(
        query("kursen elever", "x01", "en", "same"), "x", TOPIC
    )
    assert any("no en document" in p for p in missing)
    assert (
        validate.check_query(query("kursen elever", "x01", "sv", "same"), "x", TOPIC)
        == []
    )


def test_query_shape_is_checked():
    problems = validate.check_query(
        query("Kurser", "x09", "xx", "other", "q1"), "x", TOPIC
    )
    text = "\n".join(problems)
    for expected in (
        "is not x-q<n>",
        "unknown language",
        "kind must be",
        "1 words",
        "lowercase",
        "x09",
    ):
        assert expected in text


def test_a_document_in_another_language_than_its_label_is_reported():
    assert validate.check_document(doc("x01", "sv", "Svenska"), "x") == []
    problems = validate.check_document(doc("x01", "da", "Svenska", SWEDISH), "x")
    assert any("reads as sv" in p for p in problems)
    short = validate.check_document(doc("y01", "sv", "Svenska", "för kort"), "x")
    assert any("2 words, needs 60-200" in p for p in short)
    assert any("is not x<two digits>" in p for p in short)


def test_part_rules_on_counts_coverage_and_kinds():
    part = Part(
        "x",
        documents=TOPIC["x01"]
        + [
            doc("x02", lang, "Titel", SWEDISH if lang == "sv" else "sana " * 70)
            for lang in ("sv", "fi", "nb", "da", "en")
        ],
    )
    part.queries = [query("adult classes", "x01", "en", "cross", "x-q1")]
    part.queries.append(query("kursen elever", "x01", "sv", "same", "x-q2"))
    problems = "\n".join(validate.check_part(part))
    assert "topic x02 has 5 languages" in problems
    assert "is documents in 0 topics" in problems
    assert "8 documents, needs 62" in problems
    assert "2 queries, needs 42" in problems
    assert "1 of 2 queries are cross" in problems
    assert "no query of 3 words" in problems
    assert "0 fi queries, needs 5" in problems


def test_files_are_read_strictly(tmp_path: Path):
    (tmp_path / "documents.x.jsonl").write_text(
        "not json\n"
        + json.dumps({"id": "x01-sv", "topic": "x01", "lang": "sv", "title": "T"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.jsonl").write_text("", encoding="utf-8")
    parts, problems = validate.validate(tmp_path)
    text = "\n".join(problems)
    assert "documents.x.jsonl:1: not JSON" in text
    assert "documents.x.jsonl:2: fields missing ['text']" in text
    assert "queries.x.jsonl is missing" in text
    assert "notes.jsonl: not named" in text
    assert validate.main([str(tmp_path)]) == 1
