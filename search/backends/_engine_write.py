"""Writing to the engine's index: bulk operations and full rebuilds.

Operations are serialised before anything is sent (a bad document fails the
batch before a byte leaves), then sent in chunks through the bulk API; items
the server refuses as stale (409) are the skipped ones, items refused for
overload (429/503) are retried with backoff.

:class:`Rebuild` implements :meth:`EngineBackend.reindex`: lock, new
index, given documents, carry-over of newer documents and tombstones from the
live index, translation groups completed (:mod:`._engine_groups`), one
atomic ``_aliases`` call, old index dropped.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

import orjson

from search.backends._engine_client import error_reason, error_type, translate_errors
from search.backends._engine_groups import (
    complete_groups,
    read_stored,
    regroup,
)
from search.backends._engine_mapping import (
    ADDED_PROPERTIES,
    SOURCE_FIELDS,
    engine_id,
    engine_version,
    index_body,
    load_document,
    to_source,
    tombstone_source,
)
from search.backends._engine_port import (
    EngineApiError,
    EngineConflictError,
    EngineNotFoundError,
)
from search.backends.base import BulkResult
from search.documents import Document
from search.errors import (
    BackendUnavailableError,
    IndexingError,
    InvalidDocumentError,
    SearchError,
)
from search.grouping import GroupTracker

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from search.backends._engine_groups import Rewrite
    from search.backends._engine_port import SyncEngine
    from search.grouping import GroupFields

__all__ = [
    "LOCK_TTL",
    "IndexNames",
    "Op",
    "Outcome",
    "Rebuild",
    "check_delete",
    "ensure_indices",
    "rewrite_ops",
    "send_bulk",
    "tombstone_op",
    "upsert_op",
]

logger = logging.getLogger(__name__)

#: A rebuild lock older than this (seconds) is taken over: its holder crashed.
LOCK_TTL: Final = 3600.0
LOCK_ID: Final = "reindex-lock"
_SCAN_SIZE: Final = 1000
_BULK_RETRIES: Final = 3


@dataclass(frozen=True, slots=True)
class IndexNames:
    """Names of the alias, the numbered content indices and the meta index."""

    alias: str
    meta: str = field(init=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", f"{self.alias}-meta")
        pattern = re.compile(rf"^{re.escape(self.alias)}-(\d{{6,}})$")
        object.__setattr__(self, "_pattern", pattern)

    def numbered(self, number: int) -> str:
        return f"{self.alias}-{number:06d}"

    def number_of(self, name: str) -> int | None:
        match = self._pattern.match(name)
        return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class Op:
    """One bulk operation: the document id, the action line and the source.

    ``counted``: the operation is one the caller asked for; the others
    rewrite members of a translation group (:mod:`._engine_groups`) and are
    left out of :class:`Outcome`'s ``applied`` and ``skipped``.
    """

    doc_id: str
    action: bytes
    source: bytes
    counted: bool = True


def upsert_op(
    document: Document,
    version_type: str = "external_gte",
    group: GroupFields | None = None,
    *,
    counted: bool = True,
) -> Op:
    """Index ``document`` (recording ``group``, see :func:`to_source`) unless
    the index holds a newer version or tombstone.

    Raises:
        InvalidDocumentError: not a document, or not serialisable.
    """
    if not isinstance(document, Document):
        raise InvalidDocumentError(
            f"expected a Document, got {type(document).__name__}"
        )
    header = {
        "_id": engine_id(document.id),
        "version": engine_version(document.version, live=True),
        "version_type": version_type,
    }
    return Op(
        document.id,
        orjson.dumps({"index": header}),
        to_source(document, group),
        counted,
    )


def rewrite_ops(rewrites: Iterable[Rewrite]) -> list[Op]:
    """Group members written again at their stored version (uncounted)."""
    return [
        upsert_op(member, group=fields, counted=False) for member, fields in rewrites
    ]


def _type_of(source: Mapping[str, Any]) -> str | None:
    kind = source.get("type")
    return kind if isinstance(kind, str) else None


def check_delete(doc_id: object, version: object) -> tuple[str, int]:
    """A valid ``(id, version)`` of a delete.

    Raises:
        InvalidDocumentError: the id or the version is invalid.
    """
    if not isinstance(doc_id, str) or not doc_id:
        raise InvalidDocumentError(f"delete: invalid id {doc_id!r}")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidDocumentError(f"delete {doc_id}: version must be an integer")
    engine_version(version, live=False)
    return doc_id, version


def tombstone_op(doc_id: object, version: object, doc_type: str | None = None) -> Op:
    """Replace ``doc_id`` by a tombstone (keeping the deleted item's type)
    unless the index holds a newer write."""
    doc_id, version = check_delete(doc_id, version)
    header = {
        "_id": engine_id(doc_id),
        "version": engine_version(version, live=False),
        "version_type": "external",
    }
    return Op(
        doc_id,
        orjson.dumps({"index": header}),
        tombstone_source(doc_id, version, doc_type),
    )


@dataclass(slots=True)
class Outcome:
    """What a bulk send did (``failures`` are ``"id: type: reason"``)."""

    applied: int = 0
    skipped: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    index_missing: bool = False
    #: Group rewrites applied (a stale one is simply not needed).
    rewritten: int = 0


def send_bulk(
    client: SyncEngine,
    ops: Sequence[Op],
    *,
    index: str,
    refresh: str,
    require_alias: bool,
    chunk_size: int,
) -> Outcome:
    """Send ``ops`` in chunks of ``chunk_size`` (see the module docstring)."""
    outcome = Outcome()
    for start in range(0, len(ops), chunk_size):
        pending = list(ops[start : start + chunk_size])
        for attempt in range(_BULK_RETRIES + 1):
            lines = [line for op in pending for line in (op.action, op.source)]
            with translate_errors(client.product, "bulk indexing", write=True):
                response = client.bulk(
                    index, lines, refresh=refresh, require_alias=require_alias
                )
            retry: list[Op] = []
            for op, item in zip(pending, response["items"], strict=True):
                result = next(iter(item.values()))
                status = int(result.get("status", 500))
                if status < 300:
                    if op.counted:
                        outcome.applied += 1
                    else:
                        outcome.rewritten += 1
                elif status == 409:
                    if op.counted:
                        outcome.skipped.append(op.doc_id)
                elif status in (429, 503) and attempt < _BULK_RETRIES:
                    retry.append(op)
                else:
                    outcome.index_missing |= status == 404
                    reason = error_reason(result.get("error"))
                    outcome.failures.append(f"{op.doc_id}: {reason}")
            if not retry:
                break
            time.sleep(0.2 * 2**attempt)
            pending = retry
    return outcome


def ensure_indices(
    client: SyncEngine,
    names: IndexNames,
    *,
    shards: int | None,
    replicas: int | None,
) -> None:
    """Create the first content index behind the alias, and the meta index.

    An index another process creates at the same moment is fine.

    Raises:
        IndexingError: a concrete index holds the alias's name.
    """

    def create(name: str, body: dict[str, Any]) -> None:
        try:
            client.create_index(name, body)
        except EngineApiError as exc:
            if error_type(exc) != "resource_already_exists_exception":
                raise

    with translate_errors(client.product, "preparing the index", write=True):
        if client.alias_exists(names.alias):
            # An index made by an earlier release gets the fields added since.
            client.put_mapping(names.alias, ADDED_PROPERTIES)
        else:
            if client.index_exists(names.alias):
                raise IndexingError(
                    f"{names.alias} is an index, not an alias (created by something "
                    "else?): delete it or use another INDEX_PREFIX"
                )
            body = index_body(shards=shards, replicas=replicas)
            body["aliases"] = {names.alias: {"is_write_index": True}}
            create(names.numbered(1), body)
        if not client.index_exists(names.meta):
            # One small shard, as many copies as the content index: the
            # generation and the rebuild lock must survive a lost node too.
            meta_settings: dict[str, Any] = {"number_of_shards": 1}
            if replicas is not None:
                meta_settings["number_of_replicas"] = replicas
            create(
                names.meta,
                {
                    "settings": {"index": meta_settings},
                    "mappings": {"dynamic": False, "properties": {}},
                },
            )


class Rebuild:
    """One zero-downtime rebuild (see :meth:`EngineBackend.reindex`).

    Args:
        client: The sync client.
        names: Index names.
        chunk_size: Operations per bulk request.
        settings: ``shards`` and ``replicas`` of the new index.
        on_switch: Called right after the alias moved (bumps the generation).
    """

    def __init__(
        self,
        client: SyncEngine,
        names: IndexNames,
        *,
        chunk_size: int,
        settings: Mapping[str, int | None],
        on_switch: Callable[[], None],
    ) -> None:
        self.client = client
        self.names = names
        self.chunk_size = chunk_size
        self.settings = settings
        self.on_switch = on_switch
        self._groups = GroupTracker()
        #: The translation key of every id written to the new index.
        self._keys: dict[str, str] = {}

    def _errors(self, action: str) -> contextlib.AbstractContextManager[None]:
        return translate_errors(self.client.product, action, write=True)

    def run(self, documents: Iterable[Document]) -> BulkResult:
        self._lock()
        try:
            return self._rebuild(documents)
        finally:
            self._unlock()

    # -- lock -------------------------------------------------------------------

    def _lock(self) -> None:
        meta = self.names.meta
        document = {"owner": uuid.uuid4().hex, "since": time.time()}
        with self._errors("locking the rebuild"):
            for _attempt in range(3):
                try:
                    self.client.create(meta, LOCK_ID, document)
                    return
                except EngineConflictError:
                    pass
                try:
                    held = self.client.get(meta, LOCK_ID)
                except EngineNotFoundError:
                    continue
                since = float(held["_source"].get("since") or 0)
                if time.time() - since < LOCK_TTL:
                    started = datetime.fromtimestamp(since, UTC).isoformat()
                    raise IndexingError(
                        f"another rebuild of {self.names.alias} has been running "
                        f"since {started}; wait for it (or delete the document "
                        f"{meta}/{LOCK_ID} if it crashed)"
                    )
                logger.warning("taking over a stale rebuild lock from %s", since)
                try:
                    self.client.delete(meta, LOCK_ID)
                except EngineNotFoundError:
                    pass
        raise IndexingError(f"cannot lock the rebuild of {self.names.alias}")

    def _unlock(self) -> None:
        try:
            with self._errors("unlocking the rebuild"):
                self.client.delete(self.names.meta, LOCK_ID)
        except SearchError as exc:
            logger.warning("rebuild lock not released: %s", exc)

    # -- indices ----------------------------------------------------------------

    def indices(self) -> tuple[list[str], dict[str, int]]:
        """Indices behind the alias, and every numbered index with its number."""
        with self._errors("reading the aliases"):
            found = self.client.get_aliases(f"{self.names.alias}-*")
        live = sorted(
            name
            for name, info in found.items()
            if self.names.alias in (info.get("aliases") or {})
        )
        numbered: dict[str, int] = {}
        for name in found:
            number = self.names.number_of(name)
            if number is not None:
                numbered[name] = number
        return live, numbered

    def drop(self, names: Sequence[str]) -> None:
        if not names:
            return
        try:
            with self._errors("dropping old indices"):
                self.client.delete_indices(names)
        except SearchError as exc:
            logger.warning("indices %s not dropped: %s", ", ".join(names), exc)

    def _drop_unless_live(self, name: str) -> None:
        """Drop a half-built index, unless the alias already points to it (a
        swap that timed out on our side may have happened on the server)."""
        try:
            live, _ = self.indices()
        except SearchError:
            logger.warning("cannot tell whether %s went live: kept", name)
            return
        if name not in live:
            self.drop([name])

    # -- rebuild ------------------------------------------------------------------

    def _rebuild(self, documents: Iterable[Document]) -> BulkResult:
        live, numbered = self.indices()
        # Left behind by a crashed rebuild (we hold the lock, so not running).
        self.drop([name for name in numbered if name not in live])
        new = self.names.numbered(max(numbered.values(), default=0) + 1)
        body = index_body(
            shards=self.settings.get("shards"),
            replicas=self.settings.get("replicas"),
            building=True,
        )
        with self._errors("creating the new index"):
            self.client.create_index(new, body)
        try:
            given, skipped = self._fill(new, documents)
            overridden, seen = self._carry_over(live, new, given)
            self._complete_groups(new)
            self._switch(live, new)
        except BaseException as exc:
            self._drop_unless_live(new)
            if isinstance(exc, SearchError | ValueError) and not isinstance(
                exc, BackendUnavailableError
            ):
                raise IndexingError(f"reindex failed, live index kept: {exc}") from exc
            raise
        self.on_switch()
        if self._catch_up(live, new, seen):
            self.drop(live)
        for doc_id in overridden:
            given.pop(doc_id, None)
        skipped.extend(overridden)
        logger.info("search index rebuilt as %s (%d documents)", new, len(given))
        return BulkResult(len(given), len(skipped), tuple(skipped))

    def _switch(self, live: Sequence[str], new: str) -> None:
        alias = self.names.alias
        actions: list[dict[str, Any]] = [
            {"remove": {"index": name, "alias": alias}} for name in live
        ]
        actions.append({"add": {"index": new, "alias": alias, "is_write_index": True}})
        with self._errors("switching to the new index"):
            self.client.put_settings(new, {"index": {"refresh_interval": None}})
            self.client.refresh(new)
            self.client.update_aliases(actions)

    def _track(self, document: Document) -> None:
        previous = self._keys.get(document.id)
        if previous is not None and previous != document.translation_key:
            self._groups.discard(previous, document.id)
        self._keys[document.id] = document.translation_key
        self._groups.add(document)

    def _forget(self, doc_id: str) -> None:
        key = self._keys.pop(doc_id, None)
        if key is not None:
            self._groups.discard(key, doc_id)

    def _complete_groups(self, new: str) -> None:
        """Give every member of a group of several its group's fields (the
        documents were written without: their groups were not known yet)."""
        groups = self._groups.groups()
        self._groups, self._keys = GroupTracker(), {}
        for rewrites in complete_groups(self.client, new, groups, self.chunk_size):
            self._send(rewrite_ops(rewrites), new)

    def _send(self, ops: Sequence[Op], index: str) -> None:
        if not ops:
            return
        outcome = send_bulk(
            self.client,
            ops,
            index=index,
            refresh="false",
            require_alias=False,
            chunk_size=self.chunk_size,
        )
        if outcome.failures:
            raise IndexingError(
                f"{len(outcome.failures)} documents were rejected "
                f"(first: {outcome.failures[0]})"
            )

    def _fill(
        self, index: str, documents: Iterable[Document]
    ) -> tuple[dict[str, int], list[str]]:
        """Write the given documents: ``(id -> version, skipped ids)``; a later
        duplicate replaces an earlier one unless it is older."""
        given: dict[str, int] = {}
        skipped: list[str] = []
        batch: list[Op] = []
        for document in documents:
            op = upsert_op(document)
            held = given.get(document.id)
            if held is not None:
                skipped.append(document.id)
                if document.version < held:
                    continue
            batch.append(op)
            given[document.id] = document.version
            self._track(document)
            if len(batch) >= self.chunk_size:
                self._send(batch, index)
                batch = []
        self._send(batch, index)
        return given, skipped

    def _catch_up(self, old: Sequence[str], new: str, seen: int | None) -> bool:
        """Copy what writers put in the old index after the carry-over scan
        (versions grow, so: everything above the newest version it saw) into
        the new one, now live; whether the old index may go. Without this a
        write made between the scan and the switch would be missing from
        search until the indexer wrote it again."""
        query: dict[str, Any] = (
            {"match_all": {}} if seen is None else {"range": {"version": {"gt": seen}}}
        )
        try:
            touched: set[str] = set()
            for index in old:
                with self._errors("reading the old index"):
                    self.client.refresh(index)
                touched |= self._copy_newer(index, new, self._scan(index, query))
            with self._errors("refreshing the new index"):
                self.client.refresh(new)
            if touched:
                # The groups of what was copied, now searchable.
                self._send(rewrite_ops(regroup(self.client, new, touched)), new)
                with self._errors("refreshing the new index"):
                    self.client.refresh(new)
        except SearchError as exc:
            logger.warning("kept %s: catching up after the switch failed: %s", old, exc)
            return False
        return True

    def _copy_newer(
        self, index: str, new: str, entries: Iterable[tuple[dict[str, Any], str]]
    ) -> set[str]:
        """Copy ``entries`` of ``index`` into ``new`` under external versions
        (an entry ``new`` holds in the same or a newer version is skipped);
        return the translation keys of the groups that may have changed."""
        tombstones: list[Op] = []
        live: list[str] = []
        ids: list[str] = []
        for source, stored_id in entries:
            ids.append(str(source["id"]))
            if source.get("deleted"):
                tombstones.append(
                    tombstone_op(ids[-1], int(source["version"]), _type_of(source))
                )
            else:
                live.append(stored_id)
        touched = {
            entry.document.translation_key
            for entry in read_stored(self.client, new, ids).values()
            if entry.document is not None
        }
        self._send(tombstones, new)
        self._copy_documents(
            index, new, live, lambda document: touched.add(document.translation_key)
        )
        return touched

    def _copy_documents(
        self,
        index: str,
        new: str,
        stored_ids: Sequence[str],
        on_copy: Callable[[Document], None],
    ) -> None:
        for start in range(0, len(stored_ids), self.chunk_size):
            chunk = stored_ids[start : start + self.chunk_size]
            with self._errors("reading the live index"):
                response = self.client.mget(index, chunk, SOURCE_FIELDS)
            ops = []
            for item in response["docs"]:
                document = load_document(item.get("_source"))
                if document is not None:
                    ops.append(upsert_op(document, version_type="external"))
                    on_copy(document)
            self._send(ops, new)

    def _carry_over(
        self, live: Sequence[str], new: str, given: Mapping[str, int]
    ) -> tuple[list[str], int | None]:
        """Copy every tombstone and every document newer than the one given
        from the live index, and turn documents the rebuild no longer has into
        tombstones at its version; return the given ids they override and
        the newest version the scan saw."""
        overridden: list[str] = []
        seen: int | None = None
        snapshot = max(given.values(), default=None)
        for index in live:
            tombstones: list[Op] = []
            newer: list[str] = []
            for source, stored_id in self._scan(index):
                doc_id, held = str(source["id"]), int(source["version"])
                seen = held if seen is None else max(seen, held)
                is_live = not source.get("deleted")
                version = given.get(doc_id)
                if (
                    is_live
                    and version is None
                    and (snapshot is None or held <= snapshot)
                ):
                    # Gone from the source: change sync must report the removal.
                    gone = held if snapshot is None else snapshot
                    tombstones.append(tombstone_op(doc_id, gone, _type_of(source)))
                    continue
                if is_live:
                    keep = version is None or held > version
                else:
                    keep = version is None or held >= version
                if not keep:
                    continue
                if version is not None:
                    overridden.append(doc_id)
                    self._forget(doc_id)
                if is_live:
                    newer.append(stored_id)
                else:
                    tombstones.append(tombstone_op(doc_id, held, _type_of(source)))
            self._send(tombstones, new)
            self._copy_documents(index, new, newer, self._track)
        return overridden, seen

    def _scan(
        self, index: str, query: dict[str, Any] | None = None
    ) -> Iterator[tuple[dict[str, Any], str]]:
        """``(_source with id, version, deleted and type, _id)`` of every
        entry (of those matching ``query``)."""
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {
                "query": query or {"match_all": {}},
                "sort": [{"uid": "asc"}],
                "size": _SCAN_SIZE,
                "_source": ["id", "version", "deleted", "type"],
                "track_total_hits": False,
            }
            if after is not None:
                body["search_after"] = after
            with self._errors("reading the live index"):
                hits = self.client.search(index, body)["hits"]["hits"]
            for hit in hits:
                yield hit["_source"], hit["_id"]
            if len(hits) < _SCAN_SIZE:
                return
            after = hits[-1]["sort"]
