"""The demo loader: realistic content, safe to run twice, bulk pages for benchmarks."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label
        in {
            "core",
            "images",
            "news",
            "events",
            "experts",
            "knowledge",
            "funding",
            "networks",
            "applications",
            "wagtailcore",
        }
    ]
    return {m._meta.label: m._default_manager.count() for m in models}


def test_demo_loader(client):
    """One test: the (slow) demo loads inside one rolled-back transaction."""
    call_command("load_demo_data", stdout=io.StringIO())
    first = counts()
    call_command("load_demo_data", stdout=io.StringIO())
    second = counts()
    check_second_run_adds_nothing(first, second)
    check_demo_covers_the_programme()
    check_scale_adds_valid_live_pages(client)


def check_second_run_adds_nothing(first, second):
    changed = {
        k: (first[k], second[k])
        for k in first
        if first[k] != second[k]
        and not k.startswith("wagtailcore.Revision")
        and k
        not in {
            "wagtailcore.ModelLogEntry",
            "wagtailcore.PageLogEntry",
            "wagtailcore.ReferenceIndex",
        }
    }
    assert changed == {}


def check_demo_covers_the_programme():
    from applications.models import CallForApplicationsPage
    from events.models import EventPage
    from experts.models import ExpertGroupPage

    conference = EventPage.objects.filter(
        locale__language_code="en", start__date="2018-11-20"
    ).get()
    assert (
        conference.city == "Copenhagen"
        or "Copenhagen"
        in conference.venue_name + conference.street_address + conference.city
    )
    assert {
        p.locale.language_code for p in conference.get_translations(inclusive=True)
    } >= {"en", "da", "nb", "sv"}

    call = CallForApplicationsPage.objects.get(
        locale__language_code="en", opens_at__year=2021
    )
    local = timezone.localtime
    assert (
        local(call.opens_at).date().isoformat(),
        local(call.closes_at).date().isoformat(),
    ) == ("2021-07-01", "2021-08-31")
    assert call.selection_by.isoformat() == "2021-09-15"

    forum = ExpertGroupPage.objects.get(
        locale__language_code="en", slug__contains="forum"
    )
    assert forum.members.count() == 16
    assert {m.country.code for m in forum.members.all()} == {
        "DK",
        "FI",
        "IS",
        "NO",
        "SE",
        "GL",
        "FO",
        "AX",
    }
    programme = Page.objects.get(slug="programme", locale__language_code="en").specific
    assert {g.number for g in programme.goals.all()} == {7, 12}


def check_scale_adds_valid_live_pages(client):
    from news.models import NewsPage

    before = NewsPage.objects.count()
    out = io.StringIO()
    call_command("load_demo_data", "--scale", "60", stdout=out)
    assert NewsPage.objects.count() == before + 60
    assert Page.find_problems() == ([], [], [], [], [])
    generated = NewsPage.objects.filter(slug__startswith="generated-")
    assert {p.locale.language_code for p in generated} == {
        "en",
        "da",
        "nb",
        "sv",
        "fi",
        "is",
    }
    assert not generated.filter(main_image__isnull=True).exists()
    page = generated.order_by("pk").last()
    html = client.get(page.url).content.decode()
    # The picture is described in the page's own language.
    alt = page.main_image.alt_text_for(page.locale.language_code)
    if page.locale.language_code != "en":
        assert alt != page.main_image.alt_text
    assert f'alt="{escape(alt)}"' in html
