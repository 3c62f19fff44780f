"""Fixtures: an embedded read model with :mod:`.corpus`, the schema, a real server.

``backend`` is built once per session in a temporary folder. ``execute``
runs ``schema.execute`` in-process with a fresh context. ``server`` starts
the service with uvicorn (httptools, uvloop) in a subprocess on a free
loopback port, reading the same index; ``start_server`` starts more with
other settings.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphql_service.common.terms import TermsCache, TermSnapshot
from graphql_service.context import build_context
from graphql_service.schema import HubSchema, build_schema
from graphql_service.settings import Settings
from search.backends.embedded import EmbeddedBackend
from tests.graphql_service.corpus import corpus

REPO = Path(__file__).resolve().parents[2]

#: Keys of the test key file: raw key -> entry (the file stores the digest).
KEYS = {
    "partner-key-1234567890": {
        "id": "partner",
        "name": "Partner site",
        "rate_limit_per_minute": 1000,
        "cors_origins": ["https://www.norden.org"],
        "revoked": False,
    },
    "tight-key-1234567890": {
        "id": "tight",
        "name": "Tight limit",
        "rate_limit_per_minute": 3,
        "cors_origins": [],
        "revoked": False,
    },
    "revoked-key-1234567890": {
        "id": "revoked",
        "name": "Old partner",
        "rate_limit_per_minute": 600,
        "cors_origins": [],
        "revoked": True,
    },
}


def write_keys(path: Path, keys: dict[str, dict[str, Any]]) -> None:
    """Write a key file the way the CMS does (temporary file, then rename)."""
    entries = [
        {**entry, "prefix": raw[:8], "sha256": hashlib.sha256(raw.encode()).hexdigest()}
        for raw, entry in keys.items()
    ]
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"keys": entries}), "utf-8")
    os.replace(temporary, path)


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("read-model")


@pytest.fixture(scope="session")
def backend(index_path: Path) -> Iterator[EmbeddedBackend]:
    backend = EmbeddedBackend(index_path)
    backend.bulk(corpus())
    backend.refresh()
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(max_page_size=20, max_depth=8, max_aliases=10, max_cost=2000)


@pytest.fixture(scope="session")
def schema(settings: Settings) -> HubSchema:
    return build_schema(settings)


@pytest.fixture(scope="session")
def terms(backend: EmbeddedBackend) -> TermSnapshot:
    return asyncio.run(TermsCache(backend).snapshot())


@dataclass
class Executor:
    schema: HubSchema
    backend: EmbeddedBackend
    settings: Settings
    terms: TermSnapshot

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        locale: str | None = None,
    ) -> Any:
        context = build_context(
            request_id="test",
            backend=self.backend,
            settings=self.settings,
            terms=self.terms,
            locale=locale,
        )
        return await self.schema.execute(
            query, variable_values=variables, context_value=context
        )


@pytest.fixture
def execute(
    schema: HubSchema,
    backend: EmbeddedBackend,
    settings: Settings,
    terms: TermSnapshot,
) -> Executor:
    return Executor(schema, backend, settings, terms)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A service process; ``url`` is its /graphql endpoint."""

    process: subprocess.Popen[bytes]
    base: str
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"{self.base}/graphql"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def launch(
    index: Path,
    workdir: Path,
    *,
    as_module: bool = False,
    ready: bool = True,
    **env: str,
) -> Server:
    """Start the service on a free port.

    ``as_module`` runs ``python -m graphql_service`` (the production command)
    instead of the uvicorn command line; ``ready=False`` waits only for the
    process to be up (``/livez``), not for a usable read model.
    """
    port = free_port()
    keys = workdir / "api_keys.json"
    if not keys.exists():
        write_keys(keys, KEYS)
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "SEARCH_BACKEND": "search.backends.embedded",
        "SEARCH_PATH": str(index),
        "HUB_API_KEYS_FILE": str(keys),
        "HUB_API_USAGE_DB": str(workdir / "usage.sqlite3"),
        "HUB_SEARCH_ANALYTICS_DB": str(workdir / "search_analytics.sqlite3"),
        "GRAPHQL_KEYS_CHECK_INTERVAL": "0",
        "GRAPHQL_GENERATION_CHECK_INTERVAL": "0",
        "GRAPHQL_USAGE_FLUSH_INTERVAL": "0.2",
        "GRAPHQL_ANONYMOUS_RATE_LIMIT": "5000",
        "GRAPHQL_MAX_PAGE_SIZE": "20",
        "GRAPHQL_MAX_DEPTH": "8",
        "GRAPHQL_MAX_ALIASES": "10",
        "GRAPHQL_MAX_COST": "2000",
        "GRAPHQL_MAX_BODY_BYTES": "20000",
        "GRAPHQL_MAX_VARIABLES_BYTES": "2000",
        **env,
    }
    log = workdir / f"server-{port}.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "graphql_service.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--http",
        "httptools",
        "--loop",
        "uvloop",
        "--log-level",
        "warning",
    ]
    if as_module:
        command = [sys.executable, "-m", "graphql_service"]
        environment.update(GRAPHQL_HOST="127.0.0.1", GRAPHQL_PORT=str(port))
    with open(log, "wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command,
            env=environment,
            cwd=str(workdir),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log, environment)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            probe = "/healthz" if ready else "/livez"
            if httpx.get(server.base + probe, timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"the service did not start:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server(
    backend: EmbeddedBackend, index_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    running = launch(index_path, tmp_path_factory.mktemp("service"))
    yield running
    running.stop()


@pytest.fixture
def start_server(
    tmp_path: Path,
) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(
        index: Path, *, as_module: bool = False, ready: bool = True, **env: str
    ) -> Server:
        running = launch(index, tmp_path, as_module=as_module, ready=ready, **env)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=20) as http:
        yield http
