"""Countries and a network index for the networks tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def countries(locales):
    from core.models import Country

    rows = {
        "denmark": ("Denmark", "DK", "country"),
        "sweden": ("Sweden", "SE", "country"),
        "aland": ("Åland", "AX", "territory"),
    }
    return {
        slug: Country.objects.create(
            name=name, slug=slug, code=code, kind=kind, locale=locales["en"]
        )
        for slug, (name, code, kind) in rows.items()
    }


@pytest.fixture
def network_index(home):
    from networks.models import NetworkIndexPage

    index = NetworkIndexPage(title="Networks", slug="networks")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index
