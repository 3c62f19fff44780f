"""Admin registration of the shared taxonomies."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Country, Theme, VisionGoal


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "code", "kind", "locale"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


class VisionGoalViewSet(SnippetViewSet):
    model = VisionGoal
    icon = "pick"
    list_display = ["number", "name", "locale"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, CountryViewSet, VisionGoalViewSet)


register_snippet(TaxonomyGroup)
