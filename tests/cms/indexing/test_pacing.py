"""How long the indexer waits between batches."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from indexing.worker import DrainResult, pause_after
from search.backends.base import REFRESH_INTERVAL


def pause(result: DrainResult, elapsed: float = 0.1) -> float:
    return pause_after(
        result,
        batch_size=500,
        elapsed=elapsed,
        poll=0.25,
        refresh_interval=REFRESH_INTERVAL,
    )


def test_a_caught_up_indexer_gathers_changes_for_the_rest_of_the_interval() -> None:
    """A trickle of edits becomes one commit per interval, not one each."""
    assert pause(DrainResult(indexed=3), elapsed=0.1) == pytest.approx(
        REFRESH_INTERVAL - 0.1
    )
    assert pause(DrainResult(removed=1, failed=1), elapsed=0.4) == pytest.approx(
        REFRESH_INTERVAL - 0.4
    )
    # A batch that took the whole interval is followed at once.
    assert pause(DrainResult(indexed=3), elapsed=REFRESH_INTERVAL + 0.5) == 0.0


def test_a_backlog_is_drained_without_pauses() -> None:
    assert pause(DrainResult(indexed=480, superseded=20)) == 0.0


def test_idle_and_failing_backends_keep_their_own_pauses() -> None:
    assert pause(DrainResult()) == 0.25
    assert pause(DrainResult(retried=500)) == 2.0


def test_negative_intervals_are_refused() -> None:
    with pytest.raises(CommandError, match="must not be negative"):
        call_command(
            "run_indexer", "--once", "--refresh-interval", "-1", stdout=io.StringIO()
        )
