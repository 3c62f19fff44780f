"""The demo site's two-step moderation workflow: editorial review, then publishing."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from core.demo.helpers import DemoContext

WORKFLOW_NAME = "Review and publish"


def load(ctx: DemoContext) -> None:
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    review = _task("Editorial review", editors, moderators)
    publish = _task("Publishing approval", moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    workflow.active = True
    workflow.save()
    for order, task in enumerate((review, publish)):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for home in ctx.homes.values():
        WorkflowPage.objects.update_or_create(
            page=home, defaults={"workflow": workflow}
        )


def _task(name: str, *groups: Group) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.set(groups)
    return task
