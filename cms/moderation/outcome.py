"""What a review decision did, told to the reviewer: which language versions, and
who has the item next."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_latest_str, get_user_display_name
from wagtail.models import Locale, TaskState, WorkflowState

from moderation.names import group_label

#: Attribute on the acting user where a decision taken in the page editor waits
#: for the editor's "after edit" hook (the task API receives no request).
DECIDED_ATTR = "_moderation_decided_task_states"


def describe(states: Sequence[TaskState]) -> str:
    """One sentence naming the items decided on and what happens next.

    ``states`` are task states decided together (one item in one or more
    languages), all approved or all rejected.
    """
    items = ", ".join(text for _position, text in sorted(map(_item, states)))
    first = states[0]
    workflow_state = WorkflowState.objects.get(pk=first.workflow_state_id)
    if first.status == TaskState.STATUS_REJECTED:
        author = workflow_state.requested_by
        return _(
            "Changes requested: %(items)s. %(author)s can change it and send it "
            "to “%(task)s” again."
        ) % {
            "items": items,
            "author": get_user_display_name(author) if author else _("The author"),
            "task": first.task.name,
        }
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        obj = first.revision.as_object()
        go_live_at = getattr(obj, "go_live_at", None)
        if go_live_at and go_live_at > timezone.now():
            return _("Approved: %(items)s. It will be published on %(date)s.") % {
                "items": items,
                "date": date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT"),
            }
        return _("Approved and published: %(items)s.") % {"items": items}
    next_task = workflow_state.current_task_state.task.specific
    reviewers = _reviewers(next_task)
    if reviewers:
        return _("Approved: %(items)s. Next: “%(task)s”, by %(reviewers)s.") % {
            "items": items,
            "task": next_task.name,
            "reviewers": reviewers,
        }
    return _("Approved: %(items)s. Next: “%(task)s”.") % {
        "items": items,
        "task": next_task.name,
    }


def describe_submission(obj) -> str | None:
    """Who reviews an item just submitted (None when it is in no task)."""
    workflow_state = obj.current_workflow_state
    task_state = workflow_state.current_task_state if workflow_state else None
    if task_state is None:
        return None
    task = task_state.task.specific
    reviewers = _reviewers(task)
    _position, item = _item(task_state)
    if reviewers:
        return _("%(item)s waits for “%(task)s”, by %(reviewers)s.") % {
            "item": item,
            "task": task.name,
            "reviewers": reviewers,
        }
    return _("%(item)s waits for “%(task)s”.") % {"item": item, "task": task.name}


def _reviewers(task) -> str:
    groups = getattr(task, "groups", None)
    if groups is None:
        return ""
    return ", ".join(group_label(group.name) for group in groups.order_by("name"))


def _item(state: TaskState) -> tuple[int, str]:
    """The item's title and language, and its language's place in the site's order."""
    obj = state.revision.content_object
    title = get_latest_str(obj)
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return 0, f"“{title}”"
    locale = Locale.objects.get(pk=locale_id)
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    code = locale.language_code
    position = codes.index(code) if code in codes else len(codes)
    return position, f"“{title}” ({locale.get_display_name()})"
