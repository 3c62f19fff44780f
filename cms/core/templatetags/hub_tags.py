"""Template tags of the public site: language versions, navigation and URLs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.visibility import not_expired, public_pages

register = template.Library()

# Open Graph wants a territory with the language.
OG_LOCALES = {
    "en": "en_GB",
    "da": "da_DK",
    "nb": "nb_NO",
    "sv": "sv_SE",
    "fi": "fi_FI",
    "is": "is_IS",
}
# Children of a home page that are not sections of the site (one-off pages).
NAV_EXCLUDED_MODELS = {"callforapplicationspage"}
NAV_MAX_ITEMS = 8


@dataclass(frozen=True)
class LanguageVersion:
    """One language version of what is shown: for hreflang links and the switcher."""

    code: str
    name: str
    url: str
    full_url: str
    current: bool


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def local_language_name(code: str) -> str:
    """The language's name in itself ("dansk", "suomi"), capitalised."""
    try:
        name = translation.get_language_info(code)["name_local"]
    except KeyError:
        return code
    return name[:1].upper() + name[1:]


def _order(code: str) -> int:
    codes = language_codes()
    return codes.index(code) if code in codes else len(codes)


def current_language(context: template.Context) -> str:
    """The language of the page being rendered, else the active language."""
    page = context.get("page")
    locale = getattr(page, "locale", None) if isinstance(page, Page) else None
    if locale is not None:
        return locale.language_code
    return context.get("page_language") or translation.get_language() or "en"


def page_versions(page: Page, request: HttpRequest | None) -> list[LanguageVersion]:
    """The page and its live translations, in the site's language order."""
    pages: list[Page] = [page]
    if page.pk and page.translation_key:
        translations = public_pages(page.get_translations())
        pages += list(translations.select_related("locale"))
    versions = []
    for item in pages:
        url = item.get_url(request) if item.pk else None
        if not url:
            continue
        code = item.locale.language_code
        versions.append(
            LanguageVersion(
                code=code,
                name=local_language_name(code),
                url=url,
                full_url=item.get_full_url(request) or url,
                current=item.pk == page.pk,
            )
        )
    return sorted(versions, key=lambda v: _order(v.code))


def view_versions(
    request: HttpRequest | None,
    url_name: str,
    current: str,
    query: str = "",
    kwargs: dict[str, Any] | None = None,
) -> list[LanguageVersion]:
    """A Django view's URL in every language (its path carries the prefix)."""
    versions = []
    for code in language_codes():
        with translation.override(code):
            try:
                url = reverse(url_name, kwargs=kwargs)
            except NoReverseMatch:
                continue
        if query:
            url = f"{url}?{query}"
        full_url = request.build_absolute_uri(url) if request else url
        versions.append(
            LanguageVersion(
                code=code,
                name=local_language_name(code),
                url=url,
                full_url=full_url,
                current=code == current,
            )
        )
    return versions


@register.simple_tag(takes_context=True)
def page_language(context: template.Context) -> str:
    """The language code for ``<html lang>``."""
    return current_language(context)


@register.simple_tag(takes_context=True)
def language_versions(context: template.Context) -> list[LanguageVersion]:
    """Language versions of the page, or those a view put in ``alternates``."""
    alternates = context.get("alternates")
    if alternates is not None:
        return list(alternates)
    page = context.get("page")
    if isinstance(page, Page):
        return page_versions(page, context.get("request"))
    return []


@register.simple_tag
def og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code)


def localized_home(request: HttpRequest | None, code: str) -> Page | None:
    """The home page in language ``code`` (the site root's translation)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None or root.locale_id == locale.pk:
        return root.specific
    translated = root.get_translation_or_none(locale)
    if translated is None or not translated.live:
        return root.specific
    return translated.specific


@register.simple_tag(takes_context=True)
def site_home(context: template.Context) -> Page | None:
    return localized_home(context.get("request"), current_language(context))


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[dict[str, Any]]:
    """Sections of the site: children of the home page in the page's language.

    Pages flagged "show in menus" are used when there are any; otherwise every
    section page (one-off pages such as calls for applications are left out).
    """
    request = context.get("request")
    home = localized_home(request, current_language(context))
    if home is None:
        return []
    children = public_pages(home.get_children()).select_related("content_type")
    chosen = list(children.in_menu())
    if not chosen:
        chosen = [
            child
            for child in children
            if child.content_type.model not in NAV_EXCLUDED_MODELS
        ]
    page = context.get("page")
    current_path = getattr(page, "path", "") if isinstance(page, Page) else ""
    return [
        {
            "title": child.title,
            "url": child.get_url(request),
            "active": bool(current_path) and current_path.startswith(child.path),
            "current": isinstance(page, Page) and page.pk == child.pk,
        }
        for child in chosen[:NAV_MAX_ITEMS]
    ]


@register.simple_tag(takes_context=True)
def search_url(context: template.Context) -> str:
    """The search page in the page's language."""
    with translation.override(current_language(context)):
        try:
            return reverse("site_search")
        except NoReverseMatch:
            return ""


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, url: str) -> str:
    request = context.get("request")
    if request is None or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template, or None."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag(takes_context=True)
def breadcrumbs(context: template.Context) -> list[dict[str, str]]:
    """Pages from the home page down to the parent of the page shown."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return []
    request = context.get("request")
    ancestors = page.get_ancestors().filter(not_expired(), depth__gt=1).live()
    return [
        {"title": item.title, "url": url}
        for item in ancestors
        if (url := item.get_url(request))
    ]


@register.simple_tag
def home_highlights(home: Page, count: int = 3) -> dict[str, list[Any]]:
    """Latest news, upcoming events and open funding calls below a home page."""
    from django.utils import timezone

    from events.models import EventPage
    from funding.models import FundingCallPage
    from news.models import NewsPage

    now = timezone.now()
    news = public_pages(NewsPage.objects.descendant_of(home))
    events = public_pages(EventPage.objects.descendant_of(home))
    calls = public_pages(FundingCallPage.objects.descendant_of(home))
    return {
        "news": list(news.order_by("-date", "-pk")[:count]),
        "events": list(events.filter(end__gte=now).order_by("start", "pk")[:count]),
        "calls": [
            call
            for call in calls.filter(closes_at__gt=now).order_by("closes_at")[:count]
            if call.is_open(now)
        ],
    }


@register.filter
def iso(value: Any) -> str:
    """A machine-readable date-time for ``<time datetime>`` (whole seconds)."""
    import datetime

    from django.utils import timezone

    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context: template.Context, kind: str = "all") -> dict[str, object]:
    """Autodiscovery links to the delivery service's feeds and calendar."""
    from core.search_client import graphql_url

    base = graphql_url().rsplit("/graphql", 1)[0]
    locale = page_language(context)
    return {
        "base": base,
        "kind": kind,
        "locale": locale,
        "calendar": kind in ("all", "events"),
    }
