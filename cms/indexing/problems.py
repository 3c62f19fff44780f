"""Search problems: the outbox's failed rows, told in editors' words, and retry.

Only :func:`indexing.worker._fail_once` sets a row to failed (an item that could
not be turned into a search document eight times in a row); an unreachable search
service only postpones rows. Retrying is :func:`indexing.worker.requeue_failed`:
each failed row is closed and queued again as a new, newer row, so what it indexes
lands after every partner's change-sync cursor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from indexing.models import OutboxEntry
from indexing.worker import backoff, requeue_failed


@dataclass(frozen=True)
class Problem:
    pk: int
    kind: str  # the item's type, e.g. "News article"
    title: str
    edit_url: str | None
    exists: bool
    what: str
    changed_at: datetime
    last_tried_at: datetime
    attempts: int
    explanation: str
    detail: str


def failed_entries() -> models.QuerySet[OutboxEntry]:
    return OutboxEntry.objects.filter(state=OutboxEntry.State.FAILED).order_by("-pk")


def describe(entries: Iterable[OutboxEntry], user) -> list[Problem]:
    """One problem per failed row, with a link to edit the item when ``user`` may."""
    finder = AdminURLFinder(user)
    problems = []
    for entry in entries:
        model = _model(entry.model_label)
        obj = _object(model, entry.object_pk) if model is not None else None
        problems.append(
            Problem(
                pk=entry.pk,
                kind=_kind(model, obj),
                title=_title(obj),
                edit_url=finder.get_edit_url(obj) if obj is not None else None,
                exists=obj is not None,
                what=str(
                    _("Removing it from search")
                    if entry.action == OutboxEntry.Action.DELETE
                    else _("Updating it in search")
                ),
                changed_at=entry.created_at,
                # The worker postpones a failed row by backoff(attempts) from the
                # moment it failed, so that moment is recoverable without a column.
                last_tried_at=entry.next_attempt_at - backoff(entry.attempts),
                attempts=entry.attempts,
                explanation=_explain(model, obj),
                detail=entry.last_error,
            )
        )
    return problems


def requeue(pks: Iterable[int] | None = None) -> int:
    """Queue the failed rows ``pks`` (all failed rows when ``None``) again."""
    return requeue_failed(pks)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _object(model: type[models.Model], pk: str) -> models.Model | None:
    obj = model._default_manager.filter(pk=pk).first()
    if isinstance(obj, Page):
        return obj.specific
    return obj


def _kind(model: type[models.Model] | None, obj: models.Model | None) -> str:
    if obj is not None:
        model = type(obj)
    if model is None:
        return str(_("Unknown type"))
    return capfirst(model._meta.verbose_name)


def _title(obj: models.Model | None) -> str:
    if obj is None:
        return str(_("(deleted)"))
    return str(getattr(obj, "title", None) or obj)


def _explain(model: type[models.Model] | None, obj: models.Model | None) -> str:
    if model is None:
        return str(
            _(
                "This type of content no longer exists on the site, so retrying "
                "does not help. Ask the technical team to remove it from search."
            )
        )
    if obj is None:
        return str(
            _("The item has been deleted. Retry to remove it from search as well.")
        )
    return str(
        _(
            "The item could not be turned into a search entry, so search shows "
            "an older version of it or does not find it. Check the item for "
            "unusual content (an empty required field, a broken link or file), "
            "save it and retry. If it fails again, pass the technical detail to "
            "the technical team."
        )
    )
