"""A small hand-written multilingual corpus with known content for assertions."""

from __future__ import annotations

from datetime import UTC, datetime

from search.documents import Document, ImageInfo, Rendition
from search.testing import make_document


def at(year: int, month: int = 1, day: int = 1, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def corpus() -> list[Document]:
    """Fourteen documents in six languages (ids say language and kind)."""
    return [
        make_document(
            id="news:da-refugees",
            locale="da",
            translation_key="refugees-work",
            title="Flygtninge på arbejdsmarkedet i Aarhus",
            lead="Nye tal viser, at flere flygtninge kommer i job.",
            body=(
                "Kommunen har styrket virksomhedspraktik og danskundervisning for "
                "nyankomne flygtninge. Børn og unge får lektiehjælp på biblioteket."
            ),
            themes=("labour-market",),
            countries=("denmark",),
            goals=("goal-7",),
            published_at=at(2024, 3, 1),
            date=at(2024, 3, 1),
            image=ImageInfo(
                alt="Praktikant på værksted",
                credit="Norden.org",
                width=1600,
                height=900,
                renditions=(Rendition("fill-800x450", "/media/a.jpg", 800, 450),),
            ),
            payload={"authors": ["Anne Jensen"], "reading_time": 4},
        ),
        make_document(
            id="event:da-children",
            type="event",
            locale="da",
            title="Konference om børn og unge i Norden",
            lead="Nordisk konference i København om uledsagede mindreårige.",
            body="Program, talere og tilmelding til konferencen om børn og unge.",
            themes=("children-young-people",),
            countries=("denmark",),
            published_at=at(2024, 1, 10),
            date=at(2030, 5, 1, 9),
            start=at(2030, 5, 1, 9),
            end=at(2030, 5, 2, 16),
        ),
        make_document(
            id="publication:da-values",
            type="publication",
            locale="da",
            title="Fælles værdier i det danske samfund",
            lead="En pjece om demokrati, ligestilling og medborgerskab.",
            body="Pjecen bruges i samfundsorientering for voksne indvandrere.",
            themes=("democracy-citizenship",),
            countries=("denmark",),
            published_at=at(2019, 5, 5),
            date=at(2019, 5, 5),
        ),
        make_document(
            id="news:nb-refugees",
            locale="nb",
            translation_key="refugees-work",
            title="Flyktninger i arbeidsmarkedet",
            lead="Introduksjonsprogrammet gir flere flyktninger jobb i Tromsø.",
            body=(
                "Kommunen samarbeider med arbeidsgivere om arbeidspraksis og "
                "norskopplæring."
            ),
            themes=("labour-market",),
            countries=("norway",),
            published_at=at(2023, 6, 10),
            date=at(2023, 6, 10),
        ),
        make_document(
            id="funding_call:nb-volunteers",
            type="funding_call",
            locale="nb",
            title="Utlysning: midler til frivillige organisasjoner",
            lead="Søk tilskudd til aktiviteter for nyankomne.",
            body="Søknadsfristen er 1. mars. Frivillige lag og foreninger kan søke.",
            themes=("civil-society",),
            countries=("norway",),
            published_at=at(2024, 1, 1),
            date=at(2024, 3, 1),
            opens_at=at(2024, 1, 1),
            closes_at=at(2024, 3, 1),
        ),
        make_document(
            id="learning_example:sv-refugees",
            type="learning_example",
            locale="sv",
            translation_key="refugees-work",
            title="Flyktingar på arbetsmarknaden i Malmö",
            lead=(
                "Etableringsprogrammet och arbetsgivare samarbetar i Göteborg och "
                "Malmö."
            ),
            body=(
                "Kommunen erbjuder språkundervisning och praktik för nyanlända "
                "flyktingar."
            ),
            themes=("labour-market",),
            countries=("sweden",),
            goals=("goal-7",),
            published_at=at(2022, 9, 15),
            date=at(2022, 9, 15),
        ),
        make_document(
            id="event:sv-housing",
            type="event",
            locale="sv",
            title="Seminarium om bostäder och segregation",
            lead="Ett seminarium om boendesegregation i svenska kommuner.",
            body="Forskare och kommuner diskuterar bostäder, skola och trygghet.",
            themes=("segregation-housing",),
            countries=("sweden",),
            published_at=at(2019, 12, 1),
            date=at(2020, 2, 1, 10),
            start=at(2020, 2, 1, 10),
            end=at(2020, 2, 1, 15),
        ),
        make_document(
            id="publication:fi-refugees",
            type="publication",
            locale="fi",
            title="Pakolaiset ja työmarkkinat",
            lead="Raportti kertoo, miten pakolaiset työllistyvät Helsingissä.",
            body="Kotoutuminen etenee, kun kieli ja työ kulkevat yhdessä.",
            themes=("labour-market",),
            countries=("finland",),
            published_at=at(2021, 11, 30),
            date=at(2021, 11, 30),
        ),
        make_document(
            id="news:is-refugees",
            locale="is",
            title="Flóttamenn á vinnumarkaði",
            lead="Þjóðskrá birtir nýjar tölur um innflytjendur í Reykjavík.",
            body="Fleiri flóttamenn fá vinnu og íslenskukennslu.",
            themes=("labour-market",),
            countries=("iceland",),
            published_at=at(2024, 8, 20),
            date=at(2024, 8, 20),
        ),
        make_document(
            id="publication:en-refugees",
            type="publication",
            locale="en",
            translation_key="refugees-work",
            title="Refugees and the labour market in the Nordic countries",
            lead="A Nordic comparison of introduction programmes.",
            body=(
                "Employment rates of refugees rise with language training & work "
                "practice. <b>Key finding</b>: early support pays off."
            ),
            themes=("labour-market", "language-training"),
            countries=("denmark", "norway", "sweden", "finland", "iceland"),
            goals=("goal-7", "goal-12"),
            published_at=at(2020, 4, 1),
            date=at(2020, 4, 1),
        ),
        make_document(
            id="news:en-housing",
            locale="en",
            title="Housing for newly arrived families",
            lead="Volunteers help families find homes.",
            body=(
                "The labour of many volunteers helped, but the market for rental "
                "housing remains tight."
            ),
            themes=("segregation-housing", "civil-society"),
            countries=("sweden",),
            published_at=at(2025, 1, 10),
            date=at(2025, 1, 10),
        ),
        make_document(
            id="call_for_applications:en-forum",
            type="call_for_applications",
            locale="en",
            title="Call for applications: expert forum",
            lead="Apply to join the Nordic expert forum on integration.",
            body="Applications are reviewed until further notice.",
            themes=("civil-society",),
            countries=("norway",),
            published_at=at(2025, 1, 1),
            opens_at=at(2025, 1, 1),
        ),
        make_document(
            id="funding_call:en-research",
            type="funding_call",
            locale="en",
            title="Research grants on integration",
            lead="Grants for comparative research.",
            body="The call closes on 1 January 2026.",
            themes=("education",),
            countries=("finland",),
            published_at=at(2025, 2, 1),
            date=at(2026, 1, 1),
            closes_at=at(2026, 1, 1),
        ),
        make_document(
            id="expert_profile:en-researcher",
            type="expert_profile",
            locale="en",
            title="Researcher in migration and health",
            lead="Works on mental health and trauma among asylum seekers.",
            body="Publications on psychosocial support for unaccompanied minors.",
            themes=("health-social",),
            countries=("denmark",),
            published_at=at(2018, 1, 1),
        ),
    ]


def ids(documents: list[Document] | tuple[Document, ...]) -> set[str]:
    return {document.id for document in documents}
