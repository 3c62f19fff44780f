"""Translations made in the admin stay linked, and carry their taxonomy along."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import StandardPage, Theme


@pytest.fixture
def translated_homes(home, locales):
    homes = {"en": home}
    for code in ("da", "sv"):
        copy = home.copy_for_translation(locales[code])
        copy.save_revision().publish()
        homes[code] = copy
    return homes


@pytest.fixture
def housing(locales):
    english = Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])
    danish = english.copy_for_translation(locales["da"])
    danish.name = "Bolig"
    danish.save()
    return {"en": english, "da": danish}


def test_submit_translation_in_admin_creates_linked_page(
    admin_client, translated_homes, locales, housing
):
    page = StandardPage(title="Housing policy", slug="housing-policy")
    translated_homes["en"].add_child(instance=page)
    page.themes.set([housing["en"]])
    page.save_revision().publish()

    url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    response = admin_client.post(url, {"locales": [locales["da"].pk, locales["sv"].pk]})
    assert response.status_code == 302

    translations = {p.locale.language_code: p for p in page.get_translations()}
    assert set(translations) == {"da", "sv"}
    danish = translations["da"].specific
    assert danish.translation_key == page.translation_key
    assert danish.get_parent().pk == translated_homes["da"].pk
    assert danish.get_translation(locales["en"]).pk == page.pk

    # The Danish editor sees the Danish term ticked, and saving keeps it.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[danish.pk]))
    form = edit.context["form"]
    assert list(form.fields["themes"].queryset) == [housing["da"]]
    assert form.initial["themes"] == [housing["da"].pk]


def test_snippet_translations_share_a_key(housing, locales):
    assert housing["da"].translation_key == housing["en"].translation_key
    assert housing["da"].get_translation(locales["en"]) == housing["en"]
    assert housing["en"].slug == housing["da"].slug == "housing"
