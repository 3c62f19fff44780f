"""Forms of the knowledge bank: the public filter and the comparison editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.models import Country, TaxonomyPageForm, Theme
from knowledge.choices import KnowledgeKind


class KnowledgeFilterForm(forms.Form):
    """Filters of the knowledge-bank listing (GET parameters, all optional)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country or territory"), required=False)

    def __init__(self, *args: Any, locale: Locale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *KnowledgeKind.choices]
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *Theme.objects.filter(locale=locale).values_list("slug", "name"),
        ]
        self.fields["country"].choices = [
            ("", _("All countries and territories")),
            *Country.objects.filter(locale=locale)
            .order_by("kind", "name")
            .values_list("slug", "name"),
        ]

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filters; an unknown value is ignored, never an error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in ("kind", "theme", "country")
            if cleaned.get(name)
        }


class CountryComparisonPageForm(TaxonomyPageForm):
    """Offers the countries of the page's language and allows one answer per country.

    A translated copy still points at the source language's countries; the
    answers are shown (and saved) with their translations instead.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("answers")
        locale = self._page_locale()
        if formset is None or locale is None:
            return
        queryset = Country.objects.filter(locale=locale).order_by("kind", "name")
        base_form = formset.form

        class AnswerForm(base_form):  # type: ignore[valid-type, misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                field = self.fields["country"]
                field.queryset = queryset
                country_id = self.instance.country_id
                if country_id and not self.is_bound:
                    country = Country.objects.filter(pk=country_id).first()
                    translated = country and country.get_translation_or_none(locale)
                    if translated is not None:
                        self.initial["country"] = translated.pk

        formset.form = AnswerForm

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        formset = self.formsets.get("answers")
        if formset is None:
            return cleaned
        seen: dict[object, int] = {}
        for number, form in enumerate(formset.forms, start=1):
            if not form.is_valid() or form.cleaned_data.get(DELETION_FIELD_NAME):
                continue
            country = form.cleaned_data.get("country")
            if country is None:
                continue
            if country.translation_key in seen:
                form.add_error(
                    "country",
                    _(
                        "%(country)s already has an answer (answer %(first)d). "
                        "Give each country or territory one answer."
                    )
                    % {"country": country.name, "first": seen[country.translation_key]},
                )
            else:
                seen[country.translation_key] = number
        return cleaned
