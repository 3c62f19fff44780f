"""The GraphQL service as partners meet it: a real process on a free loopback
port, asked over HTTP with an API key."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from graphql_service.keys import write_key_file
from search.lexicon import lexicon_path

REPO = Path(__file__).resolve().parents[2]
API_KEY = "relevance-bench-key-0000"

#: The partner's search: the first ten results with what a result list shows.
SEARCH = """
query Search($text: String!, $locale: LocaleCode!) {
  search(text: $text, locale: $locale, first: 10) {
    totalCount
    edges {
      score
      node { documentId contentType locale title lead url path }
      highlights { title lead body }
    }
  }
}
"""


class ServiceError(RuntimeError):
    pass


@dataclass(frozen=True)
class Hit:
    document_id: str
    locale: str
    url: str


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_bench_key(path: Path) -> None:
    """The key store the service reads: one partner key without a tight limit."""
    write_key_file(
        path,
        API_KEY,
        key_id="relevance-bench",
        name="Relevance benchmark",
        rate_limit_per_minute=1_000_000,
    )


#: The service's own application factory.
SERVICE_APP = "graphql_service.app:create_app"


class GraphQLService:
    """The service (uvicorn, one worker, httptools and uvloop, as
    ``python -m graphql_service`` runs it) on a read model."""

    def __init__(
        self, workdir: Path, search_env: Mapping[str, str], app: str = SERVICE_APP
    ) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/graphql"
        keys = workdir / "api_keys.json"
        write_bench_key(keys)
        self._env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            **search_env,
            "HUB_DATA_DIR": str(workdir),
            # The lexicon is built once beside the real data (make lexicon),
            # not in the throwaway folder.
            "SEARCH_LEXICON": str(lexicon_path()),
            "HUB_API_KEYS_FILE": str(keys),
            "HUB_API_USAGE_DB": str(workdir / "api_usage.sqlite3"),
            "HUB_SEARCH_ANALYTICS_DB": str(workdir / "search_analytics.sqlite3"),
            # Every query runs twice (warm-up, then measured): cached answers
            # would make the measured pass a cache benchmark.
            "GRAPHQL_RESPONSE_CACHE": "false",
        }
        self._log = workdir / "graphql.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._client = httpx.Client(
            headers={"X-API-Key": API_KEY, "Accept": "application/json"}, timeout=30
        )

    def __enter__(self) -> GraphQLService:
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(  # noqa: S603 - our interpreter
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    self.app,
                    "--factory",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--workers",
                    "1",
                    "--http",
                    "httptools",
                    "--loop",
                    "uvloop",
                    "--log-level",
                    "warning",
                    "--no-access-log",
                ],
                env=self._env,
                cwd=str(REPO),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_ready()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()
        process = self._process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        health = f"http://127.0.0.1:{self.port}/healthz"
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise ServiceError(
                    f"the GraphQL service exited: {self._log.read_text()[-2000:]}"
                )
            try:
                answer = httpx.get(health, timeout=2)
                if answer.status_code == 200:
                    mode = answer.json().get("crossLanguage", {}).get("mode")
                    sys.stderr.write(f"  cross-language search: {mode}\n")
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise ServiceError(f"the GraphQL service did not become ready ({health})")

    def search(self, text: str, locale: str) -> tuple[list[Hit], float]:
        """The first ten hits and the request's duration in seconds at the client."""
        body = {"query": SEARCH, "variables": {"text": text, "locale": locale}}
        started = time.perf_counter()
        response = self._client.post(self.url, json=body)
        elapsed = time.perf_counter() - started
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code != 200 or not isinstance(data, dict):
            raise ServiceError(
                f"search {text!r} ({locale}): HTTP {response.status_code} "
                f"{response.text[:500]}"
            )
        if data.get("errors"):
            raise ServiceError(f"search {text!r} ({locale}): {data['errors']}")
        edges = data["data"]["search"]["edges"]
        hits = [
            Hit(
                document_id=edge["node"]["documentId"],
                locale=edge["node"]["locale"],
                url=edge["node"].get("url") or edge["node"]["path"],
            )
            for edge in edges
        ]
        return hits, elapsed
