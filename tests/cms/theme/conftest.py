"""A small bilingual site with one page of every type, for the theme's tests."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

OSLO = ZoneInfo("Europe/Oslo")
CSV = (
    b"Country,Born abroad,Born in the country\n"
    b"Denmark,66.5,79\nFinland,62,74.5\nNorway,67.5,79.5\n"
)


@dataclass
class ThemeSite:
    """The pages of the test site, by key (``pages["news"]`` …) and language."""

    pages: dict[str, Any] = field(default_factory=dict)
    da: dict[str, Any] = field(default_factory=dict)
    image: Any = None


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: start every test with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def raw_list(blocks: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    return [{"type": kind, "value": value} for kind, value in blocks]


def raw(blocks: list[tuple[str, Any]]) -> str:
    """StreamField content as the JSON Wagtail stores."""
    return json.dumps(raw_list(blocks))


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def _translate(page, locale, **fields):
    copy = page.copy_for_translation(locale, copy_parents=False)
    copy = copy.specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


@pytest.fixture
def theme_image(db):
    from core.demo.helpers import demo_image

    return demo_image(
        "theme-test",
        "Language café",
        "Two women talking over coffee at a language café",
        credit="Ane Fotograf / norden.org",
        size=(1600, 900),
    )


@pytest.fixture
def theme_site(home, locales, theme_image) -> ThemeSite:
    """English pages of every type, with Danish translations of the main ones."""
    from wagtail.documents import get_document_model

    from applications.models import CallForApplicationsPage
    from core.models import Country, HomePage, StandardPage, Theme
    from events.models import EventIndexPage, EventPage
    from funding.models import FundingCallPage, FundingIndexPage
    from knowledge.models import KnowledgeIndexPage, StatisticsPage
    from news.models import NewsIndexPage, NewsPage

    site = ThemeSite(image=theme_image)
    now = timezone.now()
    norway = Country.objects.create(
        name="Norway", slug="norway", code="NO", locale=locales["en"]
    )
    Country.objects.create(
        name="Norge",
        slug="norway",
        code="NO",
        locale=locales["da"],
        translation_key=norway.translation_key,
    )
    labour = Theme.objects.create(
        name="Labour market", slug="labour-market", locale=locales["en"]
    )

    home.lead = "Nordic knowledge on integration."
    home.main_image = theme_image
    home.save_revision().publish()
    site.pages["home"] = HomePage.objects.get(pk=home.pk)
    site.da["home"] = _translate(home, locales["da"], title="Integration Norden DA")

    news_index = _publish(home, NewsIndexPage(title="News", slug="news"))
    news = _publish(
        news_index,
        NewsPage(
            title="New programme puts jobs first",
            slug="new-programme",
            date=datetime.date(2026, 3, 2),
            lead="The programme ties integration work to Vision 2030.",
            main_image=theme_image,
            body=raw([("paragraph", "<p>Jobs and education come first.</p>")]),
        ),
    )
    news.themes.set([labour])
    site.pages.update(news_index=news_index, news=news)
    site.da["news_index"] = _translate(news_index, locales["da"], title="Nyheder")
    site.da["news"] = _translate(
        news, locales["da"], title="Nyt program sætter job først"
    )

    events_index = _publish(home, EventIndexPage(title="Events", slug="events"))
    start = (now + datetime.timedelta(days=30)).astimezone(OSLO)
    start = start.replace(hour=9, minute=30, second=0, microsecond=0)
    event = _publish(
        events_index,
        EventPage(
            title="Seminar on language at work",
            slug="seminar",
            kind="seminar",
            start=start,
            end=start + datetime.timedelta(hours=3),
            time_zone="Europe/Oslo",
            venue_name="Nordic House",
            street_address="Storgata 1",
            city="Oslo",
            country=norway,
            online_link="https://stream.example.org/seminar",
            lead="How employers teach the language on the job.",
            registration_enabled=True,
            registration_opens=now - datetime.timedelta(days=1),
            capacity=1,
            waiting_list_enabled=True,
            programme=raw(
                [
                    (
                        "session",
                        {
                            "date": None,
                            "start_time": "09:30:00",
                            "end_time": "10:30:00",
                            "title": "What we know",
                            "description": "",
                            "speakers": raw_list(
                                [
                                    (
                                        "person",
                                        {
                                            "name": "Kari Nilsen",
                                            "organisation": "OsloMet",
                                        },
                                    )
                                ]
                            ),
                            "moderators": [],
                        },
                    )
                ]
            ),
        ),
    )
    cancelled = _publish(
        events_index,
        EventPage(
            title="Webinar that was cancelled",
            slug="cancelled-webinar",
            kind="webinar",
            start=start + datetime.timedelta(days=3),
            end=start + datetime.timedelta(days=3, hours=1),
            time_zone="Europe/Oslo",
            online_link="https://stream.example.org/webinar",
            is_cancelled=True,
        ),
    )
    past = _publish(
        events_index,
        EventPage(
            title="Conference in Copenhagen",
            slug="conference-2018",
            kind="conference",
            start=datetime.datetime(2018, 11, 20, 9, tzinfo=ZoneInfo("UTC")),
            end=datetime.datetime(2018, 11, 20, 16, tzinfo=ZoneInfo("UTC")),
            venue_name="Eigtveds Pakhus",
            city="Copenhagen",
        ),
    )
    site.pages.update(
        events_index=events_index, event=event, cancelled_event=cancelled, past=past
    )
    site.da["events_index"] = _translate(
        events_index, locales["da"], title="Arrangementer"
    )
    site.da["event"] = _translate(event, locales["da"], title="Seminar om sprog")

    knowledge = _publish(
        home, KnowledgeIndexPage(title="Knowledge bank", slug="knowledge")
    )
    document = get_document_model()(title="Employment figures")
    document.file = ContentFile(CSV, name="employment.csv")
    document.save()
    bar = StatisticsPage(
        title="Employment by country of birth",
        slug="employment",
        dataset=document,
        source="Nordic statistics database",
        unit="%",
        data_year=2023,
        chart_type="bar",
    )
    bar.clean()
    bar = _publish(knowledge, bar)
    line = StatisticsPage(
        title="Employment trend",
        slug="employment-trend",
        dataset=document,
        source="Nordic statistics database",
        unit="%",
        chart_type="line",
    )
    line.clean()
    line = _publish(knowledge, line)
    site.pages.update(knowledge=knowledge, statistics=bar, statistics_line=line)

    funding = _publish(home, FundingIndexPage(title="Funding", slug="funding"))
    closed_call = _publish(
        funding,
        FundingCallPage(
            title="Closed call",
            slug="closed-call",
            opens_at=now - datetime.timedelta(days=90),
            closes_at=now - datetime.timedelta(days=30),
        ),
    )
    open_call = _publish(
        funding,
        FundingCallPage(
            title="Open call",
            slug="open-call",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=30),
        ),
    )
    site.pages.update(
        funding=funding, open_funding=open_call, closed_funding=closed_call
    )

    call = _publish(
        home,
        CallForApplicationsPage(
            title="Join the expert forum",
            slug="expert-forum",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=30),
            privacy_notice="<p>The secretariat reads your application.</p>",
            criteria="<p>Born outside the Nordic region.</p>",
        ),
    )
    site.pages["call"] = call

    standard = _publish(
        home,
        StandardPage(
            title="About the programme",
            slug="programme",
            lead="The co-operation programme.",
            body=raw(
                [
                    (
                        "figure",
                        {
                            "image": {
                                "image": theme_image.pk,
                                "decorative": False,
                                "alt_text": "",
                            },
                            "caption": "A language café in Malmö",
                        },
                    )
                ]
            ),
        ),
    )
    site.pages["standard"] = standard
    return site


@pytest.fixture
def expert_group(home, locales, theme_image):
    from core.models import Country
    from experts.models import (
        ExpertGroupIndexPage,
        ExpertGroupMember,
        ExpertGroupPage,
        ExpertProfile,
    )

    sweden = Country.objects.create(
        name="Sweden", slug="sweden", code="SE", locale=locales["en"]
    )
    iceland = Country.objects.create(
        name="Iceland", slug="iceland", code="IS", locale=locales["en"]
    )
    public = ExpertProfile.objects.create(
        name="Amina Hassan",
        organisation="New Neighbours Network",
        position="Project manager",
        photo=theme_image,
        is_public=True,
        consent_date=datetime.date(2024, 1, 10),
        locale=locales["en"],
    )
    hidden = ExpertProfile.objects.create(
        name="Zarina Undisclosed",
        organisation="Secret Institute",
        is_public=False,
        locale=locales["en"],
    )
    index = ExpertGroupIndexPage(title="Expert groups", slug="expert-groups")
    home.add_child(instance=index)
    index.save_revision().publish()
    group = ExpertGroupPage(
        title="Migrant expert forum",
        slug="forum",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        members_per_country_min=1,
        members_per_country_max=2,
    )
    group.members = [
        ExpertGroupMember(profile=public, country=sweden, role="member"),
        ExpertGroupMember(profile=hidden, country=iceland, role="member"),
    ]
    index.add_child(instance=group)
    group.save_revision().publish()
    return group


@pytest.fixture
def network(home, locales):
    from core.models import Country
    from networks.models import NetworkIndexPage, NetworkMember, NetworkPage

    norway = Country.objects.get_or_create(
        slug="norway", locale=locales["en"], defaults={"name": "Norway", "code": "NO"}
    )[0]
    index = NetworkIndexPage(title="Networks", slug="networks")
    home.add_child(instance=index)
    index.save_revision().publish()
    network = NetworkPage(title="Capital cities network", slug="capitals")
    network.members = [NetworkMember(organisation="City of Oslo", country=norway)]
    index.add_child(instance=network)
    network.save_revision().publish()
    return network
