"""Two-step moderation, scheduled publishing and expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import streamfield

from core.demo import workflow as demo_workflow
from core.demo.helpers import DemoContext
from core.models import StandardPage
from tests.cms.admin_flow import page_form


def member_of(name: str, *groups: str) -> User:
    user = User.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def workflow_site(home):
    demo_workflow.load(DemoContext(homes={"en": home}))
    return home


def test_demo_workflow_has_review_then_publish(workflow_site):
    workflow = workflow_site.get_workflow()
    assert [t.name for t in workflow.tasks] == [
        "Editorial review",
        "Publishing approval",
    ]


def test_page_goes_live_only_after_both_steps(client, workflow_site):
    writer = member_of("writer", "Editors")
    reviewer = member_of("reviewer", "Editors")
    publisher = member_of("publisher", "Moderators")

    client.force_login(writer)
    data = page_form(
        "Seminar report", "seminar-report", {"lead": "Lessons", "body": streamfield([])}
    )
    data["action-submit"] = "Submit"
    url = reverse(
        "wagtailadmin_pages:add", args=["core", "standardpage", workflow_site.pk]
    )
    assert client.post(url, data).status_code == 302
    page = StandardPage.objects.get(slug="seminar-report")
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk)
    )
    assert not page.live and state.current_task_state.task.name == "Editorial review"

    for user, expected_task in ((reviewer, "Publishing approval"), (publisher, None)):
        client.force_login(user)
        task_state = state.current_task_state
        approve = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        )
        response = client.post(approve, {"comment": ""})
        assert response.status_code in (200, 302)
        state.refresh_from_db()
        if expected_task:
            assert state.current_task_state.task.name == expected_task
            assert not Page.objects.get(pk=page.pk).live

    page.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED


def test_scheduled_page_goes_live_and_expires(home):
    page = StandardPage(title="Embargoed", slug="embargoed", live=False)
    home.add_child(instance=page)
    soon = timezone.now() + dt.timedelta(hours=1)
    page.go_live_at = soon
    page.expire_at = soon + dt.timedelta(days=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet public

    with _now(soon + dt.timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live

    with _now(soon + dt.timedelta(days=2)):
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live and page.expired


class _now:
    """Move Django's clock for the commands above (they compare with timezone.now)."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __enter__(self):
        self._patch = pytest.MonkeyPatch()
        self._patch.setattr(timezone, "now", lambda: self.moment)
        return self

    def __exit__(self, *exc):
        self._patch.undo()
