"""The public application form shown on a call page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from applications.choices import LANGUAGE_CHOICES, AgeGroup, ApplicantType, Gender
from applications.models import Application
from core.formfields import KeyChoiceField, KeyMultipleChoiceField
from core.models import Country, Theme

if TYPE_CHECKING:
    from applications.models import CallForApplicationsPage

REQUIRED_FIELDS = (
    "full_name",
    "email",
    "applicant_type",
    "education",
    "current_position",
    "thematic_description",
    "motivation",
)

AUTOCOMPLETE = {
    "full_name": "name",
    "email": "email",
    "organisation": "organization",
    "current_position": "organization-title",
}


def _in_locale(model: type[models.Model], locale: Locale) -> models.QuerySet:
    """Terms in the call's language, or in the default language if it has none."""
    terms = model.objects.filter(locale=locale)
    if not terms.exists():
        terms = model.objects.filter(locale=Locale.get_default())
    return terms.order_by("name")


class ApplicationForm(forms.ModelForm):
    """What an applicant fills in; the call comes from the page, never the post."""

    country_of_residence = KeyChoiceField(
        label=_("Country of residence"),
        queryset=Country.objects.none(),
        empty_label=_("Choose a country"),
    )
    applicant_type = forms.ChoiceField(
        label=_("I apply as"), choices=ApplicantType.choices, widget=forms.RadioSelect
    )
    thematic_knowledge = KeyMultipleChoiceField(
        label=_("Thematic knowledge"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every theme you know well."),
        error_messages={"required": _("Tick at least one theme.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak fluently"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one Nordic language or English."),
        error_messages={"required": _("Tick at least one language.")},
    )
    migrant_background = forms.BooleanField(
        label=_(
            "I was born outside the Nordic region and have migrated to a Nordic "
            "country."
        ),
        help_text=_("This is a condition for taking part."),
        error_messages={
            "required": _("The call is open only to people who meet this condition.")
        },
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=Gender.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    age_group = forms.ChoiceField(
        label=_("Age group (optional)"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    country_of_origin = forms.CharField(
        label=_("Country of origin (optional)"),
        max_length=100,
        required=False,
        help_text=_("Leave empty if you prefer not to say."),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my application is "
            "processed as it describes."
        ),
        error_messages={
            "required": _("We can only handle your application with your consent.")
        },
    )
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )

    class Meta:
        model = Application
        fields = [
            "full_name",
            "email",
            "country_of_residence",
            "applicant_type",
            "organisation",
            "education",
            "current_position",
            "thematic_knowledge",
            "thematic_description",
            "motivation",
            "languages",
            "migrant_background",
            "gender",
            "age_group",
            "country_of_origin",
            "consent",
        ]
        widgets = {
            "education": forms.Textarea(attrs={"rows": 4}),
            "thematic_description": forms.Textarea(attrs={"rows": 6}),
            "motivation": forms.Textarea(attrs={"rows": 8}),
        }

    diversity_fields = ("gender", "age_group", "country_of_origin")

    def __init__(self, *args: Any, call: CallForApplicationsPage, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.call = call
        self.instance.call = call
        for name in REQUIRED_FIELDS:
            self.fields[name].required = True
        for name, hint in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = hint
        locale = call.locale if call.locale_id else Locale.get_default()
        self.fields["country_of_residence"].queryset = _in_locale(Country, locale)
        # The call's own themes if the editor chose some, else every theme. Read
        # the ids first: a previewed page holds its themes in memory only.
        theme_ids = [theme.pk for theme in call.themes.all()]
        if theme_ids:
            themes = Theme.objects.filter(pk__in=theme_ids).order_by("name")
        else:
            themes = _in_locale(Theme, locale)
        self.fields["thematic_knowledge"].queryset = themes
        website = self.fields["website"].widget
        website.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    @property
    def diversity(self) -> list[forms.BoundField]:
        return [self[name] for name in self.diversity_fields]

    @property
    def main(self) -> list[forms.BoundField]:
        skip = {*self.diversity_fields, "consent", "website"}
        return [field for field in self.visible_fields() if field.name not in skip]
