"""Structured data (schema.org JSON-LD) and Open Graph for the public pages."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString
from wagtail.models import Page

from core.templatetags.hub_images import image_alt
from core.templatetags.hub_tags import current_language, localized_home

register = template.Library()

SCHEMA = "https://schema.org"
ORGANISATION_NAME = "Nordic Council of Ministers"
SITE_NAME = "Integration Norden"
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"

Builder = Callable[[Any, HttpRequest | None], dict[str, Any]]
_BUILDERS: dict[str, Builder] = {}


def builds(model_label: str) -> Callable[[Builder], Builder]:
    """Register a JSON-LD builder for pages of ``app_label.modelname``."""

    def decorate(func: Builder) -> Builder:
        _BUILDERS[model_label] = func
        return func

    return decorate


def to_script(data: dict[str, Any] | list[dict[str, Any]]) -> SafeString:
    """A ``<script type="application/ld+json">`` that cannot end early."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html(
        '<script type="application/ld+json">{}</script>', SafeString(text)
    )


def _full_url(page: Page, request: HttpRequest | None) -> str:
    return page.get_full_url(request) or page.get_url(request) or ""


def _absolute(request: HttpRequest | None, url: str) -> str:
    if request is None or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def _image(image: Any, request: HttpRequest | None) -> str | None:
    if not image:
        return None
    return _absolute(request, image.get_rendition(OG_IMAGE_SPEC).url)


def _organisation(request: HttpRequest | None, name: str = "") -> dict[str, Any]:
    site_root = request.build_absolute_uri("/") if request else None
    org: dict[str, Any] = {
        "@type": "Organization",
        "name": name or ORGANISATION_NAME,
    }
    if site_root:
        org["url"] = site_root
    return org


def _settings_organisation(request: HttpRequest | None) -> str:
    try:
        from core.models import SiteSettings

        return SiteSettings.load(request_or_site=request).organisation
    except Exception:  # noqa: BLE001 - no site for the request: the default name
        return ORGANISATION_NAME


def _base(page: Page, request: HttpRequest | None, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": kind,
        "name": page.seo_title or page.title,
        "url": _full_url(page, request),
        "inLanguage": page.locale.language_code,
    }
    description = getattr(page, "search_description", "") or getattr(page, "lead", "")
    if description:
        data["description"] = description
    image = _image(getattr(page, "main_image", None), request)
    if image:
        data["image"] = image
    return data


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


@builds("core.homepage")
def home_page(page: Any, request: HttpRequest | None) -> dict[str, Any]:
    organisation = _organisation(request, _settings_organisation(request))
    organisation["@context"] = SCHEMA
    organisation["url"] = _full_url(page, request)
    if page.lead:
        organisation["description"] = page.lead
    try:
        from core.models import SiteSettings

        email = SiteSettings.load(request_or_site=request).contact_email
    except Exception:  # noqa: BLE001 - no site: no e-mail
        email = ""
    if email:
        organisation["email"] = email
    return organisation


@builds("news.newspage")
def news_article(page: Any, request: HttpRequest | None) -> dict[str, Any]:
    data = _base(page, request, "NewsArticle")
    data["headline"] = page.title[:110]
    data["datePublished"] = _iso(page.date)
    modified = page.last_published_at or page.latest_revision_created_at
    if modified:
        data["dateModified"] = _iso(modified)
    data["mainEntityOfPage"] = data["url"]
    organisation = _organisation(request, _settings_organisation(request))
    data["author"] = organisation
    data["publisher"] = organisation
    return data


def event_location(page: Any) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if page.venue_name or page.city:
        address: dict[str, Any] = {"@type": "PostalAddress"}
        if page.street_address:
            address["streetAddress"] = page.street_address
        if page.city:
            address["addressLocality"] = page.city
        if page.country_id:
            address["addressCountry"] = page.country.code
        places.append(
            {
                "@type": "Place",
                "name": page.venue_name or page.city,
                "address": address,
            }
        )
    if page.online_link:
        places.append({"@type": "VirtualLocation", "url": page.online_link})
    return places


def _attendance_mode(page: Any) -> str:
    physical = bool(page.venue_name or page.city)
    if physical and page.online_link:
        return f"{SCHEMA}/MixedEventAttendanceMode"
    if page.online_link:
        return f"{SCHEMA}/OnlineEventAttendanceMode"
    return f"{SCHEMA}/OfflineEventAttendanceMode"


@builds("events.eventpage")
def event(page: Any, request: HttpRequest | None) -> dict[str, Any]:
    data = _base(page, request, "Event")
    data["startDate"] = _iso(page.local_start)
    data["endDate"] = _iso(page.local_end)
    data["eventStatus"] = (
        f"{SCHEMA}/EventCancelled" if page.is_cancelled else f"{SCHEMA}/EventScheduled"
    )
    data["eventAttendanceMode"] = _attendance_mode(page)
    places = event_location(page)
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    organisers = [
        {"@type": "Organization", "name": block.value["name"]}
        for block in page.organisers
        if block.value.get("name")
    ]
    data["organizer"] = organisers or _organisation(
        request, _settings_organisation(request)
    )
    performers = _speakers(page)
    if performers:
        data["performer"] = performers
    return data


def _speakers(page: Any) -> list[dict[str, Any]]:
    """Speakers of the programme as schema.org persons (no duplicates)."""
    try:
        from events.blocks import visible_participants
    except ImportError:  # pragma: no cover - events without programme helpers
        return []
    seen: set[str] = set()
    people = []
    for block in page.programme:
        for person in visible_participants(block.value["speakers"], page.locale):
            if person.name in seen:
                continue
            seen.add(person.name)
            entry: dict[str, Any] = {"@type": "Person", "name": person.name}
            if person.organisation:
                entry["affiliation"] = {
                    "@type": "Organization",
                    "name": person.organisation,
                }
            people.append(entry)
    return people


@builds("knowledge.publicationpage")
def publication(page: Any, request: HttpRequest | None) -> dict[str, Any]:
    data = _base(page, request, "Report" if page.kind == "report" else "CreativeWork")
    if page.year:
        data["datePublished"] = str(page.year)
    authors = page.author_list
    if authors:
        data["author"] = [{"@type": "Person", "name": name} for name in authors]
    if page.source_organisation:
        data["publisher"] = {"@type": "Organization", "name": page.source_organisation}
    return data


@builds("knowledge.statisticspage")
def statistics(page: Any, request: HttpRequest | None) -> dict[str, Any]:
    data = _base(page, request, "Dataset")
    data["creator"] = {"@type": "Organization", "name": page.source}
    if page.data_year:
        data["temporalCoverage"] = str(page.data_year)
    if page.dataset_id:
        data["distribution"] = {
            "@type": "DataDownload",
            "encodingFormat": "text/csv",
            "contentUrl": _absolute(request, page.dataset.url),
        }
    if "description" not in data:
        data["description"] = page.title
    return data


def person(profile: Any, request: HttpRequest | None) -> dict[str, Any] | None:
    """A public expert profile as schema.org Person; None when not public."""
    if not profile or not getattr(profile, "is_public", False):
        return None
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "Person", "name": profile.name}
    if profile.position:
        data["jobTitle"] = profile.position
    if profile.organisation:
        data["worksFor"] = {"@type": "Organization", "name": profile.organisation}
    image = _image(profile.photo, request)
    if image:
        data["image"] = image
    themes = [theme.name for theme in profile.themes.all()]
    if themes:
        data["knowsAbout"] = themes
    languages = list(profile.languages or [])
    if languages:
        data["knowsLanguage"] = languages
    if profile.bio:
        data["description"] = strip_tags(profile.bio).strip()
    return data


def structured_data_for(page: Page, request: HttpRequest | None) -> dict[str, Any]:
    specific = page.specific_deferred if isinstance(page, Page) else page
    label = specific._meta.label_lower
    builder = _BUILDERS.get(label)
    if builder is not None:
        return builder(specific, request)
    return _base(specific, request, "WebPage")


@register.simple_tag(takes_context=True)
def structured_data(context: template.Context) -> SafeString:
    """JSON-LD of the page shown (NewsArticle, Event, Organization, ...)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return SafeString("")
    return to_script(structured_data_for(page, context.get("request")))


@register.simple_tag(takes_context=True)
def person_structured_data(context: template.Context, profile: Any) -> SafeString:
    data = person(profile, context.get("request"))
    return to_script(data) if data else SafeString("")


@register.simple_tag(takes_context=True)
def open_graph(context: template.Context) -> SafeString:
    """Open Graph and Twitter card tags of the page shown."""
    request = context.get("request")
    page = context.get("page")
    language = current_language(context)
    from core.templatetags.hub_tags import OG_LOCALES

    tags: list[tuple[str, str]] = [
        ("og:site_name", SITE_NAME),
        ("og:locale", OG_LOCALES.get(language, language)),
    ]
    if isinstance(page, Page):
        specific = page.specific_deferred
        tags += [
            ("og:title", page.seo_title or page.title),
            ("og:url", _full_url(page, request)),
            (
                "og:type",
                "article"
                if specific._meta.label_lower == "news.newspage"
                else "website",
            ),
        ]
        description = page.search_description or getattr(specific, "lead", "")
        if description:
            tags.append(("og:description", description))
        image = getattr(specific, "main_image", None)
        if not image:
            home = localized_home(request, language)
            image = getattr(home, "main_image", None) if home else None
        if image:
            tags.append(("og:image", _image(image, request) or ""))
            tags.append(("og:image:alt", image_alt(image, language=language)))
    else:
        title = context.get("og_title") or SITE_NAME
        tags += [("og:title", str(title)), ("og:type", "website")]
        if request is not None:
            tags.append(("og:url", request.build_absolute_uri()))
    html = SafeString("")
    for prop, content in tags:
        html += format_html('<meta property="{}" content="{}">\n', prop, content)
    card = "summary_large_image" if any(p == "og:image" for p, _ in tags) else "summary"
    html += format_html('<meta name="twitter:card" content="{}">', card)
    return html
