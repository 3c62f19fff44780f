"""The read-model directory: filters agree with the backend, chains, negotiation."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from graphql_service.common.directory import Entry, entry_matches, normalise_path
from graphql_service.locales import LocaleChains, negotiate_locale
from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery
from search.testing import generate_documents

NOW = datetime(2024, 6, 1, tzinfo=UTC)
QUERIES = [
    SearchQuery(types=("news", "event")),
    SearchQuery(locales=("da", "nb")),
    SearchQuery(themes=("segregation-housing", "education"), countries=("norway",)),
    SearchQuery(goals=("goal-3", "goal-7")),
    SearchQuery(
        date_from=datetime(2021, 1, 1, tzinfo=UTC),
        date_to=datetime(2022, 6, 30, tzinfo=UTC),
    ),
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    documents = list(generate_documents(400, seed=7))
    backend = EmbeddedBackend(tmp_path_factory.mktemp("generated"))
    backend.bulk(documents)
    backend.refresh()
    yield backend, documents
    backend.close()


def all_ids(backend: EmbeddedBackend, query: SearchQuery) -> set[str]:
    ids: set[str] = set()
    after = None
    for _ in range(50):
        results = backend.search(replace(query, first=100, after=after))
        ids.update(hit.document.id for hit in results.hits)
        if not results.has_next_page:
            return ids
        after = results.end_cursor
    raise AssertionError("too many pages")


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_entry_matches_agrees_with_the_backend(generated, query: SearchQuery) -> None:
    backend, documents = generated

    expected = all_ids(backend, query)
    matched = {
        document.id
        for document in documents
        if entry_matches(Entry.from_document(document), query, NOW)
    }

    assert expected
    assert matched == expected


@pytest.mark.parametrize("doc_type", ["event", "funding_call"])
def test_time_filters_agree_with_the_backend(generated, doc_type: str) -> None:
    backend, documents = generated
    sample = next(d for d in documents if d.type == doc_type)
    moment = (sample.start or sample.opens_at) or NOW
    query = SearchQuery(
        types=(doc_type,),
        upcoming=doc_type == "event",
        open_calls=doc_type == "funding_call",
        now=moment,
    )

    expected = all_ids(backend, query)
    matched = {
        document.id
        for document in documents
        if entry_matches(Entry.from_document(document), query, moment)
    }

    assert sample.id in expected
    assert matched == expected


def test_locale_chains_parse_and_default() -> None:
    chains = LocaleChains.parse("nb:da,sv,en; fi:sv,en; en:")

    assert chains.chain("nb") == ("nb", "da", "sv", "en")
    assert chains.chain("fi") == ("fi", "sv", "en")
    assert chains.chain("en") == ("en",)
    assert chains.chain("is") == ("is",)
    with pytest.raises(ValueError, match="'xx' is not one of"):
        LocaleChains.parse("nb:xx")
    with pytest.raises(ValueError, match="has no ':'"):
        LocaleChains.parse("nb")


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("nb-NO,nb;q=0.9,en;q=0.8", "nb"),
        ("no", "nb"),
        ("de-DE,de;q=0.9,sv;q=0.5,da;q=0.7", "da"),
        ("fr", None),
        ("da;q=0, en", "en"),
        ("", None),
    ],
)
def test_accept_language_negotiation(header: str, locale: str | None) -> None:
    assert negotiate_locale(header) == locale


@pytest.mark.parametrize(
    ("path", "normal"),
    [
        ("/da/nyheder/job", "/da/nyheder/job/"),
        ("da/nyheder/job/?utm=x#top", "/da/nyheder/job/"),
        ("https://nordregio.org/a/#b", "https://nordregio.org/a/"),
    ],
)
def test_paths_are_normalised(path: str, normal: str) -> None:
    assert normalise_path(path) == normal


def test_directory_counts_and_groups(directory) -> None:
    assert directory.documents == 74
    assert sorted(m.id for m in directory.group("news-a")) == [
        "news:1",
        "news:2",
        "news:3",
    ]
    assert directory.group("news-b") == ()
    assert directory.id_for_path("/sv/nyheter/bergen") == "news:8"
