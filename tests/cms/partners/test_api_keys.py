"""Partner API keys: hashed in the database, shown once, exported for the service."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from partners.models import ApiKey, hash_key

# serialized_rollback: the flush after each test then keeps no stray rows
# (content types re-created with new ids) that would break later tests
# restoring the migrated data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def store() -> dict:
    return json.loads(settings.HUB_API_KEYS_FILE.read_text())


def test_admin_creates_key_shown_once_and_stored_hashed(admin_client):
    response = admin_client.post(
        reverse("api_keys:add"),
        {
            "name": "norden.org",
            "rate_limit_per_minute": "300",
            "cors_origins": "https://www.norden.org",
        },
        follow=True,
    )
    assert response.status_code == 200
    message = " ".join(str(m) for m in response.context["messages"])
    raw = message.split("<code>")[1].split("</code>")[0]
    key = ApiKey.objects.get()
    assert raw.startswith("inh_") and key.key_hash == hash_key(raw)
    assert raw not in key.key_hash and key.prefix == raw[:12]

    [entry] = store()["keys"]
    assert entry == {
        "id": str(key.pk),
        "name": "norden.org",
        "prefix": key.prefix,
        "sha256": hash_key(raw),
        "rate_limit_per_minute": 300,
        "cors_origins": ["https://www.norden.org"],
        "revoked": False,
    }
    assert raw not in settings.HUB_API_KEYS_FILE.read_text()

    listing = admin_client.get(reverse("api_keys:index")).content.decode()
    assert "norden.org" in listing and raw not in listing


def test_revoking_in_admin_reaches_the_store(admin_client):
    key, _raw = ApiKey.issue("nordregio.org")
    edit = reverse("api_keys:edit", args=[key.pk])
    response = admin_client.post(
        edit,
        {
            "name": "nordregio.org",
            "rate_limit_per_minute": "600",
            "cors_origins": "",
            "revoke": "on",
        },
    )
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.is_revoked
    assert store()["keys"][0]["revoked"] is True


def test_invalid_origin_is_refused(admin_client):
    response = admin_client.post(
        reverse("api_keys:add"),
        {
            "name": "x",
            "rate_limit_per_minute": "10",
            "cors_origins": "https://www.norden.org/path",
        },
    )
    assert response.status_code == 200
    assert "is not an origin" in str(response.context["form"].errors)
    assert not ApiKey.objects.exists()


def test_command_creates_lists_and_revokes(capsys):
    call_command(
        "api_keys",
        "create",
        "ministry",
        "--rate",
        "120",
        "--origin",
        "https://www.regjeringen.no",
    )
    out = capsys.readouterr().out
    raw = out.strip().splitlines()[-1]
    key = ApiKey.objects.get()
    assert key.key_hash == hash_key(raw) and key.rate_limit_per_minute == 120
    call_command("api_keys", "list")
    assert "ministry" in capsys.readouterr().out
    call_command("api_keys", "revoke", key.prefix)
    assert store()["keys"][0]["revoked"] is True


def test_keys_list_shows_each_keys_requests_from_the_usage_store(
    admin_client, settings, tmp_path
):
    from datetime import timedelta

    from django.utils import timezone

    from graphql_service.usage import write_usage

    settings.HUB_API_USAGE_DB = tmp_path / "usage.sqlite3"
    settings.HUB_USAGE_URL = ""
    busy, _ = ApiKey.issue(name="norden.org")
    ApiKey.issue(name="Quiet partner")
    today = timezone.now().date()
    # Two hosts' flushes for the same key add up; a day outside the window does not.
    write_usage(settings.HUB_API_USAGE_DB, {(str(busy.pk), today.isoformat()): [7, 0]})
    write_usage(
        settings.HUB_API_USAGE_DB,
        {
            (str(busy.pk), (today - timedelta(days=2)).isoformat()): [5, 2],
            (str(busy.pk), (today - timedelta(days=40)).isoformat()): [900, 0],
        },
    )

    response = admin_client.get(reverse("api_keys:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Requests in the last 30 days" in html
    rows = [row.split("</tr>")[0] for row in html.split("<tr")[1:]]
    [busy_row] = [row for row in rows if "norden.org" in row]
    [quiet_row] = [row for row in rows if "Quiet partner" in row]
    assert "12 (2 over the limit)" in busy_row
    assert ">0<" in "".join(quiet_row.split())


def test_keys_list_opens_when_the_usage_store_cannot_be_read(
    admin_client, settings, tmp_path
):
    settings.HUB_USAGE_URL = "postgres://nobody@127.0.0.1:1/none"
    ApiKey.issue(name="norden.org")

    response = admin_client.get(reverse("api_keys:index"))

    assert response.status_code == 200
    assert "norden.org" in response.content.decode()


def test_keys_cannot_be_copied(admin_client):
    key, _ = ApiKey.issue(name="norden.org")

    listing = admin_client.get(reverse("api_keys:index")).content.decode()

    assert f"/admin/api_keys/copy/{key.pk}/" not in listing
    response = admin_client.get(f"/admin/api_keys/copy/{key.pk}/", follow=True)
    assert response.status_code == 404
