"""Staff see what did not reach search, and can queue failed rows again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indexing.models import OutboxEntry

pytestmark = pytest.mark.django_db


def test_failed_rows_are_listed_and_can_be_retried(admin_client):
    failed = OutboxEntry.objects.create(
        action="upsert",
        doc_id="news:41",
        model_label="news.NewsPage",
        object_pk="41",
        state="failed",
        attempts=8,
        last_error="ValueError: cannot render body",
    )
    OutboxEntry.objects.create(
        action="upsert", doc_id="news:42", model_label="x", object_pk="42", state="done"
    )
    listing = admin_client.get(reverse("indexing_outbox:index"), {"state": "failed"})
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "news:41" in html and "cannot render body" in html
    assert "news:42" not in html  # done rows are history, not work

    response = admin_client.post(reverse("indexing_retry_failed"))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == "done" and "cannot render body" in failed.last_error
    # A new row, newer than every row so far: change sync cannot miss it.
    retry = OutboxEntry.objects.get(state="pending")
    assert (retry.doc_id, retry.object_pk, retry.attempts) == ("news:41", "41", 0)
    assert retry.pk > max(failed.pk, OutboxEntry.objects.get(doc_id="news:42").pk)


def test_only_administrators_may_retry(client, editor):
    OutboxEntry.objects.create(
        action="upsert", doc_id="news:1", model_label="x", object_pk="1", state="failed"
    )
    client.force_login(editor)
    client.post(reverse("indexing_retry_failed"))
    assert OutboxEntry.objects.get().state == "failed"
