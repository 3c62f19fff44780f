"""The networks demo loader: four networks in four languages, idempotent."""

from __future__ import annotations

from wagtail.models import Page

from core.demo import site
from core.demo.helpers import DemoContext
from networks import demo
from networks.models import NetworkMeeting, NetworkMember, NetworkPage


def _load() -> DemoContext:
    ctx = DemoContext()
    site.load(ctx)
    demo.load(ctx)
    return ctx


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Page, NetworkPage, NetworkMember, NetworkMeeting)
    }


def test_loading_twice_duplicates_nothing(db):
    first = _load()
    before = _counts()
    second = _load()
    assert _counts() == before
    assert before["NetworkPage"] == 16
    assert first.pages["networks-en"].pk == second.pages["networks-en"].pk


def test_networks_are_linked_translations_with_local_countries(client, db):
    ctx = _load()
    for key in demo.NETWORKS:
        english = ctx.pages[f"network-{key.key}-en"]
        languages = {p.locale.language_code for p in english.get_translations()}
        assert languages == {"da", "nb", "sv"}
        swedish = ctx.pages[f"network-{key.key}-sv"]
        assert {m.country.locale.language_code for m in swedish.members.all()} == {"sv"}
        html = client.get(swedish.url).content.decode()
        assert swedish.title in html
        assert "@example.org" not in html
