"""Admin: partner endpoints, the delivery log, and a dashboard notice for pauses."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from webhooks.forms import WebhookEndpointForm
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.views import (
    DeliveryIndexView,
    DeliveryInspectView,
    EndpointInspectView,
    can_manage,
    replay_delivery,
    replay_failed,
    resume_endpoint,
)


class EndpointFilterSet(WagtailFilterSet):
    sending = django_filters.ChoiceFilter(
        label=_("Sending"),
        choices=[("on", _("On")), ("off", _("Off"))],
        method="filter_sending",
        empty_label=_("All"),
    )

    class Meta:
        model = WebhookEndpoint
        fields: list[str] = []

    def filter_sending(self, queryset, name, value):
        return queryset.filter(is_active=value == "on")


class LabelledEndpointInspectView(EndpointInspectView):
    """Languages by name, not by code."""

    def get_locales_display_value(self) -> str:
        names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        return ", ".join(
            str(names.get(code, code)) for code in self.object.locales
        ) or str(_("All"))


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("secret"),
            FieldPanel("regenerate_secret"),
            FieldPanel("content_types"),
            FieldPanel("locales"),
            FieldPanel("is_active"),
        ],
        base_form_class=WebhookEndpointForm,
    )
    list_display = [
        "name",
        "url",
        "status_label",
        "consecutive_failures",
        "last_success_at",
        "paused_at",
    ]
    filterset_class = EndpointFilterSet
    search_fields = ["name", "url"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LabelledEndpointInspectView
    inspect_view_fields = [
        "name",
        "url",
        "secret",
        "content_types",
        "locales",
        "status_label",
        "paused_at",
        "pause_reason",
        "consecutive_failures",
        "failing_since",
        "last_success_at",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resume/<int:pk>/", resume_endpoint, name="resume"),
            path("replay-failed/<int:pk>/", replay_failed, name="replay_failed"),
        ]


class DeliveryURLFinder(ModelAdminURLFinder):
    edit_url_name = "webhook_deliveries:inspect"


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log. Rows are written by the worker, never edited by hand."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook log")
    add_to_settings_menu = True
    add_to_reference_index = False
    index_view_class = DeliveryIndexView
    inspect_view_enabled = True
    inspect_view_class = DeliveryInspectView
    copy_view_enabled = False
    url_finder_class = DeliveryURLFinder
    list_display = [
        "__str__",
        "status",
        "attempts",
        "response_code",
        "error",
        "last_attempt_at",
        "next_attempt_at",
    ]
    list_filter = ["status", "endpoint", "event__kind"]
    inspect_view_fields = [
        "uid",
        "endpoint",
        "event",
        "status",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "response_code",
        "duration_ms",
        "error",
        "response_body",
        "created_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("replay/<int:pk>/", replay_delivery, name="replay"),
        ]


@hooks.register("register_admin_viewset")
def register_endpoint_viewset():
    return WebhookEndpointViewSet("webhook_endpoints")


@hooks.register("register_admin_viewset")
def register_delivery_viewset():
    return WebhookDeliveryViewSet("webhook_deliveries")


class PausedEndpointsPanel(Component):
    """Tells staff on the dashboard which partners stopped receiving changes."""

    name = "paused_webhooks"
    template_name = "webhooks/admin/paused_panel.html"
    order = 90

    def __init__(self, endpoints):
        self.endpoints = endpoints

    def get_context_data(self, parent_context):
        return {"endpoints": self.endpoints}


@hooks.register("construct_homepage_panels")
def add_paused_endpoints_panel(request, panels):
    if not can_manage(request.user):
        return
    paused = list(
        WebhookEndpoint.objects.filter(is_active=True, paused_at__isnull=False)
    )
    if paused:
        panels.append(PausedEndpointsPanel(paused))
