"""Filters of the public events list (kind, theme, country, format), from GET."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.models import Country, Theme

register = template.Library()

PAST_PER_PAGE = 10


class EventFilterForm(forms.Form):
    """What readers can narrow the events list by; every field is optional."""

    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country or territory"), required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Any format")),
            ("online", _("Online")),
            ("in_person", _("In person")),
        ],
    )

    def __init__(self, *args: Any, locale_id: int | None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "event-filter-%s")
        super().__init__(*args, **kwargs)
        from events.choices import EventKind

        self.fields["kind"].choices = [("", _("All kinds")), *EventKind.choices]
        themes = Theme.objects.filter(locale_id=locale_id).order_by("name")
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (t.slug, t.name) for t in themes
        ]
        countries = Country.objects.filter(locale_id=locale_id).order_by("name")
        self.fields["country"].choices = [("", _("All countries"))] + [
            (c.slug, c.name) for c in countries
        ]
        for name, bound in self.fields.items():
            error_id = f"event-filter-{name}-error"
            if self.is_bound and name in self.errors:
                bound.widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": error_id}
                )

    def filters(self) -> dict[str, str]:
        """Valid filters only; an unknown value is ignored (and shown as an error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: value for key, value in data.items() if value}


def apply_filters(events: QuerySet, filters: dict[str, str]) -> QuerySet:
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("theme"):
        events = events.filter(themes__slug=filters["theme"])
    if filters.get("country"):
        events = events.filter(
            Q(countries__slug=filters["country"]) | Q(country__slug=filters["country"])
        )
    if filters.get("format") == "online":
        events = events.exclude(online_link="")
    elif filters.get("format") == "in_person":
        events = events.exclude(venue_name="", city="")
    return events.distinct()


@dataclass
class EventListing:
    form: EventFilterForm
    filters: dict[str, str]
    upcoming: list[Any]
    past: PaginatorPage


@register.simple_tag
def event_listing(
    page: Any, request: HttpRequest, upcoming: QuerySet, past: QuerySet
) -> EventListing:
    """Upcoming events and a page of past ones, narrowed by the GET filters."""
    params = request.GET if request is not None else {}
    relevant = {k: v for k, v in params.items() if k in EventFilterForm.base_fields}
    form = EventFilterForm(relevant or None, locale_id=page.locale_id)
    filters = form.filters()
    past_page = Paginator(apply_filters(past, filters), PAST_PER_PAGE).get_page(
        params.get("page")
    )
    return EventListing(
        form=form,
        filters=filters,
        upcoming=list(apply_filters(upcoming, filters)),
        past=past_page,
    )


@register.simple_tag(takes_context=True)
def calendar_url(context: template.Context, page: Any) -> str:
    """The event's .ics file at the delivery service, for published events only."""
    from urllib.parse import quote

    from core.search_client import graphql_url

    if not getattr(page, "live", False) or not getattr(page, "pk", None):
        return ""
    base = graphql_url().rsplit("/graphql", 1)[0]
    return f"{base}/events/{quote(f'event:{page.pk}')}.ics"
