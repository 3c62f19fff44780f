"""Versions and tombstones of the embedded index: loading and carrying over."""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson
import tantivy
from tantivy import Query

from search.backends._tantivy_schema import (
    LIVE,
    TOMBSTONE,
    to_index_document,
    to_tombstone,
    uid_of,
)
from search.backends.base import BulkResult
from search.documents import Document
from search.errors import InvalidDocumentError
from search.grouping import GroupTracker

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Versions", "load_versions", "rebuild_into"]

#: ``uid -> (version, live)``; ``live`` is False for tombstones.
Versions = dict[int, tuple[int, bool]]


def load_versions(index: tantivy.Index) -> Versions:
    """``uid -> (version, live)`` of every document and tombstone."""
    index.reload()
    searcher = index.searcher()
    versions: Versions = {}
    total = searcher.num_docs
    if total == 0:
        return versions
    for state, live in ((LIVE, True), (TOMBSTONE, False)):
        query = Query.term_query(index.schema, "state", state)
        hits = searcher.search(query, limit=total, count=False).hits
        addresses = [address for _, address in hits]
        uids = searcher.fast_field_values("uid", addresses)
        numbers = searcher.fast_field_values("version", addresses)
        for uid, version in zip(uids, numbers, strict=True):
            if isinstance(uid, int) and isinstance(version, int):
                versions[uid] = (version, live)
    return versions


def _stored_id(
    searcher: tantivy.Searcher, schema: tantivy.Schema, uid: int
) -> tuple[str, str | None] | None:
    """Id and type of the stored document or tombstone ``uid``."""
    hits = searcher.search(
        Query.term_query(schema, "uid", uid), limit=1, count=False
    ).hits
    raw = searcher.doc(hits[0][1]).get_first("doc") if hits else None
    return _id_and_type(raw) if isinstance(raw, bytes) else None


def _id_and_type(raw: bytes) -> tuple[str, str | None]:
    data = orjson.loads(raw)
    doc_type = data.get("type")
    return str(data["id"]), doc_type if isinstance(doc_type, str) else None


def rebuild_into(
    writer: tantivy.IndexWriter,
    documents: Iterable[Document],
    old: tantivy.Index,
    old_versions: Versions,
    tracker: GroupTracker,
) -> tuple[BulkResult, Versions]:
    """Write ``documents`` into a new generation, then carry over from ``old``
    what is newer than what was given, and every tombstone, so a rebuild from
    a stale source never undoes a later write. A live document the rebuild
    no longer has becomes a tombstone at the rebuild's (highest given) version,
    unless it is newer than that. ``tracker`` learns every live document
    written, so that their groups can be completed afterwards.
    """
    versions: Versions = {}
    given: dict[int, str] = {}
    skipped: list[str] = []
    for document in documents:
        if not isinstance(document, Document):
            raise InvalidDocumentError(
                f"expected a Document, got {type(document).__name__}"
            )
        uid = uid_of(document.id)
        current = versions.get(uid)
        if current is not None and document.version < current[0]:
            skipped.append(document.id)
            continue
        index_document = to_index_document(document, uid)
        if current is not None:
            writer.delete_documents_by_term("id", document.id)
            skipped.append(document.id)
        writer.add_document(index_document)
        tracker.add(document)
        versions[uid] = (document.version, True)
        given[uid] = document.id
    searcher = old.searcher()
    snapshot = max((version for version, _ in versions.values()), default=None)
    for uid, (held, live) in old_versions.items():
        new = versions.get(uid)
        if live and new is None and (snapshot is None or held <= snapshot):
            # Gone from the source: a tombstone at the rebuild's version, so
            # change sync reports the removal to partners past ``held``.
            stored = _stored_id(searcher, old.schema, uid)
            gone = held if snapshot is None else snapshot
            if stored is not None:
                writer.add_document(to_tombstone(stored[0], uid, gone, stored[1]))
                versions[uid] = (gone, False)
            continue
        if live:
            keep = new is None or held > new[0]
        else:
            keep = new is None or held >= new[0]
        if not keep:
            continue
        hits = searcher.search(
            Query.term_query(old.schema, "uid", uid), limit=1, count=False
        ).hits
        raw = searcher.doc(hits[0][1]).get_first("doc") if hits else None
        if not isinstance(raw, bytes):
            continue
        if live:
            carried = Document.from_json(raw, trusted=True)
            if new is not None:
                writer.delete_documents_by_term("id", carried.id)
            writer.add_document(to_index_document(carried, uid))
            tracker.add(carried)
        else:
            doc_id, doc_type = _id_and_type(raw)
            if new is not None:
                writer.delete_documents_by_term("id", doc_id)
            writer.add_document(to_tombstone(doc_id, uid, held, doc_type))
        if new is not None:
            skipped.append(given.pop(uid))
        versions[uid] = (held, live)
    return BulkResult(len(given), len(skipped), tuple(skipped)), versions
