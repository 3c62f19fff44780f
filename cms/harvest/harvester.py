"""The harvest: which sources are due, fetching each one, and storing its items.

Each source is fetched and stored on its own: whatever goes wrong with one (a
timeout, a broken feed, a bug) is recorded on that source and the run goes on
with the next. Items are written in one transaction per source, so the outbox
rows that saving and deleting them produce (``indexing.signal_handlers``) are
committed together with them, and a failed fetch changes no item at all.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

import httpx
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from harvest.choices import RunStatus, SourceKind
from harvest.crawl import read_sitemap_source
from harvest.fetch import FetchError, FetchResult, fetch, make_client
from harvest.metrics import count_run
from harvest.models import ExternalItem, ExternalSource
from harvest.normalise import Entry
from harvest.parse import ACCEPT, FeedError, ParsedFeed, parse

logger = logging.getLogger(__name__)

ERROR_MAX = 2000


@dataclass
class RunResult:
    """What one harvest of one source did."""

    source: str
    status: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == RunStatus.FAILED

    def summary(self) -> str:
        if self.failed:
            return f"{self.source}: failed: {self.error}"
        if self.status == "busy":
            return f"{self.source}: skipped, another harvester is fetching it"
        text = (
            f"{self.source}: {self.status}, {self.created} new, {self.updated} "
            f"updated, {self.unchanged} unchanged, {self.removed} removed"
        )
        if self.warnings:
            text += " (" + "; ".join(self.warnings) + ")"
        return text


@dataclass(frozen=True)
class SourceDefaults:
    """What every item inherits from its source."""

    locale: str
    theme_ids: tuple[int, ...]
    country_ids: tuple[int, ...]

    @property
    def hash(self) -> str:
        data = json.dumps([self.locale, self.theme_ids, self.country_ids])
        return hashlib.sha256(data.encode()).hexdigest()


def source_defaults(source: ExternalSource) -> SourceDefaults:
    return SourceDefaults(
        locale=source.locale,
        theme_ids=tuple(sorted(source.themes.values_list("pk", flat=True))),
        country_ids=tuple(sorted(source.countries.values_list("pk", flat=True))),
    )


def due_sources(now: datetime | None = None) -> list[ExternalSource]:
    """Active sources whose interval has passed since their last run."""
    now = now or timezone.now()
    queryset = ExternalSource.objects.filter(is_active=True).order_by(
        F("last_run_at").asc(nulls_first=True), "pk"
    )
    return [source for source in queryset if source.is_due(now)]


def harvest_due(
    *,
    now: datetime | None = None,
    force: bool = False,
    sources: Iterable[ExternalSource] | None = None,
) -> list[RunResult]:
    """Harvest the due sources (every active one with ``force``, or ``sources``)."""
    if sources is None:
        if force:
            sources = ExternalSource.objects.filter(is_active=True).order_by("pk")
        else:
            sources = due_sources(now)
    results = []
    with make_client() as client:
        for source in sources:
            result = harvest_source(source, client=client)
            log = logger.warning if result.failed else logger.info
            log("Harvest: %s", result.summary())
            results.append(result)
    return results


def harvest_source(
    source: ExternalSource, *, client: httpx.Client | None = None
) -> RunResult:
    """Fetch one source and store its items; never raises for a bad source."""
    now = timezone.now()
    started = time.perf_counter()
    if not _claim(source, now):
        result = RunResult(source=source.name, status="busy")
    elif client is None:
        with make_client() as own_client:
            result = _run(source, own_client, now)
    else:
        result = _run(source, client, now)
    count_run(result, time.perf_counter() - started)
    return result


def _claim(source: ExternalSource, now: datetime) -> bool:
    """Take the source for this run, unless another harvester just took it."""
    claimed = ExternalSource.objects.filter(
        pk=source.pk, last_run_at=source.last_run_at
    ).update(last_run_at=now)
    if claimed:
        source.last_run_at = now
    return bool(claimed)


def _run(source: ExternalSource, client: httpx.Client, now: datetime) -> RunResult:
    try:
        fetched = fetch(
            client,
            source.url,
            accept=ACCEPT.get(source.kind, "*/*"),
            etag=source.etag,
            last_modified=source.last_modified,
        )
        if fetched.not_modified:
            with transaction.atomic():
                refreshed = refresh_defaults(source)
            result = RunResult(
                source=source.name, status=RunStatus.NOT_MODIFIED, updated=refreshed
            )
        else:
            if source.kind == SourceKind.SITEMAP:
                run = read_sitemap_source(client, source, fetched)
                parsed = run.parsed
                if not run.cacheable:
                    # Unchanged sitemap, yet pages to read: fetch it again next time.
                    fetched = replace(fetched, etag="", last_modified="")
            else:
                parsed = parse(
                    source.kind,
                    fetched.content,
                    url=fetched.url,
                    content_type=fetched.content_type,
                )
            with transaction.atomic():
                result = store(source, parsed, now)
    except (FetchError, FeedError) as exc:
        return _record_failure(source, str(exc), now)
    except Exception as exc:
        logger.exception("Harvesting %s failed unexpectedly", source)
        message = _("Unexpected error: %(error)s") % {
            "error": f"{type(exc).__name__}: {exc}"
        }
        return _record_failure(source, message, now)
    _record_success(source, result, fetched, now)
    return result


def store(source: ExternalSource, parsed: ParsedFeed, now: datetime) -> RunResult:
    """Create, update and remove the source's items to match the parsed feed."""
    result = RunResult(
        source=source.name,
        status=RunStatus.WARNING if parsed.warnings else RunStatus.OK,
        skipped=parsed.skipped,
        warnings=list(parsed.warnings),
    )
    defaults = source_defaults(source)
    existing = {item.pk: item for item in source.items.all()}
    seen: set[str] = set()
    unchanged: list[str] = []
    for entry in parsed.entries:
        item_id = ExternalItem.make_id(source.pk, entry.key)
        if item_id in seen:
            continue
        seen.add(item_id)
        content_hash = entry.content_hash()
        item = existing.get(item_id)
        if (
            item is not None
            and item.content_hash == content_hash
            and item.defaults_hash == defaults.hash
        ):
            unchanged.append(item_id)
            continue
        created = item is None
        if item is None:
            item = ExternalItem(id=item_id, source=source, first_seen_at=now)
        taxonomy_changed = created or item.defaults_hash != defaults.hash
        _fill(item, entry, content_hash, defaults, now)
        item.save(force_insert=created)
        if taxonomy_changed:
            _apply_taxonomy(item, defaults)
        if created:
            result.created += 1
        else:
            result.updated += 1
    result.unchanged = len(unchanged)
    if unchanged:
        # Only the bookkeeping changes: no save(), so no outbox row.
        ExternalItem.objects.filter(pk__in=unchanged).update(last_seen_at=now)
    if parsed.complete:
        _count, by_model = source.items.exclude(pk__in=seen).delete()
        result.removed = by_model.get(ExternalItem._meta.label, 0)
    return result


def refresh_defaults(source: ExternalSource) -> int:
    """Give items the source's current language (unless they state their own),
    themes and countries."""
    defaults = source_defaults(source)
    stale = source.items.exclude(defaults_hash=defaults.hash)
    count = 0
    for item in stale:
        item.locale = item.stated_locale or defaults.locale
        item.defaults_hash = defaults.hash
        item.save(update_fields=["locale", "defaults_hash"])
        _apply_taxonomy(item, defaults)
        count += 1
    return count


def _fill(
    item: ExternalItem,
    entry: Entry,
    content_hash: str,
    defaults: SourceDefaults,
    now: datetime,
) -> None:
    item.key = entry.key
    item.title = entry.title
    item.summary = entry.summary
    item.body = entry.body
    item.link = entry.link
    item.image_url = entry.image_url
    item.categories = list(entry.categories)
    # A date in the future would pin the item to the top of every listing.
    item.published_at = _not_after(entry.published_at, now)
    item.updated_at = _not_after(entry.updated_at, now)
    # Partner feeds mix languages: an entry's own language beats the source's.
    item.stated_locale = entry.locale
    item.locale = entry.locale or defaults.locale
    item.content_hash = content_hash
    item.defaults_hash = defaults.hash
    item.last_seen_at = now


def _apply_taxonomy(item: ExternalItem, defaults: SourceDefaults) -> None:
    item.themes.set(defaults.theme_ids)
    item.countries.set(defaults.country_ids)


def _not_after(value: datetime | None, limit: datetime) -> datetime | None:
    if value is None:
        return None
    return min(value, limit)


def _record_success(
    source: ExternalSource, result: RunResult, fetched: FetchResult, now: datetime
) -> None:
    fields = {
        "last_status": result.status,
        "last_success_at": now,
        "consecutive_failures": 0,
        "items_count": source.items.count(),
    }
    if fetched.not_modified:
        fields["etag"] = fetched.etag or source.etag
        fields["last_modified"] = fetched.last_modified or source.last_modified
    else:
        fields["etag"] = fetched.etag
        fields["last_modified"] = fetched.last_modified
        fields["last_warning"] = "\n".join(result.warnings)[:ERROR_MAX]
    ExternalSource.objects.filter(pk=source.pk).update(**fields)
    for name, value in fields.items():
        setattr(source, name, value)


def _record_failure(source: ExternalSource, message: str, now: datetime) -> RunResult:
    message = message[:ERROR_MAX]
    ExternalSource.objects.filter(pk=source.pk).update(
        last_status=RunStatus.FAILED,
        last_error=message,
        last_error_at=now,
        consecutive_failures=F("consecutive_failures") + 1,
    )
    source.refresh_from_db(
        fields=["last_status", "last_error", "last_error_at", "consecutive_failures"]
    )
    return RunResult(source=source.name, status=RunStatus.FAILED, error=message)
