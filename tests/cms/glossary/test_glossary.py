"""The staff-edited glossary and the report of searches that found nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from glossary.models import GlossaryConcept
from search.analytics import AnalyticsStore
from search.glossary import Glossary

pytestmark = pytest.mark.django_db


def test_starter_set_loads_once_with_six_languages():
    call_command("load_glossary", verbosity=0)
    count = GlossaryConcept.objects.count()
    assert count >= 150
    call_command("load_glossary", verbosity=0)
    assert GlossaryConcept.objects.count() == count
    refugee = GlossaryConcept.objects.get(key="refugee")
    assert "flygtninge" in refugee.terms()["da"] and refugee.terms()["is"]


def test_rows_feed_the_search_glossary():
    concept = GlossaryConcept.objects.create(
        key="interpreting",
        terms_da="tolkning|tolk",
        terms_sv="tolkning",
        terms_en="interpreting | interpreter",
    )
    row = concept.as_row()
    assert row["en"] == "interpreting|interpreter" and row["nb"] == ""
    glossary = Glossary.from_rows([row])
    assert glossary.to_rows()


def test_concept_needs_two_languages():
    concept = GlossaryConcept(key="lonely", terms_da="ensom")
    with pytest.raises(ValidationError, match="at least two languages"):
        concept.full_clean()


def test_zero_result_report_lists_queries_per_language(admin_client):
    store = AnalyticsStore(settings.HUB_SEARCH_ANALYTICS_DB)
    today = dt.date.today()
    store.record("boligsocial indsats", "da", 0, when=today)
    store.record("boligsocial indsats", "da", 0, when=today)
    store.record("bostadssegregation", "sv", 0, when=today)
    store.flush()
    response = admin_client.get(reverse("zero_result_report"), {"locale": "da"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "boligsocial indsats" in html and "bostadssegregation" not in html
    assert (
        admin_client.get(reverse("zero_result_report"), {"days": "junk"}).status_code
        == 200
    )
