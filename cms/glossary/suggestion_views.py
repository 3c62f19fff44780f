"""Admin views of glossary suggestions: a filtered listing and the decisions."""

from __future__ import annotations

from itertools import combinations

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from glossary import suggestions as suggestions_service
from glossary.mining import LANGUAGES
from glossary.models import LANGUAGE_NAMES, GlossarySuggestion


class SuggestionFilterForm(forms.Form):
    pair = forms.ChoiceField(label=_("Languages"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *GlossarySuggestion.Status.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].choices = [("", _("All language pairs"))] + [
            (f"{a}-{b}", f"{LANGUAGE_NAMES[a]} – {LANGUAGE_NAMES[b]}")
            for a, b in combinations(LANGUAGES, 2)
        ]


class GlossaryEditorMixin:
    """Staff who may edit the glossary decide on its suggestions."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("glossary.change_glossaryconcept"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def evidence_links(suggestion: GlossarySuggestion, finder: AdminURLFinder) -> list:
    """Each group's two versions, with the admin address of those that still exist."""
    rows = []
    for item in suggestion.evidence:
        row = []
        for side in ("source", "target"):
            ref = item[side]
            url = None
            try:
                model = apps.get_model(ref["model"])
                obj = model._default_manager.filter(pk=ref["pk"]).first()
            except (LookupError, ValueError):
                obj = None
            if obj is not None:
                url = finder.get_edit_url(obj)
            row.append(
                {
                    "title": ref["title"],
                    "language": LANGUAGE_NAMES.get(ref["locale"], ref["locale"]),
                    "url": url,
                }
            )
        rows.append(row)
    return rows


class SuggestionListView(GlossaryEditorMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Glossary suggestions")
    header_icon = "openquote"
    template_name = "glossary/suggestions.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        data.setdefault("status", GlossarySuggestion.Status.NEW)  # open ones first
        form = SuggestionFilterForm(data)
        suggestions = GlossarySuggestion.objects.select_related("decided_by", "concept")
        if form.is_valid():
            if form.cleaned_data["pair"]:
                source, target = form.cleaned_data["pair"].split("-")
                suggestions = suggestions.filter(
                    source_locale=source, target_locale=target
                )
            if form.cleaned_data["status"]:
                suggestions = suggestions.filter(status=form.cleaned_data["status"])
        page = Paginator(suggestions, self.paginate_by).get_page(
            self.request.GET.get("p")
        )
        finder = AdminURLFinder(self.request.user)
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            page=page,
            query=query.urlencode(),
            rows=[
                {
                    "suggestion": s,
                    "source_language": LANGUAGE_NAMES[s.source_locale],
                    "target_language": LANGUAGE_NAMES[s.target_locale],
                    "evidence": evidence_links(s, finder),
                }
                for s in page
            ],
        )
        return context


class SuggestionDecisionView(GlossaryEditorMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int, decision: str):
        if decision not in ("accept", "reject"):
            raise Http404
        suggestion = get_object_or_404(GlossarySuggestion, pk=pk)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            back = reverse("glossary_suggestions")
        try:
            if decision == "accept":
                concept = suggestions_service.accept(suggestion, request.user)
                messages.success(
                    request,
                    _(
                        "Added '%(source)s' and '%(target)s' to the concept "
                        "'%(concept)s'."
                    )
                    % {
                        "source": suggestion.source_term,
                        "target": suggestion.target_term,
                        "concept": concept.key,
                    },
                )
            else:
                suggestions_service.reject(suggestion, request.user)
                messages.success(
                    request,
                    _("Suggestion rejected; it will not be suggested again."),
                )
        except (suggestions_service.DecisionError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(back)
