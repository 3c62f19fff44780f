"""Admin registration of the shared taxonomies."""

import copy

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.utils.version import get_main_version

from core import translation_flow
from core.models import Country, Theme, VisionGoal
from core.views import TranslationReportView
from core.visibility import has_expired


# The listings search every field the models index (name, key, ISO code):
# naming fields here makes the database backend query FTS columns it lacks.
class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "code", "kind", "locale"]
    list_filter = ["kind"]


class VisionGoalViewSet(SnippetViewSet):
    model = VisionGoal
    icon = "pick"
    list_display = ["number", "name", "locale"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, CountryViewSet, VisionGoalViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [
        path(
            "reports/translations/",
            TranslationReportView.as_view(),
            name="translation_report",
        )
    ]


@hooks.register("register_admin_urls", order=-100)
def register_translation_flow_urls():
    """simple_translation's Translate paths answered first, by views that go on
    to the new drafts (see core.translation_flow)."""
    return translation_flow.admin_urls()


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Translations"),
        reverse("translation_report"),
        name="translations",
        icon_name="globe",
        order=1100,
    )


@hooks.register("before_serve_page")
def hide_expired_page(page, request, serve_args, serve_kwargs):
    """An expired page is gone for visitors even before it is unpublished."""
    if has_expired(page):
        raise Http404


@hooks.register("construct_help_menu")
def whats_new_in_the_editors_language(request, menu_items):
    """Wagtail writes the "What's new" label once, in the language of the
    first request that builds the help menu, and every editor then reads that
    language; give each request a copy in its own."""
    label = gettext("What's new in Wagtail %(version)s") % {
        "version": get_main_version(include_patch=False)
    }
    for position, item in enumerate(menu_items):
        if item.name.startswith("whats-new-in-wagtail-"):
            menu_items[position] = copy.copy(item)
            menu_items[position].label = label


@hooks.register("register_admin_viewset", order=100)
def register_page_viewset():
    """The page views with the hub's page search (after Wagtail's own, which
    it replaces for every page type)."""
    from core.admin_page_search import HubPageViewSet

    return HubPageViewSet()
