"""Expert profiles in the admin, filtered by consent, country and expertise."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import Country, Theme
from experts.models import ExpertProfile


def _countries(request) -> QuerySet[Country]:
    return Country.objects.filter(locale=Locale.get_active())


def _themes(request) -> QuerySet[Theme]:
    return Theme.objects.filter(locale=Locale.get_active())


class ExpertProfileFilterSet(WagtailFilterSet):
    """Country and theme filters that match a term in any of its translations."""

    country = django_filters.ModelChoiceFilter(
        label=_("Country or territory"),
        queryset=_countries,
        method="filter_by_translation",
        field_name="countries",
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Expertise"),
        queryset=_themes,
        method="filter_by_translation",
        field_name="themes",
    )

    class Meta:
        model = ExpertProfile
        fields = ["is_public"]

    def filter_by_translation(self, queryset, name, value):
        if value is None:
            return queryset
        lookup = {f"{name}__translation_key": value.translation_key}
        return queryset.filter(**lookup).distinct()


class ExpertProfileViewSet(SnippetViewSet):
    model = ExpertProfile
    icon = "user"
    menu_order = 310
    list_display = ["name", "organisation", "is_public", "locale"]
    filterset_class = ExpertProfileFilterSet
    # No search_fields: the search then reads every indexed field, with the
    # folded names ("soren" finds "Søren") of admin_search_text.
    add_to_admin_menu = True


register_snippet(ExpertProfileViewSet)
