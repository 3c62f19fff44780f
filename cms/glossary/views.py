"""Admin report: the searches that find nothing, so editors can add glossary terms."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from glossary.untranslated import report_rows
from search.analytics import AnalyticsStore
from search.crosslingual import shared_translator

LANGUAGES = ("da", "nb", "sv", "fi", "is", "en")


class ZeroResultReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Searches without results")
    header_icon = "search"
    template_name = "glossary/zero_result_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locale = self.request.GET.get("locale")
        locale = locale if locale in LANGUAGES else None
        try:
            days = max(1, min(int(self.request.GET.get("days", 30)), 3650))
        except ValueError:
            days = 30
        since = timezone.localdate() - dt.timedelta(days=days)
        store = AnalyticsStore(
            settings.HUB_SEARCH_ANALYTICS_URL or settings.HUB_SEARCH_ANALYTICS_DB
        )
        translator = shared_translator()
        context.update(
            languages=LANGUAGES,
            selected_locale=locale,
            days=days,
            rows=report_rows(
                store.top_zero_result(locale, since=since, limit=100), translator
            ),
            lexicon_available=translator.available,
        )
        return context
