"""The hub's dashboard panels: what needs attention today.

Each panel sums up one screen and links to it, and is shown only to users who
may open that screen:

- outdated translations (the Translations report), for users who edit pages;
- items that did not reach search (Search problems) and failing partner feeds
  (harvest sources, for partner managers);
- upcoming events with their sign-ups and waiting lists (Event sign-ups);
- this week's searches that found nothing (Searches without results).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.translation_report import ReportRow

#: Items listed per panel; the linked screen has the rest.
TOP = 5
#: Days counted as "this week" for searches without results.
WEEK = 7
#: Distinct searches without results summed up for the week's total.
MAX_COUNTED = 1000


class HubPanel(Component):
    """A dashboard panel shown only to users who may open the screen it sums up."""

    name = ""
    order = 400

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @classmethod
    def is_shown_to(cls, user) -> bool:
        raise NotImplementedError


def add_panels(request: HttpRequest, panels: list[Component]) -> None:
    """The ``construct_homepage_panels`` hook: the hub's panels this user may see."""
    for panel_class in (
        OutdatedTranslationsPanel,
        SearchProblemsPanel,
        UpcomingEventsPanel,
        ZeroResultSearchesPanel,
    ):
        if panel_class.is_shown_to(request.user):
            panels.append(panel_class(request))


# Outdated translations


@dataclass(frozen=True)
class LanguageCount:
    locale: Locale
    count: int
    report_url: str


class OutdatedTranslationsPanel(HubPanel):
    name = "hub_outdated_translations"
    order = 400
    template_name = "core/dashboard/outdated_translations.html"

    @classmethod
    def is_shown_to(cls, user) -> bool:
        # Editing pages is what the Translations report leads to.
        return PagePermissionPolicy().user_has_any_permission(
            user, ["add", "change", "publish"]
        )

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict[str, Any]:
        report = reverse("translation_report")
        counts, top = cache.get_or_set(OUTDATED_CACHE_KEY, _outdated_summary, 60)
        locales = Locale.objects.in_bulk()
        languages = [
            LanguageCount(
                locales[pk],
                count,
                f"{report}?{urlencode({'locale': locales[pk].language_code})}",
            )
            for pk, count in sorted(counts.items(), key=lambda c: _order(locales[c[0]]))
        ]
        items = [(locales[locale_pk], row) for locale_pk, row in top]
        return {
            "total": sum(counts.values()),
            "languages": languages,
            "items": items,
            "report_url": report,
        }


#: The summary is shared by all users for a minute: counting takes about 0.3 s
#: at 20,000 pages (SQLite).
OUTDATED_CACHE_KEY = "hub-dashboard-outdated-translations"


def _outdated_summary() -> tuple[Counter[int], list[tuple[int, ReportRow]]]:
    """Outdated translations per locale pk, and those left behind longest."""
    outdated = outdated_translations()
    # Counted here: grouping in SQL would also group by the source columns.
    counts = Counter(outdated.values_list("locale", flat=True))
    top = [
        (page.locale_id, _report_row(page))
        for page in outdated.order_by("source_published", "pk")[:TOP]
    ]
    return counts, top


def outdated_translations() -> QuerySet[Page]:
    """Pages older than their source, the Translations report's "outdated" rows
    (core.translation_report) in one query rather than one pass per language: the
    source is the first-created member of the translation group, it is live, and
    the translation was last published before it (or never)."""
    members = Page.objects.filter(depth__gt=1, alias_of__isnull=True)
    # MIN over the group, not ORDER BY pk LIMIT 1: SQLite would walk the whole
    # table in pk order for each row instead of using the translation_key index.
    first = (
        members.filter(translation_key=OuterRef("translation_key"))
        .order_by()
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values("first")
    )
    source = Page.objects.filter(pk=OuterRef("source_pk"))
    return (
        members.annotate(source_pk=Subquery(first))
        .annotate(
            source_live=Subquery(source.values("live")),
            source_published=Subquery(source.values("last_published_at")),
            source_title=Subquery(source.values("title")),
            source_locale=Subquery(source.values("locale__language_code")),
        )
        .exclude(pk=F("source_pk"))
        .filter(source_live=True, source_published__isnull=False)
        .filter(
            Q(last_published_at__isnull=True)
            | Q(last_published_at__lt=F("source_published"))
        )
    )


def _report_row(page: Page) -> ReportRow:
    return ReportRow(
        status="outdated",
        kind="page",
        title=page.source_title,
        source_locale=page.source_locale,
        source_pk=page.source_pk,
        source_published=page.source_published,
        translation_pk=page.pk,
        translation_published=page.last_published_at,
        model=Page,
    )


def _order(locale: Locale) -> int:
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    code = locale.language_code
    return codes.index(code) if code in codes else len(codes)


# Search and harvesting problems


class SearchProblemsPanel(HubPanel):
    """Failed indexing (every editor) and failing partner feeds (partner managers)."""

    name = "hub_search_problems"
    order = 410
    template_name = "core/dashboard/search_problems.html"

    @classmethod
    def is_shown_to(cls, user) -> bool:
        # "Search problems" is open to every admin user.
        return user.has_perm("wagtailadmin.access_admin")

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict[str, Any]:
        from harvest.choices import RunStatus
        from harvest.models import ExternalSource
        from indexing.problems import describe, failed_entries

        user = self.request.user
        failed = failed_entries()
        context: dict[str, Any] = {
            "failed_count": failed.count(),
            "problems": describe(failed[:TOP], user),
            "problems_url": reverse("search_problems"),
            "show_harvest": _may_see_sources(user),
        }
        if context["show_harvest"]:
            sources = ExternalSource.objects.filter(last_status=RunStatus.FAILED)
            finder = AdminURLFinder(user)
            context.update(
                harvest_count=sources.count(),
                sources=[
                    (source, finder.get_edit_url(source))
                    for source in sources.order_by("-last_error_at")[:TOP]
                ],
                sources_url=reverse("harvest_sources:index")
                + "?"
                + urlencode({"last_status": RunStatus.FAILED}),
            )
        return context


def _may_see_sources(user) -> bool:
    return any(
        user.has_perm(f"harvest.{action}_externalsource")
        for action in ("add", "change", "delete", "view")
    )


# Upcoming events


@dataclass(frozen=True)
class UpcomingEvent:
    title: str
    start: dt.datetime
    edit_url: str | None
    signup: bool
    confirmed: int
    capacity: int | None
    waiting: int


class UpcomingEventsPanel(HubPanel):
    name = "hub_upcoming_events"
    order = 420
    template_name = "core/dashboard/upcoming_events.html"

    @classmethod
    def is_shown_to(cls, user) -> bool:
        return any(
            user.has_perm(f"events.{action}_eventregistration")
            for action in ("change", "delete", "view")
        )

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict[str, Any]:
        from events.models import EventPage

        language = getattr(self.request, "LANGUAGE_CODE", "")
        pages = (
            EventPage.objects.live()
            .filter(end__gte=timezone.now())
            .select_related("locale")
            .order_by("start", "pk")
        )
        # One row per event: its version in the admin's language, if there is one
        # (sign-ups of all language versions share the seats).
        chosen: dict[Any, EventPage] = {}
        for page in pages:
            current = chosen.get(page.translation_key)
            if current is None or (
                page.locale.language_code == language
                and current.locale.language_code != language
            ):
                chosen[page.translation_key] = page
        finder = AdminURLFinder(self.request.user)
        events = [
            UpcomingEvent(
                title=page.title,
                start=page.local_start,
                edit_url=finder.get_edit_url(page),
                signup=page.registration_enabled,
                confirmed=page.confirmed_count(),
                capacity=page.capacity,
                waiting=page.waiting_list_count(),
            )
            for page in list(chosen.values())[:TOP]
        ]
        return {
            "events": events,
            "total": len(chosen),
            "signups_url": reverse("event_registrations:index"),
        }


# Searches without results


class ZeroResultSearchesPanel(HubPanel):
    name = "hub_zero_result_searches"
    order = 430
    template_name = "core/dashboard/zero_result_searches.html"

    @classmethod
    def is_shown_to(cls, user) -> bool:
        # The report is open to every admin user.
        return user.has_perm("wagtailadmin.access_admin")

    def get_context_data(self, parent_context: Mapping[str, Any]) -> dict[str, Any]:
        from search.analytics import AnalyticsStore

        since = timezone.localdate() - dt.timedelta(days=WEEK)
        # The store the "Searches without results" report reads.
        store = AnalyticsStore(
            settings.HUB_SEARCH_ANALYTICS_URL or settings.HUB_SEARCH_ANALYTICS_DB
        )
        searches = store.top_zero_result(since=since, limit=MAX_COUNTED)
        return {
            "total": sum(stat.zero_results for stat in searches),
            "searches": [
                (
                    stat,
                    Locale(language_code=stat.locale).get_display_name() or stat.locale,
                )
                for stat in searches[:TOP]
            ],
            "report_url": reverse("zero_result_report")
            + "?"
            + urlencode({"days": WEEK}),
            "days": WEEK,
        }
