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


class TranslationReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per locale: missing translations and translations older than their source."""

    page_title = _("Translations")
    header_icon = "globe"
    template_name = "core/translation_report.html"

    def get_locale(self) -> Locale:
        locales = Locale.objects.order_by("language_code")
        code = self.request.GET.get("locale")
        chosen = locales.filter(language_code=code).first() if code else None
        return chosen or locales.exclude(language_code="en").first() or locales.first()

    def get(self, request, *args, **kwargs):
        locale = self.get_locale()
        rows = translation_report(locale) if locale else []
        if request.GET.get("export") == "csv":
            return self._csv(locale, rows)
        return self.render_to_response(
            self.get_context_data(
                locale=locale,
                locales=Locale.objects.order_by("language_code"),
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
