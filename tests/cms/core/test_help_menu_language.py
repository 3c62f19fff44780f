"""Wagtail builds its help menu once per process; its "What's new" label must
still read in each editor's language, whoever came first."""

from __future__ import annotations

import json
import re

import pytest
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def help_labels(client, user, language: str) -> set[str]:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert props is not None
    return {
        label
        for label in re.findall(r'"label": "([^"]+)"', props.group(1))
        if "Wagtail" in json.loads(f'"{label}"')
    }


def test_whats_new_reads_in_each_editors_language(client, django_user_model) -> None:
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    seen = {
        language: help_labels(client, user, language)
        for language in ("en", "da", "sv", "en")
    }
    assert seen["en"] == {"What's new in Wagtail 8.0"}
    assert seen["da"] == {"Nyt i Wagtail 8.0"}
    assert len(seen["sv"]) == 1 and seen["sv"] != seen["en"]
