"""Content that is not public never leaves the hub through a webhook."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from news.models import NewsIndexPage
from tests.cms.webhooks.conftest import make_due
from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEvent

pytestmark = pytest.mark.django_db


def restrict(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="members"
    )


def all_bodies(receiver) -> bytes:
    return b"".join(r.body for r in receiver.requests)


def test_page_behind_a_view_restriction_is_never_sent(
    endpoint, receiver, home, publish, run
):
    members = NewsIndexPage(title="Members", slug="members")
    home.add_child(instance=members)
    restrict(members)
    members.save_revision().publish()
    article = publish("Internal budget notes", parent=members, lead="Confidential")
    article.save_revision().publish()  # and an update
    run()

    assert receiver.requests == []
    assert not WebhookEvent.objects.filter(doc_id=f"news:{article.pk}").exists()
    assert not WebhookDelivery.objects.exists()


def test_restricting_a_published_page_unpublishes_it_for_partners(
    endpoint, receiver, publish, run
):
    article = publish("Open call for mentors")
    run()
    restrict(article)
    run()

    assert receiver.events() == [
        ("published", f"news:{article.pk}"),
        ("unpublished", f"news:{article.pk}"),
    ]
    assert "document" not in receiver.requests[-1].json()


def test_content_restricted_before_sending_is_withheld(
    endpoint, receiver, publish, run
):
    article = publish("Salary table draft", lead="Not for the public")
    restrict(article)  # before the worker ran: the published event is stale
    run()

    assert b"Salary table" not in all_bodies(receiver)
    assert b"Not for the public" not in all_bodies(receiver)
    skipped = WebhookDelivery.objects.get(event__kind="published")
    assert skipped.status == DeliveryStatus.SKIPPED and skipped.attempts == 0
    # Only the removal, which carries no content, reaches the partner.
    assert receiver.events() == [("unpublished", f"news:{article.pk}")]


def test_lifting_the_restriction_publishes_again(endpoint, receiver, publish, run):
    article = publish("Evening classes")
    restriction = restrict(article)
    run()
    restriction.delete()
    run()

    doc_id = f"news:{article.pk}"
    # The first event was built after the restriction came: withheld, not sent.
    assert receiver.events() == [("unpublished", doc_id), ("published", doc_id)]
    assert receiver.requests[-1].json()["document"]["title"] == "Evening classes"


def test_unpublished_item_is_not_sent_by_a_late_retry(endpoint, receiver, publish, run):
    receiver.then(500)
    article = publish("Retry me later", lead="Secret once unpublished")
    run()  # the first attempt fails
    article.unpublish()
    make_due()
    run()

    assert [r.json()["event"] for r in receiver.requests] == [
        "published",
        "unpublished",
    ]
    published = WebhookDelivery.objects.get(event__kind="published")
    assert published.status == DeliveryStatus.SKIPPED


def test_moving_into_a_restricted_section_unpublishes(
    endpoint, receiver, home, publish, run
):
    members = NewsIndexPage(title="Members", slug="members")
    home.add_child(instance=members)
    members.save_revision().publish()
    restrict(members)
    article = publish("Moved away")
    run()
    article.move(members, pos="last-child")
    run()

    assert receiver.events()[-1] == ("unpublished", f"news:{article.pk}")
