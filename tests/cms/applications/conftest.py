"""Calls in every state of their window, and the terms the form offers."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.cms.applications.factories import DAY, make_call


@pytest.fixture
def country(locales):
    from core.models import Country

    return Country.objects.create(
        name="Sweden", slug="sweden", code="SE", locale=locales["en"]
    )


@pytest.fixture
def other_country(locales):
    from core.models import Country

    return Country.objects.create(
        name="Norway", slug="norway", code="NO", locale=locales["en"]
    )


@pytest.fixture
def theme(locales):
    from core.models import Theme

    return Theme.objects.create(
        name="Labour market", slug="labour-market", locale=locales["en"]
    )


@pytest.fixture
def open_call(home):
    now = timezone.now()
    return make_call(
        home,
        "expert-forum",
        now - DAY,
        now + 30 * DAY,
        title="Join the expert forum",
        notify_email="staff@norden.example",
        selection_by=(now + 45 * DAY).date(),
    )


@pytest.fixture
def upcoming_call(home):
    now = timezone.now()
    return make_call(home, "upcoming-call", now + DAY, now + 30 * DAY)


@pytest.fixture
def closed_call(home):
    now = timezone.now()
    return make_call(home, "closed-call", now - 30 * DAY, now - DAY)
