"""The admin: sources with their status and last error; harvested items read-only."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from harvest.choices import RunStatus
from harvest.models import ExternalItem, ExternalSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, db):
    """Communications staff who manage external sources (not superusers)."""
    user = User.objects.create_user("staff", "staff@example.org", "pw-staff-1")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="harvest", codename__endswith="externalsource"
        ),
    )
    client.force_login(user)
    return client


@pytest.fixture
def sources(db):
    now = timezone.now()
    failing = ExternalSource.objects.create(
        name="Broken partner",
        url="https://broken.example/feed",
        last_status=RunStatus.FAILED,
        last_error="The source answered HTTP 500 Internal Server Error.",
        last_error_at=now,
        consecutive_failures=3,
        last_run_at=now,
    )
    working = ExternalSource.objects.create(
        name="Working partner",
        url="https://working.example/feed",
        last_status=RunStatus.OK,
        last_error="An old error that no longer matters",
        last_success_at=now,
        items_count=12,
    )
    return failing, working


def test_listing_shows_status_and_error_column(staff_client, sources):
    response = staff_client.get(reverse("harvest_sources:index"))
    assert response.status_code == 200
    html = response.content.decode()
    headers = [strip_tags(h).strip() for h in re.findall(r"<th\b.*?</th>", html, re.S)]
    assert headers[-7:] == [
        "Name",
        "Kind",
        "Harvesting",
        "Status",
        "Last success",
        "Items",
        "Error",
    ]
    assert "Broken partner" in html and "Working partner" in html
    assert "The source answered HTTP 500 Internal Server Error." in html
    assert "Failed (3 times in a row)" in html
    assert "An old error that no longer matters" not in html  # not failing now


def test_admin_menu_offers_external_content_to_staff(staff_client):
    assert (
        "External content"
        in staff_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_listing_filters_failing_sources(staff_client, sources):
    response = staff_client.get(
        reverse("harvest_sources:index"), {"last_status": RunStatus.FAILED}
    )
    html = response.content.decode()
    assert "Broken partner" in html and "Working partner" not in html


def test_inspect_view_shows_the_whole_status(staff_client, sources):
    failing, _working = sources
    response = staff_client.get(reverse("harvest_sources:inspect", args=[failing.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Failures in a row" in html and "HTTP 500" in html


def test_editor_without_permission_cannot_see_sources(editor_client, sources):
    response = editor_client.get(reverse("harvest_sources:index"))
    assert response.status_code == 302


def test_staff_adds_a_source_with_default_tags(staff_client, locales):
    from core.models import Country, Theme

    theme = Theme.objects.create(name="Housing", slug="housing", locale=locales["en"])
    Theme.objects.create(name="Bolig", slug="housing", locale=locales["da"])
    country = Country.objects.create(
        name="Iceland", slug="iceland", code="IS", locale=locales["en"]
    )
    add_url = reverse("harvest_sources:add")
    form = staff_client.get(add_url).content.decode()
    assert 'name="themes"' in form and "Bolig" not in form  # one language only

    response = staff_client.post(
        add_url,
        {
            "name": "Nordregio",
            "kind": "feed",
            "locale": "en",
            "url": "https://nordregio.example/feed",
            "themes": [theme.pk],
            "countries": [country.pk],
            "is_active": "on",
            "interval_minutes": "30",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    source = ExternalSource.objects.get(name="Nordregio")
    assert list(source.themes.all()) == [theme]
    assert list(source.countries.all()) == [country]
    assert source.interval_minutes == 30 and source.last_status == RunStatus.NEVER


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://10.1.2.3/feed", "internal network"),
        ("http://localhost/feed", "internal network"),
        ("ftp://partner.example/feed", "http:// or https://"),
    ],
)
def test_form_refuses_unusable_addresses(staff_client, db, url, message):
    response = staff_client.post(
        reverse("harvest_sources:add"),
        {
            "name": "Bad",
            "kind": "feed",
            "locale": "en",
            "url": url,
            "interval_minutes": "60",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExternalSource.objects.exists()


def test_items_are_listed_read_only(staff_client, sources):
    failing, _working = sources
    item = ExternalItem.objects.create(
        id=ExternalItem.make_id(failing.pk, "id:1"),
        source=failing,
        key="id:1",
        title="Språkcafé för nyanlända",
        link="https://broken.example/1",
        locale="sv",
        content_hash="x",
        defaults_hash="y",
    )
    listing = staff_client.get(reverse("harvest_items:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Språkcafé för nyanlända" in html
    assert reverse("harvest_items:add") not in html

    inspect = staff_client.get(reverse("harvest_items:inspect", args=[item.pk]))
    assert inspect.status_code == 200
    assert "https://broken.example/1" in inspect.content.decode()
    assert staff_client.get(reverse("harvest_items:add")).status_code == 302
    edit = staff_client.get(reverse("harvest_items:edit", args=[item.pk]))
    assert edit.status_code == 302


def test_staff_adds_a_sitemap_source(staff_client, locales):
    add_url = reverse("harvest_sources:add")
    form = staff_client.get(add_url).content.decode()
    assert '<option value="sitemap">Sitemap (web pages)</option>' in form
    assert "the hub reads the most recent pages it lists" in form

    response = staff_client.post(
        add_url,
        {
            "name": "Nordic Welfare Centre pages",
            "kind": "sitemap",
            "locale": "sv",
            "url": "https://nordicwelfare.example/sitemap.xml",
            "is_active": "on",
            "interval_minutes": "120",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    source = ExternalSource.objects.get(name="Nordic Welfare Centre pages")
    assert source.kind == "sitemap" and source.get_kind_display() == (
        "Sitemap (web pages)"
    )
