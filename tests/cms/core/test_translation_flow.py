"""Translate in the real admin: where the editor lands, and the source panel."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import Page

from core.models import StandardPage, Theme, TranslationOrigin


@pytest.fixture
def translated_homes(home, locales):
    """Norwegian and Swedish homes, so that pages below home can be translated."""
    for code in ("nb", "sv"):
        home.copy_for_translation(locales[code]).save_revision().publish()
    return home


@pytest.fixture
def programme(translated_homes):
    page = StandardPage(
        title="Programme", slug="programme", lead="The programme runs to 2030."
    )
    translated_homes.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate_url(page: Page) -> str:
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def ids(*locales) -> list[str]:
    return [str(locale.pk) for locale in locales]


def origin_revision(page: Page, locale) -> int:
    return TranslationOrigin.objects.get(
        translation_key=page.translation_key, locale=locale
    ).source_revision_id


def panel(html: str) -> str:
    """The text of the "Translation of …" panel of an edit view."""
    match = re.search(r"<section[^>]*data-translation-source.*?</section>", html, re.S)
    assert match, "the edit view shows no source panel"
    return " ".join(strip_tags(match.group(0)).split())


def test_translate_into_one_locale_opens_the_new_draft(
    admin_client, programme, locales
):
    response = admin_client.post(
        translate_url(programme), {"locales": ids(locales["nb"])}
    )
    norwegian = programme.get_translation(locales["nb"])
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[norwegian.pk]
    )
    assert not norwegian.live  # a draft until the editor publishes it


def test_translate_into_two_locales_lists_both_drafts(admin_client, programme, locales):
    response = admin_client.post(
        translate_url(programme), {"locales": ids(locales["nb"], locales["sv"])}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("translation_flow_created_page", args=[programme.pk])
    )
    listing = admin_client.get(response["Location"])
    assert listing.status_code == 200
    html = listing.content.decode()
    for code, language in (("nb", "Norwegian"), ("sv", "Swedish")):
        draft = programme.get_translation(locales[code])
        edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
        row = re.search(rf"<tr>\s*<td>{language}[^<]*</td>.*?</tr>", html, re.S)
        assert row, f"no {language} row"
        assert edit_url in row.group(0) and "Programme" in row.group(0)
    # the success message names the languages
    assert "created in Norwegian (bokmål), Swedish" in html


def test_translate_with_subpages_lists_the_copied_subpages(
    admin_client, programme, locales
):
    child = StandardPage(title="Calls for projects", slug="calls", lead="Open calls")
    programme.add_child(instance=child)
    child.save_revision().publish()
    response = admin_client.post(
        translate_url(programme),
        {"locales": ids(locales["nb"], locales["sv"]), "include_subtree": "on"},
    )
    html = admin_client.get(response["Location"]).content.decode()
    for code in ("nb", "sv"):
        copy = child.get_translation(locales[code])
        assert reverse("wagtailadmin_pages:edit", args=[copy.pk]) in html
    assert html.count("↳ Calls for projects") == 2  # under each language's page


def test_refused_input_gives_form_errors_not_errors_of_the_server(
    admin_client, programme, locales
):
    url = translate_url(programme)
    nothing = admin_client.post(url, {"locales": []})
    assert nothing.status_code == 200
    assert nothing.context["form"].errors["locales"]

    # Finnish is greyed out (home has no Finnish version); a forged post is refused.
    finnish = admin_client.post(url, {"locales": ids(locales["fi"])})
    assert finnish.status_code == 200
    assert "Translate the parent page into Finnish first" in str(
        finnish.context["form"].errors
    )
    assert not StandardPage.objects.filter(locale=locales["fi"]).exists()

    admin_client.post(url, {"locales": ids(locales["nb"])})
    again = admin_client.post(url, {"locales": ids(locales["nb"])})
    assert again.status_code == 200 and again.context["form"].errors["locales"]

    assert admin_client.post(url, {"locales": ["not-a-number"]}).status_code == 200
    missing = reverse("simple_translation:submit_page_translation", args=[999999])
    gone = admin_client.post(missing, {"locales": ids(locales["nb"])}, follow=True)
    assert gone.status_code == 404  # (after LocaleMiddleware's language prefix)
    listing = reverse("translation_flow_created_page", args=[programme.pk])
    assert admin_client.get(listing, {"locale": ["xx", "nb"]}).status_code == 200


def test_translating_records_the_source_and_its_revision(
    admin_client, programme, locales
):
    admin_client.post(translate_url(programme), {"locales": ids(locales["nb"])})
    origin = TranslationOrigin.objects.get(
        translation_key=programme.translation_key, locale=locales["nb"]
    )
    programme.refresh_from_db()
    assert origin.source_locale == locales["en"]
    assert origin.source_revision_id == programme.live_revision_id is not None
    assert origin.source_content["lead"] == "The programme runs to 2030."


def test_source_panel_shows_the_source_and_what_changed_in_it(
    admin_client, programme, locales
):
    admin_client.post(translate_url(programme), {"locales": ids(locales["nb"])})
    norwegian = programme.get_translation(locales["nb"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[norwegian.pk])

    before = panel(admin_client.get(edit_url).content.decode())
    assert "Translation of “Programme” (English)" in before
    assert "The source has not changed since this translation was made." in before
    assert "The programme runs to 2030." in before  # the source's fields
    html = admin_client.get(edit_url).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[programme.pk]) in html

    programme.refresh_from_db()
    programme.title = "Programme 2025-2030"
    programme.lead = "The programme runs from 2025 to 2030."
    programme.save_revision().publish()

    html = admin_client.get(edit_url).content.decode()
    after = panel(html)
    assert "Translation of “Programme 2025-2030” (English)" in after
    assert "2 fields" in after
    changes = html.split("data-translation-changes")[1].split("<details")[0]
    assert "Lead" in changes and "Title" in changes
    assert "The programme runs to 2030." in strip_tags(changes)  # old text
    assert "from 2025" in strip_tags(changes)  # new text
    assert "Slug" not in strip_tags(changes)  # unchanged fields are not listed
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[programme.pk, origin_revision(programme, locales["nb"]), "latest"],
    )
    assert compare in html
    assert admin_client.get(compare).status_code == 200


def test_the_source_itself_shows_no_panel(admin_client, programme, locales):
    admin_client.post(translate_url(programme), {"locales": ids(locales["nb"])})
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[programme.pk])
    ).content.decode()
    assert "data-translation-source" not in html


def test_translation_made_before_origins_were_recorded_still_shows_its_source(
    admin_client, programme, locales
):
    swedish = programme.copy_for_translation(locales["sv"])
    TranslationOrigin.objects.all().delete()
    text = panel(
        admin_client.get(
            reverse("wagtailadmin_pages:edit", args=[swedish.pk])
        ).content.decode()
    )
    assert "Translation of “Programme” (English)" in text
    assert "compare it with the source by hand" in text


@pytest.fixture
def housing(locales):
    return Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])


def snippet_translate_url(theme: Theme) -> str:
    return reverse(
        "simple_translation:submit_snippet_translation",
        args=["core", "theme", theme.pk],
    )


def test_snippet_translate_opens_the_draft_or_lists_the_drafts(
    admin_client, housing, locales
):
    one = admin_client.post(
        snippet_translate_url(housing), {"locales": ids(locales["da"])}
    )
    danish = housing.get_translation(locales["da"])
    assert one["Location"] == reverse(
        "wagtailsnippets_core_theme:edit", args=[danish.pk]
    )

    two = admin_client.post(
        snippet_translate_url(housing), {"locales": ids(locales["fi"], locales["is"])}
    )
    assert two["Location"].startswith(
        reverse("translation_flow_created_snippet", args=["core", "theme", housing.pk])
    )
    html = admin_client.get(two["Location"]).content.decode()
    for code in ("fi", "is"):
        edit = reverse(
            "wagtailsnippets_core_theme:edit",
            args=[housing.get_translation(locales[code]).pk],
        )
        assert edit in html
    assert "Finnish" in html and "Icelandic" in html


def test_snippet_edit_view_shows_its_source_and_changes(admin_client, housing, locales):
    admin_client.post(snippet_translate_url(housing), {"locales": ids(locales["da"])})
    danish = housing.get_translation(locales["da"])
    housing.name = "Housing and neighbourhoods"
    housing.save()
    html = admin_client.get(
        reverse("wagtailsnippets_core_theme:edit", args=[danish.pk])
    ).content.decode()
    text = panel(html)
    assert "Translation of “Housing and neighbourhoods” (English)" in text
    changes = strip_tags(html.split("data-translation-changes")[1].split("<details")[0])
    assert "Housing and neighbourhoods" in changes


def test_editor_without_translate_permission_cannot_open_the_drafts_list(
    editor_client, programme
):
    url = reverse("translation_flow_created_page", args=[programme.pk])
    assert editor_client.get(url).status_code in (302, 403)


def test_translation_whose_source_was_deleted_opens_without_a_panel(
    admin_client, programme, locales
):
    admin_client.post(translate_url(programme), {"locales": ids(locales["nb"])})
    norwegian = programme.get_translation(locales["nb"])
    programme.delete()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[norwegian.pk]))
    assert response.status_code == 200
    assert "data-translation-source" not in response.content.decode()


def test_the_flow_speaks_the_editors_language(
    admin_client, admin_user, programme, locales
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "da"
    profile.save()
    response = admin_client.post(
        translate_url(programme), {"locales": ids(locales["nb"], locales["sv"])}
    )
    listing = admin_client.get(response["Location"]).content.decode()
    assert "Nye oversættelser" in listing
    assert "De forbliver kladder, indtil du udgiver dem." in listing
    norwegian = programme.get_translation(locales["nb"])
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[norwegian.pk])
    ).content.decode()
    assert "Oversættelse af “Programme” (Engelsk)" in panel(html)
    assert "Kilden er ikke ændret" in panel(html)
