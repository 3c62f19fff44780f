"""The admin form for external sources."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from core.netsafety import allowed_hosts

TAXONOMY_FIELDS = ("themes", "countries")


class ExternalSourceForm(WagtailAdminModelForm):
    """Offers the themes and countries of one language (terms are shared by key)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            locale = Locale.get_default()
        except Locale.DoesNotExist:
            return
        for name in TAXONOMY_FIELDS:
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget = forms.CheckboxSelectMultiple()
            field.queryset = field.queryset.model.objects.filter(locale=locale)
            field.widget.choices = field.choices
            if self.instance.pk and not self.is_bound:
                selected = getattr(self.instance, name).all()
                self.initial[name] = [
                    (term.get_translation_or_none(locale) or term).pk
                    for term in selected
                ]

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url", "")
        host = (urlsplit(url).hostname or "").lower()
        if host in allowed_hosts():
            return url
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if host == "localhost" or (address is not None and not address.is_global):
            raise forms.ValidationError(
                _("This address points into the internal network; use a public one.")
            )
        return url
