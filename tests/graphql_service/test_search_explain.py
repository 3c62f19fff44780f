"""Explained search: `expansions` and each edge's `matchedTerms`.

The backend translates with a tiny lexicon built here (so the answers do not
depend on the dictionaries installed) and the starter glossary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from search.crosslingual import Translator
from search.lexicon import Lexicon
from search.lexicon.build import build_lexicon
from tests.search.lexicon.dictd import write_dictd

if TYPE_CHECKING:
    from collections.abc import Iterator

    from search.backends.embedded import EmbeddedBackend

pytestmark = pytest.mark.anyio

EXPLAINED = """
query Explained($text: String!, $locale: LocaleCode) {
  search(text: $text, locale: $locale, first: 10, allVersions: true) {
    expansions { word locale text via }
    edges {
      node { documentId locale }
      matchedTerms { queryWord term locale via }
    }
  }
}
"""


@pytest.fixture
def translating(
    backend: EmbeddedBackend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmbeddedBackend]:
    folder = tmp_path_factory.mktemp("dictd")
    write_dictd(folder, "dan-eng", {"job": ["work"]})
    path = folder / "lexicon.sqlite"
    build_lexicon(path, dictd_folder=folder, apertium_folder=folder, lemma_locales=())
    lexicon = Lexicon.open(path)
    assert lexicon is not None
    previous = backend.translator
    backend.translator = Translator(lexicon)
    yield backend
    backend.translator = previous
    lexicon.close()


async def test_results_say_which_words_matched_through_which_translation(
    execute, translating: EmbeddedBackend
) -> None:
    result = await execute(EXPLAINED, {"text": "flygtninge job", "locale": "da"})

    assert result.errors is None
    search = result.data["search"]
    expansions = search["expansions"]
    assert expansions[0] == {
        "word": "flygtninge",
        "locale": None,
        "text": "flygtninge",
        "via": "query word",
    }
    # "flygtninge" is a glossary concept; "job" is translated by the lexicon.
    assert {
        "word": "flygtninge",
        "locale": "en",
        "text": "refugee",
        "via": "glossary",
    } in expansions
    assert {"word": "job", "locale": "en", "text": "work", "via": "dan-eng"} in (
        expansions
    )
    edges = {edge["node"]["documentId"]: edge for edge in search["edges"]}
    assert edges["news:3"]["matchedTerms"] == [
        {
            "queryWord": "flygtninge",
            "term": "refugees",
            "locale": "en",
            "via": "glossary",
        },
        {"queryWord": "job", "term": "jobs", "locale": "en", "via": "query word"},
        {"queryWord": "job", "term": "work", "locale": "en", "via": "dan-eng"},
    ]
    assert edges["news:1"]["matchedTerms"][0] == {
        "queryWord": "flygtninge",
        "term": "flygtninge",
        "locale": "da",
        "via": "query word",
    }


async def test_a_query_without_text_explains_nothing(execute) -> None:
    result = await execute(EXPLAINED, {"text": "", "locale": "da"})

    assert result.errors is None
    search = result.data["search"]
    assert search["expansions"] == []
    assert search["edges"]
    assert all(edge["matchedTerms"] == [] for edge in search["edges"])
