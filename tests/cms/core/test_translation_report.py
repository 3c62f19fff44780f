"""The admin report of missing and outdated translations."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

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


def _rows(html: str, heading_id: str) -> list[list[str]]:
    """The cells of the table under the heading ``heading_id``, as text."""
    table = html.split(f'aria-labelledby="{heading_id}"')[1].split("</table>")[0]
    return [
        [
            " ".join(strip_tags(cell).split())
            for cell in re.findall(r"<td\b.*?</td>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1], re.S)
    ]


@pytest.fixture
def outdated_contact(programme, danish_home, locales, home):
    """A page whose Danish translation is older than it, created after Programme
    (so that pages in tree order would list it after the missing Programme)."""
    contact = StandardPage(title="Contact", slug="contact", lead="Write to us")
    home.add_child(instance=contact)
    contact.save_revision().publish()
    danish = contact.copy_for_translation(locales["da"])
    danish.save_revision().publish()
    danish.refresh_from_db()
    StandardPage.objects.filter(pk=contact.pk).update(
        last_published_at=danish.last_published_at + dt.timedelta(hours=1)
    )
    return danish


def test_report_is_titled_and_lists_outdated_translations_first(
    admin_client, outdated_contact, locales
):
    Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])

    rows = translation_report(locales["da"])
    pairs = [(r.status, r.title) for r in rows]
    assert pairs[0] == ("outdated", "Contact")
    assert ("missing", "Programme") in pairs and ("missing", "Housing") in pairs
    assert {status for status, _ in pairs[1:]} == {"missing"}

    html = admin_client.get(reverse("translation_report"), {"locale": "da"}).content
    html = html.decode()
    assert "<title>Translations" in html
    # The slim header's breadcrumbs end with the report, not with "Home".
    crumbs = html.split('class="w-breadcrumbs')[1].split("</nav>")[0]
    assert "Translations" in strip_tags(crumbs)
    assert html.index('id="outdated"') < html.index('id="missing"')
    assert _rows(html, "outdated")[0][:2] == ["Contact", "Standard page"]
    assert reverse("wagtailadmin_pages:edit", args=[outdated_contact.pk]) in html


def test_report_names_languages_in_the_admin_language(
    admin_client, admin_user, programme, danish_home, locales
):
    html = admin_client.get(reverse("translation_report"), {"locale": "da"})
    missing = _rows(html.content.decode(), "missing")
    assert ["Programme", "Standard page", "English", "Translate"] in missing
    assert not any("en" in row[2:3] for row in missing)  # no bare codes
    assert '<option value="da" selected>Danish</option>' in html.content.decode()

    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "da"
    profile.save()
    html = admin_client.get(reverse("translation_report"), {"locale": "sv"})
    missing = _rows(html.content.decode(), "missing")
    assert any(row[0] == "Programme" and row[2] == "Engelsk" for row in missing)
    assert "Svensk" in html.content.decode()


def test_report_filters_by_type(admin_client, programme, danish_home, locales):
    Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])
    url = reverse("translation_report")

    themes = admin_client.get(url, {"locale": "da", "type": "core.theme"})
    titles = [row[0] for row in _rows(themes.content.decode(), "missing")]
    assert titles == ["Housing"]
    assert '<option value="core.theme" selected>Theme</option>' in (
        themes.content.decode()
    )

    pages = admin_client.get(url, {"locale": "da", "type": "pages"})
    titles = [row[0] for row in _rows(pages.content.decode(), "missing")]
    assert "Programme" in titles and "Housing" not in titles

    standard = admin_client.get(url, {"locale": "da", "type": "core.standardpage"})
    assert [row[0] for row in _rows(standard.content.decode(), "missing")] == [
        "Programme"
    ]
    # The CSV export keeps the filter.
    export = admin_client.get(
        url, {"locale": "da", "type": "core.theme", "export": "csv"}
    )
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[1:] == ["missing,theme,Housing,en,,"]


def test_snippets_have_a_translate_action(admin_client, locales, danish_home):
    theme = Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])
    html = admin_client.get(reverse("translation_report"), {"locale": "da"})
    url = reverse(
        "simple_translation:submit_snippet_translation",
        args=["core", "theme", theme.pk],
    )
    assert f'<a href="{url}">Translate</a>' in html.content.decode()
    # The action leads to a working translate form for that snippet.
    form = admin_client.get(url)
    assert form.status_code == 200 and "Housing" in form.content.decode()


def test_editor_without_translate_permission_gets_no_translate_links(
    editor_client, programme, danish_home
):
    html = editor_client.get(reverse("translation_report"), {"locale": "da"})
    assert html.status_code == 200
    assert "Programme" in html.content.decode()
    assert "/admin/translation/submit/" not in html.content.decode()
