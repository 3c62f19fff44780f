"""Real Chromium (Debian's) driven by Playwright against a live server.

The tests start Django's live server (pytest-django's ``live_server``), build the
theme test site in its database, and, for search, the GraphQL service in a
subprocess reading an index the test fills by draining the outbox. axe-core is
injected into each page from ``tests/browser/node_modules`` and the Nu HTML
validator (``vnu.jar``) checks the HTML the server sent. Screenshots go to
``tests/artifacts/`` (git-ignored). Run ``npm ci`` in tests/browser/ first.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cms.theme.conftest import (  # noqa: F401 - fixtures
    _fresh_cache,
    expert_group,
    network,
    theme_image,
    theme_site,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API keeps an event loop running in this thread; the ORM calls
# the tests make between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def chromium(django_db_setup) -> Iterator[Any]:
    """Chromium for the tests of one module.

    Module-scoped because Playwright's sync API keeps an event loop running
    until it stops, and later tests (GraphQL, search) start loops of their own.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright runs the rest of the session in another context, where Django
    # opens new connection objects: give them the database snapshot that
    # serialized_rollback restores after each test's flush.
    saved = {
        alias: connections[alias].__dict__.get("_test_serialized_contents")
        for alias in connections
    }
    with sync_playwright() as playwright:
        for alias, contents in saved.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, settings) -> Iterator[Any]:
    """A fresh browser tab; uploaded images are served by the live server."""
    settings.HUB_SERVE_MEDIA = True
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def shoot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page."""
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` in {HERE}"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
            }));
        }""",
        AXE_TAGS,
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def html_errors(documents: dict[str, str], workdir: Path) -> list[str]:
    """Errors (not warnings) of the Nu HTML validator, as 'name: line: message'."""
    assert VNU.exists(), f"{VNU} is missing: run `npm ci` in {HERE}"
    java = shutil.which("java")
    assert java, "java is missing: apt-get install default-jre-headless"
    files = {}
    for name, text in documents.items():
        path = workdir / f"{name}.html"
        path.write_text(text, "utf-8")
        files[path.as_uri()] = name
    completed = subprocess.run(  # noqa: S603 - our own validator jar
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, [workdir / f"{name}.html" for name in documents]),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    return [
        f"{files.get(m.get('url'), m.get('url'))}: {m.get('lastLine')}: {m['message']}"
        for m in report.get("messages", [])
        if m.get("type") == "error"
    ]


# --- the GraphQL service for the search tests ---------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class GraphQLService:
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    index: Path
    env: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def drain_outbox() -> int:
    """Apply every due outbox row to the index, as the run_indexer worker does."""
    from indexing.backend import get_search_backend
    from indexing.worker import drain_once

    backend = get_search_backend()
    handled = 0
    try:
        for _ in range(50):
            result = drain_once(backend, batch_size=500)
            assert not result.retried, f"the index refused the batch: {result.errors}"
            handled += result.handled
            if not result.handled and not result.failed:
                break
    finally:
        backend.close()  # lets go of the index's writer lock
    return handled


@pytest.fixture
def graphql_service(settings, tmp_path: Path) -> Iterator[GraphQLService]:
    """The public GraphQL API on a free port, reading the test's own index."""
    index = tmp_path / "index"
    index.mkdir()
    settings.SEARCH_PATH = index
    drain_outbox()  # creates the index, with what is published so far
    keys = tmp_path / "api_keys.json"
    keys.write_text('{"keys": []}', "utf-8")
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "SEARCH_BACKEND": "search.backends.embedded",
        "SEARCH_PATH": str(index),
        "HUB_API_KEYS_FILE": str(keys),
        "HUB_API_USAGE_DB": str(tmp_path / "usage.sqlite3"),
        "HUB_SEARCH_ANALYTICS_DB": str(tmp_path / "analytics.sqlite3"),
        "GRAPHQL_KEYS_CHECK_INTERVAL": "0",
        "GRAPHQL_GENERATION_CHECK_INTERVAL": "0",
        "GRAPHQL_ANONYMOUS_RATE_LIMIT": "5000",
    }
    log = tmp_path / "graphql.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "uvicorn",
                "graphql_service.app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=str(tmp_path),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    service = GraphQLService(process, f"http://127.0.0.1:{port}/graphql", log, index)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    else:
        service.stop()
        raise RuntimeError(f"the GraphQL service did not start:\n{log.read_text()}")
    settings.HUB_GRAPHQL_URL = service.url
    yield service
    service.stop()


def wait_for_search(service: GraphQLService, text: str, timeout: float = 10) -> None:
    """Until the service finds ``text`` (its reader reloads after a commit)."""
    query = {"query": "query($t: String!) { search(text: $t) { totalCount } }"}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = httpx.post(
            service.url, json={**query, "variables": {"t": text}}, timeout=5
        )
        data = response.json().get("data") or {}
        if (data.get("search") or {}).get("totalCount"):
            return
        time.sleep(0.2)
    raise AssertionError(
        f"{text!r} never became searchable:\n{service.log.read_text()}"
    )
