"""Form data for the expert group editor, as the admin's JavaScript posts it."""

from __future__ import annotations

from typing import Any

from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from tests.cms.admin_flow import page_form


def member(profile, country, role: str = "member", start="", end="", **extra) -> dict:
    return {
        "profile": profile.pk,
        "role": role,
        "country": country.pk,
        "start_date": start,
        "end_date": end,
        **extra,
    }


def chair(year: int, presidency, profile, **extra) -> dict:
    return {
        "year": str(year),
        "presidency_country": presidency.pk,
        "chair": profile.pk,
        **extra,
    }


def group_form(
    members: list[dict],
    chairs: list[dict] | None = None,
    meetings: list[dict] | None = None,
    *,
    title: str = "Nordic migrant expert forum",
    slug: str = "expert-forum",
    **fields: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "lead": "Experts with a migrant background advise the programme.",
        "mandate": rich_text("<p>Bring the target group's view into the work.</p>"),
        "term_start": "2021-10-01",
        "term_end": "2024-09-30",
        "chair_rotation": "From the presidency country, for one year at a time.",
        "meetings_per_year": "2",
        "members_per_country_min": "2",
        "members_per_country_max": "2",
        "body": streamfield([]),
        "members": inline_formset(members),
        "chairs": inline_formset(chairs or []),
        "meetings": inline_formset(meetings or []),
    }
    data.update(fields)
    return page_form(title, slug, data)
