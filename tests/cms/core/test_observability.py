"""The CMS's ``/metrics`` (off unless switched on, token-guarded), its request
metrics, the request id in answers and JSON log lines, and the production
refusal of metrics without a token."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.request_id import RequestIdMiddleware
from graphql_service import logs
from tests.cms.scrape import cms_scraper, samples, value

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]


def test_metrics_are_off_unless_switched_on(client, settings) -> None:
    settings.HUB_METRICS = False
    response = client.get("/metrics", follow=True)  # to the page tree, as any 404
    assert response.status_code == 404
    assert b"hub_" not in response.content


def test_a_token_guards_the_metrics(client, settings) -> None:
    settings.HUB_METRICS = True
    settings.HUB_METRICS_TOKEN = "cms-scrape-token"

    anonymous = client.get("/metrics")
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    right = client.get("/metrics", headers={"Authorization": "Bearer cms-scrape-token"})

    for refused in (anonymous, wrong):
        assert refused.status_code == 401
        assert refused["WWW-Authenticate"] == "Bearer"
        assert b"hub_" not in refused.content
    assert right.status_code == 200
    assert right["Content-Type"].startswith("text/plain")
    scraped = samples(right.content.decode())
    # The queues are read from the database at scrape time.
    for name in ("hub_outbox_pending_rows", "hub_webhook_queue_length"):
        assert (name, ()) in scraped


def test_metrics_answer_a_scrape_by_pod_address(client, settings) -> None:
    """Prometheus asks each pod by its IP address, over plain HTTP."""
    settings.HUB_METRICS = True
    settings.HUB_METRICS_TOKEN = "cms-scrape-token"
    settings.ALLOWED_HOSTS = ["cms.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    token = {"Authorization": "Bearer cms-scrape-token"}

    scrape = client.get("/metrics", headers=token, HTTP_HOST="10.1.2.3:8000")
    refused = client.get("/metrics", HTTP_HOST="10.1.2.3:8000")
    page = client.get("/en/", HTTP_HOST="10.1.2.3:8000")

    assert scrape.status_code == 200
    assert ("hub_outbox_pending_rows", ()) in samples(scrape.content.decode())
    assert refused.status_code == 401
    assert page.status_code == 400  # everything else still checks the host


def test_requests_are_counted_by_view_and_status(client, settings, home) -> None:
    scrape = cms_scraper(client, settings)
    before = scrape()

    assert client.get("/robots.txt").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/en/no-such-page-at-all/").status_code == 404
    after = scrape()

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert (
        delta("hub_cms_requests_total", method="GET", view="robots_txt", status="200")
        == 2
    )
    assert delta("hub_cms_request_duration_seconds_count", view="robots_txt") == 2
    # Every page is one view: the series stay few however many pages there are.
    missing = {"method": "GET", "view": "wagtail_serve", "status": "404"}
    assert delta("hub_cms_requests_total", **missing) == 1
    # Scrapes are not counted.
    assert not any(dict(labels).get("view") == "metrics" for (_n, labels) in after)


def test_answers_carry_the_request_id(client) -> None:
    given = client.get("/robots.txt", headers={"X-Request-Id": "cms-req-42"})
    fresh = client.get("/robots.txt", headers={"X-Request-Id": "bad id with spaces"})

    assert given["X-Request-Id"] == "cms-req-42"
    assert fresh["X-Request-Id"] != "bad id with spaces"
    assert len(fresh["X-Request-Id"]) == 32


def test_log_records_of_a_request_carry_its_id() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.json_formatter())
    handler.addFilter(logs.RequestIdFilter())
    logger = logging.getLogger("cms.observability.test")
    logger.addHandler(handler)

    def view(request):
        logger.warning("publishing %s", "news:7")
        return HttpResponse("ok")

    try:
        middleware = RequestIdMiddleware(view)
        middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID="edit-7"))
        logger.warning("between requests")
    finally:
        logger.removeHandler(handler)

    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["request_id"] == "edit-7"
    assert inside["message"] == "publishing news:7"
    assert inside["level"] == "WARNING"
    assert "request_id" not in outside  # not left behind for the next request


def run_cms(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'cms'}:{REPO}",
        **env,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        env=environment,
        cwd=str(REPO),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cms_logs_json_lines_when_asked(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); import logging; "
        "logging.getLogger('core').warning('harvest of %s failed', 'nordregio')"
    )
    text = run_cms(code, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    as_json = run_cms(
        code, DJANGO_SETTINGS_MODULE="cms.settings.dev", HUB_LOG_FORMAT="json"
    )

    assert text.returncode == 0, text.stderr
    assert "WARNING core: harvest of nordregio failed" in text.stderr
    assert as_json.returncode == 0, as_json.stderr
    [line] = [
        json.loads(line) for line in as_json.stderr.splitlines() if "nordregio" in line
    ]
    assert line["logger"] == "core"
    assert line["message"] == "harvest of nordregio failed"


def test_production_refuses_metrics_without_a_token(tmp_path: Path) -> None:
    base = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "hub.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HUB_METRICS": "true",
    }
    code = "import django; django.setup()"

    refused = run_cms(code, **base)
    allowed = run_cms(code, **base, HUB_METRICS_TOKEN="scrape-token")

    assert refused.returncode != 0
    assert "HUB_METRICS is on: set HUB_METRICS_TOKEN too." in refused.stderr
    assert allowed.returncode == 0, allowed.stderr
