"""Taxonomy terms and glossary rows, kept in step through typed change sync.

Terms (documents of type ``theme``, ``country``, ``goal``) and the staff
glossary (``glossary``) are small and named on almost every response, so
each worker keeps them in memory. It reads them once through change sync
limited to those types, then after each change of the read model only the
changes since its cursor: a publication of a news item costs one empty read,
never a scan of the read model (:class:`TermsCache`). Terms the indexer has
written but not yet settled (beyond the watermark) are named at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from graphql_service.common.following import follow

if TYPE_CHECKING:
    from search.backends.base import BaseBackend
    from search.changes import Change

__all__ = [
    "GLOSSARY_TYPE",
    "TAXONOMY_TYPES",
    "TERM_TYPES",
    "Term",
    "TermSnapshot",
    "TermsCache",
]

logger = logging.getLogger(__name__)

#: Document types of taxonomy terms.
TAXONOMY_TYPES: Final = ("theme", "country", "goal")
#: Document type of glossary concepts (payload ``{"row": {...}}``).
GLOSSARY_TYPE: Final = "glossary"
#: Types of the read model that are terms, not content: lists and searches of
#: content leave them out.
TERM_TYPES: Final = (*TAXONOMY_TYPES, GLOSSARY_TYPE)
_PAGE: Final = 500


@dataclass(frozen=True, slots=True)
class Term:
    """A taxonomy term in one language (``locale`` is ``None`` when unnamed)."""

    kind: str
    slug: str
    name: str
    locale: str | None
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Version:
    kind: str
    slug: str
    locale: str
    payload: Mapping[str, Any]


@dataclass(slots=True)
class TermSnapshot:
    """The terms and glossary rows at one point of change sync (immutable once
    in use: a change makes a new one)."""

    #: ``kind -> slug -> locale -> payload``, slugs in the terms' order.
    terms: dict[str, dict[str, dict[str, Mapping[str, Any]]]] = field(
        default_factory=dict
    )
    glossary_rows: tuple[Mapping[str, Any], ...] = ()

    def has(self, kind: str, slug: str) -> bool:
        return slug in self.terms.get(kind, {})

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


def _term_order(item: tuple[str, dict[str, Mapping[str, Any]]]) -> tuple[int, str]:
    slug, versions = item
    for payload in versions.values():
        number = payload.get("number")
        if isinstance(number, int):
            return (number, slug)
    return (1_000_000, slug)


class TermsCache:
    """Keeps a current :class:`TermSnapshot` of one backend.

    Args:
        backend: The read model.
        on_glossary: Called with the glossary rows of the first snapshot and
            whenever they change (the service sets the backend's glossary).
    """

    def __init__(
        self,
        backend: BaseBackend,
        on_glossary: Callable[[tuple[Mapping[str, Any], ...]], None] | None = None,
    ) -> None:
        self._backend = backend
        self._on_glossary = on_glossary
        self._versions: dict[str, _Version] = {}
        self._rows: dict[str, Mapping[str, Any]] = {}
        #: Version of each term and concept applied (deletions included).
        self._seen: dict[str, int] = {}
        self._cursor: str | None = None
        self._snapshot: TermSnapshot | None = None
        self._lock = asyncio.Lock()

    @property
    def current(self) -> TermSnapshot | None:
        """The snapshot in use, or ``None`` before the first read."""
        return self._snapshot

    async def snapshot(self) -> TermSnapshot:
        """The snapshot in use, reading the terms first if needed.

        Raises:
            search.SearchError: the read model cannot be read (the next call
                tries again).
        """
        snapshot = self._snapshot
        if snapshot is not None:
            return snapshot
        await self.refresh()
        if self._snapshot is None:  # pragma: no cover - refresh installs one
            raise RuntimeError("the terms were not read")
        return self._snapshot

    async def refresh(self) -> bool:
        """Apply the changes of terms since the last call; whether any changed.

        Concurrent calls wait for the one in progress, then read again.
        """
        async with self._lock:
            # Beyond the watermark too: a term published a moment ago is
            # named at once (see graphql_service.common.following).
            followed = await follow(
                self._backend, self._cursor, types=TERM_TYPES, page_size=_PAGE
            )
            changed = False
            for change in followed.changes:
                changed = self._apply(change) or changed
            self._cursor = followed.cursor
            if changed or self._snapshot is None:
                self._install()
            return changed

    def _apply(self, change: Change) -> bool:
        document = change.document
        doc_id = change.id
        if self._seen.get(doc_id) == change.version:
            return False  # read again from beyond the watermark: no news
        self._seen[doc_id] = change.version
        if document is None or document.type not in TERM_TYPES:
            return (
                self._versions.pop(doc_id, None) is not None
                or self._rows.pop(doc_id, None) is not None
            )
        payload = document.payload or {}
        if document.type == GLOSSARY_TYPE:
            row = payload.get("row")
            if isinstance(row, Mapping):
                self._rows[doc_id] = row
            else:
                self._rows.pop(doc_id, None)
            return True
        slug = payload.get("slug")
        if isinstance(slug, str) and slug:
            self._versions[doc_id] = _Version(
                document.type, slug, document.locale, payload
            )
        else:
            self._versions.pop(doc_id, None)
        return True

    def _install(self) -> None:
        terms: dict[str, dict[str, dict[str, Mapping[str, Any]]]] = {}
        for version in self._versions.values():
            slugs = terms.setdefault(version.kind, {})
            slugs.setdefault(version.slug, {})[version.locale] = version.payload
        for kind, slugs in terms.items():
            terms[kind] = dict(sorted(slugs.items(), key=_term_order))
        rows = tuple(self._rows[key] for key in sorted(self._rows))
        previous = self._snapshot
        self._snapshot = TermSnapshot(terms=terms, glossary_rows=rows)
        logger.info(
            "taxonomy and glossary read: %d terms, %d glossary concepts",
            len(self._versions),
            len(rows),
        )
        if self._on_glossary is not None and (
            previous is None or previous.glossary_rows != rows
        ):
            try:
                self._on_glossary(rows)
            except Exception:
                logger.exception("applying the read model's glossary failed")
