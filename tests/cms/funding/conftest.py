"""Fixtures of the funding tests: a funding pool page and a call factory."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def funding_index(home):
    from funding.models import FundingIndexPage

    index = FundingIndexPage(title="Funding", slug="funding")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_call(funding_index):
    """Publish a call opening and closing this many days from now."""
    from funding.models import FundingCallPage

    def make(
        slug: str, opens_in: float, closes_in: float, *, now: datetime | None = None
    ) -> FundingCallPage:
        now = now or timezone.now()
        call = FundingCallPage(
            title=slug.replace("-", " ").capitalize(),
            slug=slug,
            opens_at=now + timedelta(days=opens_in),
            closes_at=now + timedelta(days=closes_in),
        )
        funding_index.add_child(instance=call)
        call.save_revision().publish()
        return call

    return make
