"""Each partner gets only the content types and languages it asked for."""

from __future__ import annotations

import pytest

from news.models import NewsIndexPage
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def danish_news(home, locales):
    danish_home = home.copy_for_translation(locales["da"])
    danish_home.save_revision().publish()
    index = NewsIndexPage(title="Nyheder", slug="nyheder", locale=locales["da"])
    danish_home.add_child(instance=index)
    index.save_revision().publish()
    return index


def test_type_and_locale_filters(news_index, danish_news, receiver, publish, run):
    everything = WebhookEndpoint.objects.create(name="all", url=receiver.url + "?all")
    danish_news_only = WebhookEndpoint.objects.create(
        name="dk", url=receiver.url + "?dk", content_types=["news"], locales=["da"]
    )
    english = publish("Work permits explained")
    danish = publish("Arbejdstilladelser forklaret", parent=danish_news)
    danish_news.save_revision().publish()  # a news_index, not a news article

    def doc_ids(endpoint):
        deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
        return sorted(deliveries.values_list("event__doc_id", flat=True))

    assert doc_ids(danish_news_only) == [f"news:{danish.pk}"]
    assert doc_ids(everything) == sorted(
        [f"news:{english.pk}", f"news:{danish.pk}", f"news_index:{danish_news.pk}"]
    )
    run()
    by_path = {}
    for request in receiver.requests:
        by_path.setdefault(request.path, []).append(request.json()["id"])
    assert by_path["/hooks/hub?dk"] == [f"news:{danish.pk}"]
    assert len(by_path["/hooks/hub?all"]) == 3


def test_inactive_endpoint_gets_nothing(news_index, receiver, publish, run):
    WebhookEndpoint.objects.create(name="off", url=receiver.url, is_active=False)
    publish("Quiet news")
    run()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_accepts_reads_empty_lists_as_everything():
    endpoint = WebhookEndpoint(content_types=[], locales=["sv"])
    assert endpoint.accepts("event", "sv")
    assert not endpoint.accepts("event", "fi")
    endpoint.content_types = ["event", "news"]
    assert endpoint.accepts("news", "sv")
    assert not endpoint.accepts("publication", "sv")
