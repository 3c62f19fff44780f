"""Personal data disappears once a call's retention period is over."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from applications.models import Application
from tests.cms.applications.factories import DAY, make_application, make_call

PERSONAL_FIELDS = [
    "full_name",
    "email",
    "applicant_type",
    "organisation",
    "education",
    "current_position",
    "thematic_description",
    "motivation",
    "gender",
    "age_group",
    "country_of_origin",
]


@pytest.fixture
def old_and_recent(home, country, theme):
    now = timezone.now()
    old_call = make_call(home, "old-call", now - 500 * DAY, now - 400 * DAY)
    recent_call = make_call(home, "recent-call", now - 60 * DAY, now - 10 * DAY)
    old = make_application(old_call, country_of_residence=country, themes=[theme])
    recent = make_application(recent_call, country_of_residence=country, themes=[theme])
    return old, recent


def run(*args: str) -> str:
    out = StringIO()
    call_command("erase_expired_applications", *args, stdout=out)
    return out.getvalue()


@override_settings(APPLICATION_RETENTION_DAYS=365)
def test_old_application_loses_all_personal_data(old_and_recent, country):
    old, recent = old_and_recent
    submitted_at = old.submitted_at

    assert "Erased 1 application(s)." in run()

    old.refresh_from_db()
    for name in PERSONAL_FIELDS:
        assert getattr(old, name) == "", name
    assert old.languages == []
    assert old.migrant_background is None
    assert old.consent is None
    assert list(old.thematic_knowledge.all()) == []
    assert old.erased_at is not None
    assert str(old) == f"Erased application #{old.pk}"
    # What statistics need stays.
    assert old.call_id is not None
    assert old.country_of_residence == country
    assert old.submitted_at == submitted_at

    recent.refresh_from_db()
    assert recent.erased_at is None
    assert recent.full_name == "Amina Hassan"
    assert recent.thematic_knowledge.count() == 1


@override_settings(APPLICATION_RETENTION_DAYS=365)
def test_command_is_idempotent(old_and_recent):
    old, _recent = old_and_recent
    assert "Erased 1 application(s)." in run()
    old.refresh_from_db()
    first_erasure = old.erased_at
    assert "Erased 0 application(s)." in run()
    old.refresh_from_db()
    assert old.erased_at == first_erasure


@override_settings(APPLICATION_RETENTION_DAYS=365)
def test_dry_run_changes_nothing(old_and_recent):
    assert "Would erase 1 application(s)." in run("--dry-run")
    assert Application.objects.erased().count() == 0
    assert Application.objects.filter(full_name="Amina Hassan").count() == 2


@override_settings(APPLICATION_RETENTION_DAYS=365)
def test_call_can_shorten_retention(old_and_recent):
    _old, recent = old_and_recent
    recent.call.retention_days = 5
    recent.call.save()
    assert "Erased 2 application(s)." in run()


@override_settings(APPLICATION_RETENTION_DAYS=5)
def test_open_call_is_never_erased(open_call, country):
    application = make_application(open_call, country_of_residence=country)
    assert Application.objects.past_retention().count() == 0
    run()
    application.refresh_from_db()
    assert application.erased_at is None


def test_past_retention_at_a_given_moment(old_and_recent):
    old, recent = old_and_recent
    later = timezone.now() + 400 * DAY
    with override_settings(APPLICATION_RETENTION_DAYS=365):
        assert list(Application.objects.past_retention()) == [old]
        assert set(Application.objects.past_retention(later)) == {old, recent}
