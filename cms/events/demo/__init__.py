"""Demo events: the 2018 Nordic integration conference, seminars and a webinar."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from core.demo.helpers import DemoContext, upsert_page, upsert_translation
from events.choices import EventKind, RegistrationStatus
from events.models import EventIndexPage, EventPage, EventRegistration

from .texts import (
    CONFERENCE,
    CONFERENCE_TIMES,
    COORDINATORS_MEETING,
    DEMO_PARTICIPANTS,
    INDEX,
    LANGUAGE_SEMINAR,
    LOCAL_SEMINAR,
    NORDEN,
    NORDEN_URL,
    STATISTICS_WEBINAR,
)


def when(
    zone: str, year: int, month: int, day: int, hour: int, minute: int
) -> datetime.datetime:
    """A wall-clock time in an IANA zone, as the editor would enter it."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def session(
    start: tuple[int, int],
    end: tuple[int, int],
    title: str,
    description: str = "",
    speakers: list[tuple[str, str]] | None = None,
    moderators: list[tuple[str, str]] | None = None,
) -> tuple[str, dict[str, Any]]:
    """A programme item with freely named people (name, organisation)."""

    def people(items: list[tuple[str, str]] | None) -> list[tuple[str, dict]]:
        return [
            ("person", {"name": name, "organisation": organisation})
            for name, organisation in items or []
        ]

    return (
        "session",
        {
            "date": None,
            "start_time": datetime.time(*start),
            "end_time": datetime.time(*end),
            "title": title,
            "description": f"<p>{description}</p>" if description else "",
            "speakers": people(speakers),
            "moderators": people(moderators),
        },
    )


def _organisers(lang: str) -> list[tuple[str, dict[str, str]]]:
    return [("organiser", {"name": NORDEN.get(lang, NORDEN["en"]), "url": NORDEN_URL})]


def paragraphs(*texts: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _conference_fields(ctx: DemoContext, lang: str) -> dict[str, Any]:
    text = CONFERENCE[lang]
    zone = "Europe/Copenhagen"
    return {
        "title": text["title"],
        "lead": text["lead"],
        "kind": EventKind.CONFERENCE,
        "start": when(zone, 2018, 11, 20, 9, 30),
        "end": when(zone, 2018, 11, 20, 16, 15),
        "time_zone": zone,
        "venue_name": text["venue"],
        "city": text["city"],
        "country": ctx.countries["denmark"][lang],
        "programme": [
            session(start, end, title, description)
            for (start, end), (title, description) in zip(
                CONFERENCE_TIMES, text["sessions"], strict=True
            )
        ],
        "organisers": _organisers(lang),
        "body": paragraphs(*text["body"]),
        "registration_enabled": False,
        "themes": ctx.terms("themes", ["labour-market", "education"], lang),
        "countries": [ctx.countries[c][lang] for c in _NORDIC],
        "goals": ctx.terms("goals", ["goal-7", "goal-12"], lang),
    }


_NORDIC = ["denmark", "finland", "iceland", "norway", "sweden"]


def _language_seminar(ctx: DemoContext, lang: str) -> dict[str, Any]:
    title, lead, first, second = LANGUAGE_SEMINAR[lang]
    zone = "Europe/Oslo"
    return {
        "title": title,
        "lead": lead,
        "kind": EventKind.SEMINAR,
        "start": when(zone, 2027, 3, 16, 9, 30),
        "end": when(zone, 2027, 3, 16, 12, 30),
        "time_zone": zone,
        "venue_name": "Demo venue Oslo" if lang == "en" else "Demolokale Oslo",
        "city": "Oslo",
        "country": ctx.countries["norway"][lang],
        "programme": [
            session(
                (9, 30),
                (10, 30),
                first,
                speakers=[("Kari Demo Nilsen", "Demo adult education centre")],
                moderators=[("Ola Demo Hansen", "Integration Norden")],
            ),
            session(
                (10, 45),
                (12, 30),
                second,
                speakers=[
                    ("Anna Demo Lindqvist", "Demo municipality"),
                    ("Jens Demo Poulsen", "Demo employers' association"),
                ],
            ),
        ],
        "organisers": _organisers(lang),
        "registration_enabled": True,
        "registration_opens": when(zone, 2026, 9, 1, 9, 0),
        "registration_closes": when(zone, 2027, 3, 9, 12, 0),
        "capacity": 3,
        "waiting_list_enabled": True,
        "themes": ctx.terms("themes", ["language-training", "labour-market"], lang),
    }


def _statistics_webinar(ctx: DemoContext, lang: str) -> dict[str, Any]:
    title, lead, first, second = STATISTICS_WEBINAR[lang]
    zone = "Europe/Stockholm"
    return {
        "title": title,
        "lead": lead,
        "kind": EventKind.WEBINAR,
        "start": when(zone, 2027, 5, 4, 13, 0),
        "end": when(zone, 2027, 5, 4, 14, 30),
        "time_zone": zone,
        "venue_name": "",
        "city": "",
        "online_link": "https://webinar.integrationnorden.example/statistics-2027",
        "programme": [
            session(
                (13, 0),
                (14, 0),
                first,
                speakers=[("Lena Demo Berg", "Demo statistics office")],
            ),
            session((14, 0), (14, 30), second),
        ],
        "organisers": _organisers(lang),
        "registration_enabled": True,
        "registration_opens": when(zone, 2026, 10, 1, 9, 0),
        "registration_closes": None,
        "capacity": None,
        "waiting_list_enabled": False,
        "themes": ctx.terms("themes", ["labour-market"], lang),
    }


def _local_seminar(ctx: DemoContext, lang: str) -> dict[str, Any]:
    title, lead = LOCAL_SEMINAR[lang]
    zone = "Europe/Stockholm"
    return {
        "title": title,
        "lead": lead,
        "kind": EventKind.SEMINAR,
        "start": when(zone, 2025, 4, 10, 10, 0),
        "end": when(zone, 2025, 4, 10, 15, 0),
        "time_zone": zone,
        "venue_name": "Demo venue Östersund" if lang == "en" else "Demolokal Östersund",
        "city": "Östersund",
        "country": ctx.countries["sweden"][lang],
        "recording_link": "https://video.integrationnorden.example/local-seminar-2025",
        "organisers": _organisers(lang),
        "registration_enabled": True,
        "registration_opens": when(zone, 2025, 2, 1, 9, 0),
        "registration_closes": when(zone, 2025, 4, 3, 12, 0),
        "capacity": 60,
        "themes": ctx.terms("themes", ["civil-society"], lang),
    }


def _coordinators_meeting(ctx: DemoContext, lang: str) -> dict[str, Any]:
    title, lead = COORDINATORS_MEETING[lang]
    zone = "Atlantic/Reykjavik"
    return {
        "title": title,
        "lead": lead,
        "kind": EventKind.NETWORK_MEETING,
        "start": when(zone, 2025, 10, 2, 9, 0),
        "end": when(zone, 2025, 10, 3, 13, 0),
        "time_zone": zone,
        "venue_name": "Demo venue Reykjavík",
        "city": "Reykjavík",
        "country": ctx.countries["iceland"][lang],
        "online_link": "https://meet.integrationnorden.example/coordinators-2025",
        "registration_enabled": False,
        "themes": ctx.terms("themes", ["democracy-citizenship"], lang),
    }


# slug, key in ctx.pages ("event-<key>-<lang>"), fields builder, languages
EVENTS = [
    (
        "nordic-integration-conference-2018",
        "conference-2018",
        _conference_fields,
        list(CONFERENCE),
    ),
    (
        "seminar-language-training-2027",
        "seminar-language-2027",
        _language_seminar,
        list(LANGUAGE_SEMINAR),
    ),
    (
        "webinar-integration-statistics-2027",
        "webinar-statistics-2027",
        _statistics_webinar,
        list(STATISTICS_WEBINAR),
    ),
    (
        "seminar-local-communities-2025",
        "seminar-local-2025",
        _local_seminar,
        list(LOCAL_SEMINAR),
    ),
    (
        "network-meeting-coordinators-2025",
        "network-coordinators-2025",
        _coordinators_meeting,
        list(COORDINATORS_MEETING),
    ),
]


def load(ctx: DemoContext) -> None:
    _load_indexes(ctx)
    for slug, key, build, languages in EVENTS:
        _load_event(ctx, slug, key, build, languages)
    _load_participants(ctx.pages["event-seminar-local-2025-en"])


def _load_indexes(ctx: DemoContext) -> None:
    source: EventIndexPage | None = None
    for lang, (title, lead) in INDEX.items():
        if lang not in ctx.homes:
            continue
        if source is None:
            source = upsert_page(
                ctx.homes[lang], EventIndexPage, "events", title=title, lead=lead
            )
            page = source
        else:
            page = upsert_translation(source, lang, ctx.locales, title=title, lead=lead)
        ctx.pages[f"events-index-{lang}"] = page


def _load_event(
    ctx: DemoContext,
    slug: str,
    key: str,
    build: Callable[[DemoContext, str], dict[str, Any]],
    languages: list[str],
) -> None:
    source: EventPage | None = None
    for lang in languages:
        fields = build(ctx, lang)
        if source is None:
            parent = ctx.pages[f"events-index-{lang}"]
            source = upsert_page(parent, EventPage, slug, **fields)
            page = source
        else:
            page = upsert_translation(source, lang, ctx.locales, **fields)
        ctx.pages[f"event-{key}-{lang}"] = page


def _load_participants(event: EventPage) -> None:
    """A few sign-ups so that the admin listing and CSV export have something."""
    for name, email, organisation in DEMO_PARTICIPANTS:
        EventRegistration.objects.update_or_create(
            event=event,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "consent": True,
                "status": RegistrationStatus.CONFIRMED,
                "language": event.locale.language_code,
            },
        )
