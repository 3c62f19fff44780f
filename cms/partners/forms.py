"""Admin forms for API keys: the key is generated here and never stored in clear."""

from __future__ import annotations

import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from partners.models import KEY_PREFIX, hash_key


class ApiKeyForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this key"),
        required=False,
        help_text=_(
            "The partner's requests are refused within seconds. Cannot be undone."
        ),
    )

    raw_key: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk or self.instance.is_revoked:
            self.fields.pop("revoke")

    def save(self, commit: bool = True):
        key = super().save(commit=False)
        if not key.pk:
            self.raw_key = KEY_PREFIX + secrets.token_urlsafe(32)
            key.prefix = self.raw_key[: len(KEY_PREFIX) + 8]
            key.key_hash = hash_key(self.raw_key)
        if self.cleaned_data.get("revoke"):
            key.revoked_at = timezone.now()
        if commit:
            key.save()
        return key
