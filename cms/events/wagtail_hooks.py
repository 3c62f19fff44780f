"""Admin: event sign-ups listed per event, exported as CSV, cancelled by staff."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from events.models import EventRegistration
from events.views import (
    CancelRegistrationView,
    DeleteRegistrationView,
    RegistrationIndexView,
)


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    name = "event_registrations"
    icon = "list-ul"
    menu_label = _("Event sign-ups")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RegistrationIndexView
    delete_view_class = DeleteRegistrationView
    list_display = ["name", "email", "event", "status", "position", "created_at"]
    list_filter = ["event", "status"]
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "country",
        "accessibility_needs",
        "dietary_needs",
        "status",
        "position",
        "language",
        "created_at",
        "erased_at",
    ]
    export_filename = "event-sign-ups"
    inspect_view_fields = [*list_export, "consent"]
    panels = [
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("organisation"),
        FieldPanel("country"),
        FieldPanel("accessibility_needs"),
        FieldPanel("dietary_needs"),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            cancel_url_name=self.get_url_name("cancel"), **kwargs
        )

    @property
    def cancel_view(self):
        return self.construct_view(
            CancelRegistrationView,
            cancel_url_name=self.get_url_name("cancel"),
            usage_url_name=None,
        )

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name != "add"]
        return [
            *patterns,
            path("cancel/<int:pk>/", self.cancel_view, name="cancel"),
        ]


registration_viewset = EventRegistrationViewSet()


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset
