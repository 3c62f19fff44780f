"""Admin: "Search problems", the items that did not reach search, for editors."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from indexing.problems import describe, failed_entries, requeue


class SearchProblemsView(WagtailAdminTemplateMixin, TemplateView):
    """Failed outbox rows as problems with an item, and Retry (one, chosen, all)."""

    page_title = _("Search problems")
    header_icon = "warning"
    template_name = "indexing/search_problems.html"
    paginate_by = 50

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(failed_entries(), self.paginate_by).get_page(
            self.request.GET.get("p")
        )
        context.update(
            page=page,
            problems=describe(page, self.request.user),
            total=page.paginator.count,
        )
        return context

    def post(self, request, *args, **kwargs):
        if "all" in request.POST:
            count = requeue()
        else:
            chosen = request.POST.getlist("retry") or request.POST.getlist("pk")
            pks = [int(pk) for pk in chosen if pk.isdigit()]
            if not pks:
                messages.warning(request, _("Choose at least one item to retry."))
                return redirect(reverse("search_problems"))
            count = requeue(pks)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d item will be sent to search again in a moment.",
                    "%(count)d items will be sent to search again in a moment.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Nothing to retry: it was already retried."))
        return redirect(reverse("search_problems"))
