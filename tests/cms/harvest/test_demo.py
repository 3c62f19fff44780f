"""The demo loader: two inactive partner sources, and nothing else."""

from __future__ import annotations

import pytest

from core.demo.helpers import DemoContext
from harvest import demo
from harvest.models import ExternalItem, ExternalSource

pytestmark = pytest.mark.django_db


def test_demo_creates_two_inactive_sources_once(locales):
    from core.models import Theme

    theme = Theme.objects.create(
        name="Labour market", slug="labour-market", locale=locales["en"]
    )
    ctx = DemoContext(locales=locales, themes={"labour-market": {"en": theme}})

    demo.load(ctx)
    demo.load(ctx)

    sources = list(ExternalSource.objects.order_by("name"))
    assert [s.name for s in sources] == [
        "Nordic Co-operation news (norden.org)",
        "Nordic Welfare Centre (nordicwelfare.org)",
    ]
    assert not any(s.is_active for s in sources)
    assert "norden.org" in sources[0].url and "nordicwelfare.org" in sources[1].url
    assert list(sources[1].themes.all()) == [theme]
    assert not ExternalItem.objects.exists()
