"""Admin: "Search problems" for editors; the raw outbox for technical staff only."""

from __future__ import annotations

from django.contrib.auth import get_permission_codename
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from indexing.admin_views import SearchProblemsView
from indexing.models import OutboxEntry


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """The outbox is written by the site and the indexer, never by hand: staff
    with the "view" permission (technical staff, superusers) may only look."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


register_permission_policy(OutboxEntry, OutboxPermissionPolicy(OutboxEntry))


class OutboxIndexView(IndexView):
    """Read only: no "Add" button."""

    @property
    def header_buttons(self):
        return []


class OutboxURLFinder(ModelAdminURLFinder):
    edit_url_name = "indexing_outbox:inspect"


class OutboxViewSet(ModelViewSet):
    """Every row not yet done, with its internals, for diagnosing the indexer."""

    model = OutboxEntry
    icon = "resubmit"
    menu_label = _("Search indexing (technical)")
    add_to_settings_menu = True
    add_to_reference_index = False
    index_view_class = OutboxIndexView
    url_finder_class = OutboxURLFinder
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "doc_id",
        Column("action", label=_("Action"), accessor="get_action_display"),
        Column("state", label=_("State"), accessor="get_state_display"),
        "attempts",
        "reason",
        "created_at",
        "last_error",
    ]
    list_filter = ["state", "action"]
    search_fields = ["doc_id"]

    def get_queryset(self, request):
        return OutboxEntry.objects.exclude(state=OutboxEntry.State.DONE).order_by("pk")

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
        ]

    def get_permissions_to_register(self):
        # Only "view" means anything here (see OutboxPermissionPolicy).
        return (
            super()
            .get_permissions_to_register()
            .filter(codename=get_permission_codename("view", self.model_opts))
        )


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet("indexing_outbox")


@hooks.register("register_admin_urls")
def register_search_problems_url():
    return [
        path(
            "reports/search-problems/",
            SearchProblemsView.as_view(),
            name="search_problems",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_search_problems_menu_item():
    return MenuItem(
        _("Search problems"),
        reverse("search_problems"),
        name="search-problems",
        icon_name="warning",
        order=1150,
    )
