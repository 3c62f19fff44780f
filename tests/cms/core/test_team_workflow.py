"""The demo team in the real admin: editors submit, reviewers decide on every
language version of an item at once, and each decision is confirmed in words."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import streamfield
from wagtail.users.models import UserProfile

from core.demo import workflow as demo_workflow
from core.demo.helpers import DemoContext
from core.models import StandardPage
from tests.cms.admin_flow import page_form
from tests.cms.core.test_ui_translations import compiled_catalogues  # noqa: F401

LANGUAGES = ("da", "nb", "sv")


@pytest.fixture
def team(home, locales):
    """Language homes in the demo workflow, and the demo accounts."""
    homes = {"en": home}
    for code in LANGUAGES:
        copy = home.copy_for_translation(locales[code])
        copy.save_revision().publish()
        homes[code] = copy
    demo_workflow.load(DemoContext(homes=homes))
    out = StringIO()
    call_command("create_demo_editor", stdout=out)
    users = get_user_model().objects
    return {
        "homes": homes,
        "editor": users.get(username="editor"),
        "reviewer": users.get(username="reviewer"),
        "admin": users.get(username="admin"),
        "printed": out.getvalue(),
    }


@pytest.fixture
def article(team, locales):
    """A Danish article with Norwegian and Swedish translations, all drafts."""
    danish = StandardPage(title="Velkomstkurser", slug="velkomstkurser", live=False)
    team["homes"]["da"].add_child(instance=danish)
    danish.save_revision(user=team["editor"])
    versions = {"da": danish}
    titles = {"nb": "Velkomstkurs", "sv": "Välkomstkurser"}
    for code in ("nb", "sv"):
        copy = danish.copy_for_translation(locales[code])
        copy.title = titles[code]
        copy.save_revision(user=team["editor"])
        versions[code] = copy
    return versions


def submit_all(client, team, versions) -> None:
    """The editor submits each language version from the page editor."""
    client.force_login(team["editor"])
    for page in versions.values():
        data = page_form(page.title, page.slug, {"lead": "", "body": streamfield([])})
        data["action-submit"] = "Submit"
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = client.post(url, data, follow=True)
        assert response.redirect_chain[0][1] == 302
        submitted, next_step = shown_messages(response)
        assert "has been submitted for moderation" in submitted
        # ...and who reviews it.
        assert next_step.startswith(f"“{page.title}” (")
        assert next_step.endswith(
            "waits for “Editorial review”, by Editors, Moderators."
        )


def task_state(page: Page) -> TaskState:
    state = WorkflowState.objects.get(
        base_content_type__isnull=False,
        object_id=str(page.pk),
        status__in=(
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ),
    )
    return state.current_task_state


def decide(client, page: Page, action: str, comment: str = ""):
    """A decision from the dashboard's action menu (Wagtail's workflow action view)."""
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, task_state(page).pk],
    )
    return client.post(url, {"comment": comment}, follow=True)


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)] or [
        str(message) for message in response.context["messages"]
    ]


def test_the_demo_accounts_are_a_team_not_superusers(team):
    editor, reviewer, admin = team["editor"], team["reviewer"], team["admin"]
    assert not editor.is_superuser and not reviewer.is_superuser
    assert [g.name for g in editor.groups.all()] == ["Editors"]
    assert [g.name for g in reviewer.groups.all()] == ["Moderators"]
    assert admin.is_superuser
    for name in ("editor", "reviewer", "admin"):
        assert f"user: {name}" in team["printed"]
    assert "password: nordic-demo-2026" in team["printed"]
    # The editor translates; technical and partner screens are not theirs.
    assert editor.has_perm("simple_translation.submit_translation")
    assert editor.has_perm("events.view_eventregistration")
    for permission in (
        "partners.view_apikey",
        "webhooks.view_webhookendpoint",
        "harvest.view_externalsource",
        "indexing.view_outboxentry",
    ):
        assert not editor.has_perm(permission), permission
        assert not reviewer.has_perm(permission), permission


def test_the_editors_menu_has_search_problems_and_no_technical_screens(client, team):
    client.force_login(team["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_problems") in html
    for url in (
        reverse("indexing_outbox:index"),
        reverse("harvest_sources:index"),
    ):
        assert url not in html
    assert client.get(reverse("search_problems")).status_code == 200
    assert client.get(reverse("indexing_outbox:index")).status_code == 302


def test_the_editor_can_only_submit_and_the_reviewer_can_publish(client, team):
    page = StandardPage(title="Sprogcaféer", slug="sprogcafeer", live=False)
    team["homes"]["da"].add_child(instance=page)
    page.save_revision(user=team["editor"])
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])

    client.force_login(team["editor"])
    html = client.get(edit).content.decode()
    assert "Submit to Review and publish" in html
    assert 'name="action-publish"' not in html
    # Asking to publish anyway only saves a draft.
    data = page_form(page.title, page.slug, {"lead": "", "body": streamfield([])})
    client.post(edit, {**data, "action-publish": "action-publish"})
    assert not Page.objects.get(pk=page.pk).live

    client.force_login(team["reviewer"])
    assert 'name="action-publish"' in client.get(edit).content.decode()


def test_the_reviewer_approves_all_languages_in_one_action_and_they_go_live(
    client, team, article
):
    submit_all(client, team, article)
    danish = article["da"]
    client.force_login(team["reviewer"])

    # The reviewer's dashboard lists the three, with the all-languages actions.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard
    for page in article.values():
        assert page.title in dashboard
    assert "Approve all languages" in dashboard
    assert "Request changes on all languages" in dashboard

    response = decide(client, danish, "approve_all")
    assert response.status_code == 200
    assert shown_messages(response) == [
        "Approved: “Velkomstkurser” (Danish), “Velkomstkurs” (Norwegian (bokmål)), "
        "“Välkomstkurser” (Swedish). Next: “Publishing approval”, by Moderators."
    ]
    for page in article.values():
        assert task_state(page).task.name == "Publishing approval"
        assert not Page.objects.get(pk=page.pk).live

    # At the last step the action says it publishes.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[danish.pk]))
    assert "Approve and publish all languages" in html.content.decode()

    response = decide(client, article["sv"], "approve_all")
    assert shown_messages(response) == [
        "Approved and published: “Velkomstkurser” (Danish), "
        "“Velkomstkurs” (Norwegian (bokmål)), “Välkomstkurser” (Swedish)."
    ]
    for page in article.values():
        assert Page.objects.get(pk=page.pk).live
        assert WorkflowState.objects.filter(
            object_id=str(page.pk), status=WorkflowState.STATUS_APPROVED
        ).exists()


def test_a_single_approval_is_confirmed_and_names_who_reviews_next(
    client, team, article
):
    submit_all(client, team, article)
    client.force_login(team["reviewer"])
    response = decide(client, article["nb"], "approve")
    assert shown_messages(response) == [
        "Approved: “Velkomstkurs” (Norwegian (bokmål)). "
        "Next: “Publishing approval”, by Moderators."
    ]
    # The other two still wait in the first step.
    assert task_state(article["da"]).task.name == "Editorial review"
    assert task_state(article["sv"]).task.name == "Editorial review"


def test_the_reviewer_requests_changes_on_all_languages(client, team, article):
    submit_all(client, team, article)
    client.force_login(team["reviewer"])
    response = decide(client, article["da"], "reject_all", comment="Check the dates")
    assert shown_messages(response) == [
        "Changes requested: “Velkomstkurser” (Danish), “Velkomstkurs” "
        "(Norwegian (bokmål)), “Välkomstkurser” (Swedish). Demo Editor can change "
        "it and send it to “Editorial review” again."
    ]
    for page in article.values():
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert state.current_task_state.comment == "Check the dates"
        assert not Page.objects.get(pk=page.pk).live

    # The editor's dashboard shows their items back with them.
    client.force_login(team["editor"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your pages and snippets in a workflow" in dashboard
    for page in article.values():
        assert page.title in dashboard


def test_approving_all_languages_in_the_page_editor_is_confirmed(client, team, article):
    submit_all(client, team, article)
    client.force_login(team["reviewer"])
    danish = article["da"]
    data = page_form(danish.title, danish.slug, {"lead": "", "body": streamfield([])})
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve_all"
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[danish.pk]), data, follow=True
    )
    texts = shown_messages(response)
    assert texts[-1].startswith("Approved: “Velkomstkurser” (Danish), ")
    assert texts[-1].endswith("Next: “Publishing approval”, by Moderators.")
    for page in article.values():
        assert task_state(page).task.name == "Publishing approval"


def test_the_editor_cannot_decide_and_the_outcome_page_tells_nothing_to_others(
    client, team, article
):
    submit_all(client, team, article)
    client.force_login(team["reviewer"])
    response = decide(client, article["da"], "approve")
    decided = task_state(article["da"]).workflow_state.task_states.order_by("pk")[0]

    # An editor may review in the first step, but not in publishing approval.
    client.force_login(team["editor"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[article["da"].pk, "approve_all", task_state(article["da"]).pk],
    )
    refused = client.post(url, {"comment": ""}, follow=True)
    assert "permission" in shown_messages(refused)[0]
    assert task_state(article["da"]).status == TaskState.STATUS_IN_PROGRESS
    # Someone else's decision is not announced to the editor.
    outcome = client.get(
        reverse("moderation_outcome") + f"?states={decided.pk},x", follow=True
    )
    assert outcome.status_code == 200
    assert shown_messages(outcome) == []
    assert response.status_code == 200


@pytest.mark.usefixtures("compiled_catalogues")
def test_workflow_names_and_confirmations_read_in_danish(client, team, article):
    submit_all(client, team, article)
    profile = UserProfile.get_for_user(team["editor"])
    profile.preferred_language = "da"
    profile.save()
    client.force_login(team["editor"])
    page = StandardPage(title="Ny side", slug="ny-side", live=False)
    team["homes"]["da"].add_child(instance=page)
    page.save_revision(user=team["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    assert "Indsend til Gennemsyn og udgivelse" in html.decode()

    profile = UserProfile.get_for_user(team["reviewer"])
    profile.preferred_language = "da"
    profile.save()
    client.force_login(team["reviewer"])
    response = decide(client, article["da"], "approve_all")
    assert shown_messages(response) == [
        "Godkendt: “Velkomstkurser” (Dansk), “Velkomstkurs” (Norsk (bokmål)), "
        "“Välkomstkurser” (Svensk). Næste: “Godkendelse til udgivelse”, af "
        "Moderatorer."
    ]
    # The database keeps the English names, whatever language showed them.
    workflow = team["homes"]["da"].get_workflow()
    workflow.save()
    assert WorkflowState.objects.first().workflow.name == "Review and publish"
    assert (
        type(workflow).objects.filter(name="Review and publish").get().pk == workflow.pk
    )
