"""Admin form for partner endpoints: choices for filters, a shown secret."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from indexing.registry import indexed_models
from webhooks.models import generate_secret


def content_type_choices() -> list[tuple[str, str]]:
    choices = {
        entry.doc_type: f"{capfirst(entry.model._meta.verbose_name)} ({entry.doc_type})"
        for entry in indexed_models()
    }
    return sorted(choices.items(), key=lambda item: item[1])


def locale_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES]


class WebhookEndpointForm(WagtailAdminModelForm):
    content_types = forms.MultipleChoiceField(
        label=_("Content types"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to send every content type."),
    )
    locales = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to send every language."),
    )
    regenerate_secret = forms.BooleanField(
        label=_("Make a new secret"),
        required=False,
        help_text=_(
            "The old secret stops working at once: give the new one to the partner."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_types"].choices = content_type_choices()
        self.fields["locales"].choices = locale_choices()
        if not self.instance.pk:
            # Generated on save and shown on the endpoint's page afterwards.
            self.fields.pop("secret")
            self.fields.pop("regenerate_secret")
        else:
            secret = self.fields["secret"]
            secret.disabled = True
            secret.widget.attrs.update({"readonly": True, "autocomplete": "off"})

    def save(self, commit: bool = True):
        endpoint = super().save(commit=False)
        if self.cleaned_data.get("regenerate_secret"):
            endpoint.secret = generate_secret()
        if commit:
            endpoint.save()
        return endpoint
