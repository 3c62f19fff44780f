"""The indexer's metrics and its progress report to the read model.

Scraped from the CMS's ``/metrics`` (the outbox gauges are read from the
database at scrape time) and from the indexer's own metrics port.
"""

from __future__ import annotations

import io
import time

import httpx
import pytest
from django.core.management import call_command

from indexing.metrics import report_progress
from indexing.models import OutboxEntry
from tests.cms.scrape import cms_scraper, samples, value

pytestmark = pytest.mark.django_db


@pytest.fixture
def scrape(client, settings):
    return cms_scraper(client, settings)


def test_outbox_lag_rows_and_batches_are_measured(
    scrape, make_article, drain, search_backend
) -> None:
    OutboxEntry.objects.all().delete()
    make_article("Mentors open doors")
    make_article("Language cafés in Malmö")
    oldest = OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING).order_by(
        "created_at"
    )[0]
    OutboxEntry.objects.filter(pk=oldest.pk).update(
        created_at=oldest.created_at.replace(year=oldest.created_at.year - 1)
    )
    before = scrape()

    drain()
    after = scrape()

    assert value(before, "hub_outbox_pending_rows") >= 2
    assert value(before, "hub_outbox_lag_seconds") > 300 * 86400
    assert value(after, "hub_outbox_pending_rows") == 0
    assert value(after, "hub_outbox_lag_seconds") == 0
    indexed = value(after, "hub_indexer_rows_total", result="indexed") - value(
        before, "hub_indexer_rows_total", result="indexed"
    )
    assert indexed >= 2
    batches = value(after, "hub_indexer_batch_duration_seconds_count") - value(
        before, "hub_indexer_batch_duration_seconds_count"
    )
    assert batches >= 1


def test_failed_rows_and_retries_are_measured(scrape, make_article, drain) -> None:
    make_article("Mentors open doors")
    OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING).update(
        state=OutboxEntry.State.FAILED
    )
    scraped = scrape()
    assert (
        value(scraped, "hub_outbox_failed_rows")
        == OutboxEntry.objects.filter(state=OutboxEntry.State.FAILED).count()
    )
    assert value(scraped, "hub_outbox_failed_rows") >= 1


def test_a_backend_that_is_down_counts_retried_rows(
    scrape, make_article, search_backend
) -> None:
    from indexing.worker import drain_once

    make_article("Mentors open doors")
    before = scrape()
    search_backend.close()  # writes now fail as with an engine that is down

    result = drain_once(search_backend)
    after = scrape()

    assert result.retried >= 1
    assert (
        value(after, "hub_indexer_rows_total", result="retried")
        - value(before, "hub_indexer_rows_total", result="retried")
        == result.retried
    )
    assert value(after, "hub_outbox_pending_rows") >= 1


def test_progress_is_reported_to_the_read_model(
    make_article, drain, search_backend
) -> None:
    drain()
    idle = report_progress(search_backend, now=2_000_000_000.0)
    make_article("Language cafés in Malmö")
    waiting = report_progress(search_backend)

    assert idle is not None and idle.pending == 0
    assert search_backend.progress() == waiting
    assert waiting is not None and waiting.pending >= 1
    oldest = (
        OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING)
        .order_by("created_at")[0]
        .created_at.timestamp()
    )
    assert waiting.oldest_pending_at == pytest.approx(oldest)
    assert 0 <= waiting.lag(time.time()) < 60


def test_the_indexer_serves_its_metrics_on_its_port(
    make_article, settings, tmp_path, monkeypatch
) -> None:
    from search.backends.embedded import EmbeddedBackend
    from tests.graphql_service.conftest import free_port

    settings.SEARCH_PATH = tmp_path / "index"
    port = free_port()
    monkeypatch.setenv("HUB_METRICS_PORT", str(port))
    make_article("Mentors open doors")

    call_command("run_indexer", "--once", stdout=io.StringIO())
    scraped = samples(httpx.get(f"http://127.0.0.1:{port}/metrics").text)

    assert value(scraped, "hub_indexer_rows_total", result="indexed") >= 1
    assert value(scraped, "hub_outbox_pending_rows") == 0
    # The command told the read model how far it got.
    reader = EmbeddedBackend(settings.SEARCH_PATH, create=False)
    try:
        progress = reader.progress()
    finally:
        reader.close()
    assert progress is not None and progress.pending == 0
