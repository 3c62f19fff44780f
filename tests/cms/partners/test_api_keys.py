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
