"""Fixtures of the knowledge-bank tests: an index page, countries and CSV documents."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile


@pytest.fixture
def knowledge_index(home):
    from knowledge.models import KnowledgeIndexPage

    index = KnowledgeIndexPage(title="Knowledge bank", slug="knowledge")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


COUNTRIES = [
    ("sweden", "SE", "country", "Sweden", "Sverige"),
    ("denmark", "DK", "country", "Denmark", "Danmark"),
    ("aland", "AX", "territory", "Åland", "Åland"),
    ("norway", "NO", "country", "Norway", "Norge"),
    ("faroe-islands", "FO", "territory", "Faroe Islands", "Færøerne"),
]


@pytest.fixture
def countries(locales):
    """Countries in English and Danish, translations linked; keyed by slug."""
    from core.models import Country

    made = {}
    for slug, code, kind, english, danish in COUNTRIES:
        en = Country.objects.create(
            slug=slug, code=code, kind=kind, name=english, locale=locales["en"]
        )
        da = Country.objects.create(
            slug=slug,
            code=code,
            kind=kind,
            name=danish,
            locale=locales["da"],
            translation_key=en.translation_key,
        )
        made[slug] = {"en": en, "da": da}
    return made


@pytest.fixture
def make_document(db):
    """Store a Wagtail document with the given bytes."""
    from wagtail.documents import get_document_model

    def make(data: bytes, name: str = "figures.csv", title: str = "Figures"):
        document = get_document_model()(title=title)
        document.file = ContentFile(data, name=name)
        document.save()
        return document

    return make
