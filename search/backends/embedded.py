"""Embedded search backend: tantivy on local disk, no server.

Layout of the index folder (``SEARCH_PATH``)::

    CURRENT            name of the live index generation (replaced atomically)
    COMMITTED          touched on every commit (readers stat it for the generation)
    WATERMARK          newest version change sync may serve (see search.changes)
    PROGRESS           the indexer's latest report (see search.progress)
    writer.lock        held (flock) by the one process that writes
    gen-<ns>-<pid>/    a tantivy index plus hub-index.json (schema version)

One process writes (the indexer); any number of processes read. Readers see
commits when tantivy reloads (about half a second; :meth:`refresh` forces it)
and follow ``CURRENT`` on their next call after a :meth:`reindex`, which builds
a new generation beside the live one, switches the pointer with
``os.replace`` and drops the old folder.

Every tantivy document is a live document or a tombstone (``state`` field):
versions and tombstones live in the same index as the content, so one commit
updates both. The writer keeps ``uid -> (version, live)`` in memory, loaded
from the index when it starts writing. See :mod:`._tantivy_schema` for the
fields, :mod:`._tantivy_query` for query building and :mod:`._tantivy_paging`
for cursor pagination.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Self

import orjson
import tantivy
from tantivy import FieldType, Occur, Query

from search.analysis import register_analyzers
from search.backends import DEFAULT_PATH
from search.backends._side_thread import SideThread
from search.backends._state_memo import keep
from search.backends._tantivy_feedback import feedback_rescore
from search.backends._tantivy_groups import (
    complete_groups,
    live_by,
    tombstone_types,
)
from search.backends._tantivy_kept import STATE_MEMO_SECONDS, KeptSearches
from search.backends._tantivy_paging import Row, beyond, collect, first_rows
from search.backends._tantivy_rankings import ranked_rows
from search.backends._tantivy_results import highlights
from search.backends._tantivy_schema import (
    I64_MAX,
    LIVE,
    SCHEMA_VERSION,
    build_schema,
    is_tombstone,
    timestamp,
    to_index_document,
    to_tombstone,
    uid_of,
    write_allowed,
)
from search.backends._tantivy_statistics import LanguageStatistics
from search.backends._tantivy_suggest import complete_titles, did_you_mean
from search.backends._tantivy_versions import Versions, load_versions, rebuild_into
from search.backends._tantivy_weeks import WeekCounts
from search.backends.base import NEVER_BUILT, BaseBackend, BulkResult
from search.changes import Change, ChangeCursor, ChangeSet, check_limit, next_cursor
from search.cursor import Cursor
from search.documents import LOCALES, Document
from search.errors import (
    BackendUnavailableError,
    IndexingError,
    InvalidDocumentError,
    InvalidQueryError,
    SearchError,
)
from search.explain import matched_terms
from search.feedback import FEEDBACK_WINDOW
from search.glossary import Glossary
from search.grouping import GroupTracker, plan_group_writes
from search.progress import IndexerProgress
from search.query import Hit, SearchResults

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from search.query import SearchQuery

__all__ = [
    "META",
    "POINTER",
    "SCHEMA_VERSION",
    "STATE_MEMO_SECONDS",
    "EmbeddedBackend",
    "SearchBackend",
]

logger = logging.getLogger(__name__)

POINTER: Final = "CURRENT"
WRITER_LOCK: Final = "writer.lock"
META: Final = "hub-index.json"
COMMITTED: Final = "COMMITTED"
WATERMARK: Final = "WATERMARK"
PROGRESS: Final = "PROGRESS"
_GENERATION_PREFIX: Final = "gen-"
_MAX_GET_MANY: Final = 1000
#: Weeks before a newest-first list's anchor whose item counts are looked up
#: for its recent window (two years; beyond them, whole years are read).
_RECENT_WEEKS: Final = 104
#: Parsed documents kept per backend (see ``EmbeddedBackend._load``).
_PARSED_CACHE_SIZE: Final = 1024
_MAX_SUGGEST: Final = 50
_MAX_PREFIX: Final = 200


@dataclass(frozen=True, slots=True)
class _Generation:
    name: str
    path: Path
    index: tantivy.Index
    schema: tantivy.Schema
    stamp: tuple[int, int, int]


class _OutdatedSchemaError(BackendUnavailableError):
    """The live generation was built for another schema version: reindex."""


class EmbeddedBackend(BaseBackend):
    """tantivy index on local disk (see the module docstring).

    Args:
        path: Index folder.
        create: Create the folder and an empty index when missing (the
            writer's way). Readers pass ``False``: a missing index then stays
            missing (searches raise ``BackendUnavailableError``) until the
            writer creates it; writing through this instance creates it too.
        glossary: Cross-language glossary (default: the starter glossary);
            replace it at any time through :attr:`glossary`.
        writer_heap_size: Memory budget of the index writer in bytes.
        writer_threads: Indexing threads (0: automatic, one for changes
            and one per CPU, at most 8, for a rebuild). Each thread turns
            its share of a commit into a segment of its own, and every new
            segment costs the writer a flush and later a merge: a trickle of
            changes through two threads cost 40 % more CPU per commit.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_PATH,
        *,
        create: bool = True,
        glossary: Glossary | None = None,
        writer_heap_size: int = 200_000_000,
        writer_threads: int = 0,
    ) -> None:
        self.path = Path(path)
        self._glossary = glossary if glossary is not None else Glossary.default()
        self._heap_size = writer_heap_size
        self._threads = writer_threads
        self._schema = build_schema()
        self._swap_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._generation: _Generation | None = None
        self._writer: tantivy.IndexWriter | None = None
        self._writer_lock_file: int | None = None
        self._versions: Versions | None = None
        self._closed = False
        #: Parsed documents by their stored JSON (the same bytes always give
        #: the same document, so no invalidation is needed): most requests
        #: read the same recent items, and parsing costs more than the read.
        self._parsed: dict[bytes, Document] = {}
        #: Documents by generation, uid and version: within a generation an
        #: item's version always stores the same JSON (a group's other
        #: versions are written again with new filter fields only, a replay
        #: brings the same item), so a page of items seen before is answered
        #: without reading the store.
        self._versioned: dict[tuple[str, int, int], Document] = {}
        self._weeks = WeekCounts()
        #: What searches computed, kept while the read model stays the same
        #: (:mod:`._tantivy_kept`).
        self._kept = KeptSearches()
        #: The state (:meth:`generation`) the reader was last reloaded for.
        self._reloaded_for: str | None = None
        self._side = SideThread()
        if create:
            self._initialise()

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> Self:
        """Build from ``{"PATH": ..., "CREATE": ..., "GLOSSARY": ..., ...}``.

        ``GLOSSARY`` may be a :class:`Glossary` or a list of CMS rows;
        ``CREATE`` (default true) is the ``create`` argument.
        """
        glossary = options.get("GLOSSARY")
        if glossary is not None and not isinstance(glossary, Glossary):
            glossary = Glossary.from_rows(glossary)
        return cls(
            options.get("PATH") or DEFAULT_PATH,
            create=bool(options.get("CREATE", True)),
            glossary=glossary,
            writer_heap_size=int(options.get("WRITER_HEAP_SIZE") or 200_000_000),
            writer_threads=int(options.get("WRITER_THREADS") or 0),
        )

    @property
    def glossary(self) -> Glossary:
        """The glossary used to expand queries (applies to the next search)."""
        return self._glossary

    @glossary.setter
    def glossary(self, value: Glossary) -> None:
        self._glossary = value

    # -- generations ------------------------------------------------------------

    def _pointer(self) -> Path:
        return self.path / POINTER

    def _initialise(self) -> None:
        """Create the folder and an empty live generation unless they exist."""
        if self._pointer().exists():
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            with open(self.path / ".init.lock", "a+b") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
                try:
                    if not self._pointer().exists():
                        self._write_pointer(self._create_generation())
                finally:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        except OSError as exc:
            raise BackendUnavailableError(
                f"cannot open the search index at {self.path}: {exc}"
            ) from exc

    def _create_generation(self) -> str:
        name = f"{_GENERATION_PREFIX}{time.time_ns()}-{os.getpid()}"
        folder = self.path / name
        folder.mkdir()
        index = tantivy.Index(self._schema, path=str(folder), reuse=False)
        register_analyzers(index)
        meta = {"schema_version": SCHEMA_VERSION, "created": time.time()}
        (folder / META).write_bytes(orjson.dumps(meta))
        return name

    def _write_pointer(self, name: str) -> None:
        temporary = self.path / f".{POINTER}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(name.encode("ascii"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self._pointer())
        directory = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    def _stamp(self) -> tuple[int, int, int]:
        stat = os.stat(self._pointer())
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _open_generation(
        self, name: str, stamp: tuple[int, int, int], *, any_schema: bool = False
    ) -> _Generation:
        """Open generation ``name``; one of another schema version only with
        ``any_schema`` (a rebuild reads its stored documents and versions)."""
        folder = self.path / name
        try:
            meta = orjson.loads((folder / META).read_bytes())
        except (OSError, orjson.JSONDecodeError) as exc:
            raise BackendUnavailableError(
                f"search index generation {folder} is missing or damaged"
            ) from exc
        if meta.get("schema_version") != SCHEMA_VERSION and not any_schema:
            raise _OutdatedSchemaError(
                f"search index at {folder} has schema version "
                f"{meta.get('schema_version')}, expected {SCHEMA_VERSION}: reindex"
            )
        try:
            index = tantivy.Index.open(str(folder))
        except ValueError as exc:
            raise BackendUnavailableError(
                f"cannot open search index {folder}: {exc}"
            ) from exc
        register_analyzers(index)
        return _Generation(name, folder, index, index.schema, stamp)

    def _live(self, *, force: bool = False) -> _Generation:
        """The live generation, following ``CURRENT`` when it moved.

        Costs one ``stat`` when nothing changed.
        """
        if self._closed:
            raise BackendUnavailableError("the search backend is closed")
        current = self._generation
        try:
            stamp = self._stamp()
        except OSError as exc:
            if current is not None:
                return current
            raise BackendUnavailableError(f"no search index at {self.path}") from exc
        if current is not None and current.stamp == stamp and not force:
            return current
        with self._swap_lock:
            current = self._generation
            if current is not None and current.stamp == stamp:
                if force:
                    current.index.reload()
                return current
            for attempt in range(3):
                try:
                    return self._follow_pointer(current)
                except (OSError, BackendUnavailableError):
                    # The pointer moved on and the folder was dropped while we
                    # were opening it: read the pointer again.
                    if attempt == 2:
                        raise
                    time.sleep(0.01)
        raise BackendUnavailableError(
            "cannot open the search index"
        )  # pragma: no cover

    def _follow_pointer(self, current: _Generation | None) -> _Generation:
        name = self._pointer().read_text("ascii").strip()
        stamp = self._stamp()
        if current is not None and current.name == name:
            generation = _Generation(
                name, current.path, current.index, current.schema, stamp
            )
            generation.index.reload()
        else:
            generation = self._open_generation(name, stamp)
        self._generation = generation
        return generation

    # -- writing ------------------------------------------------------------------

    def _acquire_writer_role(self) -> None:
        if self._writer_lock_file is not None:
            return
        self._initialise()  # the writer creates what a reader left missing
        descriptor = os.open(self.path / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(descriptor)
            raise IndexingError(
                f"another process is writing to the search index at {self.path}"
            ) from exc
        self._writer_lock_file = descriptor
        self._drop_stale_generations()

    def _drop_stale_generations(self) -> None:
        """Remove generations a crashed rebuild left behind (writer only)."""
        try:
            live = self._pointer().read_text("ascii").strip()
        except OSError:
            return
        for folder in self.path.glob(f"{_GENERATION_PREFIX}*"):
            if folder.name != live and folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)

    def _ensure_writer(self) -> tuple[tantivy.IndexWriter, Versions]:
        self._acquire_writer_role()
        generation = self._live(force=self._writer is None)
        if self._writer is None:
            try:
                self._writer = generation.index.writer(
                    self._heap_size, self._threads or 1
                )
            except ValueError as exc:
                raise IndexingError(f"cannot open the index writer: {exc}") from exc
        if self._versions is None:
            self._versions = load_versions(generation.index)
        return self._writer, self._versions

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        writer.commit()
        generation = self._generation
        if generation is not None:
            generation.index.reload()
        self._touch_committed()

    def _touch_committed(self) -> None:
        """Record a commit where every reader can see it with one ``stat``."""
        marker = self.path / COMMITTED
        temporary = self.path / f".{COMMITTED}.{os.getpid()}.tmp"
        temporary.write_text(str(time.time_ns()), "ascii")
        os.replace(temporary, marker)

    def generation(self) -> str:
        """Pointer and last-commit stamps: both change on every visible change."""
        try:
            pointer = self._stamp()
            committed = os.stat(self.path / COMMITTED)
        except OSError:
            return NEVER_BUILT
        return f"{pointer[0]}.{pointer[1]}.{committed.st_ino}.{committed.st_mtime_ns}"

    def set_watermark(self, version: int) -> None:
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise IndexingError("watermark: must be a non-negative integer")
        with self._write_lock:
            self._acquire_writer_role()
            if self.watermark() == version:
                return
            temporary = self.path / f".{WATERMARK}.{os.getpid()}.tmp"
            try:
                temporary.write_text(str(version), "ascii")
                os.replace(temporary, self.path / WATERMARK)
            except OSError as exc:
                raise IndexingError(f"cannot record the watermark: {exc}") from exc
            self._touch_committed()

    def watermark(self) -> int | None:
        try:
            text = (self.path / WATERMARK).read_text("ascii").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise BackendUnavailableError(f"cannot read the watermark: {exc}") from exc
        return int(text) if text.isdigit() else None

    def record_progress(self, progress: IndexerProgress) -> None:
        # Not a commit: COMMITTED stays, so the generation does not change.
        temporary = self.path / f".{PROGRESS}.{os.getpid()}.tmp"
        try:
            temporary.write_bytes(progress.to_json())
            os.replace(temporary, self.path / PROGRESS)
        except OSError as exc:
            raise IndexingError(f"cannot record the indexer's progress: {exc}") from exc

    def progress(self) -> IndexerProgress | None:
        try:
            raw = (self.path / PROGRESS).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise BackendUnavailableError(f"cannot read the progress: {exc}") from exc
        return IndexerProgress.from_json(raw)

    def bulk(self, documents: Iterable[Document]) -> BulkResult:
        with self._write_lock:
            writer, versions = self._ensure_writer()
            staged: Versions = {}
            accepted: dict[str, Document] = {}
            applied = 0
            skipped: list[str] = []
            try:
                for document in documents:
                    if not isinstance(document, Document):
                        raise InvalidDocumentError(
                            f"expected a Document, got {type(document).__name__}"
                        )
                    uid = uid_of(document.id)
                    current = staged.get(uid) or versions.get(uid)
                    if not write_allowed(current, document.version):
                        skipped.append(document.id)
                        continue
                    accepted.pop(document.id, None)
                    accepted[document.id] = document
                    staged[uid] = (document.version, True)
                    applied += 1
                if accepted:
                    self._write_with_groups(writer, list(accepted.values()), {})
                    self._commit(writer)
            except (SearchError, ValueError, OSError) as exc:
                writer.rollback()
                raise IndexingError(
                    f"indexing failed, batch not applied: {exc}"
                ) from exc
            versions.update(staged)
            return BulkResult(applied, len(skipped), tuple(skipped))

    def delete(
        self, versions: Mapping[str, int] | Iterable[tuple[str, int]]
    ) -> BulkResult:
        items = versions.items() if isinstance(versions, Mapping) else versions
        with self._write_lock:
            writer, known = self._ensure_writer()
            staged: Versions = {}
            removals: dict[str, int] = {}
            skipped: list[str] = []
            try:
                for doc_id, version in items:
                    if not isinstance(doc_id, str) or not doc_id:
                        raise InvalidDocumentError(f"delete: invalid id {doc_id!r}")
                    if isinstance(version, bool) or not isinstance(version, int):
                        raise InvalidDocumentError(
                            f"delete {doc_id}: version must be an integer"
                        )
                    uid = uid_of(doc_id)
                    current = staged.get(uid) or known.get(uid)
                    if not write_allowed(current, version):
                        skipped.append(doc_id)
                        continue
                    removals[doc_id] = version
                    staged[uid] = (version, False)
                if removals:
                    self._write_with_groups(writer, [], removals)
                    self._commit(writer)
            except (SearchError, ValueError, OSError) as exc:
                writer.rollback()
                raise IndexingError(f"delete failed, batch not applied: {exc}") from exc
            known.update(staged)
            return BulkResult(len(removals), len(skipped), tuple(skipped))

    def _write_with_groups(
        self,
        writer: tantivy.IndexWriter,
        documents: list[Document],
        removals: Mapping[str, int],
    ) -> None:
        """Write a batch and what its translation groups record of it
        (:mod:`search.grouping`): the other versions of a group are written
        again only when what the list filters see of the group changed."""
        generation = self._live()
        schema, searcher = generation.schema, generation.index.searcher()

        def load(address: tantivy.DocAddress) -> Document:
            return self._load(searcher, address)

        ids = [document.id for document in documents] + list(removals)
        stored = {d.id: d for d in live_by(searcher, schema, "id", ids, load)}
        keys = {document.translation_key for document in documents}
        keys.update(document.translation_key for document in stored.values())
        current: dict[str, list[Document]] = {}
        for member in live_by(searcher, schema, "translation_key", keys, load):
            current.setdefault(member.translation_key, []).append(member)
        fields, rewrites = plan_group_writes(documents, removals, current)
        types = {doc_id: d.type for doc_id, d in stored.items()}
        types.update(
            tombstone_types(
                searcher, schema, [doc_id for doc_id in removals if doc_id not in types]
            )
        )
        for document in [*documents, *rewrites]:
            writer.delete_documents_by_term("id", document.id)
            writer.add_document(
                to_index_document(
                    document, uid_of(document.id), fields.get(document.id)
                )
            )
        for doc_id, version in removals.items():
            writer.delete_documents_by_term("id", doc_id)
            writer.add_document(
                to_tombstone(
                    doc_id,
                    uid_of(doc_id),
                    version,
                    types.get(doc_id),
                )
            )

    def reindex(self, documents: Iterable[Document]) -> BulkResult:
        with self._write_lock:
            old, old_versions = self._rebuild_source()
            try:
                name = self._create_generation()
            except (OSError, ValueError) as exc:
                raise IndexingError(f"cannot create a new index: {exc}") from exc
            folder = self.path / name
            try:
                generation = self._open_generation(name, (0, 0, 0))
                writer = generation.index.writer(self._heap_size, self._threads)
                tracker = GroupTracker()
                result, versions = rebuild_into(
                    writer, documents, old.index, old_versions, tracker
                )
                writer.commit()
                if complete_groups(writer, generation.index, tracker, self._load):
                    writer.commit()
                # The build leaves a segment per indexing thread and memory
                # budget (29 at 500,000 items): merged before the switch,
                # searches read a few instead (they read a term's postings
                # once per segment). This ends the build's writer; changes
                # open their own, of one thread.
                writer.wait_merging_threads()
                writer = None  # type: ignore[assignment]
            except (SearchError, ValueError, OSError) as exc:
                # Release the new index's writer (it holds files open), also
                # from the traceback's frames, before dropping its folder.
                generation = writer = None  # type: ignore[assignment]
                traceback.clear_frames(exc.__traceback__)
                shutil.rmtree(folder, ignore_errors=True)
                raise IndexingError(f"reindex failed, live index kept: {exc}") from exc
            self._switch_pointer(name, folder)
            self._touch_committed()
            with self._swap_lock:
                generation.index.reload()
                self._generation = _Generation(
                    name, folder, generation.index, generation.schema, self._stamp()
                )
            self._writer = None
            self._versions = versions
            shutil.rmtree(old.path, ignore_errors=True)
            logger.info("search index rebuilt as %s: %s", name, result)
            return result

    def _rebuild_source(self) -> tuple[_Generation, Versions]:
        """The live generation and its versions, which a rebuild carries over.

        A generation of an older schema is read too: the rebuild needs only its
        stored documents and versions, so rebuilding is how an index is upgraded.
        """
        try:
            self._ensure_writer()
        except _OutdatedSchemaError:
            name = self._pointer().read_text("ascii").strip()
            old = self._open_generation(name, self._stamp(), any_schema=True)
            logger.info("upgrading search index %s to schema %d", name, SCHEMA_VERSION)
            return old, load_versions(old.index)
        # Release the live writer (and its memory) while building: this
        # instance holds the writer role, so nothing else writes meanwhile.
        self._writer = None
        return self._live(force=True), dict(self._versions or {})

    def _switch_pointer(self, name: str, folder: Path) -> None:
        try:
            self._write_pointer(name)
        except OSError as exc:
            try:
                switched = self._pointer().read_text("ascii").strip() == name
            except OSError:
                switched = False
            if not switched:
                shutil.rmtree(folder, ignore_errors=True)
                raise IndexingError(
                    f"reindex failed to switch indexes, live index kept: {exc}"
                ) from exc
            logger.warning("search index switched, but not synced to disk: %s", exc)

    def refresh(self) -> None:
        self._live(force=True)

    def close(self) -> None:
        with self._write_lock:
            if self._closed:
                return
            self._closed = True
            self._side.close()
            self._writer = None
            self._versions = None
            self._generation = None
            if self._writer_lock_file is not None:
                with contextlib.suppress(OSError):
                    fcntl.flock(self._writer_lock_file, fcntl.LOCK_UN)
                os.close(self._writer_lock_file)
                self._writer_lock_file = None

    # -- reading --------------------------------------------------------------------

    def _load(
        self, searcher: tantivy.Searcher, address: tantivy.DocAddress
    ) -> Document:
        raw = searcher.doc(address).get_first("doc")
        if not isinstance(raw, bytes):
            raise BackendUnavailableError("the search index holds a damaged document")
        parsed = self._parsed
        document = parsed.get(raw)
        if document is None:
            document = Document.from_json(raw, trusted=True)
            keep(parsed, raw, document, _PARSED_CACHE_SIZE)
        return document

    def _load_rows(
        self,
        searcher: tantivy.Searcher,
        generation: str,
        rows: Sequence[Row],
        loaded: dict[tuple[int, int], Document],
    ) -> list[Document]:
        """The documents of ``rows`` (kept in ``loaded`` by address); one read
        of their versions finds those known already (``_versioned``)."""
        missing = [
            row
            for row in rows
            if (row.address.segment_ord, row.address.doc) not in loaded
        ]
        if missing:
            versions = searcher.fast_field_values(
                "version", [row.address for row in missing]
            )
            known = self._versioned
            for row, version in zip(missing, versions, strict=True):
                # A segment written without the columns has no uid or version.
                key = (
                    (generation, row.uid, version)
                    if row.uid and isinstance(version, int)
                    else None
                )
                document = known.get(key) if key is not None else None
                if document is None:
                    document = self._load(searcher, row.address)
                    if key is not None:
                        keep(known, key, document, _PARSED_CACHE_SIZE)
                loaded[row.address.segment_ord, row.address.doc] = document
        return [loaded[row.address.segment_ord, row.address.doc] for row in rows]

    def get_many(self, ids: Sequence[str]) -> list[Document | None]:
        if isinstance(ids, str) or not all(isinstance(item, str) for item in ids):
            raise InvalidQueryError("ids: expected a list of strings")
        if len(ids) > _MAX_GET_MANY:
            raise InvalidQueryError(f"ids: at most {_MAX_GET_MANY} ids are allowed")
        unique = list(dict.fromkeys(item for item in ids if item))
        if not unique:
            return [None] * len(ids)
        generation = self._live()
        schema = generation.schema
        searcher = generation.index.searcher()
        query = Query.boolean_query(
            [
                (Occur.Must, Query.term_set_query(schema, "id", unique)),
                (Occur.Must, Query.term_query(schema, "state", LIVE)),
            ]
        )
        found: dict[str, Document] = {}
        for _, address in searcher.search(query, limit=len(unique), count=False).hits:
            document = self._load(searcher, address)
            found[document.id] = document
        return [found.get(item) for item in ids]

    def _searcher_since(self, state: str) -> tuple[_Generation, tantivy.Searcher]:
        """The live generation and a searcher that sees at least the commits
        of ``state``. tantivy reloads a reader some time after another
        process commits (it polls); the term statistics kept for ``state``
        must not come from an older searcher, since queries leave out words
        the statistics say no document holds, and a word just published
        would then go unfound while the state lasts."""
        generation = self._live()
        if state != self._reloaded_for:
            generation.index.reload()
            self._reloaded_for = state
        return generation, generation.index.searcher()

    def search(self, query: SearchQuery) -> SearchResults:
        state = self.generation()
        generation, searcher = self._searcher_since(state)
        sort = query.effective_sort
        cursor = Cursor.decode(query.after, query) if query.after else None
        # One searcher's statistics weigh the query and its feedback alike.
        statistics = (
            LanguageStatistics(searcher, self._kept.term_counts.of(state))
            if query.text.strip()
            else None
        )
        # What a search's text is expanded by, and what it selects: the key of
        # what is kept of it (:mod:`._tantivy_kept`).
        expanded = (self._glossary, self.translator, query.selection())
        kept = self._kept
        plan = kept.plan(
            generation.schema, generation.name, query, statistics, state, expanded
        )
        # Feedback reads the best rows, the page reads some of them again.
        loaded: dict[tuple[int, int], Document] = {}

        def load(address: tantivy.DocAddress) -> Document:
            key = (address.segment_ord, address.doc)
            document = loaded.get(key)
            if document is None:
                document = loaded[key] = self._load(searcher, address)
            return document

        def load_rows(rows: Sequence[Row]) -> list[Document]:
            return self._load_rows(searcher, generation.name, rows, loaded)

        facets = kept.facets(self._side, searcher, plan, query, state, expanded)
        rescore = None
        # After a cursor past the rescored window, rows keep their own scores.
        if (
            plan.translated_from is not None
            and statistics is not None
            and (cursor is None or cursor.position <= FEEDBACK_WINDOW)
        ):
            rescore = feedback_rescore(
                searcher,
                generation.schema,
                statistics,
                load_rows,
                kept.feedback_scores.of(state),
                expanded,
            )
        rows, total = ranked_rows(
            kept.rankings_for(query, plan, state, rescore is not None),
            expanded,
            searcher,
            generation.schema,
            cursor,
            query.first,
            query.count,
            lambda ranked: collect(
                searcher,
                generation.schema,
                plan.query,
                sort,
                cursor,
                query.first,
                count=query.count,
                now=timestamp(query.effective_now()),
                rescore=rescore,
                rescore_window=FEEDBACK_WINDOW,
                lower_week=lambda anchor, budget: self._weeks.lower_week(
                    searcher,
                    generation.name,
                    anchor,
                    budget,
                    _RECENT_WEEKS,
                    query.types,
                ),
                types=query.types,
                ranked=ranked,
            ),
        )
        offset = cursor.position if cursor is not None else 0
        fingerprint = query.fingerprint()
        hits: list[Hit] = []
        page = rows[: query.first]
        for position, (row, document) in enumerate(
            zip(page, load_rows(page), strict=True), start=offset + 1
        ):
            hits.append(
                Hit(
                    document=document,
                    score=float(row.key) if sort == "relevance" else 0.0,
                    highlights=highlights(document, plan) if query.highlight else {},
                    matched_terms=(
                        matched_terms(
                            document,
                            plan.expansions,
                            plan.translated_from,
                            plan.unsearched,
                        )
                        if query.explain
                        else ()
                    ),
                    cursor=Cursor(
                        sort, row.key, row.uid, position, fingerprint
                    ).encode(),
                )
            )
        suggestion = None
        if plan.has_text:
            suggestion = did_you_mean(
                searcher,
                generation.schema,
                plan,
                query.locale,
                load,
            )
        return SearchResults(
            total=total,
            hits=hits,
            facets=facets(),
            end_cursor=hits[-1].cursor if hits else None,
            has_next_page=len(rows) > query.first,
            suggestion=suggestion,
            expansions=plan.expansions,
        )

    def changes(
        self,
        after: str | None = None,
        limit: int = 100,
        types: Sequence[str] = (),
        *,
        unsettled: bool = False,
    ) -> ChangeSet:
        limit = check_limit(limit)
        cursor = ChangeCursor.decode(after)
        watermark = self.watermark()
        upper = I64_MAX if watermark is None or unsettled else watermark
        generation = self._live()
        schema, searcher = generation.schema, generation.index.searcher()
        if cursor is None:
            query = Query.range_query(schema, "version", FieldType.Integer, 0, upper)
        else:
            query = beyond(schema, "version", cursor.version, cursor.uid, upper=upper)
        if types:
            query = Query.boolean_query(
                [
                    (Occur.Must, query),
                    (Occur.Must, Query.term_set_query(schema, "type", list(types))),
                ]
            )
        rows = first_rows(searcher, schema, query, "version", limit)
        changes = tuple(
            self._change(searcher, row.address, int(row.key), row.uid)
            for row in rows[:limit]
        )
        return ChangeSet(
            changes, next_cursor(changes, cursor), len(rows) > limit, watermark
        )

    def _change(
        self,
        searcher: tantivy.Searcher,
        address: tantivy.DocAddress,
        version: int,
        uid: int,
    ) -> Change:
        raw = searcher.doc(address).get_first("doc")
        if not isinstance(raw, bytes):
            raise BackendUnavailableError("the search index holds a damaged document")
        if is_tombstone(raw):
            return Change(str(orjson.loads(raw)["id"]), version, uid, None)
        document = self._load(searcher, address)
        return Change(document.id, version, uid, document)

    # The async methods answer on the calling event loop: a search takes about
    # a millisecond of CPU from memory-mapped files, less than handing it to a
    # thread and back costs, and a service runs one process per core anyway.
    # Long scans belong in a thread of the caller's choosing.

    async def asearch(self, query: SearchQuery) -> SearchResults:
        return self.search(query)

    async def aget_many(self, ids: Sequence[str]) -> list[Document | None]:
        return self.get_many(ids)

    async def asuggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        return self.suggest(prefix, locale, limit)

    async def achanges(
        self,
        after: str | None = None,
        limit: int = 100,
        types: Sequence[str] = (),
        *,
        unsettled: bool = False,
    ) -> ChangeSet:
        return self.changes(after, limit, types, unsettled=unsettled)

    async def ageneration(self) -> str:
        return self.generation()

    def suggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        if not isinstance(prefix, str) or len(prefix) > _MAX_PREFIX:
            raise InvalidQueryError(
                f"prefix: must be a string of at most {_MAX_PREFIX} characters"
            )
        if locale is not None and locale not in LOCALES:
            raise InvalidQueryError(
                f"locale: {locale!r} is not one of {', '.join(LOCALES)}"
            )
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise InvalidQueryError("limit: must be an integer")
        if not 1 <= limit <= _MAX_SUGGEST:
            raise InvalidQueryError(f"limit: must be between 1 and {_MAX_SUGGEST}")
        generation = self._live()
        return complete_titles(
            generation.index.searcher(), generation.schema, prefix, locale, limit
        )


SearchBackend = EmbeddedBackend
