"""Validators for knowledge-bank fields (referenced by migrations: keep the names)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1990


def latest_year() -> int:
    """The latest year an item may carry: next year, for forthcoming publications."""
    return timezone.localdate().year + 1


def year_validators(first: int = FIRST_YEAR) -> list:
    """From ``first`` to next year, with messages that name the limit."""
    return [
        MinValueValidator(first, _("Enter a year from %(limit_value)s onwards.")),
        MaxValueValidator(
            latest_year, _("Enter a year no later than %(limit_value)s.")
        ),
    ]
