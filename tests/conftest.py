"""Shared fixtures: locales, a home page per language and an editor in the admin."""

from __future__ import annotations

import pytest


@pytest.fixture
def locales(db):
    from wagtail.models import Locale

    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("en", "da", "nb", "sv", "fi", "is")
    }


@pytest.fixture
def home(locales):
    """The English home page as the site root, with translations linked to it."""
    from wagtail.models import Page, Site

    from core.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="Integration Norden", slug="home-en", locale=locales["en"])
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "testserver",
            "port": 80,
            "root_page": home,
            "site_name": "Integration Norden",
        },
    )
    Site.objects.exclude(root_page=home).delete()
    return home


@pytest.fixture
def editor(db):
    """A member of Wagtail's Editors and Moderators groups (may publish)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", "editor@example.org", "pw-editor-1")
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test starts with an empty cache: rate-limit counters live there."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request leaves its language active in the
    thread, and interface strings are translated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
