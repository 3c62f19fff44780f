"""A small read model with realistic documents and the service app in-process.

The app runs its lifespan (so the read-model directory names taxonomy terms)
and is driven through ``httpx.ASGITransport``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphql_service.app import create_app
from graphql_service.settings import Settings
from search.backends.embedded import EmbeddedBackend
from search.documents import Document, ImageInfo, Rendition
from search.testing import make_document

SITE = "https://hub.example.org"
NOW = datetime.now(UTC).replace(microsecond=0)
PUBLISHED = datetime(2025, 3, 4, 8, 30, tzinfo=UTC)

IMAGE = ImageInfo(
    alt="Participants at a language café in Malmö",
    credit="Norden.org",
    width=2400,
    height=1350,
    renditions=(
        Rendition("fill-400x225", "/media/images/cafe.fill-400x225.webp", 400, 225),
        Rendition("width-1200", "/media/images/cafe.width-1200.webp", 1200, 675),
    ),
)


def term(doc_type: str, pk: int, slug: str, name: str, locale: str) -> Document:
    return make_document(
        id=f"{doc_type}:{pk}:{locale}",
        type=doc_type,
        locale=locale,
        title=name,
        lead="",
        body="",
        url_path="",
        translation_key=f"{doc_type}-{slug}",
        payload={"slug": slug, "name": name},
    )


def page(doc_type: str, pk: int, locale: str, slug: str, **fields: Any) -> Document:
    path = f"/{locale}/{slug}/"
    payload = {"url": f"{SITE}{path}", **fields.pop("payload", {})}
    values: dict[str, Any] = {
        "id": f"{doc_type}:{pk}",
        "type": doc_type,
        "locale": locale,
        "url_path": path,
        "published_at": PUBLISHED,
        "updated_at": PUBLISHED,
        "payload": payload,
    }
    values.update(fields)
    return make_document(**values)


def event(pk: int, *, version: int = 1, **fields: Any) -> Document:
    start = fields.pop("start", NOW + timedelta(days=20))
    end = fields.pop("end", start + timedelta(hours=6))
    payload = {
        "kind": "conference",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "time_zone": "Europe/Copenhagen",
        "venue": {
            "name": "Nordens Hus",
            "street_address": "Ved Stranden 18",
            "city": "København",
            "country": "denmark",
        },
        "online_url": "",
        "is_cancelled": False,
        "body_html": "<p>Two days on work practice for newly arrived refugees.</p>",
        **fields.pop("payload", {}),
    }
    values: dict[str, Any] = {
        "title": "Nordic conference on labour market integration",
        "lead": "Municipalities and employers share what works.",
        "date": start,
        "start": start,
        "end": end,
        "themes": ("labour-market",),
        "countries": ("denmark",),
        "version": version,
        "payload": payload,
    }
    values.update(fields)
    return page("event", pk, values.pop("locale", "en"), f"events/e{pk}", **values)


def corpus() -> list[Document]:
    return [
        term("theme", 1, "labour-market", "Labour market", "en"),
        term("theme", 1, "labour-market", "Arbejdsmarked", "da"),
        term("theme", 2, "education", "Education", "en"),
        term("country", 1, "denmark", "Denmark", "en"),
        term("country", 1, "denmark", "Danmark", "da"),
        term("country", 2, "sweden", "Sweden", "en"),
        page(
            "news",
            10,
            "da",
            "nyheder/sprogcafe",
            title="Sprogcaféer hjælper flygtninge i job",
            lead="Frivillige i Ishøj træner dansk med nyankomne.",
            themes=("labour-market",),
            countries=("denmark",),
            date=datetime(2025, 3, 3, tzinfo=UTC),
            image=IMAGE,
            version=3,
            payload={
                "date": "2025-03-03",
                "body_html": "<p>Sprogcaféen i Ishøj mødes hver tirsdag.</p>",
            },
        ),
        page(
            "news",
            11,
            "en",
            "news/validation",
            title="Faster validation of foreign qualifications",
            lead="Sweden shortens the wait for recognised diplomas.",
            themes=("education",),
            countries=("sweden",),
            published_at=PUBLISHED + timedelta(days=1),
            updated_at=PUBLISHED + timedelta(days=2),
            date=datetime(2025, 3, 5, tzinfo=UTC),
            version=4,
            payload={"date": "2025-03-05", "body_html": "<p>New rules.</p>"},
        ),
        make_document(
            id="external:77",
            type="external",
            locale="da",
            title="Ny rapport om integration på arbejdspladsen",
            lead="KL har kortlagt kommunernes virksomhedspraktik.",
            url_path="https://www.kl.dk/nyheder/rapport-integration",
            published_at=PUBLISHED - timedelta(days=1),
            themes=("labour-market",),
            countries=("denmark",),
            source="KL",
            is_external=True,
            version=2,
            payload={
                "source_name": "KL",
                "source_url": "https://www.kl.dk",
                "link": "https://www.kl.dk/nyheder/rapport-integration",
                "categories": ["Integration"],
                "image_url": "https://www.kl.dk/media/rapport.jpg",
            },
        ),
        page(
            "publication",
            20,
            "sv",
            "kunskap/rapport",
            title="Etablering på arbetsmarknaden i Norden",
            lead="En jämförande rapport om introduktionsprogram.",
            themes=("labour-market",),
            countries=("sweden",),
            date=datetime(2024, 1, 1, tzinfo=UTC),
            version=5,
            payload={"year": 2024, "kind": "report", "body_html": "<p>Rapport.</p>"},
        ),
        page(
            "funding_call",
            30,
            "en",
            "funding/nordic-call",
            title="Nordic grants for integration projects",
            lead="Apply for up to DKK 500,000.",
            themes=("labour-market",),
            opens_at=NOW - timedelta(days=10),
            closes_at=NOW + timedelta(days=40),
            date=NOW + timedelta(days=40),
            version=6,
            payload={
                "opens_at": (NOW - timedelta(days=10)).isoformat(),
                "closes_at": (NOW + timedelta(days=40)).isoformat(),
                "body_html": "<p>Who may apply.</p>",
            },
        ),
        event(40, version=7),
        event(
            41,
            version=8,
            locale="sv",
            title="Webbinarium om samhällsorientering",
            start=NOW + timedelta(days=5),
            themes=("education",),
            countries=("sweden",),
            payload={
                "time_zone": "Europe/Stockholm",
                "venue": {
                    "name": "",
                    "street_address": "",
                    "city": "",
                    "country": None,
                },
                "online_url": "https://meet.example.org/samhallsorientering",
            },
        ),
        event(
            42,
            version=9,
            title="Cancelled: Reykjavík seminar",
            start=NOW + timedelta(days=60),
            payload={"is_cancelled": True, "time_zone": "Atlantic/Reykjavik"},
        ),
        event(
            43,
            version=10,
            title="Last year's network meeting",
            start=NOW - timedelta(days=300),
        ),
    ]


@dataclass
class Hub:
    backend: EmbeddedBackend
    client: httpx.AsyncClient

    def write(self, *documents: Document) -> None:
        self.backend.bulk(documents)
        self.backend.refresh()

    def delete(self, doc_id: str, version: int) -> None:
        self.backend.delete({doc_id: version})
        self.backend.refresh()


@pytest.fixture
async def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Hub]:
    monkeypatch.setenv("HUB_PUBLIC_BASE_URL", SITE + "/")
    backend = EmbeddedBackend(tmp_path / "index")
    backend.bulk(corpus())
    backend.refresh()
    settings = Settings(
        api_keys_file=tmp_path / "keys.json",
        usage_db=tmp_path / "usage.sqlite3",
        search_analytics_db=tmp_path / "search_analytics.sqlite3",
        generation_check_interval=0,
    )
    app = create_app(settings, backend=backend)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://api.test") as client,
    ):
        yield Hub(backend, client)
    backend.close()
