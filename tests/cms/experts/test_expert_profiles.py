"""The public queryset and language choice for expert profiles."""

from __future__ import annotations

import datetime

from experts.models import ExpertProfile


def _translate(profile: ExpertProfile, locale, **fields) -> ExpertProfile:
    translated = profile.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


def test_public_leaves_out_profiles_without_consent(profiles):
    names = set(ExpertProfile.objects.public().values_list("name", flat=True))
    assert "Zarina Undisclosed" not in names
    assert "Amina Yusuf" in names


def test_for_locale_prefers_the_translation_and_falls_back_to_english(
    locales, profiles
):
    danish = _translate(profiles["amina"], locales["da"], position="Rådgiver")
    chosen = ExpertProfile.objects.public().for_locale(locales["da"])
    assert danish in chosen
    assert profiles["amina"] not in chosen
    assert profiles["lina"] in chosen
    assert chosen.count() == 6


def test_for_locale_never_offers_a_hidden_translation(locales, profiles):
    _translate(profiles["hidden"], locales["da"])
    chosen = ExpertProfile.objects.public().for_locale(locales["da"])
    assert not chosen.filter(name="Zarina Undisclosed").exists()


def test_hiding_one_language_version_hides_every_version(locales, profiles):
    amina = profiles["amina"]
    _translate(amina, locales["da"], is_public=False)
    assert not ExpertProfile.objects.public().filter(name="Amina Yusuf").exists()
    assert amina.public_version(locales["da"].pk) is None
    assert amina.public_version() is None


def test_public_version_is_none_without_consent(locales, profiles):
    assert profiles["hidden"].public_version(locales["en"].pk) is None
    assert profiles["lina"].public_version(locales["da"].pk) == profiles["lina"]


def test_public_version_prefers_a_public_translation(locales, profiles):
    danish = _translate(
        profiles["amina"], locales["da"], consent_date=datetime.date(2021, 9, 1)
    )
    assert profiles["amina"].public_version(locales["da"].pk) == danish


def test_language_labels_follow_the_choices(profiles):
    profile = profiles["amina"]
    profile.languages = ["en", "ar", "da"]
    assert profile.language_labels() == ["Danish", "English", "Arabic"]
