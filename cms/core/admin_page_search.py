"""The admin's page search: the whole site, with language, date and filters.

Wagtail's page search (:class:`wagtail.admin.views.pages.search.SearchView`)
is replaced through the documented page viewset (``search_view_class`` of a
:class:`~wagtail.admin.viewsets.pages.PageViewSet` registered for ``Page``):

- its header read "1-2 of 2 None": the view names no model, and the title
  column's header writes the model's plural name; it names pages now;
- it lists each page's language and own date (an event's start, an
  article's date) beside Wagtail's type, status and "updated" columns;
- it filters by page type, language and status (and Wagtail's owner,
  editor, site and date filters), applied before the search backend runs;
- the dashboard's search box sends its query to the explorer of the
  editor's root page ("Root"), which searched there and answered "No results
  in 'Root'" while it completed titles only: a search from the explorer of
  the editor's root page is sent here, to the whole site.

What the search matches (compound parts, folded letters, dates, the
language's name) comes from the indexed ``admin_search_text`` of the page
models (:mod:`core.search_text`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import pgettext_lazy
from django_filters import ChoiceFilter
from wagtail.admin.filters import MultipleContentTypeFilter
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import NavigateToChildrenColumn
from wagtail.admin.views.pages.listing import (
    ExplorableIndexView,
    PageFilterSet,
    PageListingMixin,
)
from wagtail.admin.views.pages.search import SearchView, page_filter_search
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, get_page_content_types

__all__ = ["HubPageViewSet", "PageSearchView", "RootExplorerView"]

STATUS_LIVE = "live"
STATUS_DRAFT = "draft"
STATUS_CHANGED = "changed"


class PageStatusFilter(ChoiceFilter):
    """Published, never published, or published with changes not yet live."""

    def filter(self, qs: Any, value: str) -> Any:
        if value == STATUS_LIVE:
            return qs.filter(live=True)
        if value == STATUS_DRAFT:
            return qs.filter(live=False)
        if value == STATUS_CHANGED:
            changed = Page.objects.filter(live=True, has_unpublished_changes=True)
            return qs.filter(pk__in=list(changed.values_list("pk", flat=True)))
        return qs


class PageSearchFilterSet(PageFilterSet):
    """Wagtail's explorer filters (language, owner, site, dates), the page
    type and the page's status."""

    # Not "content_type": the search's type facet links already use that
    # parameter, with another value ("news.newspage").
    page_type = MultipleContentTypeFilter(
        field_name="content_type",
        label=pgettext_lazy("admin page search filter", "Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
        widget=forms.CheckboxSelectMultiple,
    )

    status = PageStatusFilter(
        label=pgettext_lazy("admin page search filter", "Status"),
        empty_label=pgettext_lazy("admin page search status", "Any"),
        choices=[
            (STATUS_LIVE, pgettext_lazy("admin page search status", "Published")),
            (STATUS_DRAFT, pgettext_lazy("admin page search status", "Not published")),
            (
                STATUS_CHANGED,
                pgettext_lazy(
                    "admin page search status", "Published, with unpublished changes"
                ),
            ),
        ],
        widget=forms.RadioSelect,
    )

    class Meta(PageFilterSet.Meta):
        pass


class LanguageColumn(Column):
    """The page's language by name ("Danish"), as the editor's admin writes it."""

    def get_value(self, instance: Page) -> str:
        locale = getattr(instance, "locale", None)
        return locale.get_display_name() if locale is not None else ""


class OwnDateColumn(Column):
    """The page's own date (an event's start, an article's date), if it has one."""

    def get_value(self, instance: Page) -> str:
        value = getattr(instance, "admin_listing_date", None)
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
            return date_format(value.date(), "DATE_FORMAT")
        if isinstance(value, dt.date):
            return date_format(value, "DATE_FORMAT")
        return ""


class PageSearchView(SearchView):
    """Wagtail's page search with names, columns and filters (module docstring)."""

    filterset_class = PageSearchFilterSet

    @cached_property
    def verbose_name(self) -> str:  # type: ignore[override]
        return str(Page._meta.verbose_name)

    @cached_property
    def verbose_name_plural(self) -> str:  # type: ignore[override]
        return str(Page._meta.verbose_name_plural)

    @cached_property
    def columns(self) -> list[Column]:  # type: ignore[override]
        columns: list[Column] = []
        for column in PageListingMixin.base_columns:
            columns.append(column)
            if column.name == "title":
                columns.append(
                    LanguageColumn(
                        "language",
                        label=pgettext_lazy("admin page search column", "Language"),
                        width="10%",
                    )
                )
            elif column.name == "latest_revision_created_at":
                columns.append(
                    OwnDateColumn(
                        "own_date",
                        label=pgettext_lazy("admin page search column", "Date"),
                        width="12%",
                    )
                )
        columns.append(NavigateToChildrenColumn("navigate", width="10%"))
        return columns

    def get_queryset(self) -> Any:
        # As Wagtail's view, with the filters applied before the search backend
        # (to the count and the type facets too, which follow the filters).
        self.all_pages = Page.objects.all()
        if getattr(settings, "WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS", True):
            self.all_pages = self.all_pages.filter(
                pk__in=self.permission_policy.explorable_instances(
                    self.request.user
                ).values_list("pk", flat=True)
            )
        self.all_pages = self.filter_queryset(self.all_pages)
        pages = self.all_pages
        if self.show_locale_labels:
            pages = pages.select_related("locale")
        if self.ordering:
            pages = pages.order_by(self.ordering)
        if self.selected_content_type:
            pages = pages.filter(content_type=self.selected_content_type)
        pages = self.annotate_queryset(pages)
        pages, self.all_pages = page_filter_search(
            self.search_query, pages, self.all_pages, self.ordering
        )
        if pages.supports_facet:
            from django.contrib.contenttypes.models import ContentType

            self.content_types = [
                (ContentType.objects.get_for_id(content_type_id), count)
                for content_type_id, count in self.all_pages.facet(
                    "content_type_id"
                ).items()
            ]
        return pages


class RootExplorerView(ExplorableIndexView):
    """The explorer; a search from the editor's root page searches the site."""

    def get(
        self, request: HttpRequest, parent_page_id: int | None = None
    ) -> HttpResponse:
        query = request.GET.get("q", "").strip()
        if query and not self.results_only and not request.GET.get("search_all"):
            root = self.permission_policy.explorable_root_instance(request.user)
            if root is not None and (
                parent_page_id is None or root.pk == parent_page_id
            ):
                search = reverse("wagtailadmin_pages:search")
                return HttpResponseRedirect(f"{search}?{urlencode({'q': query})}")
        return super().get(request, parent_page_id)


class HubPageViewSet(PageViewSet):
    """Wagtail's page views, with the search and root explorer above."""

    search_view_class = PageSearchView
    index_view_class = RootExplorerView
