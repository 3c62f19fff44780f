"""Locales, one home page per language and the shared taxonomy."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale, Page, Site

from core.demo.helpers import LANGUAGES, DemoContext
from core.demo.taxonomy_data import COUNTRIES, GOALS, THEMES
from core.models import Country, HomePage, SiteSettings, Theme, VisionGoal
from core.site_address import configure_default_site

HOME_TEXT = {
    "en": (
        "Integration Norden",
        "Nordic knowledge on the integration of refugees "
        "and immigrants: research, learning examples, events and networks.",
    ),
    "da": (
        "Integration i Norden",
        "Nordisk viden om integration af flygtninge og "
        "indvandrere: forskning, lærende eksempler, arrangementer og netværk.",
    ),
    "nb": (
        "Integrering i Norden",
        "Nordisk kunnskap om integrering av flyktninger og "
        "innvandrere: forskning, gode eksempler, arrangementer og nettverk.",
    ),
    "sv": (
        "Integration i Norden",
        "Nordisk kunskap om integration av flyktingar och "
        "invandrare: forskning, lärande exempel, evenemang och nätverk.",
    ),
    "fi": (
        "Kotoutuminen Pohjolassa",
        "Pohjoismaista tietoa pakolaisten ja maahanmuuttajien kotoutumisesta.",
    ),
    "is": (
        "Aðlögun á Norðurlöndum",
        "Norræn þekking um aðlögun flóttafólks og innflytjenda.",
    ),
}


def load(ctx: DemoContext) -> None:
    ctx.locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
    }
    _load_taxonomy(ctx)
    _load_homes(ctx)


def _load_taxonomy(ctx: DemoContext) -> None:
    for slug, names in THEMES.items():
        ctx.themes[slug] = _translated(Theme, slug, names, ctx)
    for slug, (code, kind, names) in COUNTRIES.items():
        ctx.countries[slug] = _translated(
            Country, slug, names, ctx, code=code, kind=kind
        )
    for number, names in GOALS.items():
        ctx.goals[f"goal-{number}"] = _translated(
            VisionGoal, f"goal-{number}", names, ctx, number=number
        )


def _translated(model, slug: str, names, ctx: DemoContext, **extra) -> dict:
    """One term per language, all sharing the English term's translation key."""
    source = None
    terms = {}
    for lang, name in zip(LANGUAGES, names, strict=True):
        locale = ctx.locales[lang]
        obj = model.objects.filter(slug=slug, locale=locale).first()
        if obj is None:
            obj = model(slug=slug, locale=locale, name=name, **extra)
            if source is not None:
                obj.translation_key = source.translation_key
        else:
            obj.name = name
            for key, value in extra.items():
                setattr(obj, key, value)
        obj.save()
        source = source or obj
        terms[lang] = obj
    return terms


def _load_homes(ctx: DemoContext) -> None:
    root = Page.get_first_root_node()
    english = None
    for lang in LANGUAGES:
        title, lead = HOME_TEXT[lang]
        home = HomePage.objects.filter(locale=ctx.locales[lang], depth=2).first()
        if home is None:
            home = HomePage(
                title=title, slug=f"home-{lang}", locale=ctx.locales[lang], lead=lead
            )
            if english is not None:
                home.translation_key = english.translation_key
            root.add_child(instance=home)
        else:
            home.title, home.lead = title, lead
        home.save_revision().publish()
        ctx.homes[lang] = home
        english = english or home

    # Wagtail's initial "Welcome" page is replaced by the English home page, and
    # the site gets the address it is served at (HUB_PUBLIC_BASE_URL; make run
    # serves :8000).
    configure_default_site(
        settings.HUB_PUBLIC_BASE_URL or "http://localhost", root_page=ctx.homes["en"]
    )
    site = Site.objects.get(is_default_site=True)
    if site.site_name != "Integration Norden":
        site.site_name = "Integration Norden"
        site.save(update_fields=["site_name"])
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    site_settings = SiteSettings.for_site(site)
    site_settings.contact_email = "integration@norden.example"
    site_settings.save()
