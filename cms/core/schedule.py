"""The periodic jobs of the CMS, run by ``manage.py run_scheduler``.

Each job is a management command an operator can also run by hand. APScheduler
runs them on intervals in a thread pool: a slow job (a harvest waiting on a
partner's server) never delays another, the same job never overlaps itself, and
runs missed while one was busy are merged into one.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from django.core.management import call_command
from django.db import close_old_connections, connection, connections

from core.metrics import count_job

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """``manage.py <command> <args>`` every ``every`` seconds, first at start-up."""

    command: str
    every: float
    args: tuple[str, ...] = ()


JOBS: tuple[Job, ...] = (
    # Go-live and expiry: with the indexer's poll, search follows within a minute.
    Job("publish_scheduled", every=30),
    # Each source keeps its own interval; this only looks for the ones now due.
    Job("harvest", every=60),
    # Retention periods are counted in days; hourly runs keep erasure on time
    # even when the process restarts often.
    Job("erase_expired_applications", every=3600),
    Job("erase_expired_registrations", every=3600),
    # Translations change slowly; suggestions wait for staff anyway.
    Job("suggest_glossary_terms", every=86400),
)


def with_intervals(jobs: Iterable[Job], intervals: Mapping[str, float]) -> list[Job]:
    """``jobs`` with the intervals named in ``intervals`` replaced."""
    jobs = list(jobs)
    unknown = set(intervals) - {job.command for job in jobs}
    if unknown:
        raise ValueError(f"No scheduled job named {', '.join(sorted(unknown))}.")
    for name, seconds in intervals.items():
        if not seconds > 0:
            raise ValueError(f"The interval of {name} must be positive.")
    return [replace(job, every=intervals.get(job.command, job.every)) for job in jobs]


def run_job(job: Job) -> bool:
    """Run one job; its failure is logged and reported, never raised."""
    _close_old_connections()
    out, err = io.StringIO(), io.StringIO()
    try:
        # Verbosity 0: a run that found nothing to do says nothing.
        call_command(job.command, *job.args, stdout=out, stderr=err, verbosity=0)
    except Exception:
        logger.exception("Scheduled job %s failed", job.command)
        return False
    finally:
        _close_old_connections()
        _log_lines(job, out.getvalue(), logging.INFO)
        _log_lines(job, err.getvalue(), logging.WARNING)
    return True


def run_in_worker(job: Job) -> bool:
    """:func:`run_job` in a scheduler thread, which then closes its database
    connections: a pool thread would otherwise keep them open (for
    ``CONN_MAX_AGE``) and drop them unclosed when the pool shuts down."""
    started = time.perf_counter()
    try:
        ok = run_job(job)
        count_job(job.command, ok, time.perf_counter() - started)
        return ok
    finally:
        connections.close_all()


def _close_old_connections() -> None:
    """As around a request: drop connections that broke or outlived their age."""
    if not connection.in_atomic_block:  # (a caller's transaction is left alone)
        close_old_connections()


def _log_lines(job: Job, text: str, level: int) -> None:
    for line in text.splitlines():
        if line.strip():
            logger.log(level, "%s: %s", job.command, line)


def build_scheduler(jobs: Iterable[Job]) -> BackgroundScheduler:
    """A scheduler, not yet started, running every job now and then on its interval."""
    jobs = list(jobs)
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(max(1, len(jobs)))},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        timezone=UTC,
    )
    start = datetime.now(UTC)
    for job in jobs:
        scheduler.add_job(
            run_in_worker,
            IntervalTrigger(seconds=job.every, timezone=UTC),
            args=[job],
            id=job.command,
            name=job.command,
            next_run_time=start,
        )
    return scheduler
