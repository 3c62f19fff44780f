"""Admin: external sources with their harvest status, and the harvested items."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from harvest.choices import RunStatus
from harvest.forms import ExternalSourceForm
from harvest.models import ExternalItem, ExternalSource


class ExternalItemPermissionPolicy(ModelPermissionPolicy):
    """Items are written by the harvester only: staff who manage sources may look."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return user.has_perm("harvest.view_externalitem") or user.has_perm(
            "harvest.change_externalsource"
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ExternalItem, ExternalItemPermissionPolicy(ExternalItem))


ACTIVE = _("Active")
PAUSED = _("Paused")


def activity_label(source: ExternalSource) -> str:
    """Whether the harvester fetches the source, in words (not True/False)."""
    return str(ACTIVE if source.is_active else PAUSED)


class ExternalSourceFilterSet(WagtailFilterSet):
    activity = django_filters.ChoiceFilter(
        label=_("Harvesting"),
        choices=[("active", ACTIVE), ("paused", PAUSED)],
        method="filter_activity",
        empty_label=_("All"),
    )

    class Meta:
        model = ExternalSource
        fields = ["kind", "last_status"]

    def filter_activity(self, queryset, name, value):
        return queryset.filter(is_active=value == "active")


class ExternalSourceInspectView(InspectView):
    def get_is_active_display_value(self) -> str:
        return activity_label(self.object)


class ExternalSourceViewSet(ModelViewSet):
    model = ExternalSource
    icon = "link-external"
    menu_label = _("Sources")
    menu_order = 100
    list_display = [
        "name",
        "kind",
        Column(
            "activity",
            label=_("Harvesting"),
            accessor=activity_label,
            sort_key="is_active",
        ),
        StatusTagColumn(
            "status_label",
            label=_("Status"),
            sort_key="last_status",
            primary=lambda source: source.last_status != RunStatus.FAILED,
        ),
        DateColumn(
            "last_success_at", label=_("Last success"), sort_key="last_success_at"
        ),
        "items_count",
        Column("error_summary", label=_("Error")),
    ]
    filterset_class = ExternalSourceFilterSet
    search_fields = ["name", "url"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ExternalSourceInspectView
    inspect_view_fields = [
        "name",
        "kind",
        "url",
        "locale",
        "is_active",
        "interval_minutes",
        "last_status",
        "last_run_at",
        "last_success_at",
        "items_count",
        "consecutive_failures",
        "last_error",
        "last_error_at",
        "last_warning",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("locale")]),
            FieldPanel("url"),
            MultiFieldPanel(
                [FieldPanel("themes"), FieldPanel("countries")],
                heading=_("Tags for every item"),
            ),
            FieldRowPanel([FieldPanel("is_active"), FieldPanel("interval_minutes")]),
        ],
        base_form_class=ExternalSourceForm,
    )


class ExternalItemViewSet(ModelViewSet):
    model = ExternalItem
    icon = "doc-full"
    menu_label = _("Harvested items")
    menu_order = 200
    list_display = [
        "title",
        "source",
        DateColumn("published_at", label=_("Published"), sort_key="published_at"),
        "locale",
        DateColumn("last_seen_at", label=_("Last seen"), sort_key="last_seen_at"),
    ]
    list_filter = ["source", "locale"]
    search_fields = ["title", "summary"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "source",
        "link",
        "summary",
        "body",
        "categories",
        "image_url",
        "published_at",
        "updated_at",
        "locale",
        "stated_locale",
        "themes",
        "countries",
        "first_seen_at",
        "last_seen_at",
    ]
    form_fields = []

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=ExternalItem.objects.with_source(), **kwargs
        )


class HarvestViewSetGroup(ModelViewSetGroup):
    menu_label = _("External content")
    menu_icon = "globe"
    menu_order = 450
    items = (
        ExternalSourceViewSet("harvest_sources"),
        ExternalItemViewSet("harvest_items"),
    )


@hooks.register("register_admin_viewset")
def register_harvest_viewsets():
    return HarvestViewSetGroup()
