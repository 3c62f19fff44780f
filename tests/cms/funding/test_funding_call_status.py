"""FundingCallPage.status() and is_open() around the opening and closing times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from funding.choices import CallStatus
from funding.models import FundingCallPage

OPENS = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
CLOSES = datetime(2027, 3, 1, 11, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)

# Building a page looks up its content type, which may need the database.
pytestmark = pytest.mark.django_db


def call(**fields):
    return FundingCallPage(
        title="Call", slug="call", opens_at=OPENS, closes_at=CLOSES, **fields
    )


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (OPENS - SECOND, CallStatus.UPCOMING),
        (OPENS, CallStatus.OPEN),
        (CLOSES - SECOND, CallStatus.OPEN),
        (CLOSES, CallStatus.CLOSED),
        (CLOSES + timedelta(days=400), CallStatus.CLOSED),
    ],
)
def test_status_around_the_deadlines(now, status):
    page = call()
    assert page.status(now) == status
    assert page.is_open(now) is (status == CallStatus.OPEN)


def test_status_defaults_to_now(make_call):
    assert make_call("open", -1, 1).status() == CallStatus.OPEN
    assert make_call("soon", 1, 2).is_open() is False


def test_clean_refuses_naive_times(funding_index):
    page = call()
    page.opens_at = datetime(2027, 1, 10, 9, 0)
    with pytest.raises(ValidationError) as caught:
        funding_index.add_child(instance=page)
    assert "opens_at" in caught.value.message_dict


@pytest.mark.parametrize(
    ("low", "high", "english", "danish_figures"),
    [
        ("100000", "500000", "100,000–500,000 DKK", "100.000–500.000 DKK"),
        (None, "500000", "up to 500,000 DKK", "500.000 DKK"),
        ("2500.50", None, "from 2,500.50 DKK", "2.500,50 DKK"),
        ("1000", "1000", "1,000 DKK", "1.000 DKK"),
        (None, None, "", ""),
    ],
)
def test_amount_text_in_the_readers_number_format(low, high, english, danish_figures):
    page = call(amount_min=low and Decimal(low), amount_max=high and Decimal(high))
    with translation.override("en"):
        assert page.amount_text() == english
    with translation.override("da"):
        assert page.amount_text().endswith(danish_figures)
