"""Admin registration of the glossary."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from glossary.models import GlossaryConcept
from glossary.snippet_views import GlossaryConceptCreateView
from glossary.suggestion_views import SuggestionDecisionView, SuggestionListView
from glossary.views import ZeroResultReportView


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryConcept
    add_view_class = GlossaryConceptCreateView
    icon = "openquote"
    menu_label = _("Search glossary")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["key", "terms_da", "terms_sv", "terms_en", "updated_at"]
    search_fields = ["key", "terms_da", "terms_nb", "terms_sv", "terms_fi", "terms_en"]


register_snippet(GlossaryViewSet)


@hooks.register("register_admin_urls")
def register_zero_result_report_url():
    return [
        path(
            "reports/zero-results/",
            ZeroResultReportView.as_view(),
            name="zero_result_report",
        ),
        path(
            "glossary/suggestions/",
            SuggestionListView.as_view(),
            name="glossary_suggestions",
        ),
        path(
            "glossary/suggestions/<int:pk>/<str:decision>/",
            SuggestionDecisionView.as_view(),
            name="glossary_suggestion_decide",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_zero_result_report_menu_item():
    return MenuItem(
        _("Searches without results"),
        reverse("zero_result_report"),
        name="zero-results",
        icon_name="search",
        order=1200,
    )


class SuggestionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("glossary.change_glossaryconcept")


@hooks.register("register_admin_menu_item")
def register_suggestions_menu_item():
    return SuggestionsMenuItem(
        _("Glossary suggestions"),
        reverse("glossary_suggestions"),
        name="glossary-suggestions",
        icon_name="openquote",
        order=321,
    )
