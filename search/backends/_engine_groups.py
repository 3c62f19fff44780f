"""Translation groups on the engine: what a write reads so that every member
of a group records its group (:mod:`search.grouping`).

A batch (:func:`plan_batch`) reads, before it writes:

* the stored entries of its ids, in real time (``mget``): their versions say
  which operations versioning will refuse, so a stale write changes no
  group; their translation keys say which groups a moved or deleted item
  leaves; their types go onto tombstones;
* the live members of every group it touches (a search on
  ``translation_key``). A search sees what was refreshed before it: writes
  wait for the refresh by default, and a backend writing with
  ``REFRESH=false`` refreshes before it reads.

Both read the documents without their text (``doc`` only: what the group
fields come from); the members a batch must write again are then read whole,
by id, and only when that group changed.

A rebuild writes every document first, then completes the groups of more
than one member from the new index by id (:func:`complete_groups`; the new
index is not refreshed while it is built) before the alias moves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from search.backends._engine_client import is_index_missing, translate_errors
from search.backends._engine_mapping import (
    SOURCE_FIELDS,
    engine_id,
    engine_version,
    load_document,
)
from search.backends._engine_port import EngineNotFoundError
from search.grouping import group_fields, plan_group_writes

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Collection, Iterable, Iterator, Sequence

    from search.backends._engine_port import SyncEngine
    from search.documents import Document
    from search.grouping import GroupFields

__all__ = [
    "BatchPlan",
    "Change",
    "Rewrite",
    "Stored",
    "complete_groups",
    "live_members",
    "plan_batch",
    "read_stored",
    "regroup",
]

_PAGE: Final = 1000
_STORED_FIELDS: Final = [*SOURCE_FIELDS, "type", "deleted"]
#: What planning reads: documents without their title, lead and body (never
#: written back as they are, see :func:`_whole`).
_PLAN_FIELDS: Final = ["doc", "type", "deleted"]

#: One operation of a batch: id, version, document (``None``: a delete).
Change = tuple[str, int, "Document | None"]
#: A member to write again (at its stored version) with its group's fields.
Rewrite = tuple["Document", "GroupFields | None"]


@dataclass(frozen=True, slots=True)
class Stored:
    """An id's entry in the index.

    Attributes:
        version: Its engine version (see :func:`engine_version`).
        document: The live document (``None``: a tombstone).
        type: The item's type (``None``: a tombstone of an unknown item).
    """

    version: int
    document: Document | None
    type: str | None


@dataclass(slots=True)
class BatchPlan:
    """What a batch writes besides its own operations.

    Attributes:
        fields: The group fields of each document the batch writes.
        rewrites: Other members whose group changed.
        types: The type of each id the index knew (for its tombstone).
        skips: Ids of the operations versioning will refuse, in order.
        keys: The translation keys each id of the batch touches.
    """

    fields: dict[str, GroupFields | None] = field(default_factory=dict)
    rewrites: list[Rewrite] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    skips: list[str] = field(default_factory=list)
    keys: dict[str, set[str]] = field(default_factory=dict)

    def keys_of_surprises(self, skipped: Sequence[str]) -> set[str]:
        """Keys of the ids whose outcome differs from the plan (another
        writer got there in between): their groups must be read again."""
        expected, actual = Counter(self.skips), Counter(skipped)
        surprising = (expected - actual) + (actual - expected)
        return {key for doc_id in surprising for key in self.keys.get(doc_id, ())}


def _errors(client: SyncEngine) -> contextlib.AbstractContextManager[None]:
    return translate_errors(client.product, "reading translation groups", write=True)


def read_stored(
    client: SyncEngine, index: str, ids: Iterable[str], *, text: bool = True
) -> dict[str, Stored]:
    """The entries ``index`` holds for ``ids`` (real time; missing ones left
    out); ``text``: with the documents' title, lead and body."""
    unique = list(dict.fromkeys(ids))
    stored: dict[str, Stored] = {}
    for start in range(0, len(unique), _PAGE):
        chunk = unique[start : start + _PAGE]
        with _errors(client):
            try:
                response = client.mget(
                    index,
                    [engine_id(doc_id) for doc_id in chunk],
                    _STORED_FIELDS if text else _PLAN_FIELDS,
                )
            except EngineNotFoundError as exc:
                if is_index_missing(exc):
                    return {}
                raise
        for doc_id, item in zip(chunk, response["docs"], strict=True):
            if not item.get("found"):
                continue
            source = item.get("_source") or {}
            kind = source.get("type")
            document = None if source.get("deleted") else load_document(source)
            stored[doc_id] = Stored(
                int(item["_version"]), document, kind if isinstance(kind, str) else None
            )
    return stored


def live_members(
    client: SyncEngine, index: str, keys: Collection[str], *, text: bool = True
) -> dict[str, list[Document]]:
    """``translation_key -> live members`` of the groups ``keys`` (searched;
    ``text``: with their title, lead and body)."""
    members: dict[str, list[Document]] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), _PAGE):
        query = {
            "bool": {
                "filter": [
                    {"terms": {"translation_key": ordered[start : start + _PAGE]}},
                    {"term": {"deleted": False}},
                ]
            }
        }
        fields = SOURCE_FIELDS if text else _PLAN_FIELDS
        for source in _scan(client, index, query, fields):
            document = load_document(source)
            if document is not None:
                members.setdefault(document.translation_key, []).append(document)
    return members


def _scan(
    client: SyncEngine, index: str, query: dict[str, Any], fields: list[str]
) -> Iterator[dict[str, Any]]:
    after: list[Any] | None = None
    while True:
        body: dict[str, Any] = {
            "query": query,
            "sort": [{"uid": "asc"}],
            "size": _PAGE,
            "_source": fields,
            "track_total_hits": False,
        }
        if after is not None:
            body["search_after"] = after
        with _errors(client):
            try:
                hits = client.search(index, body)["hits"]["hits"]
            except EngineNotFoundError as exc:
                if is_index_missing(exc):
                    return
                raise
        for hit in hits:
            yield hit.get("_source") or {}
        if len(hits) < _PAGE:
            return
        after = hits[-1]["sort"]


def plan_batch(client: SyncEngine, index: str, changes: Sequence[Change]) -> BatchPlan:
    """Read what the batch ``changes`` needs and plan its group writes."""
    stored = read_stored(
        client, index, (doc_id for doc_id, _, _ in changes), text=False
    )
    plan = BatchPlan()
    held = {doc_id: entry.version for doc_id, entry in stored.items()}
    final: dict[str, Document | None] = {}
    for doc_id, given, document in changes:
        version = engine_version(given, live=document is not None)
        before = held.get(doc_id)
        # Upserts replace an equal version, deletes need a higher one.
        if before is not None and (
            version < before if document is not None else version <= before
        ):
            plan.skips.append(doc_id)
        else:
            held[doc_id] = version
            final[doc_id] = document
        keys = plan.keys.setdefault(doc_id, set())
        if document is not None:
            keys.add(document.translation_key)
    for doc_id, entry in stored.items():
        if entry.document is not None:
            plan.keys[doc_id].add(entry.document.translation_key)
            plan.types[doc_id] = entry.document.type
        elif entry.type is not None:
            plan.types[doc_id] = entry.type
    written = [document for document in final.values() if document is not None]
    touched = {key for doc_id in final for key in plan.keys[doc_id]}
    current: dict[str, list[Document]] = {}
    for key, members in live_members(client, index, touched, text=False).items():
        # The batch's own ids as they are now, not as last refreshed.
        current[key] = [member for member in members if member.id not in stored]
    for entry in stored.values():
        member = entry.document
        if member is not None and member.translation_key in touched:
            current.setdefault(member.translation_key, []).append(member)
    removed = [doc_id for doc_id, document in final.items() if document is None]
    plan.fields, others = plan_group_writes(written, removed, current)
    planned = [(member, plan.fields.get(member.id)) for member in others]
    plan.rewrites = _whole(client, index, planned)
    return plan


def _whole(client: SyncEngine, index: str, rewrites: list[Rewrite]) -> list[Rewrite]:
    """``rewrites`` with their members read whole; a member written by
    someone else since it was planned is left to that writer."""
    if not rewrites:
        return []
    stored = read_stored(client, index, (member.id for member, _ in rewrites))
    whole: list[Rewrite] = []
    for planned, fields in rewrites:
        entry = stored.get(planned.id)
        member = None if entry is None else entry.document
        if (
            member is not None
            and member.version == planned.version
            and member.translation_key == planned.translation_key
        ):
            whole.append((member, fields))
    return whole


def regroup(client: SyncEngine, index: str, keys: Collection[str]) -> list[Rewrite]:
    """Every live member of the groups ``keys`` with its group's fields
    (searched: refresh ``index`` first)."""
    rewrites: list[Rewrite] = []
    for members in live_members(client, index, keys).values():
        fields = group_fields(members)
        rewrites.extend((member, fields) for member in members)
    return rewrites


def complete_groups(
    client: SyncEngine, index: str, groups: Iterable[Sequence[str]], chunk_size: int
) -> Iterator[list[Rewrite]]:
    """The rewrites that give the members of ``groups`` (ids written to
    ``index``) their group's fields, reading about ``chunk_size`` ids at a
    time by id (real time: no refresh needed)."""
    pending: list[Sequence[str]] = []
    count = 0
    for group in groups:
        pending.append(group)
        count += len(group)
        if count >= chunk_size:
            yield _complete(client, index, pending)
            pending, count = [], 0
    if pending:
        yield _complete(client, index, pending)


def _complete(
    client: SyncEngine, index: str, groups: Sequence[Sequence[str]]
) -> list[Rewrite]:
    stored = read_stored(
        client, index, (doc_id for group in groups for doc_id in group)
    )
    rewrites: list[Rewrite] = []
    for group in groups:
        by_key: dict[str, list[Document]] = {}
        for doc_id in group:
            entry = stored.get(doc_id)
            if entry is not None and entry.document is not None:
                member = entry.document
                by_key.setdefault(member.translation_key, []).append(member)
        for members in by_key.values():
            fields = group_fields(members)
            if fields is not None:
                rewrites.extend((member, fields) for member in members)
    return rewrites
