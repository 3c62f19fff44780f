"""Technical and partner screens stay out of editors' way: API keys, webhooks,
the webhook log and harvest sources are for the "Partner managers" group, the
raw indexing outbox for technical staff; listings speak in words."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from harvest.choices import RunStatus
from harvest.models import ExternalSource

pytestmark = pytest.mark.django_db

PARTNER_URLS = {
    "API keys": "api_keys:index",
    "Webhooks": "webhook_endpoints:index",
    "Webhook log": "webhook_deliveries:index",
    "External content": "harvest_sources:index",
}
TECHNICAL_URLS = {"Search indexing (technical)": "indexing_outbox:index"}


def menu_labels(client) -> set[str]:
    """Every label of the admin sidebar (main menu, submenus, settings)."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return set(re.findall(r'"label": "([^"]+)"', html))


@pytest.fixture
def partner_manager(client):
    user = User.objects.create_user("partners", "partners@example.org", "pw-pm-1")
    user.groups.add(Group.objects.get(name="Partner managers"))
    client.force_login(user)
    return client


def test_editor_sees_no_partner_or_technical_screens(editor_client):
    labels = menu_labels(editor_client)
    assert "Search problems" in labels  # what editors need is there
    for label, url_name in (PARTNER_URLS | TECHNICAL_URLS).items():
        assert label not in labels
        response = editor_client.get(reverse(url_name))
        # Wagtail answers a forbidden admin page with a redirect to the dashboard.
        assert response.status_code in (302, 403), url_name
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")


def test_partner_manager_sees_partner_screens_but_not_the_outbox(partner_manager):
    labels = menu_labels(partner_manager)
    for label, url_name in PARTNER_URLS.items():
        assert label in labels
        assert partner_manager.get(reverse(url_name)).status_code == 200, url_name
    assert partner_manager.get(reverse("api_keys:add")).status_code == 200
    assert partner_manager.get(reverse("harvest_sources:add")).status_code == 200
    for label, url_name in TECHNICAL_URLS.items():
        assert label not in labels
        assert partner_manager.get(reverse(url_name)).status_code in (302, 403)


def test_superuser_sees_everything(admin_client):
    labels = menu_labels(admin_client)
    assert set(PARTNER_URLS) | set(TECHNICAL_URLS) | {"Search problems"} <= labels


def test_logs_and_the_outbox_have_no_add_button(admin_client):
    for url_name, add_label in (
        ("webhook_deliveries:index", "Add webhook delivery"),
        ("indexing_outbox:index", "Add outbox entry"),
        ("harvest_items:index", "Add external item"),
    ):
        html = admin_client.get(reverse(url_name)).content.decode()
        assert add_label not in html, url_name
        assert "/new/" not in html, url_name


def test_harvest_sources_are_listed_with_human_labels(partner_manager):
    now = timezone.now()
    ExternalSource.objects.create(
        name="Nordic Welfare news",
        url="https://nordicwelfare.example/feed",
        last_status=RunStatus.OK,
        last_success_at=now,
        etag='W/"abc123"',
    )
    paused = ExternalSource.objects.create(
        name="Old partner", url="https://old.example/feed", is_active=False
    )
    html = partner_manager.get(reverse("harvest_sources:index")).content.decode()
    table = html.split("<tbody")[-1].split("</tbody>")[0]
    cells = [
        " ".join(strip_tags(c).split())
        for c in re.findall(r"<td\b.*?</td>", table, re.S)
    ]
    assert "Active" in cells and "Paused" in cells
    assert "True" not in cells and "False" not in cells
    assert "RSS or Atom feed" in cells and "Not run yet" in cells

    # The filter offers the same words, and filters.
    assert ">Paused</" in html and ">Active</" in html
    filtered = partner_manager.get(
        reverse("harvest_sources:index"), {"activity": "paused"}
    )
    body = filtered.content.decode().split("<tbody")[-1]
    assert "Old partner" in body and "Nordic Welfare news" not in body

    # The detail view: words, no HTTP cache validators.
    detail = partner_manager.get(reverse("harvest_sources:inspect", args=[paused.pk]))
    text = " ".join(strip_tags(detail.content.decode()).split())
    assert "Paused" in text and "False" not in text
    source = ExternalSource.objects.get(name="Nordic Welfare news")
    detail = partner_manager.get(reverse("harvest_sources:inspect", args=[source.pk]))
    assert "abc123" not in detail.content.decode()
    assert "ETag" not in detail.content.decode()
