"""The admin report of missing and outdated translations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.models import StandardPage, Theme
from core.translation_report import translation_report


@pytest.fixture
def programme(home):
    page = StandardPage(title="Programme", slug="programme", lead="About the programme")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def danish_home(home, locales):
    danish = home.copy_for_translation(locales["da"])
    danish.save_revision().publish()
    return danish


def test_missing_page_and_snippet_translations_are_listed(
    programme, danish_home, locales
):
    Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])
    rows = translation_report(locales["da"])
    missing = {(r.kind, r.title) for r in rows if r.status == "missing"}
    assert ("page", "Programme") in missing
    assert ("theme", "Housing") in missing
    assert ("page", "Integration Norden") not in missing  # the home page is translated


def test_translation_older_than_its_source_is_outdated(programme, danish_home, locales):
    danish = programme.copy_for_translation(locales["da"])
    danish.save_revision().publish()
    danish.refresh_from_db()
    assert not [r for r in translation_report(locales["da"]) if r.title == "Programme"]

    programme.lead = "Changed after the translation"
    revision = programme.save_revision()
    revision.publish()
    StandardPage.objects.filter(pk=programme.pk).update(
        last_published_at=danish.last_published_at + dt.timedelta(hours=1)
    )
    outdated = [r for r in translation_report(locales["da"]) if r.status == "outdated"]
    assert [(r.title, r.translation_pk) for r in outdated] == [("Programme", danish.pk)]


def test_report_page_and_csv_export(admin_client, programme, danish_home, locales):
    url = reverse("translation_report")
    response = admin_client.get(url, {"locale": "da"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Programme" in html
    assert (
        reverse("simple_translation:submit_page_translation", args=[programme.pk])
        in html
    )

    export = admin_client.get(url, {"locale": "da", "export": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0].startswith("status,kind,title")
    assert any(line.startswith("missing,page,Programme") for line in lines)


def test_report_requires_admin_access(client, locales):
    response = client.get(reverse("translation_report"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
