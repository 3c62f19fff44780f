"""Reading the evaluation collection: ``documents.*.jsonl`` and ``queries.*.jsonl``.

The format is described in ``bench/relevance/README.md``; the rules a collection
must keep are checked by ``validate.py``. Here only what the benchmark itself
relies on is checked (unique ids, known languages, queries whose topic exists),
so that a broken file stops the run with a clear message instead of wrong figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("da", "nb", "sv", "fi", "is", "en")
KINDS = ("cross", "same")


class CollectionError(ValueError):
    """The collection cannot be used; the message says where and why."""


@dataclass(frozen=True)
class CollectionDocument:
    id: str
    topic: str
    lang: str
    title: str
    text: str


@dataclass(frozen=True)
class Query:
    id: str
    lang: str
    text: str
    topic: str
    kind: str


@dataclass(frozen=True)
class Collection:
    documents: tuple[CollectionDocument, ...]
    queries: tuple[Query, ...]

    def relevant(self, query: Query) -> set[str]:
        """Every document of the query's topic."""
        return {doc.id for doc in self.documents if doc.topic == query.topic}


def _records(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CollectionError(f"{path.name}:{number}: not JSON: {exc}") from exc
            if not isinstance(record, dict):
                raise CollectionError(f"{path.name}:{number}: not a JSON object")
            yield number, record


def _field(record: dict[str, object], name: str, where: str) -> str:
    value = record.get(name)
    if not isinstance(value, str) or not value.strip():
        raise CollectionError(f"{where}: {name!r} must be a non-empty string")
    return value


def load_collection(folder: Path) -> Collection:
    """All parts in ``folder``, in file-name order."""
    document_files = sorted(folder.glob("documents.*.jsonl"))
    query_files = sorted(folder.glob("queries.*.jsonl"))
    if not document_files or not query_files:
        raise CollectionError(
            f"{folder} holds no documents.*.jsonl or no queries.*.jsonl"
        )
    documents: dict[str, CollectionDocument] = {}
    for path in document_files:
        for number, record in _records(path):
            where = f"{path.name}:{number}"
            doc = CollectionDocument(
                **{
                    name: _field(record, name, where)
                    for name in ("id", "topic", "lang", "title", "text")
                }
            )
            if doc.lang not in LANGUAGES:
                raise CollectionError(f"{where}: unknown language {doc.lang!r}")
            if doc.id in documents:
                raise CollectionError(f"{where}: document id {doc.id!r} repeats")
            documents[doc.id] = doc
    topics = {doc.topic for doc in documents.values()}
    queries: dict[str, Query] = {}
    for path in query_files:
        for number, record in _records(path):
            where = f"{path.name}:{number}"
            query = Query(
                **{
                    name: _field(record, name, where)
                    for name in ("id", "lang", "text", "topic", "kind")
                }
            )
            if query.lang not in LANGUAGES:
                raise CollectionError(f"{where}: unknown language {query.lang!r}")
            if query.kind not in KINDS:
                raise CollectionError(f"{where}: kind must be one of {KINDS}")
            if query.topic not in topics:
                raise CollectionError(f"{where}: no document has topic {query.topic!r}")
            if query.id in queries:
                raise CollectionError(f"{where}: query id {query.id!r} repeats")
            queries[query.id] = query
    return Collection(tuple(documents.values()), tuple(queries.values()))
