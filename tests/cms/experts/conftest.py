"""Countries, expert profiles and an expert group index for the experts tests."""

from __future__ import annotations

import datetime

import pytest

COUNTRIES = {
    "denmark": ("Denmark", "DK", "country"),
    "finland": ("Finland", "FI", "country"),
    "norway": ("Norway", "NO", "country"),
    "sweden": ("Sweden", "SE", "country"),
    "greenland": ("Greenland", "GL", "territory"),
}

# key -> name, organisation, public
PROFILES = {
    "amina": ("Amina Yusuf", "Aarhus Integration Council", True),
    "omar": ("Omar Haddad", "Danish Refugee Youth", True),
    "jonas": ("Jonas Berg", "Copenhagen Job Centre", True),
    "lina": ("Lina Petrova", "Oslo Language Centre", True),
    "ahmed": ("Ahmed Karimi", "Bergen Municipality", True),
    "nivi": ("Nivi Olsen", "Nuuk Citizen Service", True),
    "hidden": ("Zarina Undisclosed", "Secret Consent Institute", False),
}


@pytest.fixture
def countries(locales):
    from core.models import Country

    return {
        slug: Country.objects.create(
            name=name, slug=slug, code=code, kind=kind, locale=locales["en"]
        )
        for slug, (name, code, kind) in COUNTRIES.items()
    }


@pytest.fixture
def profiles(locales):
    from experts.models import ExpertProfile

    return {
        key: ExpertProfile.objects.create(
            name=name,
            organisation=organisation,
            position="Adviser",
            email=f"{key}@private.example",
            is_public=public,
            consent_date=datetime.date(2021, 9, 15) if public else None,
            locale=locales["en"],
        )
        for key, (name, organisation, public) in PROFILES.items()
    }


@pytest.fixture
def expert_index(home):
    from experts.models import ExpertGroupIndexPage

    index = ExpertGroupIndexPage(title="Expert groups", slug="expert-groups")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def minutes(db):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title="Minutes of the first meeting")
    document.file.save("minutes.txt", ContentFile(b"Minutes"), save=False)
    document.save()
    return document
