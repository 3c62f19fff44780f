"""Admin views of the core app."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import PermissionPolicyChecker
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.exports import csv_response
from core.translation_report import translation_report

permission_checker = PermissionPolicyChecker(PagePermissionPolicy())

#: The type filter's value for every page type at once.
PAGES = "pages"


class TranslationReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per language: translations older than their source first, then what has no
    translation yet; filtered by language and by type (page type or snippet)."""

    page_title = _("Translations")
    header_icon = "globe"
    template_name = "core/translation_report.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_locale(self) -> Locale | None:
        locales = Locale.objects.order_by("language_code")
        code = self.request.GET.get("locale")
        chosen = locales.filter(language_code=code).first() if code else None
        return chosen or locales.exclude(language_code="en").first() or locales.first()

    def get(self, request, *args, **kwargs):
        locale = self.get_locale()
        rows = translation_report(locale) if locale else []
        types = sorted(
            {(row.type_key, row.type_name) for row in rows}, key=lambda t: t[1]
        )
        chosen_type = request.GET.get("type", "")
        if chosen_type == PAGES:
            rows = [row for row in rows if row.is_page]
        elif chosen_type:
            rows = [row for row in rows if row.type_key == chosen_type]
        if request.GET.get("export") == "csv":
            return self._csv(locale, rows)
        query = request.GET.copy()
        query.pop("export", None)
        return self.render_to_response(
            self.get_context_data(
                locale=locale,
                locales=sorted(
                    Locale.objects.all(), key=lambda item: item.get_display_name()
                ),
                types=types,
                pages_option=PAGES,
                chosen_type=chosen_type,
                export_query=query.urlencode(),
                can_translate=request.user.has_perm(
                    "simple_translation.submit_translation"
                ),
                missing=[r for r in rows if r.status == "missing"],
                outdated=[r for r in rows if r.status == "outdated"],
            )
        )

    def _csv(self, locale: Locale, rows) -> StreamingHttpResponse:
        header = [
            "status",
            "kind",
            "title",
            "source locale",
            "source published",
            "translation published",
        ]
        return csv_response(
            f"translations-{locale.language_code}",
            header,
            (
                [
                    row.status,
                    row.kind,
                    row.title,
                    row.source_locale,
                    row.source_published or "",
                    row.translation_published or "",
                ]
                for row in rows
            ),
        )
