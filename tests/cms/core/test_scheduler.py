"""The scheduler: which jobs run, how often, and that one failure stops nothing."""

from __future__ import annotations

import datetime
import logging
import time

import pytest
from django.core.management import CommandError, call_command, get_commands
from django.utils import timezone
from wagtail.models import Page

from core.models import StandardPage
from core.schedule import JOBS, Job, build_scheduler, run_job, with_intervals


def test_expiry_harvest_and_erasure_are_all_scheduled():
    assert {job.command for job in JOBS} == {
        "publish_scheduled",
        "harvest",
        "erase_expired_applications",
        "erase_expired_registrations",
        "suggest_glossary_terms",
    }
    commands = get_commands()
    assert all(job.command in commands for job in JOBS)
    every = {job.command: job.every for job in JOBS}
    # Expiry must reach search within a minute, the indexer's delay included.
    assert every["publish_scheduled"] <= 30
    assert every["harvest"] <= 60


def test_intervals_can_be_changed_but_not_for_unknown_jobs():
    jobs = with_intervals(JOBS, {"publish_scheduled": 2})
    assert {j.command: j.every for j in jobs}["publish_scheduled"] == 2
    assert {j.command: j.every for j in jobs}["harvest"] == 60
    with pytest.raises(ValueError, match="No scheduled job named publish"):
        with_intervals(JOBS, {"publish": 2})
    with pytest.raises(ValueError, match="must be positive"):
        with_intervals(JOBS, {"harvest": 0})


@pytest.mark.parametrize(
    "value", ["nope=1", "publish_scheduled=x", "publish_scheduled=-1", "harvest"]
)
def test_the_command_refuses_a_bad_interval_clearly(value):
    with pytest.raises(CommandError, match="JOB=SECONDS"):
        call_command("run_scheduler", "--every", value)


@pytest.mark.django_db
def test_a_jobs_output_is_logged_and_a_run_with_nothing_to_do_is_quiet(caplog):
    with caplog.at_level(logging.INFO, logger="core.schedule"):
        assert run_job(Job("harvest", 60))
        assert caplog.messages == []
        assert run_job(Job("erase_expired_applications", 3600))
    assert caplog.messages == ["erase_expired_applications: Erased 0 application(s)."]


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_reported(caplog):
    with caplog.at_level(logging.ERROR, logger="core.schedule"):
        assert not run_job(Job("harvest", 1, ("--source", "no-such-source")))
    assert "Scheduled job harvest failed" in caplog.text
    assert "No external source 'no-such-source'" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_failing_job_never_stops_the_others(home, caplog):
    page = StandardPage(title="Short-lived notice", slug="notice")
    home.add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    scheduler = build_scheduler(
        [
            Job("harvest", 0.2, ("--source", "no-such-source")),
            Job("publish_scheduled", 0.2),
        ]
    )
    with caplog.at_level(logging.INFO, logger="core.schedule"):
        scheduler.start()
        try:
            deadline = time.monotonic() + 20
            while Page.objects.get(pk=page.pk).live:
                assert time.monotonic() < deadline, "the expired page stayed live"
                time.sleep(0.1)
        finally:
            scheduler.shutdown(wait=True)
    failures = [r for r in caplog.records if "harvest failed" in r.getMessage()]
    assert len(failures) >= 2  # it failed again and again, and expiry went on
    assert Page.objects.get(pk=page.pk).expired
