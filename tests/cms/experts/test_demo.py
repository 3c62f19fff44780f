"""The experts demo loader: complete, consistent with the editor's rules, idempotent."""

from __future__ import annotations

import gc

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from core.demo import site
from core.demo.helpers import DemoContext
from experts import demo
from experts.models import (
    ExpertGroupChair,
    ExpertGroupMeeting,
    ExpertGroupMember,
    ExpertGroupPage,
    ExpertProfile,
)


def _load() -> DemoContext:
    ctx = DemoContext()
    site.load(ctx)
    demo.load(ctx)
    return ctx


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            ExpertProfile,
            ExpertGroupMember,
            ExpertGroupChair,
            ExpertGroupMeeting,
        )
    }


@pytest.fixture
def loaded(db) -> DemoContext:
    return _load()


def test_loading_twice_duplicates_nothing(loaded):
    before = _counts()
    ctx = _load()
    assert _counts() == before
    assert ctx.pages["expert-forum-en"].pk == loaded.pages["expert-forum-en"].pk


def test_forum_has_two_members_per_country_in_four_languages(loaded):
    forum = loaded.pages["expert-forum-en"]
    assert forum.members.count() == 16
    assert forum.missing_seats() == {}
    assert all(len(m) <= 2 for m in forum.members_by_country().values())
    assert [c.year for c in forum.chairs_by_year()] == [2022, 2023, 2024]
    languages = {
        page.locale.language_code for page in forum.get_translations(inclusive=True)
    }
    assert languages == {"en", "da", "nb", "sv"}
    danish = loaded.pages["expert-forum-da"]
    assert {m.country.locale.language_code for m in danish.members.all()} == {"da"}


def test_groups_fill_their_seats_and_chairs_follow_the_presidency(loaded):
    group = loaded.pages["labour-market-expert-group-en"]
    assert group.missing_seats() == {}
    counts = [len(m) for m in group.members_by_country().values()]
    assert max(counts) == 3
    for page in ExpertGroupPage.objects.all():
        seats = {m.profile_id: m.country for m in page.members.all()}
        for chair in page.chairs.all():
            assert seats[chair.chair_id] == chair.presidency_country


# Wagtail leaves the temporary file of a new JPEG rendition (the editor's thumbnail
# of the main image) for the garbage collector, which warns about it.
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <_io.FileIO:pytest.PytestUnraisableExceptionWarning"
)
def test_demo_groups_pass_the_editor_validation(admin_client, loaded):
    for page in ExpertGroupPage.objects.all():
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
        # The body editor is drawn by JavaScript; the rules under test are elsewhere.
        data.update(nested_form_data({"body": streamfield([])}))
        preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = admin_client.post(preview, data)
        assert response.json()["is_valid"], (page.title, page.locale)
    gc.collect()


def test_demo_shows_consent_without_publishing_hidden_profiles(client, loaded):
    hidden = ExpertProfile.objects.filter(is_public=False)
    assert hidden.exists()
    for key in ("expert-forum-en", "expert-forum-sv", "expert-groups-da"):
        response = client.get(loaded.pages[key].url)
        assert response.status_code == 200
        html = response.content.decode()
        for profile in hidden:
            assert profile.name not in html
            assert profile.organisation not in html
    assert "Layla Hassan" in client.get(loaded.pages["expert-groups-da"].url).text
