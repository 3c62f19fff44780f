"""The Translate flow for six languages: land on the new drafts, see the source.

simple_translation copies a page or snippet into other locales and then sends the
editor back to the source's listing when more than one locale was chosen. Here:

- its two "Translate" URLs are answered by subclasses of its views, registered
  ahead of it at the same paths (``reverse("simple_translation:…")`` keeps
  working): one new draft opens in its editor, several are listed with their
  language and an Edit link; a locale whose parent page is untranslated, which
  Wagtail only greys out in the browser, is refused with a form error;
- with several locales the editor lands on ``NewTranslationsView``, and with
  a subtree the copied subpages are listed under their page.

What the editor of a translation then sees of its source is in
``core.translation_source``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.actions.copy_for_translation import (
    CopyPageForTranslationAction,
    ParentNotTranslatedError,
)
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.simple_translation.forms import SubmitTranslationForm
from wagtail.contrib.simple_translation.views import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params

logger = logging.getLogger(__name__)

# --- Translate, then go to the new drafts --------------------------------------


class TranslationFlowForm(SubmitTranslationForm):
    """simple_translation's form, refusing locales it only disables in the browser."""

    def clean_locales(self):
        locales = self.cleaned_data["locales"]
        disabled = set(getattr(self.fields["locales"].widget, "disabled_values", []))
        blocked = [locale for locale in locales if locale.pk in disabled]
        if blocked:
            raise ValidationError(
                _(
                    "Translate the parent page into %(languages)s first: "
                    "a page is created under its parent's translation."
                )
                % {"languages": ", ".join(str(b.get_display_name()) for b in blocked)},
                code="parent_not_translated",
            )
        return locales


class TranslationFlowMixin:
    """Copy into the chosen locales, then open the new draft or list them."""

    request: HttpRequest
    object: Any
    kwargs: dict[str, Any]
    _form: TranslationFlowForm | None = None

    def get_form(self) -> TranslationFlowForm:
        if self._form is None:
            data = self.request.POST if self.request.method == "POST" else None
            self._form = TranslationFlowForm(self.object, data)
        return self._form

    def copy(self, locale: Locale, include_subtree: bool) -> Model:
        raise NotImplementedError

    def created_url(self, locales: list[Locale]) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if form.is_valid():
            locales = list(form.cleaned_data["locales"])
            try:
                with transaction.atomic():
                    created = [
                        self.copy(locale, form.cleaned_data["include_subtree"])
                        for locale in locales
                    ]
            except ParentNotTranslatedError:
                form.add_error(
                    "locales",
                    _("Translate the parent page first, then this page."),
                )
            except (ValidationError, IntegrityError):
                logger.warning("Translation of %r refused", self.object, exc_info=True)
                form.add_error(
                    None,
                    _(
                        "The translation could not be created: a version in one "
                        "of these languages conflicts with it."
                    ),
                )
            else:
                # The languages by name ("… created in Norwegian, Swedish"),
                # where Wagtail would say "2 locales".
                names = ", ".join(str(locale.get_display_name()) for locale in locales)
                messages.success(request, self.get_success_message(names))  # type: ignore[attr-defined]
                if len(created) == 1:
                    return redirect(self.get_success_url(created[0]))  # type: ignore[attr-defined]
                return redirect(self.created_url(locales))
        return self.render_to_response(self.get_context_data(**kwargs))  # type: ignore[attr-defined]


def _locale_query(locales: list[Locale]) -> str:
    return "?" + "&".join(f"locale={locale.language_code}" for locale in locales)


class TranslatePageView(TranslationFlowMixin, SubmitPageTranslationView):
    def copy(self, locale: Locale, include_subtree: bool) -> Model:
        return CopyPageForTranslationAction(
            page=self.object,
            locale=locale,
            include_subtree=include_subtree,
            user=self.request.user,
        ).execute(skip_permission_checks=True)

    def created_url(self, locales: list[Locale]) -> str:
        url = reverse("translation_flow_created_page", args=[self.object.pk])
        return url + _locale_query(locales)


class TranslateSnippetView(TranslationFlowMixin, SubmitSnippetTranslationView):
    def copy(self, locale: Locale, include_subtree: bool) -> Model:
        translated = self.object.copy_for_translation(locale)
        translated.save()
        return translated

    def created_url(self, locales: list[Locale]) -> str:
        opts = self.object._meta
        url = reverse(
            "translation_flow_created_snippet",
            args=[opts.app_label, opts.model_name, quote(self.object.pk)],
        )
        return url + _locale_query(locales)


@dataclass(frozen=True)
class CreatedDraft:
    language: str
    title: str
    edit_url: str
    depth: int = 0


class NewTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    """The drafts a Translate into several locales has just made, one Edit link
    each (with the copied subpages under their page)."""

    page_title = gettext_lazy("New translations")
    header_icon = "globe"
    template_name = "core/translation_flow/created.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("simple_translation.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_source(self) -> TranslatableMixin:
        if "page_id" in self.kwargs:
            return get_object_or_404(Page, pk=self.kwargs["page_id"]).specific
        model = get_snippet_model_from_url_params(
            self.kwargs["app_label"], self.kwargs["model_name"]
        )
        if not issubclass(model, TranslatableMixin):
            raise Http404
        return get_object_or_404(model, pk=unquote(str(self.kwargs["pk"])))

    def drafts(self, source: TranslatableMixin) -> list[CreatedDraft]:
        codes = self.request.GET.getlist("locale")
        locales = Locale.objects.filter(language_code__in=codes)
        order = {code: position for position, code in enumerate(codes)}
        rows: list[CreatedDraft] = []
        for locale in sorted(locales, key=lambda item: order[item.language_code]):
            translated = source.get_translation_or_none(locale)
            if translated is None:
                continue
            language = locale.get_display_name()
            if isinstance(translated, Page):
                top = translated.depth
                for page in [translated, *translated.get_descendants()]:
                    rows.append(
                        CreatedDraft(
                            language,
                            page.get_admin_display_title(),
                            reverse("wagtailadmin_pages:edit", args=[page.pk]),
                            page.depth - top,
                        )
                    )
            else:
                viewset = type(translated).snippet_viewset  # type: ignore[attr-defined]
                url = reverse(viewset.get_url_name("edit"), args=[quote(translated.pk)])
                rows.append(CreatedDraft(language, str(translated), url))
        return rows

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        source = self.get_source()
        context["source"] = source
        context["drafts"] = self.drafts(source)
        return context


def admin_urls() -> list[Any]:
    """The Translate URLs (same paths as simple_translation's, which come after)
    and the list of new drafts."""
    return [
        path(
            "translation/submit/page/<int:page_id>/",
            TranslatePageView.as_view(),
            name="translation_flow_submit_page",
        ),
        path(
            "translation/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            TranslateSnippetView.as_view(),
            name="translation_flow_submit_snippet",
        ),
        path(
            "translation/created/page/<int:page_id>/",
            NewTranslationsView.as_view(),
            name="translation_flow_created_page",
        ),
        path(
            "translation/created/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            NewTranslationsView.as_view(),
            name="translation_flow_created_snippet",
        ),
    ]
