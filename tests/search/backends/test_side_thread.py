"""The side thread a search hands its facet counts to."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from search.backends._side_thread import SideThread


def _thread_name() -> str:
    return threading.current_thread().name


def _fail() -> None:
    raise ValueError("bad facet")


def test_calls_run_beside_the_caller_and_report_their_errors() -> None:
    side = SideThread()
    try:
        assert side.submit(_thread_name).result().startswith("search-side")
        with pytest.raises(ValueError, match="bad facet"):
            side.submit(_fail).result()
    finally:
        side.close()


def _in_child(side: SideThread, answer: multiprocessing.connection.Connection) -> None:
    answer.send(side.submit(_thread_name).result(timeout=5))


def test_a_forked_worker_starts_threads_of_its_own() -> None:
    side = SideThread()
    try:
        side.submit(_thread_name).result()  # the parent's pool exists
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe()
        child = context.Process(target=_in_child, args=(side, theirs))
        child.start()
        assert mine.poll(10), "the child's call never ran"
        assert mine.recv().startswith("search-side")
        child.join(5)
        assert child.exitcode == 0
    finally:
        side.close()
