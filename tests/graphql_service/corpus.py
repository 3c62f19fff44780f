"""The documents the GraphQL tests index: every content type, realistic payloads.

Ids, translation groups and dates are fixed so that tests can assert on
full results. Events and calls lie far in the past (2001) or the future
(2099) so that "upcoming" and "open" do not depend on when tests run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from search.documents import Document, ImageInfo, Rendition
from search.testing import make_document

PAST = datetime(2001, 3, 1, 9, 0, tzinfo=UTC)
FUTURE = datetime(2099, 9, 14, 9, 0, tzinfo=UTC)


def image(name: str, alt: str) -> ImageInfo:
    return ImageInfo(
        alt=alt,
        credit="Norden.org",
        width=1600,
        height=900,
        renditions=(
            Rendition(
                "fill-800x450", f"/media/images/{name}.fill-800x450.webp", 800, 450
            ),
            Rendition(
                "fill-400x225", f"/media/images/{name}.fill-400x225.webp", 400, 225
            ),
            Rendition("width-1200", f"/media/images/{name}.width-1200.webp", 1200, 675),
        ),
    )


def page(doc_id: str, locale: str, title: str, path: str, **fields: Any) -> Document:
    payload = {
        "url": f"https://integrationnorden.org{path}",
        "seo_title": "",
        "search_description": "",
        **fields.pop("payload", {}),
    }
    return make_document(
        id=doc_id,
        type=doc_id.split(":")[0],
        locale=locale,
        title=title,
        url_path=path,
        payload=payload,
        **fields,
    )


def term(
    doc_type: str, pk: int, locale: str, slug: str, name: str, **extra: Any
) -> Document:
    return make_document(
        id=f"{doc_type}:{pk}",
        type=doc_type,
        locale=locale,
        translation_key=f"{doc_type}-{slug}",
        title=name,
        lead="",
        body="",
        url_path="",
        payload={"slug": slug, "name": name, **extra},
    )


def taxonomy() -> list[Document]:
    docs = []
    names = {
        "labour-market": {
            "en": "Labour market",
            "da": "Arbejdsmarked",
            "nb": "Arbeidsmarked",
            "sv": "Arbetsmarknad",
        },
        "housing": {"en": "Housing", "da": "Bolig", "sv": "Bostad"},
        "education": {"en": "Education", "da": "Uddannelse"},
    }
    pk = 1
    for slug, by_locale in names.items():
        for locale, name in by_locale.items():
            docs.append(term("theme", pk, locale, slug, name, description=""))
            pk += 1
    countries = {
        "denmark": ("DK", {"en": "Denmark", "da": "Danmark", "nb": "Danmark"}),
        "norway": ("NO", {"en": "Norway", "da": "Norge", "nb": "Norge"}),
        "sweden": ("SE", {"en": "Sweden", "da": "Sverige", "sv": "Sverige"}),
    }
    for slug, (code, by_locale) in countries.items():
        for locale, name in by_locale.items():
            docs.append(
                term("country", pk, locale, slug, name, code=code, kind="country")
            )
            pk += 1
    goals = {
        "goal-1": {"en": "A green Nordic region", "da": "Et grønt Norden"},
        "goal-2": {
            "en": "A competitive Nordic region",
            "da": "Et konkurrencedygtigt Norden",
        },
    }
    for number, (slug, by_locale) in enumerate(goals.items(), start=1):
        for locale, name in by_locale.items():
            docs.append(
                term("goal", pk, locale, slug, name, number=number, description="")
            )
            pk += 1
    return docs


def news() -> list[Document]:
    """Group A in da/nb/en, B only da, C only sv, D only en, E in nb/sv."""
    a_date = datetime(2024, 5, 1, tzinfo=UTC)
    docs = [
        page(
            "news:1",
            "da",
            "Flygtninge finder job i kommunerne",
            "/da/nyheder/job/",
            translation_key="news-a",
            lead="Kommunerne hjælper flygtninge i arbejde.",
            body="Sprogundervisning og praktik giver flygtninge job hurtigere.",
            date=a_date,
            published_at=a_date,
            updated_at=a_date,
            themes=("labour-market",),
            countries=("denmark",),
            goals=("goal-1",),
            image=image("job", "Kursister i et klasselokale"),
            payload={
                "date": "2024-05-01",
                "body_html": "<p>Sprog og praktik.</p>",
                "related": ["publication:1"],
            },
        ),
        page(
            "news:2",
            "nb",
            "Flyktninger finner jobb i kommunene",
            "/nb/nyheter/jobb/",
            translation_key="news-a",
            lead="Kommunene hjelper flyktninger i arbeid.",
            body="Språkopplæring og praksis gir flyktninger jobb raskere.",
            date=a_date,
            published_at=a_date,
            updated_at=a_date,
            themes=("labour-market",),
            countries=("denmark",),
            goals=("goal-1",),
            image=image("job", "Kursdeltakere i et klasserom"),
            payload={
                "date": "2024-05-01",
                "body_html": "<p>Språk og praksis.</p>",
                "related": ["publication:1", "news:404"],
            },
        ),
        page(
            "news:3",
            "en",
            "Refugees find jobs in the municipalities",
            "/en/news/jobs/",
            translation_key="news-a",
            lead="Municipalities help refugees into work.",
            body="Language training and work practice get refugees into jobs sooner.",
            date=a_date,
            published_at=a_date,
            updated_at=a_date,
            themes=("labour-market",),
            countries=("denmark",),
            goals=("goal-1",),
            payload={
                "date": "2024-05-01",
                "body_html": "<p>Language and practice.</p>",
                "related": [],
            },
        ),
    ]
    singles = [
        (
            "news:4",
            "da",
            "news-b",
            "Nye boliger til nyankomne",
            "/da/nyheder/boliger/",
            datetime(2024, 4, 1, tzinfo=UTC),
            ("housing",),
            ("denmark",),
        ),
        (
            "news:5",
            "sv",
            "news-c",
            "Bostäder för nyanlända i Malmö",
            "/sv/nyheter/bostader/",
            datetime(2024, 3, 1, tzinfo=UTC),
            ("housing",),
            ("sweden",),
        ),
        (
            "news:6",
            "en",
            "news-d",
            "Nordic report on adult education",
            "/en/news/adult-education/",
            datetime(2024, 2, 1, tzinfo=UTC),
            ("education",),
            ("norway",),
        ),
        (
            "news:7",
            "nb",
            "news-e",
            "Bolig og utdanning i Bergen",
            "/nb/nyheter/bergen/",
            datetime(2024, 1, 1, tzinfo=UTC),
            ("housing", "education"),
            ("norway",),
        ),
        (
            "news:8",
            "sv",
            "news-e",
            "Bostad och utbildning i Bergen",
            "/sv/nyheter/bergen/",
            datetime(2024, 1, 1, tzinfo=UTC),
            ("housing", "education"),
            ("norway",),
        ),
    ]
    for doc_id, locale, key, title, path, when, themes, countries in singles:
        docs.append(
            page(
                doc_id,
                locale,
                title,
                path,
                translation_key=key,
                lead=f"{title}.",
                date=when,
                published_at=when,
                updated_at=when,
                themes=themes,
                countries=countries,
                payload={
                    "date": when.date().isoformat(),
                    "body_html": f"<p>{title}</p>",
                    "related": [],
                },
            )
        )
    return docs


def archive(count: int = 23) -> list[Document]:
    """Danish-only news for pagination: one a day through December 2022."""
    docs = []
    for number in range(count):
        when = datetime(2022, 12, 31, tzinfo=UTC) - timedelta(days=number)
        docs.append(
            page(
                f"news:{100 + number}",
                "da",
                f"Nyhed nummer {number + 1} fra arkivet",
                f"/da/nyheder/arkiv-{number + 1}/",
                lead="Fra arkivet.",
                date=when,
                published_at=when,
                updated_at=when,
                themes=("education",),
                payload={
                    "date": when.date().isoformat(),
                    "body_html": "",
                    "related": [],
                },
            )
        )
    return docs


def experts() -> list[Document]:
    profile_en = make_document(
        id="expert_profile:1",
        type="expert_profile",
        locale="en",
        translation_key="profile-anna",
        title="Anna Berg",
        lead="Researcher, Nordregio",
        body="Anna studies labour market integration.",
        url_path="",
        themes=("labour-market",),
        countries=("sweden",),
        image=image("anna", "Anna Berg"),
        payload={
            "name": "Anna Berg",
            "organisation": "Nordregio",
            "position": "Researcher",
            "languages": ["sv", "en"],
            "bio_html": "<p>Anna studies labour markets.</p>",
        },
    )
    profile_da = make_document(
        id="expert_profile:2",
        type="expert_profile",
        locale="da",
        translation_key="profile-anna",
        title="Anna Berg",
        lead="Forsker, Nordregio",
        body="Anna forsker i integration på arbejdsmarkedet.",
        url_path="",
        themes=("labour-market",),
        countries=("sweden",),
        payload={
            "name": "Anna Berg",
            "organisation": "Nordregio",
            "position": "Forsker",
            "languages": ["sv", "en"],
            "bio_html": "<p>Anna forsker.</p>",
        },
    )
    group = page(
        "expert_group:1",
        "en",
        "Expert group on labour market integration",
        "/en/expert-groups/labour-market/",
        lead="Advises the Nordic Council of Ministers.",
        themes=("labour-market",),
        payload={
            "mandate_html": "<p>Share knowledge on labour market integration.</p>",
            "term_start": "2025-01-01",
            "term_end": "2027-12-31",
            "chair_rotation": "Follows the Presidency of the Council",
            "meetings_per_year": 4,
            "members": [
                {
                    "profile_id": "expert_profile:1",
                    "name": "Anna Berg",
                    "role": "chair",
                    "country": "sweden",
                },
                {
                    "profile_id": None,
                    "name": "Ola Nordmann",
                    "role": "member",
                    "country": "norway",
                },
            ],
            "chairs": [
                {
                    "year": 2025,
                    "country": "sweden",
                    "profile_id": "expert_profile:1",
                    "name": "Anna Berg",
                }
            ],
            "meetings": [
                {
                    "date": "2025-03-12",
                    "title": "Kick-off",
                    "is_virtual": True,
                    "summary": "Work plan agreed.",
                    "minutes_url": "https://x.org/m1.pdf",
                }
            ],
            "body_html": "<p>The group meets four times a year.</p>",
        },
    )
    return [profile_en, profile_da, group]


def events() -> list[Document]:
    upcoming = page(
        "event:1",
        "en",
        "Nordic conference on integration",
        "/en/events/conference-2099/",
        translation_key="event-conference",
        lead="Two days on labour market integration.",
        date=FUTURE,
        start=FUTURE,
        end=FUTURE + timedelta(days=1, hours=8),
        themes=("labour-market",),
        countries=("norway",),
        payload={
            "kind": "conference",
            "start": FUTURE.isoformat(),
            "end": (FUTURE + timedelta(days=1, hours=8)).isoformat(),
            "time_zone": "Europe/Oslo",
            "venue": {
                "name": "Oslo Congress Centre",
                "street_address": "Youngs gate 21",
                "city": "Oslo",
                "country": "norway",
            },
            "online_url": "https://stream.example.org/",
            "programme": [
                {
                    "date": "2099-09-14",
                    "start_time": "09:00:00",
                    "end_time": "10:30:00",
                    "title": "Opening",
                    "description_html": "<p>Welcome.</p>",
                    "speakers": [
                        {
                            "name": "Anna Berg",
                            "organisation": "Nordregio",
                            "profile_id": "expert_profile:1",
                        },
                        {
                            "name": "Kari Nordmann",
                            "organisation": "IMDi",
                            "profile_id": None,
                        },
                    ],
                    "moderators": [],
                },
            ],
            "organisers": [
                {"name": "Nordic Welfare Centre", "url": "https://nordicwelfare.org"}
            ],
            "documents": [
                {
                    "title": "Programme",
                    "url": "/documents/1/programme.pdf",
                    "file_type": "pdf",
                }
            ],
            "recording_url": "",
            "is_cancelled": False,
            "registration": {
                "enabled": True,
                "opens_at": "2000-01-01T00:00:00+00:00",
                "closes_at": "2099-09-01T00:00:00+00:00",
                "capacity": 200,
                "waiting_list": True,
            },
            "body_html": "<p>Join us in Oslo.</p>",
        },
    )
    upcoming_da = page(
        "event:2",
        "da",
        "Nordisk konference om integration",
        "/da/arrangementer/konference-2099/",
        translation_key="event-conference",
        lead="To dage om integration.",
        date=FUTURE,
        start=FUTURE,
        end=FUTURE + timedelta(days=1, hours=8),
        themes=("labour-market",),
        countries=("norway",),
        payload={
            "kind": "conference",
            "programme": [
                {
                    "date": "2099-09-14",
                    "start_time": "09:00:00",
                    "end_time": "10:30:00",
                    "title": "Åbning",
                    "description_html": "",
                    "speakers": [
                        {
                            "name": "Anna Berg",
                            "organisation": "Nordregio",
                            "profile_id": "expert_profile:1",
                        }
                    ],
                    "moderators": [],
                }
            ],
            "registration": {"enabled": False},
        },
    )
    past = page(
        "event:3",
        "en",
        "Seminar on housing",
        "/en/events/housing-2001/",
        lead="Housing for newly arrived refugees.",
        date=PAST,
        start=PAST,
        end=PAST + timedelta(hours=3),
        themes=("housing",),
        countries=("denmark",),
        payload={
            "kind": "seminar",
            "venue": {"name": "Online", "country": None},
            "programme": [],
            "is_cancelled": False,
        },
    )
    minimal = make_document(
        id="event:4",
        type="event",
        locale="en",
        translation_key="event-minimal",
        title="Webinar with an empty payload",
        url_path="/en/events/minimal/",
        date=FUTURE + timedelta(days=30),
        start=FUTURE + timedelta(days=30),
        payload={},
    )
    return [upcoming, upcoming_da, past, minimal]


def knowledge() -> list[Document]:
    publication = page(
        "publication:1",
        "en",
        "Labour market integration in the Nordic countries",
        "/en/knowledge/labour-market-report/",
        lead="A synthesis of Nordic research.",
        date=datetime(2023, 1, 1, tzinfo=UTC),
        themes=("labour-market",),
        payload={
            "year": 2023,
            "source_organisation": "Nordregio",
            "external_url": "",
            "attachments": [
                {
                    "title": "Full report",
                    "url": "/documents/2/report.pdf",
                    "file_type": "pdf",
                }
            ],
            "body_html": "<p>Summary.</p>",
            "kind": "report",
            "authors": ["Anna Berg", "Ola Nordmann"],
            "publisher": "Nordregio",
        },
    )
    example = page(
        "learning_example:1",
        "sv",
        "Språkcafé i Umeå",
        "/sv/kunskap/sprakcafe/",
        lead="Volontärer och nyanlända möts.",
        date=datetime(2022, 1, 1, tzinfo=UTC),
        themes=("education",),
        payload={
            "year": 2022,
            "municipality_or_region": "Umeå",
            "target_group": "Nyanlända",
            "what_was_done_html": "<p>Träffar varje vecka.</p>",
            "measured_outcome_html": "<p>120 deltagare.</p>",
            "transferable_lessons_html": "<p>Enkelt att starta.</p>",
            "contact": {
                "name": "Eva",
                "organisation": "Umeå kommun",
                "email": "eva@umea.se",
            },
            "attachments": [],
            "body_html": "",
        },
    )
    stats = page(
        "statistics:1",
        "en",
        "Employment rate of refugees",
        "/en/knowledge/employment-rate/",
        lead="Share of refugees in work, by country.",
        date=datetime(2024, 1, 1, tzinfo=UTC),
        themes=("labour-market",),
        payload={
            "year": 2024,
            "source": "Nordic Statistics",
            "data_year": 2023,
            "unit": "%",
            "chart_type": "bar",
            "dataset_url": "/documents/3/employment.csv",
            "series": {
                "columns": ["Country", "Men", "Women"],
                "rows": [
                    {"label": "Denmark", "values": [61.5, 48.0]},
                    {"label": "Sweden", "values": [65.0, None]},
                ],
            },
            "attachments": [],
            "body_html": "",
        },
    )
    comparisons = [
        page(
            "country_comparison:1",
            "en",
            "Length of the introduction programme",
            "/en/knowledge/introduction-length/",
            date=datetime(2024, 6, 1, tzinfo=UTC),
            themes=("labour-market",),
            payload={
                "question": "How long is the introduction programme?",
                "intro_html": "<p>Rules differ.</p>",
                "answers": [
                    {
                        "country": "denmark",
                        "country_code": "DK",
                        "country_name": "Denmark",
                        "short_answer": "1-5 years",
                        "details": "",
                        "source_title": "",
                        "source_url": "",
                        "valid_from": "2024-01-01",
                    },
                    {
                        "country": "sweden",
                        "country_code": "SE",
                        "country_name": "Sweden",
                        "short_answer": "2 years",
                        "details": "",
                        "source_title": "",
                        "source_url": "",
                        "valid_from": None,
                    },
                ],
            },
        ),
        page(
            "country_comparison:2",
            "en",
            "Language test for citizenship",
            "/en/knowledge/language-test/",
            date=datetime(2024, 5, 1, tzinfo=UTC),
            themes=("labour-market",),
            payload={
                "question": "Is a language test required for citizenship?",
                "intro_html": "",
                "answers": [
                    {
                        "country": "norway",
                        "country_code": "NO",
                        "country_name": "Norway",
                        "short_answer": "Yes",
                    },
                    {
                        "country": "denmark",
                        "country_code": "DK",
                        "country_name": "Denmark",
                        "short_answer": "Yes",
                    },
                ],
            },
        ),
    ]
    return [publication, example, stats, *comparisons]


def funding() -> list[Document]:
    open_call = page(
        "funding_call:1",
        "en",
        "Grants for Nordic integration projects",
        "/en/funding/grants-2099/",
        lead="Up to DKK 500,000.",
        date=FUTURE,
        opens_at=datetime(2000, 1, 1, tzinfo=UTC),
        closes_at=FUTURE,
        themes=("labour-market",),
        payload={
            "opens_at": "2000-01-01T00:00:00+00:00",
            "closes_at": FUTURE.isoformat(),
            "amount_min": "50000.00",
            "amount_max": "500000.00",
            "currency": "DKK",
            "who_may_apply_html": "<p>Municipalities.</p>",
            "criteria_html": "",
            "how_to_apply_html": "",
            "application_url": "https://apply.example.org",
            "contact_email": "funding@example.org",
            "body_html": "",
        },
    )
    closed = page(
        "funding_call:2",
        "en",
        "Closed call for pilot projects",
        "/en/funding/pilots-2001/",
        date=PAST,
        opens_at=PAST - timedelta(days=60),
        closes_at=PAST,
        payload={"amount_min": None, "amount_max": "abc", "currency": "EUR"},
    )
    applications = page(
        "call_for_applications:1",
        "en",
        "Join the Nordic expert forum",
        "/en/apply/expert-forum/",
        date=FUTURE,
        opens_at=datetime(2000, 1, 1, tzinfo=UTC),
        closes_at=FUTURE,
        payload={
            "opens_at": "2000-01-01T00:00:00+00:00",
            "closes_at": FUTURE.isoformat(),
            "selection_by": "2099-10-01",
            "criteria_html": "<p>Experience.</p>",
            "body_html": "",
            "apply_url": "https://integrationnorden.org/apply/",
        },
    )
    return [open_call, closed, applications]


def other() -> list[Document]:
    network = page(
        "network:1",
        "en",
        "Nordic network of integration coordinators",
        "/en/networks/coordinators/",
        lead="Municipal coordinators share experience.",
        themes=("labour-market",),
        payload={
            "purpose": "Exchange between municipalities.",
            "members": [
                {
                    "organisation": "Aarhus Kommune",
                    "country": "denmark",
                    "url": "https://aarhus.dk",
                }
            ],
            "meetings": [
                {
                    "date": "2025-06-01",
                    "title": "Spring meeting",
                    "is_virtual": False,
                    "summary": "",
                    "minutes_url": None,
                }
            ],
            "body_html": "<p>Open to all municipalities.</p>",
        },
    )
    external = make_document(
        id="external:nordregio:abc123",
        type="external",
        locale="en",
        title="Nordregio: migration and rural areas",
        lead="Harvested from Nordregio.",
        url_path="https://nordregio.org/news/migration/",
        date=datetime(2023, 6, 1, tzinfo=UTC),
        source="nordregio",
        is_external=True,
        payload={
            "source_name": "Nordregio",
            "source_url": "https://nordregio.org",
            "link": "https://nordregio.org/news/migration/",
        },
    )
    home = page(
        "home:1",
        "en",
        "Integration Norden",
        "/en/",
        payload={"hero_title": "Nordic integration", "body_html": "<p>Hi</p>"},
    )
    standard = page(
        "standard_page:1",
        "en",
        "About us",
        "/en/about/",
        payload={"body_html": "<p>About the hub.</p>"},
    )
    index = page("news_index:1", "en", "News", "/en/news/")
    unknown = make_document(
        id="glossary_term:1",
        type="glossary_term",
        locale="en",
        title="Integration",
        url_path="/en/glossary/integration/",
        payload={"body_html": "<p>Term.</p>"},
    )
    return [network, external, home, standard, index, unknown]


def corpus() -> list[Document]:
    return [
        *taxonomy(),
        *news(),
        *archive(),
        *experts(),
        *events(),
        *knowledge(),
        *funding(),
        *other(),
    ]


TODAY = date.today()
