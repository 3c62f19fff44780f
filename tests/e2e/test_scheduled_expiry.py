"""Expiry happens by itself: the scheduler process unpublishes, search follows.

A news page expires a few seconds after the test starts ``manage.py
run_scheduler`` as a real process with its default intervals; nobody runs
``publish_scheduled`` by hand. The indexer's drain and a GraphQL service started
as a real uvicorn process show the page leaving search within a minute.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone

from indexing.worker import drain_once
from news.models import NewsIndexPage, NewsPage
from tests.e2e.test_cms_to_graphql import titles
from tests.graphql_service.conftest import launch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
REPO = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, for a process started by the test."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    user = quote(config["USER"] or "", safe="")
    password = quote(config["PASSWORD"] or "", safe="")
    host = config["HOST"] or "127.0.0.1"
    return (
        f"postgres://{user}:{password}@{host}:{config['PORT'] or 5432}/{config['NAME']}"
    )


@pytest.fixture
def scheduler(tmp_path):
    """``manage.py run_scheduler`` as the Procfile starts it, on the test database."""
    log = tmp_path / "scheduler.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "HUB_DATA_DIR": str(tmp_path),
    }

    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [sys.executable, "cms/manage.py", "run_scheduler"],
                cwd=REPO,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return process

    yield start, log
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def writer(settings, tmp_path):
    """The indexer's side of the embedded read model."""
    from search.backends import get_backend

    settings.SEARCH_PATH = tmp_path / "index"
    backend = get_backend(
        {"BACKEND": "search.backends.embedded", "PATH": str(settings.SEARCH_PATH)}
    )
    yield backend
    backend.close()


def test_an_expiring_page_leaves_search_within_a_minute(
    writer, scheduler, home, settings, tmp_path, request
):
    start_scheduler, log = scheduler
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    notice = NewsPage(title="Registration closes soon", slug="closes-soon")
    index.add_child(instance=notice)
    expire_at = timezone.now() + datetime.timedelta(seconds=5)
    notice.expire_at = expire_at
    notice.save_revision().publish()
    drain_once(writer)
    server = launch(settings.SEARCH_PATH, tmp_path)
    request.addfinalizer(server.stop)
    assert titles(server) == ["Registration closes soon"]

    process = start_scheduler()
    deadline = expire_at + datetime.timedelta(seconds=60)
    while titles(server):
        assert process.poll() is None, log.read_text()
        assert timezone.now() < deadline, "the expired page stayed in search"
        drain_once(writer)  # what the run_indexer process does
        time.sleep(0.5)
    assert timezone.now() >= expire_at  # gone because it expired, not before
    notice.refresh_from_db()
    assert not notice.live and notice.expired

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0, log.read_text()
    output = log.read_text()
    assert "Scheduler running" in output and "Scheduler stopped." in output
