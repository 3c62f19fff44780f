"""Throwaway PostgreSQL and Redis servers on loopback, from Debian's packages.

:func:`postgres_server` does what ``scripts/with-postgres.sh`` does and
:func:`redis_server` what ``scripts/with-redis.sh`` does, as context managers
for pytest fixtures: a fresh server on a free ``127.0.0.1`` port in a
temporary folder, stopped and removed afterwards. When the binaries are
missing the test is skipped with the package to install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["free_port", "postgres_server", "redis_server"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_bindir() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else None


def _run(command: list[str], **options: object) -> None:
    subprocess.run(command, check=True, capture_output=True, **options)  # type: ignore[call-overload]  # noqa: S603


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A PostgreSQL cluster with an empty database ``hub``; yields its URL."""
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    workdir = Path(tempfile.mkdtemp(prefix="hub-pg."))
    runas: list[str] = []
    if os.getuid() == 0:  # initdb refuses to run as root
        shutil.chown(workdir, "postgres")
        runas = ["runuser", "-u", "postgres", "--"]
    data, port = workdir / "data", free_port()
    pg_ctl = [*runas, str(bindir / "pg_ctl"), "-D", str(data)]
    options = f"-h 127.0.0.1 -p {port} -k {workdir} -F"
    try:
        _run(
            [*runas, str(bindir / "initdb"), "-D", str(data), "-U", "hub"]
            + ["--auth=trust", "-E", "UTF8"]
        )
        _run(
            [*pg_ctl, "-l", str(workdir / "log"), "-w", "-t", "120"]
            + ["-o", options, "start"]
        )
    except subprocess.CalledProcessError as exc:
        log = workdir / "log"
        detail = log.read_text() if log.exists() else exc.stderr.decode()
        shutil.rmtree(workdir, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start:\n{detail}") from exc
    try:
        _run(
            [*runas, str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port)]
            + ["-U", "hub", "hub"]
        )
        yield f"postgres://hub@127.0.0.1:{port}/hub"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)  # noqa: S603
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A Redis server without persistence; yields its ``redis://`` URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    workdir = Path(tempfile.mkdtemp(prefix="hub-redis."))
    port = free_port()
    log = workdir / "log"
    command = [
        binary,
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--dir",
        str(workdir),
        "--save",
        "",
        "--appendonly",
        "no",
        "--logfile",
        str(log),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                detail = log.read_text() if log.exists() else ""
                raise RuntimeError(f"Redis did not start:\n{detail}")
            with socket.socket() as probe, contextlib.suppress(OSError):
                probe.settimeout(0.5)
                probe.connect(("127.0.0.1", port))
                probe.sendall(b"PING\r\n")
                if probe.recv(16).startswith(b"+PONG"):
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
