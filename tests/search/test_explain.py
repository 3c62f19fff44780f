"""Explained results: what each query word was searched as, and which words
of a hit matched through which translation, alike on both backends.

Runs on the embedded backend and on the OpenSearch backend (on the engine
node of :mod:`tests.engine`; the Elasticsearch backend shares its query code).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from search import document_translation
from search.backends._engine_backend import EngineBackend
from search.backends.embedded import EmbeddedBackend
from search.crosslingual import Translation, Translator
from search.document_translation import DocumentTranslator
from search.explain import Expansion, MatchedTerm, matched_terms
from search.glossary import Glossary
from search.lexicon import Lexicon
from search.lexicon.build import build_lexicon
from search.query import SearchQuery, SearchResults
from search.testing import make_document
from tests.search.backends.engines import (
    OPENSEARCH,
    drop_indices,
    new_prefix,
    prefix_of,
)
from tests.search.lexicon.dictd import write_dictd

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from search.backends.base import BaseBackend

DOCUMENTS = (
    ("news:en-refugees", "en", "Refugees find work", "Jobs come sooner."),
    ("news:da-refugees", "da", "Flygtninge i arbejde", "Job hurtigere."),
    ("news:en-teaching", "en", "Language teaching for adults", "Weekly classes."),
    ("news:en-cafe", "en", "A language café in the library", "Talk on Mondays."),
    ("news:sv-housing", "sv", "Bostäder för nyanlända", "Kommunen bygger."),
)


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lexicon]:
    """A tiny lexicon built from dictionaries in FreeDict's format."""
    folder = tmp_path_factory.mktemp("dictd")
    write_dictd(
        folder,
        "dan-eng",
        {
            "flygtning": ["refugee"],
            "sprog": ["language"],
            "undervisning": ["teaching"],
        },
    )
    path = folder / "lexicon.sqlite"
    build_lexicon(path, dictd_folder=folder, apertium_folder=folder, lemma_locales=())
    opened = Lexicon.open(path)
    assert opened is not None
    yield opened
    opened.close()


@pytest.fixture(params=["embedded", "opensearch"])
def backend(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    lexicon: Lexicon,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[BaseBackend]:
    instance: BaseBackend
    url = None
    if request.param == "embedded":
        instance = EmbeddedBackend(tmp_path / "index", writer_heap_size=50_000_000)
    else:
        url = request.getfixturevalue("engine_node").url
        instance = OPENSEARCH.make(url, new_prefix())
    instance.translator = Translator(lexicon)
    # Documents' words are translated through the same tiny lexicon, plus
    # one entry the query side lacks: Swedish "bostäder" is "housing".
    documents = DocumentTranslator(
        Combined(instance.translator, {("sv", "bostäder"): [("en", "housing")]})
    )
    monkeypatch.setattr(
        document_translation, "shared_document_translator", lambda: documents
    )
    instance.glossary = Glossary.from_rows(
        [{"concept_id": "language-cafe", "sv": "språkcafé", "en": "language café"}]
    )
    instance.bulk(
        make_document(id=id_, locale=locale, title=title, lead="", body=body)
        for id_, locale, title, body in DOCUMENTS
    )
    instance.refresh()
    yield instance
    instance.close()
    if url is not None:
        assert isinstance(instance, EngineBackend)
        drop_indices(url, [prefix_of(instance)])


class Combined:
    """A translator that adds a few table entries to a real one."""

    available = True

    def __init__(
        self,
        translator: Translator,
        table: dict[tuple[str, str], list[tuple[str, str]]],
    ) -> None:
        self.translator = translator
        self.table = table

    def translate(self, word: str, source: str) -> tuple[Translation, ...]:
        extra = tuple(
            Translation(target, (text,), 1.0, "table")
            for target, text in self.table.get((source, word), [])
        )
        return self.translator.translate(word, source) + extra

    def is_function_word(self, word: str, locale: str) -> bool:
        return self.translator.is_function_word(word, locale)


def explained(backend: BaseBackend, text: str, locale: str) -> SearchResults:
    return backend.search(SearchQuery(text=text, locale=locale, explain=True))


def terms_of(results: SearchResults, document_id: str) -> tuple[MatchedTerm, ...]:
    [hit] = [hit for hit in results.hits if hit.document.id == document_id]
    return hit.matched_terms


def test_expansions_name_each_translation_and_its_source(
    backend: BaseBackend,
) -> None:
    results = explained(backend, "flygtninge", "da")
    assert results.expansions[0] == Expansion(
        "flygtninge", None, "flygtninge", "query word"
    )
    translated = {(e.locale, e.text, e.via) for e in results.expansions[1:]}
    assert ("en", "refugee", "dan-eng") in translated
    assert all(e.word == "flygtninge" for e in results.expansions)


def test_a_hit_says_which_translation_it_matched(backend: BaseBackend) -> None:
    results = explained(backend, "flygtninge", "da")
    assert terms_of(results, "news:en-refugees") == (
        MatchedTerm("flygtninge", "refugees", "en", "dan-eng"),
    )
    # In the query's own language the word matched as typed (stemmed).
    assert terms_of(results, "news:da-refugees") == (
        MatchedTerm("flygtninge", "flygtninge", "da", "query word"),
    )


def test_a_compound_is_explained_by_its_parts(backend: BaseBackend) -> None:
    results = explained(backend, "sprogundervisning", "da")
    assert terms_of(results, "news:en-teaching") == (
        MatchedTerm(
            "sprogundervisning",
            "language teaching",
            "en",
            "compound: sprog + undervisning",
        ),
    )


def test_a_hit_met_through_its_own_words_translation_names_that_word(
    backend: BaseBackend,
) -> None:
    # No dictionary translates English "housing" into Swedish here; the
    # Swedish hit's "bostäder" translates into English "housing".
    results = explained(backend, "housing", "en")
    assert terms_of(results, "news:sv-housing") == (
        MatchedTerm("housing", "bostäder", "sv", "document translation (table)"),
    )
    # Within one language nothing is translated, and nothing is met.
    within = backend.search(
        SearchQuery(text="housing", locale="en", cross_language=False, explain=True)
    )
    assert "news:sv-housing" not in [hit.document.id for hit in within.hits]


def test_a_glossary_term_is_explained_as_glossary(backend: BaseBackend) -> None:
    results = explained(backend, "språkcafé", "sv")
    assert Expansion("språkcafé", "en", "language café", "glossary") in (
        results.expansions
    )
    assert terms_of(results, "news:en-cafe") == (
        MatchedTerm("språkcafé", "language café", "en", "glossary"),
    )


def test_matched_terms_are_only_computed_when_asked_for(
    backend: BaseBackend,
) -> None:
    results = backend.search(SearchQuery(text="flygtninge", locale="da"))
    assert results.hits
    assert all(hit.matched_terms == () for hit in results.hits)
    # Expansions cost nothing more: they are always there.
    assert results.expansions


def test_inflected_forms_and_typed_spellings_match() -> None:
    document = make_document(
        locale="sv",
        title="Nya bostäder",
        lead="Klara och fina för inflyttning.",
        body="",
    )
    expansions = (
        Expansion("klar", None, "klar", "query word"),
        # The stemmer takes "bostad" to "bost" but "bostäder" to "bostad": the
        # lexicon's forms find the plural.
        Expansion("housing", "sv", "bostad", "eng-swe", ("bostäder",)),
        Expansion("housing", "en", "housing", "eng-swe"),
        Expansion("och", None, "och", "query word"),
    )
    assert matched_terms(document, expansions) == (
        MatchedTerm("klar", "klara", "sv", "query word"),
        MatchedTerm("housing", "bostäder", "sv", "eng-swe"),
    )
    # "oe" typed for "ø": the spelling the engine also searches.
    tromso = make_document(locale="nb", title="Tromsø kommune", lead="", body="")
    assert matched_terms(
        tromso, (Expansion("tromsoe", None, "tromsoe", "query word"),)
    ) == (MatchedTerm("tromsoe", "tromsø", "nb", "query word"),)


def test_a_function_word_is_never_met_through_translations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The query does not look for its function words among documents'
    # translations, so neither matched terms nor highlights may claim them.
    table = {("sv", "bostäder"): [("en", "for"), ("en", "housing")]}
    documents = DocumentTranslator(Combined(Translator(None), table))
    monkeypatch.setattr(
        document_translation, "shared_document_translator", lambda: documents
    )
    document = make_document(locale="sv", title="Bostäder", lead="", body="")
    expansions = (
        Expansion("housing", None, "housing", "query word"),
        Expansion("for", None, "for", "query word"),
    )
    assert matched_terms(document, expansions, "en") == (
        MatchedTerm("housing", "bostäder", "sv", "document translation (table)"),
    )
