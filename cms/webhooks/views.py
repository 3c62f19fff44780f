"""Admin views for webhooks: endpoint and delivery pages, resume and replay."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.permissions import policy_registry

from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEndpoint


def can_manage(user) -> bool:
    """Staff who may change endpoints may also resume them and replay deliveries."""
    policy = policy_registry.get_by_type(WebhookEndpoint)
    return policy.user_has_permission(user, "change")


class EndpointInspectView(InspectView):
    template_name = "webhooks/admin/endpoint_inspect.html"

    def get_status_label_display_value(self) -> str:
        return self.object.status_label()

    def get_content_types_display_value(self) -> str:
        return ", ".join(self.object.content_types) or _("All")

    def get_locales_display_value(self) -> str:
        return ", ".join(self.object.locales) or _("All")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        endpoint = self.object
        counts = dict(
            endpoint.deliveries.order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        context.update(
            {
                "endpoint": endpoint,
                "counts": {
                    label: counts.get(value, 0)
                    for value, label in DeliveryStatus.choices
                },
                "failed_count": counts.get(DeliveryStatus.FAILED, 0),
                "recent": endpoint.deliveries.select_related("event").order_by("-pk")[
                    :10
                ],
                "can_manage": can_manage(self.request.user),
                "log_url": reverse("webhook_deliveries:index")
                + f"?endpoint={endpoint.pk}",
                "resume_url": reverse("webhook_endpoints:resume", args=[endpoint.pk]),
                "replay_failed_url": reverse(
                    "webhook_endpoints:replay_failed", args=[endpoint.pk]
                ),
            }
        )
        return context


class DeliveryIndexView(IndexView):
    """The delivery log: read only, newest first."""

    default_ordering = "-pk"

    @property
    def header_buttons(self):
        return []


class DeliveryInspectView(InspectView):
    template_name = "webhooks/admin/delivery_inspect.html"

    def get_event_display_value(self) -> str:
        return str(self.object.event)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "delivery": self.object,
                "body": self.object.event.body,
                "can_manage": can_manage(self.request.user),
                "replay_url": reverse(
                    "webhook_deliveries:replay", args=[self.object.pk]
                ),
                "endpoint_url": reverse(
                    "webhook_endpoints:inspect", args=[self.object.endpoint_id]
                ),
            }
        )
        return context


@require_POST
def resume_endpoint(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage(request.user):
        raise PermissionDenied
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    waiting = endpoint.resume()
    messages.success(
        request,
        _("%(name)s resumed: %(count)d waiting deliveries are sent next.")
        % {"name": endpoint.name, "count": waiting},
    )
    return redirect("webhook_endpoints:inspect", pk)


@require_POST
def replay_failed(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage(request.user):
        raise PermissionDenied
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    count = endpoint.replay_failed()
    messages.success(
        request,
        _("%(count)d failed deliveries to %(name)s are queued again.")
        % {"count": count, "name": endpoint.name},
    )
    return redirect("webhook_endpoints:inspect", pk)


@require_POST
def replay_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage(request.user):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    delivery.replay()
    message = _("The delivery is queued again and keeps its id.")
    if delivery.endpoint.is_paused:
        message += " " + _("Resume the endpoint to send it.")
    messages.success(request, message)
    return redirect("webhook_deliveries:inspect", pk)
