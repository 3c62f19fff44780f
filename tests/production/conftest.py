"""One production stack (:mod:`.stack`) for every scenario of the session.

Where PostgreSQL, Redis, Java or Maven is missing the scenarios are skipped
with the reason, unless ``ENGINE_REQUIRED`` is set (CI sets it), where they
fail. A stack that is installed but does not come up always fails, with the
tails of its logs. A failing scenario's report ends with the tail of every
process's log; the full logs stay in ``tests/artifacts/production/``, and the
figures the scenarios measured are printed at the end of the run.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Generator, Iterator
from typing import Any

import pytest

from tests.production.stack import (
    ARTIFACTS,
    FIGURES,
    RUNNING,
    Stack,
    StackMissingError,
    StackUnavailableError,
    record,
    start_stack,
)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    def terminated(signum: int, frame: object) -> None:
        # A CI timeout sends SIGTERM, maybe while the stack starts: stop what
        # runs, then die as asked.
        for started in RUNNING:
            started.stop()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        try:
            running = start_stack(tmp_path_factory.mktemp("production"))
        except StackMissingError as exc:
            message = f"no production stack: {exc}"
            if os.environ.get("ENGINE_REQUIRED"):
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        except StackUnavailableError as exc:
            pytest.fail(
                f"the production stack did not start (every log: {ARTIFACTS}): {exc}",
                pytrace=False,
            )
        record(
            "stack up in "
            + ", ".join(
                f"{name} {seconds:.1f} s" for name, seconds in running.timings.items()
            )
        )
        try:
            yield running
        finally:
            running.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    running = getattr(item, "funcargs", {}).get("stack")
    if report.failed and isinstance(running, Stack):
        report.sections.append(
            (
                f"production stack logs (in full: {ARTIFACTS})",
                running.log_tails(),
            )
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("production stack")
        for line in FIGURES:
            terminalreporter.write_line(line)
