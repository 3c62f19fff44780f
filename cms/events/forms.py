"""The editor's event form (local times) and the public sign-up form."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.formfields import KeyChoiceField
from core.models import Country, TaxonomyPageForm
from events.choices import DEFAULT_TIME_ZONE

if TYPE_CHECKING:
    from events.models import EventPage, EventRegistration

# Entered by editors as wall-clock times in the event's own time zone.
LOCAL_DATETIME_FIELDS = ("start", "end", "registration_opens", "registration_closes")


def in_zone(value: datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    """The same wall-clock time as ``value`` (parsed in the active zone) in ``zone``."""
    naive = timezone.localtime(value).replace(tzinfo=None)
    return timezone.make_aware(naive, zone)


class EventPageForm(TaxonomyPageForm):
    """Reads and shows an event's times in the event's own time zone.

    Django parses a submitted time in the editor's active zone; the event's zone may
    differ (an editor in Helsinki planning a meeting in Reykjavik), so the wall-clock
    time is moved into the zone chosen on the page.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            zone = self.instance.zone
            for name in LOCAL_DATETIME_FIELDS:
                value = getattr(self.instance, name, None)
                if name in self.fields and value is not None:
                    local = timezone.localtime(value, zone)
                    self.initial[name] = local.replace(tzinfo=None)
        locale = self._page_locale()
        field = self.fields.get("country")
        if locale is not None and field is not None:
            field.queryset = Country.objects.filter(locale=locale)
            country = self.instance.country if self.instance.country_id else None
            if country is not None and not self.is_bound:
                translated = country.get_translation_or_none(locale) or country
                self.initial["country"] = translated.pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        zone = ZoneInfo(cleaned.get("time_zone") or DEFAULT_TIME_ZONE)
        for name in LOCAL_DATETIME_FIELDS:
            value = cleaned.get(name)
            if isinstance(value, datetime.datetime):
                cleaned[name] = in_zone(value, zone)
        return cleaned


class RegistrationForm(forms.Form):
    """The public sign-up form on an event page."""

    name = forms.CharField(label=_("Name"), max_length=160)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation here."),
    )
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    country = KeyChoiceField(
        label=_("Country or territory"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("(not given)"),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example step-free access, sign language or captions."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Nordic Council of Ministers stores these details to "
            "organise the event."
        ),
        error_messages={"required": _("Please agree so that we can sign you up.")},
    )
    # Honeypot: hidden from people, filled in by spam robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, event: EventPage, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "registration-%s")
        super().__init__(*args, **kwargs)
        self.event = event
        days = settings.EVENT_REGISTRATION_RETENTION_DAYS
        self.fields["consent"].help_text = ngettext(
            "Your details are deleted %(days)d day after the event.",
            "Your details are deleted %(days)d days after the event.",
            days,
        ) % {"days": days}
        self.fields["country"].queryset = Country.objects.filter(
            locale_id=event.locale_id
        )

    def visible_fields_linked(self) -> list[forms.BoundField]:
        """The fields people see, with help and error texts tied to each input."""
        fields = []
        for bound in self.visible_fields():
            if bound.name == "website":
                continue
            described_by = []
            if bound.help_text:
                described_by.append(f"{bound.auto_id}-help")
            if bound.errors:
                described_by.append(f"{bound.auto_id}-error")
                bound.field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                bound.field.widget.attrs["aria-describedby"] = " ".join(described_by)
            fields.append(bound)
        return fields

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _("Your sign-up could not be accepted."), code="honeypot"
            )
        return cleaned

    def save(self) -> EventRegistration:
        """Sign up through the event (seats, waiting list, e-mail)."""
        data = self.cleaned_data
        return self.event.register(
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            country=data["country"],
            accessibility_needs=data["accessibility_needs"],
            dietary_needs=data["dietary_needs"],
            consent=data["consent"],
        )
