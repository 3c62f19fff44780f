"""Server processes of the production stack, each in a process group of its own.

Every process is started with ``start_new_session=True``, so its PID is also
its process group id: stopping it signals the whole group (gunicorn's and
uvicorn's workers included), SIGTERM first and SIGKILL after a grace period.
Output goes to one log file per process, which the stack keeps as an artefact.
PostgreSQL is started with Debian's ``pg_ctl`` (as the ``postgres`` user when
run as root) and stopped by its postmaster's PID.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

__all__ = ["Postgres", "Process", "StackUnavailableError", "postgres_bindir"]


class StackUnavailableError(RuntimeError):
    """A component of the stack is not installed or did not start (says which)."""


def tail(path: Path, lines: int = 25) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return "(no log)"


@dataclass
class Process:
    """One long-running command with its environment and log file."""

    name: str
    argv: list[str]
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    popen: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.popen.pid if self.popen else None

    def start(self) -> Process:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as output:
            self.popen = subprocess.Popen(  # noqa: S603 (commands of the test stack)
                self.argv,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def _signal_group(self, signum: int) -> None:
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signum)

    def kill(self) -> None:
        """SIGKILL to the whole group: no worker gets to close anything."""
        if self.popen is None:
            return
        self._signal_group(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def terminate(self) -> None:
        """SIGTERM to the group (see :meth:`stop`), without waiting."""
        if self.popen is not None and self.popen.poll() is None:
            self._signal_group(signal.SIGTERM)

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM to the group, SIGKILL after ``grace`` seconds; idempotent."""
        if self.popen is None:
            return
        self.terminate()
        try:
            self.popen.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()
        # Workers the leader left behind (it exited first) go too.
        self._signal_group(signal.SIGKILL)
        self.popen = None

    def wait_exit(self, timeout: float) -> None:
        """Until a one-off command has finished well, or fail with its log."""
        assert self.popen is not None
        try:
            code = self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise StackUnavailableError(
                f"{self.name} did not finish in {timeout:.0f} s:\n{tail(self.log)}"
            ) from None
        if code != 0:
            raise StackUnavailableError(
                f"{self.name} failed ({code}):\n{tail(self.log, 40)}"
            )

    def wait_http(self, url: str, timeout: float) -> None:
        """Until ``url`` answers 200 (readiness), or fail with the log's tail."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if not self.running():
                raise StackUnavailableError(
                    f"{self.name} exited at start:\n{tail(self.log)}"
                )
            try:
                answer = httpx.get(url, timeout=3)
            except httpx.HTTPError as exc:
                last = type(exc).__name__
            else:
                if answer.status_code == 200:
                    return
                last = f"{answer.status_code} {answer.text[:200]}"
            time.sleep(0.2)
        raise StackUnavailableError(
            f"{self.name} not ready at {url} within {timeout:.0f} s ({last}):\n"
            + tail(self.log)
        )


def postgres_bindir() -> Path | None:
    """Debian's newest PostgreSQL server binaries, if installed."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: (
            int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0
        ),
    )
    return found[-1].parent if found else None


@dataclass
class Postgres:
    """A throwaway cluster on 127.0.0.1 (as scripts/with-postgres.sh starts one)."""

    bindir: Path
    home: Path
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"postgres://hub@127.0.0.1:{self.port}/hub"

    def _as_owner(self) -> list[str]:
        # The server refuses to run as root; Debian's package has its own user.
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--"]
        return []

    def _run(self, *argv: str) -> None:
        done = subprocess.run(  # noqa: S603 (fixed commands)
            [*self._as_owner(), *argv],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise StackUnavailableError(
                f"PostgreSQL: {' '.join(argv[:1])} failed: {done.stderr.strip()[-800:]}"
                f"\n{tail(self.home / 'server.log')}"
            )

    def start(self) -> Postgres:
        self.home.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.home, "postgres")
        data = str(self.home / "data")
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            data,
            "-U",
            "hub",
            "--auth=trust",
            "-E",
            "UTF8",
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            data,
            "-l",
            str(self.home / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k {self.home} -F",
            "start",
        )
        self._run(
            str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", "hub", "hub",
        )  # fmt: skip
        return self

    def postmaster_pid(self) -> int | None:
        with contextlib.suppress(OSError, ValueError, IndexError):
            return int((self.home / "data" / "postmaster.pid").read_text().split()[0])
        return None

    def stop(self) -> None:
        """Immediate shutdown; SIGKILL to the postmaster if that fails."""
        pid = self.postmaster_pid()
        subprocess.run(  # noqa: S603
            [*self._as_owner(), str(self.bindir / "pg_ctl"), "-D",
             str(self.home / "data"), "-m", "immediate", "-t", "20", "stop"],
            capture_output=True,
            check=False,
        )  # fmt: skip
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            shutil.copyfile(self.home / "server.log", self.log)
        shutil.rmtree(self.home, ignore_errors=True)
