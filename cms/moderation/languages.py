"""The other language versions of an item that wait in the same task."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model
from wagtail.models import Task, TaskState, TranslatableMixin, WorkflowState


def other_language_states(obj: Model, task: Task) -> list[TaskState]:
    """In-progress task states of ``task`` on the other language versions of
    ``obj`` (same translation key, other locales), in the site's language order."""
    if not isinstance(obj, TranslatableMixin) or not hasattr(
        obj, "get_base_content_type"
    ):
        return []
    content_type = obj.get_base_content_type()
    base_model = content_type.model_class()
    versions = {
        str(pk): code
        for pk, code in base_model._default_manager.filter(
            translation_key=obj.translation_key
        )
        .exclude(pk=obj.pk)
        .values_list("pk", "locale__language_code")
    }
    if not versions:
        return []
    states = list(
        TaskState.objects.filter(
            task_id=task.pk,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=content_type,
            workflow_state__object_id__in=list(versions),
        ).select_related("workflow_state", "revision")
    )
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]

    def position(state: TaskState) -> int:
        code = versions.get(state.workflow_state.object_id)
        return order.index(code) if code in order else len(order)

    return sorted(states, key=position)
