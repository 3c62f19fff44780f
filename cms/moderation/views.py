"""After a decision in the dashboard: say what it did, then go back."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from wagtail.models import TaskState

from moderation.outcome import describe

#: More task states than any item has language versions.
MAX_STATES = 20


def decided_by(user, pks: list[int]) -> list[TaskState]:
    """The task states among ``pks`` that ``user`` approved or rejected."""
    return list(
        TaskState.objects.filter(
            pk__in=pks[:MAX_STATES],
            finished_by=user,
            status__in=(TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED),
        )
        .select_related("revision", "task", "workflow_state")
        .order_by("pk")
    )


class ReviewOutcomeView(View):
    """Where a workflow action answered in the dashboard leads: a confirmation of
    the decision (only of decisions this user took), then back to the page the
    reviewer came from."""

    def get(self, request):
        raw = request.GET.get("states", "")
        pks = [int(part) for part in raw.split(",") if part.isdigit()]
        states = decided_by(request.user, pks)
        if states:
            messages.success(request, describe(states))
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("wagtailadmin_home")
        return redirect(back)
