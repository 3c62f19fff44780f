"""The expert group editor: composition rules that span several inline rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _

from core.models import TaxonomyPageForm
from experts.choices import SEAT_ROLES, MemberRole


@dataclass(frozen=True)
class Span:
    """A closed date interval; open ends stand for the group's whole term."""

    start: datetime.date
    end: datetime.date

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def live_rows(formset: forms.BaseFormSet | None) -> list[forms.BaseForm]:
    """The valid rows of an inline formset that the editor keeps (not deleted)."""
    if formset is None:
        return []
    formset.is_valid()  # runs each row's own validation once
    return [
        row
        for row in formset.forms
        if row.is_valid()
        and row.cleaned_data
        and not row.cleaned_data.get(DELETION_FIELD_NAME)
    ]


class ExpertGroupPageForm(TaxonomyPageForm):
    """Checks seats per country, one chair per year and the yearly chair table."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        members = live_rows(self.formsets.get("members"))
        self._check_members(members)
        self._check_chairs(live_rows(self.formsets.get("chairs")), members)
        return cleaned_data

    def _term_span(self) -> Span:
        start = self.cleaned_data.get("term_start") or datetime.date.min
        end = self.cleaned_data.get("term_end") or datetime.date.max
        return Span(start, max(start, end))

    def _member_span(self, row: forms.BaseForm) -> Span:
        term = self._term_span()
        start = row.cleaned_data.get("start_date") or term.start
        end = row.cleaned_data.get("end_date") or term.end
        return Span(start, max(start, end))

    def _check_members(self, rows: list[forms.BaseForm]) -> None:
        limit = self.cleaned_data.get("members_per_country_max")
        seen_profiles: set[int] = set()
        seats: dict[object, list[Span]] = {}
        chairs: list[tuple[Span, Any]] = []
        for row in rows:
            data = row.cleaned_data
            profile, country, role = data["profile"], data["country"], data["role"]
            if profile.pk in seen_profiles:
                row.add_error(
                    "profile",
                    _(
                        "%(name)s is already listed as a member of this group; "
                        "list each expert once."
                    )
                    % {"name": profile},
                )
                continue
            seen_profiles.add(profile.pk)
            span = self._member_span(row)
            if role in SEAT_ROLES and limit:
                taken = seats.setdefault(country.translation_key, [])
                if _peak_with(taken, span) > limit:
                    row.add_error(
                        "country",
                        _(
                            "%(country)s would have more than %(max)s members at the "
                            "same time; this group allows at most %(max)s per country "
                            "or territory."
                        )
                        % {"country": country, "max": limit},
                    )
                    continue
                taken.append(span)
            if role == MemberRole.CHAIR:
                clash = next((c for c in chairs if c[0].overlaps(span)), None)
                if clash is not None:
                    year = max(clash[0].start, span.start).year
                    row.add_error(
                        "role",
                        _(
                            "Only one chair per year: %(name)s is already chair in "
                            "%(year)s. Give each chair dates within their own year."
                        )
                        % {"name": clash[1], "year": year},
                    )
                    continue
                chairs.append((span, profile))

    def _check_chairs(
        self, rows: list[forms.BaseForm], members: list[forms.BaseForm]
    ) -> None:
        represents = {
            m.cleaned_data["profile"].pk: m.cleaned_data["country"]
            for m in members
            if "profile" in m.cleaned_data and "country" in m.cleaned_data
        }
        term = self._term_span()
        years: set[int] = set()
        for row in rows:
            data = row.cleaned_data
            year, presidency, chair = (
                data["year"],
                data["presidency_country"],
                data["chair"],
            )
            if year in years:
                row.add_error(
                    "year",
                    _("%(year)s already has a chair; give one row per year.")
                    % {"year": year},
                )
                continue
            years.add(year)
            if not term.start.year <= year <= term.end.year:
                row.add_error(
                    "year",
                    _("%(year)s is outside the group's term (%(start)s–%(end)s).")
                    % {"year": year, "start": term.start.year, "end": term.end.year},
                )
                continue
            country = represents.get(chair.pk)
            if country is None:
                row.add_error(
                    "chair",
                    _(
                        "%(name)s is not a member of this group; add them under "
                        "Members first."
                    )
                    % {"name": chair},
                )
            elif country.translation_key != presidency.translation_key:
                row.add_error(
                    "chair",
                    _(
                        "The chair for %(year)s must come from %(presidency)s, which "
                        "holds the presidency, but %(name)s represents %(country)s."
                    )
                    % {
                        "year": year,
                        "presidency": presidency,
                        "name": chair,
                        "country": country,
                    },
                )


def _peak_with(taken: list[Span], span: Span) -> int:
    """How many seats are in use at the busiest moment of ``span`` if it is added."""
    moments = [span.start] + [s.start for s in taken if span.contains(s.start)]
    return max(1 + sum(s.contains(day) for s in taken) for day in moments)
