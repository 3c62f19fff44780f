"""Demo: two partner feeds, inactive because the demo machine has no internet.

Staff switch a source on in the admin (External content → Sources) once the hub
can reach it; ``manage.py harvest --source <name>`` then fetches it at once.
"""

from __future__ import annotations

from core.demo.helpers import DemoContext
from harvest.choices import SourceKind
from harvest.models import ExternalSource

SOURCES = [
    {
        "name": "Nordic Co-operation news (norden.org)",
        "kind": SourceKind.FEED,
        "url": "https://www.norden.org/en/news/rss.xml",
        "locale": "en",
        "interval_minutes": 60,
        "themes": [],
        "countries": [],
    },
    {
        "name": "Nordic Welfare Centre (nordicwelfare.org)",
        "kind": SourceKind.FEED,
        "url": "https://nordicwelfare.org/en/feed/",
        "locale": "en",
        "interval_minutes": 120,
        "themes": ["labour-market", "health-social"],
        "countries": [],
    },
]


def load(ctx: DemoContext) -> None:
    for spec in SOURCES:
        fields = dict(spec)
        themes = fields.pop("themes")
        countries = fields.pop("countries")
        source = ExternalSource.objects.filter(name=fields["name"]).first()
        if source is None:
            source = ExternalSource(**fields, is_active=False)
            source.save()
        # An existing source is left as staff configured it (active or not).
        if not source.themes.exists():
            source.themes.set(_terms(ctx.themes, themes))
        if not source.countries.exists():
            source.countries.set(_terms(ctx.countries, countries))


def _terms(table: dict, keys: list[str]) -> list:
    return [table[key]["en"] for key in keys if key in table and "en" in table[key]]
