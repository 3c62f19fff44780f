"""Only public content reaches the read model and leaves when it stops being public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from experts.models import ExpertProfile
from indexing.models import OutboxEntry
from search.query import SearchQuery
from tests.cms.indexing.conftest import ids_in_index

pytestmark = pytest.mark.django_db


def titles(backend, text: str, locale: str = "en") -> list[str]:
    results = backend.search(SearchQuery(text=text, locale=locale))
    return [hit.document.title for hit in results.hits]


def test_publish_indexes_and_unpublish_removes(search_backend, drain, make_article):
    article = make_article("Mentoring helps refugees into jobs")
    drain()
    assert titles(search_backend, "mentoring") == ["Mentoring helps refugees into jobs"]
    doc = search_backend.get_many([f"news:{article.pk}"])[0]
    assert doc.url_path == "/en/news/mentoring-helps-refugees-into-jobs/"
    assert doc.locale == "en" and doc.type == "news"

    article.unpublish()
    drain()
    assert titles(search_backend, "mentoring") == []


def test_drafts_are_never_indexed(search_backend, drain, make_article):
    make_article("Unpublished housing draft", publish=False)
    live = make_article("Published housing report")
    live.title = "Secret draft title"
    live.save_revision()  # a newer draft of a live page
    drain()
    assert titles(search_backend, "housing") == ["Published housing report"]
    assert titles(search_backend, "secret") == []


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_private_pages_leave_and_return(
    search_backend, drain, make_article, restriction
):
    article = make_article("Language training pilot")
    drain()
    assert ids_in_index(search_backend, article) == [True]

    rule = PageViewRestriction.objects.create(
        page=article, restriction_type=restriction, password="s3cret"
    )
    drain()
    assert ids_in_index(search_backend, article) == [False]

    rule.delete()
    drain()
    assert ids_in_index(search_backend, article) == [True]


def test_restricted_ancestor_hides_descendants(
    search_backend, drain, make_article, news_index
):
    first = make_article("School welcome classes")
    second = make_article("Welcome class teachers")
    drain()
    PageViewRestriction.objects.create(page=news_index, restriction_type="login")
    drain()
    assert ids_in_index(search_backend, first, second) == [False, False]


def test_group_restriction_hides_page(search_backend, drain, make_article):
    from django.contrib.auth.models import Group

    article = make_article("Internal evaluation")
    drain()
    rule = PageViewRestriction.objects.create(page=article, restriction_type="groups")
    rule.groups.set([Group.objects.get(name="Editors")])
    drain()
    assert ids_in_index(search_backend, article) == [False]


def test_expired_page_leaves_the_index(
    search_backend, drain, make_article, monkeypatch
):
    article = make_article("Time limited offer")
    article.expire_at = timezone.now() + dt.timedelta(hours=1)
    article.save_revision().publish()
    drain()
    assert ids_in_index(search_backend, article) == [True]

    later = timezone.now() + dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled", verbosity=0)
    drain()
    assert ids_in_index(search_backend, article) == [False]


def test_move_under_restricted_section(search_backend, drain, make_article, home):
    from core.models import StandardPage

    internal = StandardPage(title="Internal", slug="internal")
    home.add_child(instance=internal)
    internal.save_revision().publish()
    PageViewRestriction.objects.create(page=internal, restriction_type="login")
    article = make_article("Moved article")
    drain()
    assert ids_in_index(search_backend, article) == [True]

    Page.objects.get(pk=article.pk).move(internal, pos="last-child")
    drain()
    assert ids_in_index(search_backend, article) == [False]


def test_deleted_page_leaves_the_index(search_backend, drain, make_article):
    article = make_article("Short lived")
    drain()
    Page.objects.get(pk=article.pk).delete()
    drain()
    assert ids_in_index(search_backend, article) == [False]


def test_expert_profile_only_while_public(search_backend, drain, locales):
    profile = ExpertProfile.objects.create(
        name="Amina Hassan", locale=locales["en"], organisation="Nordic Forum"
    )
    drain()
    assert search_backend.get_many([f"expert_profile:{profile.pk}"]) == [None]

    profile.is_public = True
    profile.consent_date = dt.date(2026, 1, 5)
    profile.save()
    drain()
    assert (
        search_backend.get_many([f"expert_profile:{profile.pk}"])[0].title
        == "Amina Hassan"
    )

    profile.is_public = False
    profile.save()
    drain()
    assert search_backend.get_many([f"expert_profile:{profile.pk}"]) == [None]


def test_outbox_row_is_written_in_the_publishing_transaction(make_article):
    article = make_article("Atomic", publish=False)
    assert not OutboxEntry.objects.filter(doc_id=f"news:{article.pk}").exists()
    article.save_revision().publish()
    assert (
        OutboxEntry.objects.filter(doc_id=f"news:{article.pk}", action="upsert").count()
        == 1
    )


def test_withdrawn_consent_removes_profile_and_name_from_groups(
    search_backend, drain, home, locales
):
    from core.models import Country
    from experts.models import ExpertGroupPage, ExpertProfile

    denmark = Country.objects.create(
        name="Denmark", slug="denmark", code="DK", locale=locales["en"]
    )
    profile = ExpertProfile.objects.create(
        name="Jonas Berg",
        locale=locales["en"],
        is_public=True,
        consent_date=dt.date(2026, 1, 1),
    )
    danish = profile.copy_for_translation(locales["da"])
    danish.save()
    group = ExpertGroupPage(
        title="Migrant expert forum",
        slug="forum",
        term_start=dt.date(2021, 10, 1),
        term_end=dt.date(2024, 9, 30),
    )
    home.add_child(instance=group)
    group.members.create(profile=profile, role="member", country=denmark)
    group.save_revision().publish()
    drain()
    doc = search_backend.get_many([f"expert_group:{group.pk}"])[0]
    assert [m["name"] for m in doc.payload["members"]] == ["Jonas Berg"]
    assert search_backend.get_many([f"expert_profile:{danish.pk}"])[0] is not None

    danish.is_public = False  # consent withdrawn in the Danish version
    danish.save()
    drain()
    assert search_backend.get_many(
        [f"expert_profile:{profile.pk}", f"expert_profile:{danish.pk}"]
    ) == [None, None]
    doc = search_backend.get_many([f"expert_group:{group.pk}"])[0]
    assert doc.payload["members"] == []
    assert "Jonas Berg" not in doc.body
