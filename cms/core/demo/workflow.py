"""The demo team: who writes, who reviews, and the two-step workflow between them.

Editors write and translate pages and submit them; they cannot publish or skip
the workflow. Moderators (the reviewers) approve, and may publish. Both work with
the content snippets, images, documents and event sign-ups, and see "Search
problems"; API keys, webhooks, harvest sources and the raw indexing outbox stay
with the Partner managers group and superusers.

Every page goes through "Editorial review" (editors review each other's work, or
a moderator does) and then "Publishing approval" (moderators).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.demo.helpers import DemoContext
from moderation.models import TeamApprovalTask
from moderation.names import (
    EDITORIAL_REVIEW,
    EDITORS,
    MODERATORS,
    PUBLISHING_APPROVAL,
    WORKFLOW_NAME,
)

__all__ = ["WORKFLOW_NAME", "load"]

#: Page permissions on every language home (and so on every page below it).
#: Without "publish", Wagtail offers editors only "Submit to ..." (no way round
#: the review).
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    MODERATORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
_CRUD = ("add", "change", "delete", "view")
#: Model permissions of both groups, "app_label.codename".
MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "simple_translation.submit_translation",
    *(
        f"{app}.{action}_{model}"
        for app, model in (
            ("core", "theme"),
            ("core", "country"),
            ("core", "visiongoal"),
            ("experts", "expertprofile"),
            ("glossary", "glossaryconcept"),
            ("wagtailimages", "image"),
            ("wagtaildocs", "document"),
        )
        for action in _CRUD
    ),
    "wagtailimages.choose_image",
    "wagtaildocs.choose_document",
    # Seminar and conference sign-ups: list, export and cancel.
    "events.view_eventregistration",
    "events.change_eventregistration",
)
#: Images and documents in every collection (Wagtail checks these per collection).
COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
)


def load(ctx: DemoContext) -> None:
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    homes = list(ctx.homes.values())
    for group in (editors, moderators):
        grant(group, homes)
    review = _task(EDITORIAL_REVIEW, editors, moderators)
    publish = _task(PUBLISHING_APPROVAL, moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    workflow.active = True
    workflow.save()
    steps = (review, publish)
    # Tasks of an earlier demo (Wagtail's plain group approval) leave the workflow.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=steps).delete()
    for order, task in enumerate(steps):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for home in homes:
        WorkflowPage.objects.update_or_create(
            page=home, defaults={"workflow": workflow}
        )


def grant(group: Group, homes: list[Page]) -> None:
    """Give ``group`` its demo permissions: pages under ``homes`` only (not the
    tree root Wagtail grants by default), models, and every collection."""
    codenames = PAGE_PERMISSIONS[group.name]
    GroupPagePermission.objects.filter(group=group).exclude(
        page__in=homes, permission__codename__in=codenames
    ).delete()
    for home in homes:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    group.permissions.set(_permissions(MODEL_PERMISSIONS))
    for collection in Collection.objects.all():
        for permission in _permissions(COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def _permissions(names: tuple[str, ...]) -> list[Permission]:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query))
    if len(found) != len(names):
        have = {f"{p.content_type.app_label}.{p.codename}" for p in found}
        raise LookupError(f"missing permissions: {sorted(set(names) - have)}")
    return found


def _task(name: str, *groups: Group) -> TeamApprovalTask:
    task = TeamApprovalTask.objects.filter(name=name).first()
    if task is None:
        # A plain group approval task of an earlier demo gives way to this one.
        for old in Task.objects.filter(name=name, active=True).specific():
            old.deactivate()
        task = TeamApprovalTask.objects.create(name=name)
    task.groups.set(groups)
    return task
