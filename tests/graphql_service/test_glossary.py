"""The glossary comes from the read model and follows its changes."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from graphql_service.glossary import GlossaryUpdater, glossary_from_rows
from search.backends.embedded import EmbeddedBackend
from search.glossary import Glossary
from search.testing import make_document
from tests.graphql_service.corpus import taxonomy

SEARCH = """
query Search($text: String!) {
  search(text: $text, locale: "da", first: 5) {
    totalCount
    edges { node { documentId locale } }
  }
}
"""

ROW = {
    "concept_id": "bridge_builder",
    "da": "brobygger|brobyggere",
    "nb": "brobygger|brobyggere",
    "sv": "kulturtolk|kulturtolkar",
    "fi": "",
    "is": "",
    "en": "bridge builder|bridge builders",
}


def glossary_document(row: dict[str, str], version: int = 1):
    return make_document(
        id="glossary:1",
        type="glossary",
        locale="en",
        title=row["concept_id"],
        lead="",
        body=" ".join(v for k, v in row.items() if k != "concept_id"),
        url_path="",
        version=version,
        payload={"row": row},
    )


def found(client: httpx.Client, url: str, text: str) -> list[str]:
    response = client.post(url, json={"query": SEARCH, "variables": {"text": text}})
    body = response.json()
    assert "errors" not in body, body
    return [edge["node"]["documentId"] for edge in body["data"]["search"]["edges"]]


def test_a_glossary_concept_added_to_the_read_model_expands_searches(
    tmp_path: Path, start_server, client: httpx.Client
) -> None:
    index = tmp_path / "index"
    writer = EmbeddedBackend(index)
    try:
        swedish = make_document(
            id="news:70",
            type="news",
            locale="sv",
            title="Kulturtolkar i skolan",
            lead="Kulturtolkar hjälper nyanlända familjer.",
            body="Skolan anställer kulturtolkar som möter familjerna.",
            url_path="/sv/nyheter/kulturtolkar/",
        )
        writer.bulk([*taxonomy(), swedish])
        writer.refresh()
        running = start_server(index)
        assert found(client, running.url, "brobyggere") == []

        # Later writes carry later versions (the outbox row), as change sync expects.
        writer.index(glossary_document(ROW, version=2))
        deadline = time.monotonic() + 10
        hits: list[str] = []
        while time.monotonic() < deadline:
            hits = found(client, running.url, "brobyggere")
            if hits:
                break
            time.sleep(0.1)

        assert hits == ["news:70"]
    finally:
        writer.close()


def test_updater_falls_back_to_the_starting_glossary(tmp_path: Path) -> None:
    backend = EmbeddedBackend(tmp_path / "index")
    try:
        updater = GlossaryUpdater(backend)
        updater((ROW,))
        assert "bridge_builder" in backend.glossary
        assert len(backend.glossary) == 1

        updater(({"concept_id": ""},))
        assert "bridge_builder" in backend.glossary  # malformed rows are ignored

        updater(())
        assert backend.glossary is Glossary.default()
    finally:
        backend.close()


def test_glossary_from_rows_defaults_to_the_starter_set() -> None:
    assert glossary_from_rows([]) is Glossary.default()
    configured = Glossary.from_rows([ROW])
    assert glossary_from_rows([], configured) is configured
    assert "bridge_builder" in glossary_from_rows([ROW])
