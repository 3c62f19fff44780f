"""A group approval task that decides on every language version of an item at once."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from moderation.languages import other_language_states
from moderation.outcome import DECIDED_ATTR

#: The actions on all language versions and the single-item action each repeats.
ALL_LANGUAGES_ACTIONS = {"approve_all": "approve", "reject_all": "reject"}


class TeamApprovalTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve or request changes; when other language
    versions of the item wait in the same task, they may decide on all of them in
    one step ("Approve all languages", "Request changes on all languages")."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions or not other_language_states(obj, self):
            return actions
        workflow_state = obj.current_workflow_state
        if workflow_state is not None and workflow_state.is_at_final_task:
            approve = _("Approve and publish all languages")
        else:
            approve = _("Approve all languages")
        return [
            *actions,
            ("reject_all", _("Request changes on all languages"), True),
            ("approve_all", approve, False),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        action = ALL_LANGUAGES_ACTIONS.get(action_name, action_name)
        if action not in ("approve", "reject"):
            return super().on_action(task_state, user, action_name, **kwargs)
        states = [task_state]
        if action_name in ALL_LANGUAGES_ACTIONS:
            obj = task_state.revision.content_object
            states += other_language_states(obj, self)
        for state in states:
            getattr(state, action)(user=user, **kwargs)
        decided = [state.pk for state in states]
        # The page editor ignores the returned address; its "after edit" hook
        # finds the decision on the user object it passed in.
        if user is not None:
            setattr(user, DECIDED_ATTR, decided)
        return (
            reverse("moderation_outcome")
            + "?"
            + urlencode({"states": ",".join(map(str, decided))})
        )

    class Meta:
        verbose_name = _("Team approval task")
        verbose_name_plural = _("Team approval tasks")
