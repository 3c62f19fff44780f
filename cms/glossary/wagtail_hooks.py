"""Admin registration of the glossary."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from glossary.models import GlossaryConcept


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryConcept
    icon = "openquote"
    menu_label = "Search glossary"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["key", "terms_da", "terms_sv", "terms_en", "updated_at"]
    search_fields = ["key", "terms_da", "terms_nb", "terms_sv", "terms_fi", "terms_en"]


register_snippet(GlossaryViewSet)
