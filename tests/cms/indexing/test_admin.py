"""Editors see what did not reach search, in words, and can retry it; the raw
outbox is for technical staff only and has no "Add" button."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from indexing.models import OutboxEntry
from tests.cms.indexing.conftest import ids_in_index

pytestmark = pytest.mark.django_db

PROBLEMS = "search_problems"


def failed_row(obj, *, error="ValueError: cannot render body", **fields):
    values = {
        "action": OutboxEntry.Action.UPSERT,
        "doc_id": f"news:{obj.pk}",
        "model_label": obj._meta.label,
        "object_pk": str(obj.pk),
        "state": OutboxEntry.State.FAILED,
        "attempts": 8,
        "last_error": error,
        **fields,
    }
    return OutboxEntry.objects.create(**values)


def cells(html: str) -> list[str]:
    return [
        " ".join(strip_tags(c).split())
        for c in re.findall(r"<td\b.*?</td>", html, re.S)
    ]


@pytest.fixture
def article(make_article, drain):
    article = make_article("Mentors open doors in Malmö")
    drain()
    return article


def test_editor_sees_failed_items_in_words_with_a_link_to_edit(
    editor_client, article, drain
):
    failed = failed_row(article)
    # Pending and done rows are the indexer's business, not a problem.
    OutboxEntry.objects.create(
        action="upsert", doc_id="news:999", model_label="news.NewsPage", object_pk="999"
    )
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Search problems" in home, re.findall(r'"label": "([^"]+)"', home)

    response = editor_client.get(reverse(PROBLEMS))
    assert response.status_code == 200
    html = response.content.decode()
    row = " ".join(cells(html))
    assert "Mentors open doors in Malmö" in row
    assert "News article" in row
    assert "Updating it in search" in row
    assert "could not be turned into a search entry" in row
    assert "tried 8 times" in row
    assert "cannot render body" in html  # the technical detail, folded away
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in html
    assert f'name="retry" value="{failed.pk}"' in html
    # No outbox internals: no document ids, states or model labels.
    assert "news:" not in row and "news.NewsPage" not in html
    assert "999" not in row
    headers = [
        strip_tags(h).strip()
        for h in re.findall(
            r"<th\b.*?</th>", html.split('<table class="listing">')[1], re.S
        )
    ]
    assert headers == ["Select", "Item", "What failed", "When", "Problem", "Action"]
    # The page is titled, not headed "Home".
    assert "<title>Search problems" in html


def test_deleted_item_is_explained_and_listing_is_empty_when_all_is_well(
    editor_client, article
):
    assert "every change has reached search" in (
        editor_client.get(reverse(PROBLEMS)).content.decode()
    )
    OutboxEntry.objects.create(
        action="upsert",
        doc_id="news:424242",
        model_label="news.NewsPage",
        object_pk="424242",
        state="failed",
        attempts=8,
        last_error="DoesNotExist",
    )
    row = " ".join(cells(editor_client.get(reverse(PROBLEMS)).content.decode()))
    assert "(deleted)" in row and "has been deleted" in row


def test_single_retry_requeues_that_row_and_the_worker_indexes_it(
    editor_client, article, make_article, drain, search_backend
):
    other = make_article("Language cafés in Turku")
    drain()
    # Both items left the index (as if their last changes had failed to land).
    newest = OutboxEntry.objects.latest("pk").pk
    search_backend.delete([(f"news:{a.pk}", newest) for a in (article, other)])
    search_backend.refresh()
    assert ids_in_index(search_backend, article, other) == [False, False]
    mine = failed_row(article)
    theirs = failed_row(other)

    response = editor_client.post(reverse(PROBLEMS), {"retry": str(mine.pk)})
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.state == OutboxEntry.State.DONE
    assert theirs.state == OutboxEntry.State.FAILED  # only the chosen row
    retry = OutboxEntry.objects.get(state=OutboxEntry.State.PENDING)
    assert (retry.doc_id, retry.attempts, retry.reason) == (mine.doc_id, 0, "retry")
    assert retry.pk > theirs.pk  # newer than every row: change sync cannot miss it

    drain()
    assert ids_in_index(search_backend, article, other) == [True, False]
    listing = editor_client.get(reverse(PROBLEMS)).content.decode()
    assert "Language cafés in Turku" in listing
    assert "Mentors open doors in Malmö" not in listing


def test_bulk_retry_of_chosen_rows_and_of_all(editor_client, article, make_article):
    others = [make_article(f"Article {n}") for n in range(3)]
    rows = [failed_row(a) for a in (article, *others)]

    editor_client.post(reverse(PROBLEMS), {"pk": [rows[0].pk, rows[1].pk]})
    assert set(
        OutboxEntry.objects.filter(state="failed").values_list("pk", flat=True)
    ) == {rows[2].pk, rows[3].pk}
    # Retrying what is no longer failed queues nothing twice.
    editor_client.post(reverse(PROBLEMS), {"pk": [rows[0].pk]})
    assert OutboxEntry.objects.filter(reason="retry").count() == 2

    editor_client.post(reverse(PROBLEMS), {"all": "1"})
    assert not OutboxEntry.objects.filter(state="failed").exists()
    assert OutboxEntry.objects.filter(reason="retry").count() == 4


def test_retry_needs_admin_access(client, article):
    row = failed_row(article)
    response = client.post(reverse(PROBLEMS), {"retry": str(row.pk)})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    row.refresh_from_db()
    assert row.state == OutboxEntry.State.FAILED


def test_raw_outbox_is_for_technical_staff_only_and_read_only(
    client, editor_client, admin_client, article
):
    row = failed_row(article)
    index = reverse("indexing_outbox:index")
    assert editor_client.get(index).status_code in (302, 403)
    assert "Search indexing" not in (
        editor_client.get(reverse("wagtailadmin_home")).content.decode()
    )

    # Technical staff: the "view" permission only.
    tech = User.objects.create_user("tech", "tech@example.org", "pw-tech-1")
    tech.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_outboxentry"),
    )
    client.force_login(tech)
    for user_client in (client, admin_client):
        listing = user_client.get(index, {"state": "failed"})
        assert listing.status_code == 200
        html = listing.content.decode()
        assert row.doc_id in html and "Failed" in html
        assert "Add outbox entry" not in html and "/new/" not in html
        inspect = user_client.get(reverse("indexing_outbox:inspect", args=[row.pk]))
        assert inspect.status_code == 200
    for name in ("add", "edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"indexing_outbox:{name}", args=[] if name == "add" else [row.pk])
    # Only "view" can be granted to a group.
    assert "add_outboxentry" not in (
        admin_client.get(reverse("wagtailusers_groups:add")).content.decode()
    )
