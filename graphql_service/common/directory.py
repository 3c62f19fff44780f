"""An in-memory directory of the read model: paths, translation groups, taxonomy.

The search interface finds documents by id and by filters, but not by URL
path or by ``translation_key``. The service needs both (``contentByPath``,
``translations``, locale fallback in lists), so each worker keeps a small
directory built by paging through the whole read model once, and rebuilt in
the background when the index generation changes (see
:class:`Directory`). Until a rebuild finishes, answers use the previous
directory; the response cache is cleared again when the new one is in place.

What it holds (about 0.5 KB per document):

* ``url_path -> id`` for every document (and the absolute URL of external items);
* the members of every translation group with more than one language
  version, with the fields the list filters look at, so that
  :meth:`DirectorySnapshot.is_shadowed` can tell whether a better language
  version of a hit also matches the filters;
* taxonomy terms (documents of type ``theme``, ``country``, ``goal``) by
  slug and locale, to name terms in the requested language;
* the rows of the staff-edited glossary (documents of type ``glossary``),
  which the service turns into the backend's query-expansion glossary.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from search.query import SearchQuery

if TYPE_CHECKING:
    from search.backends.base import BaseBackend
    from search.documents import Document

__all__ = [
    "GLOSSARY_TYPE",
    "TAXONOMY_TYPES",
    "Directory",
    "DirectorySnapshot",
    "Entry",
    "Term",
    "entry_matches",
    "normalise_path",
]

logger = logging.getLogger(__name__)

#: Document types of taxonomy terms.
TAXONOMY_TYPES: Final = ("theme", "country", "goal")
#: Document type of glossary concepts (payload ``{"row": {...}}``).
GLOSSARY_TYPE: Final = "glossary"
_SCAN_PAGE: Final = 100


def normalise_path(path: str) -> str:
    """Canonical form of a public path: leading and trailing slash, no query.

    Absolute URLs of external items are kept as they are (minus a fragment).
    """
    value = path.strip()
    if "://" in value:
        return value.split("#", 1)[0]
    value = value.split("?", 1)[0].split("#", 1)[0]
    if not value.startswith("/"):
        value = "/" + value
    if not value.endswith("/"):
        value += "/"
    return value


@dataclass(frozen=True, slots=True)
class Entry:
    """What the list filters see of one language version of a group."""

    id: str
    type: str
    locale: str
    translation_key: str
    themes: tuple[str, ...]
    countries: tuple[str, ...]
    goals: tuple[str, ...]
    date: datetime | None
    until: datetime | None
    opens_at: datetime | None
    closes_at: datetime | None

    @classmethod
    def from_document(cls, document: Document) -> Entry:
        return cls(
            id=document.id,
            type=document.type,
            locale=document.locale,
            translation_key=document.translation_key,
            themes=document.themes,
            countries=document.countries,
            goals=document.goals,
            date=document.date,
            until=document.end if document.end is not None else document.start,
            opens_at=document.opens_at,
            closes_at=document.closes_at,
        )


def entry_matches(entry: Entry, query: SearchQuery, now: datetime) -> bool:
    """Whether the backend's filters of ``query`` would keep ``entry``.

    Mirrors :class:`search.query.SearchQuery` (text is not considered: lists
    with locale fallback have none).
    """
    if query.types and entry.type not in query.types:
        return False
    if query.locales and entry.locale not in query.locales:
        return False
    for wanted, have in (
        (query.themes, entry.themes),
        (query.countries, entry.countries),
        (query.goals, entry.goals),
    ):
        if wanted and not any(value in have for value in wanted):
            return False
    if query.date_from is not None or query.date_to is not None:
        if entry.date is None:
            return False
        if query.date_from is not None and entry.date < query.date_from:
            return False
        if query.date_to is not None and entry.date > query.date_to:
            return False
    if query.upcoming and (entry.until is None or entry.until <= now):
        return False
    if query.open_calls:
        if entry.opens_at is None and entry.closes_at is None:
            return False
        if entry.opens_at is not None and entry.opens_at > now:
            return False
        if entry.closes_at is not None and entry.closes_at <= now:
            return False
    return True


@dataclass(frozen=True, slots=True)
class Term:
    """A taxonomy term in one language (``locale`` is ``None`` when unnamed)."""

    kind: str
    slug: str
    name: str
    locale: str | None
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class DirectorySnapshot:
    """One immutable build of the directory (see the module docstring)."""

    generation: str = ""
    paths: dict[str, str] = field(default_factory=dict)
    groups: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    groups_by_type: dict[str, list[tuple[Entry, ...]]] = field(default_factory=dict)
    terms: dict[str, dict[str, dict[str, Mapping[str, Any]]]] = field(
        default_factory=dict
    )
    locale_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    glossary_rows: tuple[Mapping[str, Any], ...] = ()
    documents: int = 0
    built_at: float = 0.0
    _yields: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = field(
        default_factory=dict
    )
    _orphans: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = field(
        default_factory=dict
    )

    # -- lookups ------------------------------------------------------------------

    def id_for_path(self, path: str) -> str | None:
        """Id of the document published at ``path`` (or absolute URL)."""
        return self.paths.get(normalise_path(path))

    def group(self, translation_key: str) -> tuple[Entry, ...]:
        """Members of a translation group with several versions (else empty)."""
        return self.groups.get(translation_key, ())

    def best_id(self, document: Document, chain: Sequence[str]) -> str:
        """Id of the group member in the best locale of ``chain``.

        ``document`` itself when its group has no version in the chain.
        """
        if document.locale == chain[0]:
            return document.id
        members = self.groups.get(document.translation_key)
        if not members:
            return document.id
        by_locale = {member.locale: member.id for member in members}
        by_locale.setdefault(document.locale, document.id)
        for locale in chain:
            found = by_locale.get(locale)
            if found is not None:
                return found
        return document.id

    def is_shadowed(
        self,
        document: Document,
        rank: Mapping[str, int],
        query: SearchQuery,
        now: datetime,
    ) -> bool:
        """Whether a better-ranked version of ``document`` also matches ``query``.

        A list with locale fallback shows each translation group once, in the
        best language of the chain whose version matches the filters.
        """
        members = self.groups.get(document.translation_key)
        if not members:
            return False
        position = rank.get(document.locale, len(rank))
        for member in members:
            if (
                member.id != document.id
                and rank.get(member.locale, len(rank)) < position
                and entry_matches(member, query, now)
            ):
                return True
        return False

    def count_shadowed(
        self, rank: Mapping[str, int], query: SearchQuery, now: datetime
    ) -> int:
        """How many hits of ``query`` :meth:`is_shadowed` would drop."""
        types = query.types or tuple(self.groups_by_type)
        shadowed = 0
        counted: set[str] = set()
        for doc_type in types:
            for members in self.groups_by_type.get(doc_type, ()):
                if len(types) > 1:
                    key = members[0].translation_key
                    if key in counted:
                        continue
                    counted.add(key)
                matching = sum(
                    1
                    for member in members
                    if member.locale in rank and entry_matches(member, query, now)
                )
                if matching > 1:
                    shadowed += matching - 1
        return shadowed

    def locale_share(self, types: Sequence[str], locales: Sequence[str]) -> float:
        """Share of the documents of ``types`` (all when empty) in ``locales``."""
        wanted = set(locales)
        total = inside = 0
        for doc_type in types or tuple(self.locale_counts):
            for locale, count in self.locale_counts.get(doc_type, {}).items():
                total += count
                if locale in wanted:
                    inside += count
        return inside / total if total else 0.0

    def list_yield(self, types: tuple[str, ...], chain: tuple[str, ...]) -> float:
        """Share of all documents of ``types`` that a fallback list shows.

        Versions outside the chain and versions shadowed by a better one are
        not shown; list queries size their read batches with this.
        """
        key = (types, chain)
        cached = self._yields.get(key)
        if cached is not None:
            return cached
        total = sum(
            sum(self.locale_counts.get(doc_type, {}).values())
            for doc_type in types or tuple(self.locale_counts)
        )
        if not total:
            return 1.0
        rank = {locale: position for position, locale in enumerate(chain)}
        shown = self.locale_share(types, chain) * total - self.count_shadowed(
            rank, SearchQuery(types=types, locales=chain), datetime.now(UTC)
        )
        value = max(0.02, min(1.0, shown / total))
        if len(self._yields) < 1000:
            self._yields[key] = value
        return value

    def orphans(self, types: tuple[str, ...], chain: tuple[str, ...]) -> int:
        """Documents of ``types`` in the chain's other locales whose group has no
        version in its first locale: what a fallback list shows besides that
        locale's own documents (before filters)."""
        key = (types, chain)
        cached = self._orphans.get(key)
        if cached is not None:
            return cached
        primary, others = chain[0], set(chain[1:])
        every = types or tuple(self.locale_counts)
        outside = sum(
            count
            for doc_type in every
            for locale, count in self.locale_counts.get(doc_type, {}).items()
            if locale in others
        )
        covered = sum(
            sum(1 for member in members if member.locale in others)
            for doc_type in every
            for members in self.groups_by_type.get(doc_type, ())
            if any(member.locale == primary for member in members)
        )
        value = outside - covered
        if len(self._orphans) < 1000:
            self._orphans[key] = value
        return value

    # -- taxonomy -----------------------------------------------------------------

    def term(self, kind: str, slug: str, chain: Sequence[str]) -> Term:
        """The term ``slug`` named in the best locale of ``chain``.

        Falls back to any language the term has, then to the slug itself.
        """
        versions = self.terms.get(kind, {}).get(slug)
        if versions:
            for locale in chain:
                payload = versions.get(locale)
                if payload is not None:
                    return _term(kind, slug, locale, payload)
            locale = min(versions)
            return _term(kind, slug, locale, versions[locale])
        return Term(kind, slug, slug.replace("-", " ").capitalize(), None)

    def all_terms(self, kind: str, chain: Sequence[str]) -> list[Term]:
        """Every term of ``kind``, named in the best locale of ``chain``."""
        return [self.term(kind, slug, chain) for slug in self.terms.get(kind, {})]


def _term(kind: str, slug: str, locale: str, payload: Mapping[str, Any]) -> Term:
    name = payload.get("name")
    return Term(
        kind, slug, str(name) if name else slug.replace("-", " "), locale, payload
    )


class _Builder:
    def __init__(self, generation: str) -> None:
        self.snapshot = DirectorySnapshot(generation=generation)
        self.entries: dict[str, list[Entry]] = {}
        self.glossary: dict[str, Mapping[str, Any]] = {}

    def add(self, document: Document) -> None:
        snapshot = self.snapshot
        snapshot.documents += 1
        counts = snapshot.locale_counts.setdefault(document.type, {})
        counts[document.locale] = counts.get(document.locale, 0) + 1
        if document.url_path:
            snapshot.paths.setdefault(normalise_path(document.url_path), document.id)
        payload_url = document.payload.get("url") if document.payload else None
        if isinstance(payload_url, str) and payload_url:
            snapshot.paths.setdefault(payload_url.split("#", 1)[0], document.id)
        if document.type in TAXONOMY_TYPES:
            slug = document.payload.get("slug")
            if isinstance(slug, str) and slug:
                kinds = snapshot.terms.setdefault(document.type, {})
                kinds.setdefault(slug, {})[document.locale] = document.payload
        elif document.type == GLOSSARY_TYPE:
            row = document.payload.get("row") if document.payload else None
            if isinstance(row, Mapping):
                self.glossary[document.id] = row
        self.entries.setdefault(document.translation_key, []).append(
            Entry.from_document(document)
        )

    def finish(self) -> DirectorySnapshot:
        snapshot = self.snapshot
        for key, members in self.entries.items():
            if len(members) < 2:
                continue
            group = tuple(members)
            snapshot.groups[key] = group
            for doc_type in {member.type for member in group}:
                snapshot.groups_by_type.setdefault(doc_type, []).append(group)
        for kind, slugs in snapshot.terms.items():
            snapshot.terms[kind] = dict(sorted(slugs.items(), key=_term_order))
        snapshot.glossary_rows = tuple(
            self.glossary[key] for key in sorted(self.glossary)
        )
        snapshot.built_at = time.time()
        self.entries = {}
        return snapshot


def _term_order(item: tuple[str, dict[str, Mapping[str, Any]]]) -> tuple[int, str]:
    slug, versions = item
    for payload in versions.values():
        number = payload.get("number")
        if isinstance(number, int):
            return (number, slug)
    return (1_000_000, slug)


async def build_snapshot(backend: BaseBackend, generation: str) -> DirectorySnapshot:
    """Page through every document of ``backend`` and build a snapshot.

    Runs in a worker thread: backends may answer their async calls on the
    event loop itself, and a full scan must not hold up requests.
    """
    return await asyncio.to_thread(_build_snapshot, backend, generation)


def _exempt_from_gc() -> None:
    """Keep the long-lived snapshot out of the cycle collector's full passes.

    A snapshot of 50,000 documents is a few hundred thousand objects; every
    full collection walked them all (pauses of ~50 ms, the p99 of a busy
    worker). Frozen objects are skipped; the old snapshot is collected first,
    once per rebuild.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _build_snapshot(backend: BaseBackend, generation: str) -> DirectorySnapshot:
    builder = _Builder(generation)
    after: str | None = None
    while True:
        results = backend.search(
            SearchQuery(sort="date_asc", first=_SCAN_PAGE, after=after)
        )
        for hit in results.hits:
            builder.add(hit.document)
        if not results.has_next_page or not results.end_cursor:
            break
        after = results.end_cursor
    return builder.finish()


class Directory:
    """Keeps a current :class:`DirectorySnapshot` of one backend.

    Args:
        backend: The read model.
        min_interval: Least time between two rebuilds in seconds, so that a
            burst of publications costs one rebuild, not one each.
        on_rebuilt: Called after a rebuild replaced the snapshot (the
            service clears its response cache there).
        on_installed: Called with every snapshot put in use, the first one
            included, before ``on_rebuilt`` (the service updates the
            glossary there).
    """

    def __init__(
        self,
        backend: BaseBackend,
        *,
        min_interval: float = 1.0,
        on_rebuilt: Callable[[], None] | None = None,
        on_installed: Callable[[DirectorySnapshot], None] | None = None,
    ) -> None:
        self._backend = backend
        self._min_interval = min_interval
        self._on_rebuilt = on_rebuilt
        self._on_installed = on_installed
        self._snapshot: DirectorySnapshot | None = None
        self._wanted: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._first: asyncio.Future[DirectorySnapshot] | None = None
        self._last_build = 0.0

    @property
    def current(self) -> DirectorySnapshot | None:
        """The snapshot in use, or ``None`` before the first build."""
        return self._snapshot

    async def snapshot(self) -> DirectorySnapshot:
        """The snapshot in use, building the first one if needed.

        Raises:
            search.SearchError: the first build failed (the next call retries).
        """
        snapshot = self._snapshot
        if snapshot is not None:
            return snapshot
        if self._first is None or self._first.done():
            self._first = asyncio.get_running_loop().create_future()
            first = self._first
            try:
                generation = await self._backend.ageneration()
                snapshot = await build_snapshot(self._backend, generation)
            except BaseException as exc:
                first.set_exception(exc)
                first.exception()  # retrieved: later callers retry
                self._first = None
                raise
            self._install(snapshot)
            first.set_result(snapshot)
            if self._wanted is not None and self._wanted != snapshot.generation:
                self._schedule()
            return snapshot
        return await asyncio.shield(self._first)

    def _install(self, snapshot: DirectorySnapshot) -> None:
        self._snapshot = snapshot
        self._last_build = time.monotonic()
        _exempt_from_gc()
        logger.info(
            "read-model directory built: %d documents, %d groups, generation %s",
            snapshot.documents,
            len(snapshot.groups),
            snapshot.generation,
        )
        if self._on_installed is not None:
            try:
                self._on_installed(snapshot)
            except Exception:
                logger.exception("applying the new read-model directory failed")

    def generation_changed(self, generation: str) -> None:
        """Schedule a rebuild for ``generation`` (coalesced, in the background)."""
        self._wanted = generation
        if self._snapshot is None or self._snapshot.generation == generation:
            return  # a first build in progress looks at _wanted when done
        self._schedule()

    def _schedule(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._rebuild())

    async def _rebuild(self) -> None:
        while self._wanted is not None and (
            self._snapshot is None or self._wanted != self._snapshot.generation
        ):
            wait = self._last_build + self._min_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            generation = await self._backend.ageneration()
            self._wanted = generation
            try:
                snapshot = await build_snapshot(self._backend, generation)
            except Exception:
                logger.exception("rebuilding the read-model directory failed")
                self._last_build = time.monotonic()
                return
            self._install(snapshot)
            if self._on_rebuilt is not None:
                self._on_rebuilt()

    async def wait_idle(self) -> None:
        """Wait for a running rebuild (tests and shutdown)."""
        task = self._task
        if task is not None and not task.done():
            await asyncio.shield(task)

    async def close(self) -> None:
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
