"""The read-model backend on Elasticsearch or OpenSearch, client-neutral.

:class:`EngineBackend` does everything through the client port of
:mod:`._engine_port`; :mod:`.elasticsearch` and :mod:`.opensearch` each add
an adapter for their client and the names of their options.

Layout in the cluster (``<p>`` is ``INDEX_PREFIX``)::

    <p>hub          alias every read and write goes through
    <p>hub-000001   the live content index (a rebuild creates -000002 ...)
    <p>hub-meta     the generation document and the reindex lock

Writes use the sync client and the bulk API; the async read methods use an
async client (one per event loop, see :mod:`._engine_client`). The index is
created on the first write; reads of an index that does not exist yet return
nothing.

Versioning (the rules of :mod:`search.backends.base`) is done by the server
with external versions: a live document is stored as version ``2v``, a
tombstone (a document with ``deleted: true``, filtered out of every read) as
``2v + 1``; upserts are sent with ``version_type=external_gte`` and deletes
with ``external``, so a stale write is refused atomically (HTTP 409, counted
as skipped) even with several writers.

Writes wait until they are searchable (``refresh=wait_for``, see
``REFRESH``) and then bump the generation document, so :meth:`generation`
never changes before the content it announces can be found.

Every write keeps translation groups current (:mod:`search.grouping`): it
first reads the stored entries of its ids and the members of the groups it
touches, then writes its documents with their group's fields and rewrites
the other members whose group changed (:mod:`._engine_groups`). Lists with
locale fallback are then one query (``best_version``). With ``REFRESH=false``
a backend refreshes before reading groups after its own writes; writers in
other processes with that setting may leave a group short of a member they
wrote until it is written again.

A rebuild (:meth:`reindex`) takes a lock document, builds a new index beside
the live one, carries over from the live index every tombstone and every
document newer than the one given, swaps the alias in one ``_aliases`` call
and drops the old index. Run one writer while rebuilding: a write made by
another process after the carry-over scan would be lost with the old index.

See :mod:`._engine_mapping` for analysis and fields, :mod:`._engine_query`
for query building and :mod:`._engine_search` for paging, results and "did
you mean".
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import uuid
from abc import abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Self, cast

import orjson

from search.backends._engine_changes import changes_request, read_changes
from search.backends._engine_client import (
    AsyncClients,
    is_index_missing,
    load_class,
    translate_errors,
)
from search.backends._engine_groups import plan_batch, regroup
from search.backends._engine_mapping import SOURCE_FIELDS, engine_id, engine_version
from search.backends._engine_port import (
    AsyncEngine,
    EngineNotFoundError,
    SyncEngine,
)
from search.backends._engine_query import autocomplete_body
from search.backends._engine_search import (
    check_ids,
    check_suggest,
    documents_by_id,
    empty_results,
    rank_titles,
    search_flow,
)
from search.backends._engine_write import (
    IndexNames,
    Op,
    Rebuild,
    check_delete,
    ensure_indices,
    rewrite_ops,
    send_bulk,
    tombstone_op,
    upsert_op,
)
from search.backends.base import NEVER_BUILT, BaseBackend, BulkResult
from search.changes import ChangeCursor, ChangeSet, check_limit
from search.documents import Document
from search.errors import (
    BackendUnavailableError,
    IndexingError,
    InvalidBackendError,
    InvalidDocumentError,
    InvalidQueryError,
    SearchError,
)
from search.glossary import Glossary
from search.progress import IndexerProgress

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from search.backends._engine_groups import Change
    from search.backends._engine_search import Request, SearchFlow
    from search.query import SearchQuery, SearchResults

__all__ = ["EngineBackend"]

logger = logging.getLogger(__name__)

_GENERATION_ID: Final = "generation"
_WATERMARK_ID: Final = "watermark"
_PROGRESS_ID: Final = "indexer-progress"
_REFRESH_VALUES: Final = ("wait_for", "true", "false")
_PREFIX_RE: Final = re.compile(r"^(?:[a-z0-9][a-z0-9._-]*)?$")


class _IndexMissingError(Exception):
    """The alias does not exist (nothing was written yet, or it just moved)."""


def _as_urls(value: object, product: str) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise InvalidBackendError("URLS: expected a list of server URLs")
    urls = [str(url).strip() for url in value if str(url).strip()]
    if not urls:
        raise InvalidBackendError(
            f"no {product} URL configured: set URLS (or SEARCH_URLS)"
        )
    return urls


def _split_preference(arguments: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The body of a search request, and its ``preference`` (a URL parameter:
    the same shards for the same query, so paging sees one ranking)."""
    body = dict(arguments)
    preference = body.pop("preference", None)
    return body, None if preference is None else str(preference)


def _optional_int(
    options: Mapping[str, Any], name: str, variable: str | None = None
) -> int | None:
    """``options[name]`` as an integer; else the environment ``variable``."""
    value = options.get(name)
    if (value is None or value == "") and variable is not None:
        value = os.environ.get(variable)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise InvalidBackendError(f"{name}: expected an integer") from exc


class EngineBackend(BaseBackend):
    """Search backend on an Elasticsearch or OpenSearch cluster (see the
    module docstring); a subclass supplies the clients.

    Args:
        urls: Server URLs (``http://host:9200``).
        index_prefix: Prefix of the alias and index names (lowercase).
        glossary: Cross-language glossary (default: the starter glossary).
        client_options: Keyword arguments of both clients (``api_key``,
            ``basic_auth``, ``ca_certs``, ``request_timeout`` ...).
        transport_class, async_transport_class: Classes the sync and the
            async client send requests with (options named by
            :attr:`CLASS_OPTIONS`; default: the client's own).
        shards, replicas: Settings of new indices (default: the cluster's).
        refresh: Bulk ``refresh`` mode: ``wait_for`` (default: writes are
            searchable when they return), ``true`` or ``false``.
        chunk_size: Operations per bulk request.
    """

    #: The engine's name in messages.
    PRODUCT: ClassVar[str]
    #: Names of the options giving the sync and the async transport class.
    CLASS_OPTIONS: ClassVar[tuple[str, str]]

    def __init__(
        self,
        urls: Sequence[str] | str,
        *,
        index_prefix: str = "",
        glossary: Glossary | None = None,
        client_options: Mapping[str, Any] | None = None,
        transport_class: type[Any] | None = None,
        async_transport_class: type[Any] | None = None,
        shards: int | None = None,
        replicas: int | None = None,
        refresh: str = "wait_for",
        chunk_size: int = 500,
    ) -> None:
        self.urls = _as_urls(urls, self.PRODUCT)
        if not isinstance(index_prefix, str) or not _PREFIX_RE.match(index_prefix):
            raise InvalidBackendError(
                f"INDEX_PREFIX {index_prefix!r}: use lowercase letters, digits, "
                "'.', '_' and '-' (not first)"
            )
        if refresh not in _REFRESH_VALUES:
            raise InvalidBackendError(
                f"REFRESH: {refresh!r} is not one of {', '.join(_REFRESH_VALUES)}"
            )
        if chunk_size < 1:
            raise InvalidBackendError("BULK_CHUNK_SIZE: must be at least 1")
        self._names = IndexNames(f"{index_prefix}hub")
        self.alias = self._names.alias
        self.meta_index = self._names.meta
        self._glossary = glossary if glossary is not None else Glossary.default()
        self._shards = shards
        self._replicas = replicas
        self._refresh = refresh
        self._chunk_size = chunk_size
        options = dict(client_options or {})
        try:
            self._client = self._connect(options, transport_class)
        except (TypeError, ValueError) as exc:
            raise InvalidBackendError(f"cannot build the client: {exc}") from exc
        self._async_clients = AsyncClients(
            lambda: self._connect_async(options, async_transport_class)
        )
        self._write_lock = threading.RLock()
        self._ready = False
        #: Applied writes a search may not see yet (``REFRESH=false``).
        self._unrefreshed = False
        self._bump_pending = False
        self._closed = False

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> Self:
        """Build from a configuration mapping.

        Keys: ``URLS`` (list or comma-separated; default ``SEARCH_URLS``),
        ``INDEX_PREFIX`` (default ``SEARCH_INDEX_PREFIX``), ``GLOSSARY`` (a
        :class:`Glossary` or CMS rows), ``CLIENT_OPTIONS`` (keyword arguments
        of both clients), the two options named by :attr:`CLASS_OPTIONS`
        (classes or dotted paths), ``NUMBER_OF_SHARDS`` and
        ``NUMBER_OF_REPLICAS`` (default ``SEARCH_NUMBER_OF_SHARDS`` and
        ``SEARCH_NUMBER_OF_REPLICAS``, else the cluster's defaults),
        ``REFRESH``, ``BULK_CHUNK_SIZE``.
        """
        glossary = options.get("GLOSSARY")
        if glossary is not None and not isinstance(glossary, Glossary):
            glossary = Glossary.from_rows(glossary)
        prefix = options.get("INDEX_PREFIX")
        if prefix is None:
            prefix = os.environ.get("SEARCH_INDEX_PREFIX", "")
        client_options = options.get("CLIENT_OPTIONS") or {}
        if not isinstance(client_options, Mapping):
            raise InvalidBackendError("CLIENT_OPTIONS: expected a mapping")
        sync_name, async_name = cls.CLASS_OPTIONS
        return cls(
            options.get("URLS") or os.environ.get("SEARCH_URLS", ""),
            index_prefix=str(prefix),
            glossary=glossary,
            client_options=client_options,
            transport_class=load_class(options.get(sync_name), sync_name),
            async_transport_class=load_class(options.get(async_name), async_name),
            shards=_optional_int(
                options, "NUMBER_OF_SHARDS", "SEARCH_NUMBER_OF_SHARDS"
            ),
            replicas=_optional_int(
                options, "NUMBER_OF_REPLICAS", "SEARCH_NUMBER_OF_REPLICAS"
            ),
            refresh=str(options.get("REFRESH") or "wait_for"),
            chunk_size=_optional_int(options, "BULK_CHUNK_SIZE") or 500,
        )

    @property
    def glossary(self) -> Glossary:
        """The glossary used to expand queries (applies to the next search)."""
        return self._glossary

    @glossary.setter
    def glossary(self, value: Glossary) -> None:
        self._glossary = value

    @abstractmethod
    def _connect(
        self, options: dict[str, Any], transport_class: type[Any] | None
    ) -> SyncEngine:
        """The sync client's adapter (``options``: ``CLIENT_OPTIONS``)."""

    @abstractmethod
    def _connect_async(
        self, options: dict[str, Any], transport_class: type[Any] | None
    ) -> AsyncEngine:
        """A new async client's adapter, built inside the loop that uses it."""

    def _errors(
        self, action: str, *, write: bool
    ) -> contextlib.AbstractContextManager[None]:
        return translate_errors(self.PRODUCT, action, write=write)

    def _sync(self) -> SyncEngine:
        if self._closed:
            raise BackendUnavailableError("the search backend is closed")
        return self._client

    async def _async(self) -> AsyncEngine:
        if self._closed:
            raise BackendUnavailableError("the search backend is closed")
        return await self._async_clients.get()

    # -- indices ----------------------------------------------------------------

    def _ensure_index(self) -> None:
        if not self._ready:
            ensure_indices(
                self._sync(), self._names, shards=self._shards, replicas=self._replicas
            )
            self._ready = True

    def refresh(self) -> None:
        client = self._sync()
        with self._errors("refresh", write=False):
            try:
                client.refresh(self.alias)
            except EngineNotFoundError as exc:
                if not is_index_missing(exc):
                    raise
        self._unrefreshed = False

    # -- writing ----------------------------------------------------------------

    def _write(self, ops: list[Op], action: str) -> BulkResult:
        self._ensure_index()
        outcome = send_bulk(
            self._sync(),
            ops,
            index=self.alias,
            refresh=self._refresh,
            require_alias=True,
            chunk_size=self._chunk_size,
        )
        if outcome.applied or outcome.rewritten:
            self._unrefreshed = self._refresh == "false"
        if outcome.applied or outcome.rewritten or self._bump_pending:
            self._bump()
        if outcome.index_missing:
            self._ready = False
        if outcome.failures:
            raise IndexingError(
                f"{action}: {len(outcome.failures)} of {len(ops)} operations were "
                f"rejected (first: {outcome.failures[0]}); {outcome.applied} "
                "applied, replaying the batch is safe"
            )
        skipped = outcome.skipped
        return BulkResult(outcome.applied, len(skipped), tuple(skipped))

    def _bump(self) -> None:
        """Change the generation (after the content became searchable)."""
        try:
            with self._errors("recording the generation", write=True):
                self._client.index(
                    self.meta_index, _GENERATION_ID, {"token": uuid.uuid4().hex}
                )
        except SearchError as exc:
            self._bump_pending = True
            logger.error("search generation not recorded (retried next write): %s", exc)
        else:
            self._bump_pending = False

    def _write_grouped(self, changes: Sequence[Change], action: str) -> BulkResult:
        """Write ``changes`` and what their translation groups need (see the
        module docstring); nothing is written when one cannot be encoded."""
        self._ensure_index()
        client = self._sync()
        if self._unrefreshed:
            self.refresh()
        plan = plan_batch(client, self.alias, changes)
        try:
            ops = [
                tombstone_op(doc_id, version, plan.types.get(doc_id))
                if document is None
                else upsert_op(document, group=plan.fields.get(doc_id))
                for doc_id, version, document in changes
            ]
            ops.extend(rewrite_ops(plan.rewrites))
        except (SearchError, ValueError) as exc:
            raise IndexingError(f"{action} failed, batch not applied: {exc}") from exc
        result = self._write(ops, action)
        surprises = plan.keys_of_surprises(result.skipped_ids)
        if surprises:
            # Another writer changed some of these ids in between: read
            # their groups again as they now are.
            self.refresh()
            self._write(rewrite_ops(regroup(client, self.alias, surprises)), action)
        return result

    def bulk(self, documents: Iterable[Document]) -> BulkResult:
        with self._write_lock:
            try:
                changes: list[Change] = []
                for document in documents:
                    if not isinstance(document, Document):
                        raise InvalidDocumentError(
                            f"expected a Document, got {type(document).__name__}"
                        )
                    engine_version(document.version, live=True)
                    changes.append((document.id, document.version, document))
            except (SearchError, ValueError) as exc:
                raise IndexingError(
                    f"indexing failed, batch not applied: {exc}"
                ) from exc
            return self._write_grouped(changes, "indexing") if changes else BulkResult()

    def delete(
        self, versions: Mapping[str, int] | Iterable[tuple[str, int]]
    ) -> BulkResult:
        items = versions.items() if isinstance(versions, Mapping) else versions
        with self._write_lock:
            try:
                changes: list[Change] = []
                for item_id, item_version in items:
                    doc_id, version = check_delete(item_id, item_version)
                    changes.append((doc_id, version, None))
            except (SearchError, ValueError, TypeError) as exc:
                raise IndexingError(f"delete failed, batch not applied: {exc}") from exc
            return self._write_grouped(changes, "delete") if changes else BulkResult()

    def generation(self) -> str:
        """Version and token of the generation document (:data:`NEVER_BUILT`
        before any write); one small real-time GET."""
        client = self._sync()
        with self._errors("reading the generation", write=False):
            try:
                response = client.get(self.meta_index, _GENERATION_ID)
            except EngineNotFoundError:
                return NEVER_BUILT
        return f"{response['_version']}.{response['_source'].get('token', '')}"

    async def ageneration(self) -> str:
        client = await self._async()
        with self._errors("reading the generation", write=False):
            try:
                response = await client.get(self.meta_index, _GENERATION_ID)
            except EngineNotFoundError:
                return NEVER_BUILT
        return f"{response['_version']}.{response['_source'].get('token', '')}"

    def set_watermark(self, version: int) -> None:
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise IndexingError("watermark: must be a non-negative integer")
        with self._write_lock:
            self._ensure_index()
            if self.watermark() == version:
                return
            with self._errors("recording the watermark", write=True):
                self._client.index(
                    self.meta_index, _WATERMARK_ID, {"version": version}, refresh=True
                )
            self._bump()

    def watermark(self) -> int | None:
        with self._errors("reading the watermark", write=False):
            try:
                response = self._sync().get(self.meta_index, _WATERMARK_ID)
            except EngineNotFoundError:
                return None
        value = response["_source"].get("version")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def record_progress(self, progress: IndexerProgress) -> None:
        # The meta index, without a bump: the generation stays.
        with self._write_lock:
            self._ensure_index()
            with self._errors("recording the indexer's progress", write=True):
                self._client.index(
                    self.meta_index, _PROGRESS_ID, orjson.loads(progress.to_json())
                )

    def progress(self) -> IndexerProgress | None:
        with self._errors("reading the indexer's progress", write=False):
            try:
                response = self._sync().get(self.meta_index, _PROGRESS_ID)
            except EngineNotFoundError:
                return None
        return IndexerProgress.from_mapping(response["_source"])

    async def aprogress(self) -> IndexerProgress | None:
        client = await self._async()
        with self._errors("reading the indexer's progress", write=False):
            try:
                response = await client.get(self.meta_index, _PROGRESS_ID)
            except EngineNotFoundError:
                return None
        return IndexerProgress.from_mapping(response["_source"])

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
        if isinstance(types, str) or not all(
            isinstance(kind, str) and kind for kind in types
        ):
            raise InvalidQueryError("types: expected a list of type names")
        watermark = self.watermark()
        upper = None if unsettled else watermark
        request = changes_request(cursor, upper, limit, tuple(types))
        try:
            body = self._read(self._sync(), ("search", request))
        except _IndexMissingError:
            body = {"hits": {"hits": []}}
        return read_changes(body, cursor, watermark, limit)

    # -- rebuilding -------------------------------------------------------------

    def reindex(self, documents: Iterable[Document]) -> BulkResult:
        with self._write_lock:
            self._ensure_index()
            rebuild = Rebuild(
                self._sync(),
                self._names,
                chunk_size=self._chunk_size,
                settings={"shards": self._shards, "replicas": self._replicas},
                on_switch=self._bump,
            )
            return rebuild.run(documents)

    # -- reading ----------------------------------------------------------------

    def _read(self, client: SyncEngine, request: Request) -> dict[str, Any]:
        kind, arguments = request
        with self._errors(kind, write=False):
            try:
                if kind == "search":
                    body, preference = _split_preference(arguments)
                    return client.search(self.alias, body, preference=preference)
                return client.msearch(self.alias, arguments["searches"])
            except EngineNotFoundError as exc:
                if is_index_missing(exc):
                    raise _IndexMissingError from exc
                raise

    async def _aread(self, client: AsyncEngine, request: Request) -> dict[str, Any]:
        kind, arguments = request
        with self._errors(kind, write=False):
            try:
                if kind == "search":
                    body, preference = _split_preference(arguments)
                    return await client.search(self.alias, body, preference=preference)
                return await client.msearch(self.alias, arguments["searches"])
            except EngineNotFoundError as exc:
                if is_index_missing(exc):
                    raise _IndexMissingError from exc
                raise

    def _drive(self, flow: SearchFlow) -> SearchResults:
        client = self._sync()
        request = next(flow)
        while True:
            response = self._read(client, request)
            try:
                request = flow.send(response)
            except StopIteration as stop:
                return cast("SearchResults", stop.value)

    async def _adrive(self, flow: SearchFlow) -> SearchResults:
        client = await self._async()
        request = next(flow)
        while True:
            response = await self._aread(client, request)
            try:
                request = flow.send(response)
            except StopIteration as stop:
                return cast("SearchResults", stop.value)

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            return self._drive(search_flow(query, self._glossary, self.translator))
        except _IndexMissingError:
            pass  # the alias moved during a rebuild: once more
        try:
            return self._drive(search_flow(query, self._glossary, self.translator))
        except _IndexMissingError:
            return empty_results(query)

    async def asearch(self, query: SearchQuery) -> SearchResults:
        try:
            return await self._adrive(
                search_flow(query, self._glossary, self.translator)
            )
        except _IndexMissingError:
            pass
        try:
            return await self._adrive(
                search_flow(query, self._glossary, self.translator)
            )
        except _IndexMissingError:
            return empty_results(query)

    def get_many(self, ids: Sequence[str]) -> list[Document | None]:
        unique = check_ids(ids)
        if not unique:
            return [None] * len(ids)
        client = self._sync()
        with self._errors("get_many", write=False):
            try:
                response = client.mget(
                    self.alias, [engine_id(item) for item in unique], SOURCE_FIELDS
                )
            except EngineNotFoundError as exc:
                if not is_index_missing(exc):
                    raise
                return [None] * len(ids)
        return documents_by_id(ids, response)

    async def aget_many(self, ids: Sequence[str]) -> list[Document | None]:
        unique = check_ids(ids)
        if not unique:
            return [None] * len(ids)
        client = await self._async()
        with self._errors("get_many", write=False):
            try:
                response = await client.mget(
                    self.alias, [engine_id(item) for item in unique], SOURCE_FIELDS
                )
            except EngineNotFoundError as exc:
                if not is_index_missing(exc):
                    raise
                return [None] * len(ids)
        return documents_by_id(ids, response)

    def suggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        check_suggest(prefix, locale, limit)
        body = autocomplete_body(prefix, locale, limit)
        if body is None:
            return []
        try:
            response = self._read(self._sync(), ("search", body))
        except _IndexMissingError:
            return []
        return rank_titles(response, prefix, limit)

    async def asuggest(
        self, prefix: str, locale: str | None = None, limit: int = 10
    ) -> list[str]:
        check_suggest(prefix, locale, limit)
        body = autocomplete_body(prefix, locale, limit)
        if body is None:
            return []
        try:
            response = await self._aread(await self._async(), ("search", body))
        except _IndexMissingError:
            return []
        return rank_titles(response, prefix, limit)

    # -- lifecycle ----------------------------------------------------------------

    def close(self) -> None:
        """Close the sync client. Async clients close with their event loop
        (or call :meth:`aclose` from it first)."""
        with self._write_lock:
            if self._closed:
                return
            self._closed = True
            self._client.close()

    async def aclose(self) -> None:
        """Close the async client of the running loop, then the sync one."""
        await self._async_clients.aclose()
        self.close()
