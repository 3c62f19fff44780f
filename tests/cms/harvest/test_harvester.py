"""Harvesting good feeds: storing, conditional GET, updates, removals, defaults."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from harvest.choices import RunStatus
from harvest.harvester import due_sources, harvest_source
from harvest.models import ExternalItem
from indexing.models import OutboxEntry
from tests.cms.harvest.conftest import ATOM, rss, rss_item

pytestmark = pytest.mark.django_db


def outbox(action: str | None = None) -> list[tuple[str, str]]:
    rows = OutboxEntry.objects.filter(model_label="harvest.ExternalItem")
    if action:
        rows = rows.filter(action=action)
    return [(row.action, row.doc_id) for row in rows.order_by("pk")]


@pytest.fixture
def taxonomy(locales):
    from core.models import Country, Theme

    theme = Theme.objects.create(
        name="Labour market", slug="labour-market", locale=locales["en"]
    )
    country = Country.objects.create(
        name="Sweden", slug="sweden", code="SE", locale=locales["en"]
    )
    return theme, country


def test_first_run_stores_items_and_writes_outbox_rows(
    feed_server, make_source, taxonomy
):
    theme, country = taxonomy
    url = feed_server.serve("/rss", rss(rss_item("one"), rss_item("two")))
    source = make_source(url, locale="sv", themes=[theme], countries=[country])

    result = harvest_source(source)

    assert (result.status, result.created, result.removed) == (RunStatus.OK, 2, 0)
    item = ExternalItem.objects.get(pk=ExternalItem.make_id(source.pk, "id:one"))
    assert item.title == "Story one" and item.summary == "Mentors help newcomers."
    assert item.link == "https://nordicwelfare.example/news/one"
    assert item.locale == "sv" and item.categories == ["Labour market", "Integration"]
    assert list(item.themes.all()) == [theme]
    assert list(item.countries.all()) == [country]
    assert item.first_seen_at == item.last_seen_at
    ids = [ExternalItem.make_id(source.pk, key) for key in ("id:one", "id:two")]
    assert ids[0].startswith(f"{source.pk}:")
    assert outbox() == [("upsert", f"external:{item_id}") for item_id in ids]
    source.refresh_from_db()
    assert source.last_status == RunStatus.OK and source.items_count == 2
    assert source.last_success_at == source.last_run_at


def test_atom_feed_is_harvested(feed_server, make_source):
    url = feed_server.serve("/atom", ATOM.encode(), content_type="application/atom+xml")
    source = make_source(url)
    assert harvest_source(source).created == 1
    item = source.items.get()
    assert item.title == "Bostäder och segregation"
    assert (
        item.link
        == f"http://127.0.0.1:{feed_server.port}/publications/housing?utm_source=feed"
    )
    assert item.image_url == "https://nordregio.example/cover.png"


def test_second_run_is_conditional_and_304_changes_nothing(feed_server, make_source):
    url = feed_server.serve(
        "/rss",
        rss(rss_item("one")),
        etag='"v1"',
        headers={"Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"},
    )
    source = make_source(url)
    harvest_source(source)
    item_before = source.items.get()
    rows_before = outbox()

    result = harvest_source(source)

    first, second = feed_server.requests_to("/rss")
    assert "If-None-Match" not in first
    assert second["If-None-Match"] == '"v1"'
    assert second["If-Modified-Since"] == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert result.status == RunStatus.NOT_MODIFIED
    assert outbox() == rows_before
    item_after = source.items.get()
    assert item_after.last_seen_at == item_before.last_seen_at
    source.refresh_from_db()
    assert source.last_status == RunStatus.NOT_MODIFIED and source.etag == '"v1"'


def test_unchanged_items_are_not_written_again(feed_server, make_source):
    url = feed_server.serve("/rss", rss(rss_item("one"), rss_item("two")))
    source = make_source(url)
    harvest_source(source)
    rows_before = outbox()
    result = harvest_source(source)
    assert (result.unchanged, result.updated, result.created) == (2, 0, 0)
    assert outbox() == rows_before


def test_changed_item_updates_the_row_and_writes_an_outbox_row(
    feed_server, make_source
):
    url = feed_server.serve("/rss", rss(rss_item("one"), rss_item("two")))
    source = make_source(url)
    harvest_source(source)
    feed_server.serve(
        "/rss", rss(rss_item("one", title="Story one, corrected"), rss_item("two"))
    )
    rows_before = len(outbox())

    result = harvest_source(source)

    assert (result.updated, result.unchanged) == (1, 1)
    item = source.items.get(key="id:one")
    assert item.title == "Story one, corrected"
    assert outbox()[rows_before:] == [("upsert", f"external:{item.pk}")]


def test_item_removed_at_the_source_is_deleted(feed_server, make_source):
    url = feed_server.serve("/rss", rss(rss_item("one"), rss_item("two")))
    source = make_source(url)
    harvest_source(source)
    gone = source.items.get(key="id:two")
    feed_server.serve("/rss", rss(rss_item("one")))

    result = harvest_source(source)

    assert result.removed == 1
    assert list(source.items.values_list("key", flat=True)) == ["id:one"]
    assert outbox("delete") == [("delete", f"external:{gone.pk}")]
    source.refresh_from_db()
    assert source.items_count == 1


def test_failed_fetch_removes_nothing(feed_server, make_source):
    url = feed_server.serve("/rss", rss(rss_item("one"), rss_item("two")))
    source = make_source(url)
    harvest_source(source)
    feed_server.serve("/rss", b"oops", status=500, content_type="text/plain")

    first = harvest_source(source)
    second = harvest_source(source)

    assert first.failed and "HTTP 500" in first.error
    assert source.items.count() == 2 and outbox("delete") == []
    source.refresh_from_db()
    assert source.last_status == RunStatus.FAILED
    assert source.consecutive_failures == 2 and "HTTP 500" in source.last_error
    assert second.failed

    feed_server.serve("/rss", rss(rss_item("one"), rss_item("two")))
    assert harvest_source(source).status == RunStatus.OK
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.error_summary() == ""


def test_damaged_feed_adds_and_updates_but_removes_nothing(feed_server, make_source):
    url = feed_server.serve("/rss", rss(rss_item("one"), rss_item("two")))
    source = make_source(url)
    harvest_source(source)
    feed_server.serve("/rss", rss(rss_item("three"), rss_item("one"))[:-40])

    result = harvest_source(source)

    assert result.status == RunStatus.WARNING and result.created == 1
    assert source.items.count() == 3 and result.removed == 0
    source.refresh_from_db()
    assert "damaged" in source.last_warning


def test_same_item_in_two_sources_is_stored_once_per_source(feed_server, make_source):
    body = rss(rss_item("shared"), rss_item("shared"))
    first = make_source(feed_server.serve("/a", body), name="A")
    second = make_source(feed_server.serve("/b", body), name="B")
    harvest_source(first)
    harvest_source(second)
    assert first.items.count() == 1 and second.items.count() == 1
    assert first.items.get().pk != second.items.get().pk


def test_new_source_defaults_retag_items_even_when_not_modified(
    feed_server, make_source, taxonomy
):
    theme, _country = taxonomy
    url = feed_server.serve("/rss", rss(rss_item("one")), etag='"v1"')
    source = make_source(url)
    harvest_source(source)
    source.themes.set([theme])
    source.locale = "da"
    source.save()
    rows_before = len(outbox())

    result = harvest_source(source)

    assert result.status == RunStatus.NOT_MODIFIED and result.updated == 1
    item = source.items.get()
    assert item.locale == "da" and list(item.themes.all()) == [theme]
    assert outbox()[rows_before:] == [("upsert", f"external:{item.pk}")]


def test_future_dates_are_capped_at_the_time_of_the_run(feed_server, make_source):
    url = feed_server.serve(
        "/rss", rss(rss_item("soon", date="Fri, 01 Jan 2100 10:00:00 +0000"))
    )
    source = make_source(url)
    harvest_source(source)
    item = source.items.get()
    assert item.published_at <= timezone.now()


def test_due_sources_follow_the_schedule(make_source):
    now = timezone.now()
    never_run = make_source("https://a.example/feed", name="never run")
    recent = make_source("https://b.example/feed", name="recent", interval_minutes=60)
    overdue = make_source("https://c.example/feed", name="overdue", interval_minutes=15)
    make_source("https://d.example/feed", name="inactive", is_active=False)
    recent.last_run_at = now - timedelta(minutes=30)
    overdue.last_run_at = now - timedelta(minutes=30)
    type(recent).objects.filter(pk=recent.pk).update(last_run_at=recent.last_run_at)
    type(overdue).objects.filter(pk=overdue.pk).update(last_run_at=overdue.last_run_at)

    assert due_sources(now) == [never_run, overdue]


def test_changing_the_address_forgets_the_validators(feed_server, make_source):
    url = feed_server.serve("/rss", rss(rss_item("one")), etag='"v1"')
    source = make_source(url)
    harvest_source(source)
    source.refresh_from_db()
    source.url = feed_server.serve("/other", rss(rss_item("one")), etag='"v1"')
    source.save()
    harvest_source(source)
    assert "If-None-Match" not in feed_server.requests_to("/other")[0]
