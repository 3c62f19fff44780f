"""Admin for reviewers: list, filter, read, export and delete applications."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from applications.models import Application, CallForApplicationsPage
from applications.models.applications import ERASED_VALUES
from core.models import Country

READ_ONLY_ACTIONS = frozenset({"add", "change"})


class ReviewPermissionPolicy(ModelPermissionPolicy):
    """Applications are what applicants sent: reviewers view or delete, never edit."""

    def user_has_permission(self, user, action):
        if action in READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in READ_ONLY_ACTIONS]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


# Registered before any view asks for Application's policy.
register_permission_policy(Application, ReviewPermissionPolicy(Application))


def country_choices() -> list[tuple[str, str]]:
    """One choice per country, named in the default language when possible."""
    default = Locale.get_default()
    names: dict[str, str] = {}
    for country in Country.objects.order_by("name"):
        if country.slug not in names or country.locale_id == default.pk:
            names[country.slug] = country.name
    return sorted(names.items(), key=lambda item: item[1])


class ApplicationFilterSet(WagtailFilterSet):
    call = django_filters.ModelChoiceFilter(
        label=_("Call"),
        queryset=CallForApplicationsPage.objects.order_by("-opens_at", "title"),
    )
    # Countries are translated snippets: filter on the key every language shares.
    country = django_filters.ChoiceFilter(
        label=_("Country of residence"),
        field_name="country_of_residence__slug",
        choices=country_choices,
    )
    erased = django_filters.BooleanFilter(
        label=_("Personal data erased"),
        field_name="erased_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Application
        fields: list[str] = []


def local_time(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class ApplicationIndexView(IndexView):
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            **IndexView.custom_value_preprocess[datetime.datetime],
            IndexView.FORMAT_CSV: local_time,
        },
    }

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("call", "country_of_residence")
        )


class ApplicationInspectView(InspectView):
    def get_field_display_value(self, field_name: str, field: Any):
        if self.object.is_erased and field_name in ERASED_VALUES:
            return _("erased")
        if field_name == "status":
            return self.object.status()
        return super().get_field_display_value(field_name, field)


EXPORTED_FIELDS = {
    "pk": _("ID"),
    "call": _("Call"),
    "submitted_at": _("Submitted at"),
    "status": _("Status"),
    "full_name": _("Full name"),
    "email": _("E-mail"),
    "country_of_residence": _("Country of residence"),
    "get_applicant_type_display": _("Applies as"),
    "organisation": _("Organisation"),
    "education": _("Education"),
    "current_position": _("Current position"),
    "get_thematic_knowledge_display": _("Thematic knowledge"),
    "thematic_description": _("Knowledge of the themes"),
    "motivation": _("Motivation"),
    "get_languages_display": _("Languages"),
    "migrant_background": _("Born outside the Nordic region, migrated"),
    "get_gender_display": _("Gender"),
    "get_age_group_display": _("Age group"),
    "country_of_origin": _("Country of origin"),
}


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "applications"
    icon = "form"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Nobody may add or edit (see ReviewPermissionPolicy); the form is still needed
    # to build the views Wagtail registers.
    form_fields: list[str] = []
    list_display = [
        "__str__",
        "organisation",
        "call",
        "country_of_residence",
        "submitted_at",
        "status",
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["full_name", "organisation"]
    search_backend_name = None
    list_export = list(EXPORTED_FIELDS)
    export_headings = EXPORTED_FIELDS
    export_filename = "applications"
    inspect_view_fields = [
        "status",
        "call",
        "submitted_at",
        "erased_at",
        "full_name",
        "email",
        "country_of_residence",
        "applicant_type",
        "organisation",
        "education",
        "current_position",
        "thematic_knowledge",
        "thematic_description",
        "motivation",
        "languages",
        "migrant_background",
        "gender",
        "age_group",
        "country_of_origin",
        "consent",
    ]


class CallListingViewSet(PageListingViewSet):
    model = CallForApplicationsPage
    name = "calls_for_applications"
    icon = "date"
    menu_label = _("Calls")


class ApplicationsGroup(ViewSetGroup):
    menu_label = _("Applications")
    menu_icon = "form"
    menu_order = 320
    items = (ApplicationViewSet, CallListingViewSet)


@hooks.register("register_admin_viewset")
def register_applications_admin() -> ApplicationsGroup:
    return ApplicationsGroup()
