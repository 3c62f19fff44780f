"""Choice fields for public forms that check submitted keys before any query.

Django's ModelMultipleChoiceField sends the submitted ids to the database as they
come: ``999999999999999999999999`` does not fit a 64-bit column, and SQLite (like
PostgreSQL) fails the whole request instead of finding nothing. The fields here
parse each submitted key as the key column would and refuse, as an ordinary
form error, a value that is not a key or lies outside the column's range.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.utils.text import Truncator

# Refused values are echoed in the error message: a 100 KB value is cut short.
ECHO_LENGTH = 40


def key_column(queryset: models.QuerySet, to_field_name: str | None) -> models.Field:
    """The concrete column a choice is looked up by (through one-to-one parents)."""
    field = queryset.model._meta.get_field(
        to_field_name or queryset.model._meta.pk.name
    )
    while field.is_relation and field.target_field is not field:
        field = field.target_field
    return field


def integer_range(
    field: models.Field, model: type[models.Model]
) -> tuple[int | None, int | None] | None:
    """The values the column can hold on its database, or None if not an integer."""
    connection = connections[router.db_for_read(model)]
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:
        return None


class KeyCheckMixin:
    """Refuses a submitted key that the key column could never hold."""

    queryset: models.QuerySet
    to_field_name: str | None
    error_messages: dict[str, Any]

    def check_key(self, value: Any) -> None:
        if isinstance(value, models.Model) or value in (None, ""):
            return
        column = key_column(self.queryset, self.to_field_name)
        refusal = ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": Truncator(str(value)).chars(ECHO_LENGTH)},
        )
        try:
            key = column.to_python(value)
        except ValidationError:
            raise refusal from None
        bounds = integer_range(column, self.queryset.model)
        if bounds is None or not isinstance(key, int):
            return
        low, high = bounds
        if (low is not None and key < low) or (high is not None and key > high):
            raise refusal


class KeyChoiceField(KeyCheckMixin, forms.ModelChoiceField):
    """A ModelChoiceField whose submitted key is checked before the lookup."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:
            self.validate_no_null_characters(value)
            self.check_key(value)
        return super().to_python(value)


class KeyMultipleChoiceField(KeyCheckMixin, forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField whose submitted keys are checked before the query."""

    def _check_values(self, value: Any) -> models.QuerySet:
        if isinstance(value, (list, tuple)):
            for key in value:
                if not isinstance(key, (str, int)):
                    raise ValidationError(
                        self.error_messages["invalid_list"], code="invalid_list"
                    )
                self.validate_no_null_characters(key)
                self.check_key(key)
        return super()._check_values(value)
