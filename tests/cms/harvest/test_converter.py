"""External items become valid search documents, marked as external."""

from __future__ import annotations

import pytest

from harvest.harvester import harvest_source
from harvest.models import ExternalItem
from indexing.registry import entry_for
from indexing.worker import drain_once
from search.query import SearchQuery
from tests.cms.harvest.conftest import rss, rss_item

pytestmark = pytest.mark.django_db


def drain(backend) -> None:
    while drain_once(backend).handled:
        pass


@pytest.fixture
def harvested(feed_server, make_source, locales):
    from core.models import Theme

    theme = Theme.objects.create(
        name="Labour market", slug="labour-market", locale=locales["en"]
    )
    url = feed_server.serve(
        "/rss",
        rss(
            rss_item(
                "mentors",
                title="Mentorprogram hjälper nyanlända till arbete",
                description="Frivilliga mentorer i Malmö möter nyanlända varje vecka.",
            ),
            rss_item("housing", title="Bostadsbrist i storstäderna"),
        ),
    )
    source = make_source(url, name="Nordic Welfare Centre", locale="sv", themes=[theme])
    harvest_source(source)
    return source


def test_converter_builds_a_valid_external_document(harvested):
    item = harvested.items.get(key="id:mentors")
    registered = entry_for(ExternalItem)
    assert registered is not None and registered.doc_type == "external"
    assert registered.is_public(item)

    document = registered.to_document(item, 7)

    assert document.id == f"external:{harvested.pk}:{item.pk.split(':')[1]}"
    assert document.type == "external" and document.is_external
    assert document.source == "Nordic Welfare Centre"
    assert document.locale == "sv" and document.version == 7
    assert document.url_path == "https://nordicwelfare.example/news/mentors"
    assert document.published_at == item.published_at
    assert document.themes == ("labour-market",)
    assert document.body.startswith("Frivilliga mentorer")
    assert document.payload == {
        "source_name": "Nordic Welfare Centre",
        "source_url": harvested.url,
        "link": "https://nordicwelfare.example/news/mentors",
        "categories": ["Labour market", "Integration"],
        "image_url": "https://nordicwelfare.example/img/mentors.jpg",
    }
    assert document.to_json()  # JSON-able, as the index stores it


def test_search_finds_the_item_as_external(harvested, search_backend):
    item = harvested.items.get(key="id:mentors")
    document = entry_for(ExternalItem).to_document(item, 1)
    search_backend.bulk([document])
    search_backend.refresh()

    results = search_backend.search(SearchQuery(text="mentorer", locale="sv"))

    [hit] = results.hits
    assert hit.document.id == document.id
    assert hit.document.is_external and hit.document.source == "Nordic Welfare Centre"
    assert hit.document.url_path == "https://nordicwelfare.example/news/mentors"
    typed = search_backend.search(SearchQuery(types=("external",)))
    assert typed.total == 1


def test_outbox_carries_harvest_changes_into_the_index(
    harvested, feed_server, search_backend
):
    drain(search_backend)
    ids = [f"external:{pk}" for pk in harvested.items.values_list("pk", flat=True)]
    assert all(doc is not None for doc in search_backend.get_many(ids))

    # The partner retitles one story and drops the other.
    feed_server.serve("/rss", rss(rss_item("mentors", title="Mentorer sökes")))
    harvest_source(harvested)
    drain(search_backend)

    mentors = f"external:{harvested.items.get().pk}"
    found = {doc.id: doc for doc in search_backend.get_many(ids) if doc is not None}
    assert list(found) == [mentors]
    assert found[mentors].title == "Mentorer sökes"


def test_deactivated_or_deleted_source_leaves_the_index(harvested, search_backend):
    drain(search_backend)
    ids = [f"external:{pk}" for pk in harvested.items.values_list("pk", flat=True)]

    harvested.is_active = False
    harvested.save()
    drain(search_backend)
    assert search_backend.get_many(ids) == [None, None]

    harvested.is_active = True
    harvested.save()
    drain(search_backend)
    assert None not in search_backend.get_many(ids)

    harvested.delete()
    drain(search_backend)
    assert search_backend.get_many(ids) == [None, None]
    assert not ExternalItem.objects.exists()
