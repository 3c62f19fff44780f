"""Choice fields of public forms refuse keys the database column cannot hold."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from core.formfields import KeyChoiceField, KeyMultipleChoiceField, key_column
from core.models import Country, HomePage, Theme

OUT_OF_RANGE = [
    "999999999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "1" * 5000,
]
NOT_KEYS = ["1e3", "1.5", "abc", "[1]", "\x00", "1\x00", "x" * 100_000]


@pytest.fixture
def sweden(locales):
    return Country.objects.create(
        name="Sweden", slug="sweden", code="SE", locale=locales["en"]
    )


@pytest.fixture
def themes(locales):
    return [
        Theme.objects.create(name=name, slug=name.lower(), locale=locales["en"])
        for name in ("Housing", "Health")
    ]


@pytest.mark.parametrize("value", [*OUT_OF_RANGE, *NOT_KEYS, "-1", "0", "123456"])
def test_single_choice_refuses_what_is_not_an_available_key(sweden, value):
    field = KeyChoiceField(queryset=Country.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean(value)
    assert refused.value.code in ("invalid_choice", "null_characters_not_allowed")


def test_single_choice_accepts_an_available_key(sweden):
    field = KeyChoiceField(queryset=Country.objects.all())
    assert field.clean(str(sweden.pk)) == sweden
    assert field.clean(f" {sweden.pk} ") == sweden
    assert (
        KeyChoiceField(queryset=Country.objects.all(), required=False).clean("") is None
    )


@pytest.mark.parametrize(
    "values",
    [[value] for value in [*OUT_OF_RANGE, *NOT_KEYS, "-1", "0", "123456"]]
    + [["1", "999999999999999999999999"], [["1"]], [None]],
)
def test_multiple_choice_refuses_what_is_not_an_available_key(themes, values):
    field = KeyMultipleChoiceField(queryset=Theme.objects.all())
    with pytest.raises(ValidationError):
        field.clean(values)


def test_multiple_choice_accepts_available_keys(themes):
    field = KeyMultipleChoiceField(queryset=Theme.objects.all())
    chosen = field.clean([str(theme.pk) for theme in themes])
    assert set(chosen) == set(themes)


def test_a_refused_value_is_echoed_short(themes):
    field = KeyMultipleChoiceField(queryset=Theme.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean(["9" * 100_000])
    [message] = refused.value.messages
    assert len(message) < 200


def test_keys_by_another_column_are_looked_up_as_text(sweden):
    field = KeyChoiceField(queryset=Country.objects.all(), to_field_name="slug")
    assert field.clean("sweden") == sweden
    with pytest.raises(ValidationError):
        field.clean("999999999999999999999999")


def test_page_types_are_keyed_by_the_page_column(db):
    column = key_column(HomePage.objects.all(), None)
    assert isinstance(column, models.AutoField | models.BigAutoField)
