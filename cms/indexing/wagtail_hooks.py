"""Admin: the indexing outbox, so staff can see and retry what did not reach search."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from indexing.models import OutboxEntry
from indexing.worker import requeue_failed


class OutboxViewSet(ModelViewSet):
    model = OutboxEntry
    icon = "resubmit"
    menu_label = _("Search indexing")
    add_to_settings_menu = True
    list_display = [
        "doc_id",
        "action",
        "state",
        "attempts",
        "reason",
        "created_at",
        "last_error",
    ]
    list_filter = ["state", "action"]
    search_fields = ["doc_id"]
    inspect_view_enabled = True
    form_fields = ["state"]

    def get_queryset(self, request):
        return OutboxEntry.objects.exclude(state=OutboxEntry.State.DONE).order_by("pk")


outbox_viewset = OutboxViewSet("indexing_outbox")


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@require_POST
def retry_failed(request):
    if not request.user.is_superuser:
        messages.error(request, _("Only administrators can retry indexing."))
        return redirect(reverse("indexing_outbox:index"))
    count = requeue_failed()
    messages.success(
        request, _("%(count)d failed rows queued again.") % {"count": count}
    )
    return redirect(reverse("indexing_outbox:index"))


@hooks.register("register_admin_urls")
def register_retry_url():
    return [path("indexing/retry-failed/", retry_failed, name="indexing_retry_failed")]
