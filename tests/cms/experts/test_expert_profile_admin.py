"""The expert profile listing in the admin: filters by country and expertise."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import Theme


@pytest.fixture
def tagged(locales, countries, profiles):
    labour = Theme.objects.create(
        name="Labour market", slug="labour-market", locale=locales["en"]
    )
    danish_denmark = countries["denmark"].copy_for_translation(locales["da"])
    danish_denmark.name = "Danmark"
    danish_denmark.save()
    profiles["amina"].countries.set([countries["denmark"]])
    profiles["amina"].themes.set([labour])
    profiles["amina"].save()
    translated = profiles["omar"].copy_for_translation(locales["da"])
    translated.save()
    translated.countries.set([danish_denmark])
    translated.save()
    profiles["lina"].countries.set([countries["norway"]])
    profiles["lina"].save()
    return labour


def _listed(client, **params) -> str:
    url = reverse("wagtailsnippets_experts_expertprofile:list")
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_country_filter_matches_every_translation_of_the_country(
    admin_client, tagged, countries
):
    html = _listed(admin_client, country=countries["denmark"].pk, locale="")
    assert "Amina Yusuf" in html and "Omar Haddad" in html
    assert "Lina Petrova" not in html


def test_theme_filter(admin_client, tagged):
    html = _listed(admin_client, theme=tagged.pk)
    assert "Amina Yusuf" in html
    assert "Lina Petrova" not in html


def test_consent_filter(admin_client, profiles):
    html = _listed(admin_client, is_public="false")
    assert "Zarina Undisclosed" in html
    assert "Amina Yusuf" not in html
