"""Build calls and applications for the tests."""

from __future__ import annotations

import datetime
from typing import Any

DAY = datetime.timedelta(days=1)


def make_call(parent, slug: str, opens_at, closes_at, **fields: Any):
    from applications.models import CallForApplicationsPage

    call = CallForApplicationsPage(
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        slug=slug,
        opens_at=opens_at,
        closes_at=closes_at,
        privacy_notice="<p>The secretariat reads your application.</p>",
        criteria="<p>Born outside the Nordic region.</p>",
        **fields,
    )
    parent.add_child(instance=call)
    call.save_revision().publish()
    call.refresh_from_db()
    return call


def make_application(call, **fields: Any):
    from applications.models import Application

    values: dict[str, Any] = {
        "full_name": "Amina Hassan",
        "email": "amina@example.org",
        "applicant_type": "organisation",
        "organisation": "New Neighbours Network",
        "education": "MA in sociology, University of Nairobi",
        "current_position": "Project manager",
        "thematic_description": "Ten years of mentoring newly arrived women.",
        "motivation": "I want the forum to hear from women who arrived late.",
        "languages": ["sv", "en"],
        "migrant_background": True,
        "gender": "woman",
        "age_group": "40-49",
        "country_of_origin": "Somalia",
        "consent": True,
    }
    themes = fields.pop("themes", [])
    values.update(fields)
    application = Application.objects.create(call=call, **values)
    application.thematic_knowledge.set(themes)
    return application
