"""Workflow, task and group names of the demo read in each editor's language.

Wagtail stores one name per workflow and task and shows it in a dozen places
(the "Submit to ..." button, the status panel, the dashboard, history, e-mails).
The names the project sets up are English message ids. When such a row is
loaded, its name becomes a :class:`TranslatedName`: a string equal to the id
(so code, queries and the JSON of log entries see the stored name) that prints
in the language of the request wherever it is shown. Saving writes the message
id back, whichever language the name was shown (or typed back) in. Names staff
give their own workflows are left as they are.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_init, post_save, pre_save
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

#: The demo workflow and its two tasks (see core.demo.workflow).
WORKFLOW_NAME = gettext_noop("Review and publish")
EDITORIAL_REVIEW = gettext_noop("Editorial review")
PUBLISHING_APPROVAL = gettext_noop("Publishing approval")
#: Wagtail's default groups, which the demo gives its editors and reviewers.
EDITORS = gettext_noop("Editors")
MODERATORS = gettext_noop("Moderators")

NAMES = (WORKFLOW_NAME, EDITORIAL_REVIEW, PUBLISHING_APPROVAL)
GROUP_NAMES = (EDITORS, MODERATORS)


class TranslatedName(str):
    """A stored name that prints (``str()``, ``%s``, templates) translated."""

    __slots__ = ()

    def __str__(self) -> str:
        return gettext(str.__str__(self))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def group_label(name: str) -> str:
    """A group's name for display: Wagtail's default groups translated."""
    return gettext(name) if name in GROUP_NAMES else name


def _message_ids_by_translation() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in NAMES:
                found.setdefault(gettext(name), name)
    return found


def _translate_on_load(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A deferred name is not in __dict__: reading it would query the database.
    name = instance.__dict__.get("name")
    if isinstance(name, str) and name in NAMES:
        instance.name = TranslatedName(name)


def _store_message_id(sender: Any, instance: Any, **kwargs: Any) -> None:
    name = instance.name
    if isinstance(name, str):
        plain = str.__str__(name)
        instance.name = _message_ids_by_translation().get(plain, plain)


def connect_translated_names() -> None:
    from django.apps import apps
    from wagtail.models import Task, Workflow

    senders = [Workflow] + [
        model for model in apps.get_models() if issubclass(model, Task)
    ]
    for sender in senders:
        post_init.connect(_translate_on_load, sender=sender, weak=False)
        pre_save.connect(_store_message_id, sender=sender, weak=False)
        post_save.connect(_translate_on_load, sender=sender, weak=False)
