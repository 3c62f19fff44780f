"""Admin registration for expert profiles."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from experts.models import ExpertProfile


class ExpertProfileViewSet(SnippetViewSet):
    model = ExpertProfile
    icon = "user"
    menu_order = 310
    list_display = ["name", "organisation", "is_public", "locale"]
    list_filter = ["is_public"]
    search_fields = ["name", "organisation"]
    add_to_admin_menu = True


register_snippet(ExpertProfileViewSet)
