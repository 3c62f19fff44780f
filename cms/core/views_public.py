"""Public views outside the page tree: sitemap.xml, robots.txt and the search page."""

from __future__ import annotations

import functools
import html
import re
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page, Site

from core.search_client import (
    FacetBucket,
    SearchClient,
    SearchRequest,
    SearchResponse,
    SearchUnavailableError,
)
from core.templatetags.hub_tags import local_language_name, view_versions
from core.visibility import public_pages

# --- sitemap.xml -------------------------------------------------------------


class HubSitemap(WagtailSitemap):
    """Every live public page of every language, each with its translations."""

    def get_wagtail_site(self) -> Site:
        return super().get_wagtail_site()

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key).live()
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return (
            public_pages(pages)
            .order_by("path")
            .defer_streamfields()
            .select_related("locale")
            .specific()
        )

    def _alternates(self, items: list[Page]) -> dict[Any, list[dict[str, str]]]:
        groups: dict[Any, list[dict[str, str]]] = defaultdict(list)
        for item in items:
            url = item.get_full_url(self.request)
            if url:
                groups[item.translation_key].append(
                    {"lang_code": item.locale.language_code, "location": url}
                )
        return groups

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in items}
        translations = public_pages(
            Page.objects.filter(translation_key__in=keys)
        ).select_related("locale")
        alternates = self._alternates(list(translations))
        urls = []
        last_mods = set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                group = alternates.get(item.translation_key, [])
                if len(group) > 1:
                    url_info["alternates"] = sorted(group, key=lambda a: a["lang_code"])
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(request, {"pages": HubSitemap(request)})


# --- robots.txt ---------------------------------------------------------------


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
    ]
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@functools.cache
def _favicon() -> bytes:
    return (Path(settings.THEME_DIR) / "static" / "favicon.ico").read_bytes()


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico`` wherever the site is served (browsers ask for it
    without a link; static files are not served by Django in production)."""
    return HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")


# --- search -------------------------------------------------------------------

PAGE_SIZE = 10
MAX_HISTORY = 30
TYPE_LABELS = {
    "news": _("News"),
    "event": _("Events"),
    "expert_group": _("Expert groups"),
    "expert_profile": _("Experts"),
    "publication": _("Publications"),
    "learning_example": _("Learning examples"),
    "statistics": _("Statistics"),
    "country_comparison": _("Country comparisons"),
    "funding_call": _("Funding calls"),
    "network": _("Networks"),
    "call_for_applications": _("Calls for applications"),
    "standard_page": _("Pages"),
    "external": _("From partner sites"),
    "home": _("Front pages"),
    "news_index": _("News overviews"),
    "event_index": _("Event overviews"),
    "expert_group_index": _("Expert group overviews"),
    "knowledge_index": _("Knowledge bank overviews"),
    "funding_index": _("Funding overviews"),
    "network_index": _("Network overviews"),
    "theme": _("Themes"),
    "country": _("Countries and territories"),
    "goal": _("Goals"),
    "glossary": _("Glossary terms"),
}
SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
]
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


def _slug_list(values: list[str], label: str) -> list[str]:
    cleaned = [v for v in values if v]
    if len(cleaned) > 20 or not all(_SLUG.match(v) for v in cleaned):
        raise forms.ValidationError(
            _("Choose %(label)s from the list.") % {"label": label}
        )
    return cleaned


class SearchForm(forms.Form):
    """The search page's GET parameters, validated so bad input never fails."""

    q = forms.CharField(label=_("Search for"), required=False, max_length=300)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, initial="relevance"
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1900, max_value=2100
    )
    after = forms.CharField(required=False, max_length=512)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "search-%s")
        super().__init__(data, *args, **kwargs)
        self.lists = {
            name: data.getlist(name) if hasattr(data, "getlist") else []
            for name in ("type", "theme", "country", "language", "prev")
        }
        for name, field in self.fields.items():
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"search-{name}-error"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        lists = self.lists
        try:
            cleaned["types"] = _slug_list(lists["type"], str(_("the content type")))
            cleaned["themes"] = _slug_list(lists["theme"], str(_("themes")))
            cleaned["countries"] = _slug_list(lists["country"], str(_("countries")))
        except forms.ValidationError as exc:
            self.add_error(None, exc)
        codes = {code for code, _name in settings.LANGUAGES}
        languages = [v for v in lists["language"] if v]
        if not set(languages) <= codes:
            self.add_error(None, _("Choose languages from the list."))
        cleaned["languages"] = [v for v in languages if v in codes]
        cleaned["prev"] = [v[:512] for v in lists["prev"][-MAX_HISTORY:]]
        return cleaned

    def has_query(self) -> bool:
        data = self.cleaned_data
        return bool(
            (data.get("q") or "").strip()
            or data.get("types")
            or data.get("themes")
            or data.get("countries")
            or data.get("languages")
            or data.get("year")
        )


def safe_highlight(value: str | None) -> SafeString | None:
    """Highlights from the API as HTML where only ``<mark>`` survives."""
    if not value:
        return None
    parts = re.split(r"(</?mark>)", value)
    out = []
    for part in parts:
        if part in ("<mark>", "</mark>"):
            out.append(part)
        else:
            out.append(html.escape(html.unescape(re.sub(r"<[^>]*>", "", part))))
    return SafeString("".join(out))


def _query_string(params: dict[str, Any]) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "", [])}
    return "?" + urlencode(clean, doseq=True)


def _base_params(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "q": (data.get("q") or "").strip(),
        "type": data.get("types", []),
        "theme": data.get("themes", []),
        "country": data.get("countries", []),
        "language": data.get("languages", []),
        "year": data.get("year") or "",
        "sort": data.get("sort") if data.get("sort") != "relevance" else "",
    }


def _facet_groups(
    response: SearchResponse, data: dict[str, Any]
) -> list[dict[str, Any]]:
    """Facets for the template: name, legend and values with counts and state."""
    selected = {
        "type": set(data.get("types", [])),
        "theme": set(data.get("themes", [])),
        "country": set(data.get("countries", [])),
        "language": set(data.get("languages", [])),
        "year": {str(data["year"])} if data.get("year") else set(),
    }
    legends = {
        "type": _("Content type"),
        "theme": _("Theme"),
        "country": _("Country or territory"),
        "language": _("Language"),
        "year": _("Year"),
    }
    groups = []
    for name in ("type", "theme", "country", "language", "year"):
        buckets: list[FacetBucket] = response.facets.get(name, [])
        values = []
        for bucket in buckets:
            label = bucket.label
            if name == "type":
                label = str(TYPE_LABELS.get(bucket.value, bucket.value))
            elif name == "language":
                label = local_language_name(bucket.value)
            values.append(
                {
                    "value": bucket.value,
                    "label": label,
                    "count": bucket.count,
                    "selected": bucket.value in selected[name],
                }
            )
        if name == "year":
            values.sort(key=lambda v: v["value"], reverse=True)
        # A selected value with no results stays visible so it can be unticked.
        shown = {v["value"] for v in values}
        for value in selected[name] - shown:
            values.append(
                {"value": value, "label": value, "count": 0, "selected": True}
            )
        if values:
            groups.append({"name": name, "legend": legends[name], "values": values})
    return groups


def _hits(response: SearchResponse) -> list[dict[str, Any]]:
    hits = []
    for hit in response.hits:
        hits.append(
            {
                "title": hit.title,
                "title_html": safe_highlight(hit.title_html),
                "summary_html": safe_highlight(hit.body_html or hit.lead_html),
                "lead": hit.lead,
                "url": hit.url,
                "locale": hit.locale,
                "language": local_language_name(hit.locale),
                "type": str(TYPE_LABELS.get(hit.content_type, hit.content_type)),
                "date": parse_datetime(hit.date) if hit.date else None,
            }
        )
    return hits


def search(request: HttpRequest) -> HttpResponse:
    """The search page: one box, facets, sorting and cursor pagination."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    form = SearchForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "page_language": language,
        "alternates": view_versions(
            request, "site_search", language, request.GET.urlencode()
        ),
        "og_title": _("Search"),
        "sort_choices": SORT_CHOICES,
        "query": request.GET.get("q", "")[:300],
        "selected_sort": request.GET.get("sort", "relevance"),
    }
    if not form.is_valid():
        context["invalid"] = True
        return render(request, "core/search_page.html", context, status=400)
    data = form.cleaned_data
    context["query"] = (data.get("q") or "").strip()
    context["selected_sort"] = data.get("sort") or "relevance"
    if not form.has_query():
        return render(request, "core/search_page.html", context)
    search_request = SearchRequest(
        text=context["query"],
        locale=language,
        types=tuple(data["types"]),
        themes=tuple(data["themes"]),
        countries=tuple(data["countries"]),
        locales=tuple(data["languages"]),
        year=data.get("year"),
        sort=context["selected_sort"],
        first=PAGE_SIZE,
        after=data.get("after") or None,
    )
    try:
        response = SearchClient().search(search_request)
    except SearchUnavailableError:
        context["unavailable"] = True
        return render(request, "core/search_page.html", context, status=503)
    params = _base_params(data)
    number = data.get("page") or 1
    prev = data.get("prev", [])
    pagination: dict[str, Any] = {"number": number}
    if response.has_next_page and response.end_cursor:
        pagination["next_url"] = _query_string(
            {
                **params,
                "after": response.end_cursor,
                "page": number + 1,
                "prev": [*prev, data.get("after") or "-"][-MAX_HISTORY:],
            }
        )
    if number > 1 and prev:
        previous_after = prev[-1] if prev[-1] != "-" else ""
        pagination["previous_url"] = _query_string(
            {**params, "after": previous_after, "page": number - 1, "prev": prev[:-1]}
        )
    elif number > 1:
        pagination["previous_url"] = _query_string(params)
    suggestion = response.did_you_mean
    context.update(
        results=response,
        hits=_hits(response),
        facets=_facet_groups(response, data),
        pagination=pagination,
        did_you_mean=suggestion,
        did_you_mean_url=_query_string({**params, "q": suggestion})
        if suggestion
        else "",
        clear_url=_query_string({"q": context["query"]}),
    )
    return render(request, "core/search_page.html", context)


@require_GET
def search_suggestions(request: HttpRequest) -> JsonResponse:
    """Titles completing the typed text, for the search box's datalist."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    text = request.GET.get("q", "")[:200]
    if len(text.strip()) < 2:
        return JsonResponse({"suggestions": []})
    try:
        suggestions = SearchClient().autocomplete(text, language)
    except SearchUnavailableError:
        return JsonResponse({"suggestions": [], "unavailable": True}, status=503)
    return JsonResponse({"suggestions": suggestions})


# --- media in development and browser tests ------------------------------------


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files when no web server does it (DEBUG or HUB_SERVE_MEDIA)."""
    from django.http import Http404
    from django.views.static import serve

    if not (settings.DEBUG or getattr(settings, "HUB_SERVE_MEDIA", False)):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
