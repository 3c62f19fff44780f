"""The per-request context every resolver receives (``info.context``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from graphql_service.common.groups import GroupLoader
from graphql_service.common.loaders import DocumentByIdLoader
from graphql_service.common.reads import Reader, ReadScope, RecordingReader

if TYPE_CHECKING:
    from strawberry.dataloader import DataLoader

    from graphql_service.common.terms import TermSnapshot
    from graphql_service.locales import LocaleChains
    from graphql_service.settings import Settings
    from search.analytics import AnalyticsStore
    from search.backends.base import BaseBackend
    from search.documents import Document

__all__ = ["Context", "build_context"]


@dataclass(frozen=True, slots=True)
class Context:
    """What resolvers may use; built once per request.

    Attributes:
        request_id: Shown to clients in masked errors, and logged.
        backend: The read model, read through a
            :class:`~graphql_service.common.reads.RecordingReader`.
        reads: What the request read so far (the response cache keeps it).
        settings: Service settings.
        terms: Taxonomy terms and glossary rows (see
            :mod:`graphql_service.common.terms`).
        locale: The locale used when a query gives none (``Accept-Language``,
            else the configured default).
        chains: Locale fallback chains.
        now: Reference time of the request ("upcoming", "open").
        documents: Documents by id (batched).
        groups: The versions of translation groups by key (batched).
        cost_checked: The HTTP layer already checked the query cost.
        analytics: Where searches are counted (in memory; ``None``: not).
    """

    request_id: str
    backend: Reader
    reads: ReadScope
    settings: Settings
    terms: TermSnapshot
    locale: str
    chains: LocaleChains
    now: datetime
    documents: DataLoader[str, Document | None]
    groups: DataLoader[str, list[Document]]
    cost_checked: bool = False
    analytics: AnalyticsStore | None = None

    def chain(self, locale: str | None) -> tuple[str, ...]:
        """Fallback chain of ``locale`` (default: the request's locale)."""
        return self.chains.chain(locale or self.locale)


def build_context(
    *,
    request_id: str,
    backend: BaseBackend,
    settings: Settings,
    terms: TermSnapshot,
    locale: str | None = None,
    now: datetime | None = None,
    cost_checked: bool = False,
    analytics: AnalyticsStore | None = None,
) -> Context:
    """A fresh context with new loaders."""
    reader = RecordingReader(backend)
    return Context(
        request_id=request_id,
        backend=reader,
        reads=reader.scope,
        settings=settings,
        terms=terms,
        locale=locale or settings.default_locale,
        chains=settings.locale_chains,
        now=now or datetime.now(UTC),
        documents=DocumentByIdLoader(reader),
        groups=GroupLoader(reader),
        cost_checked=cost_checked,
        analytics=analytics,
    )
