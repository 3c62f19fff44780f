"""No page of the admin or the public site makes the browser ask another host,
and the site answers the requests browsers make by themselves."""

from __future__ import annotations

import re
from io import BytesIO, StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image

from tests.cms.theme.helpers import Tags

pytestmark = pytest.mark.django_db

#: Attributes that make a browser fetch something as the page loads.
FETCHED = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def foreign_fetches(html: str) -> list[str]:
    parser = Tags()
    parser.feed(html)
    urls: list[str] = []
    for tag, attributes in parser.tags:
        if tag == "link" and attributes.get("rel") in {"canonical", "alternate"}:
            continue  # links the browser does not load
        for name in FETCHED.get(tag, ()):
            for candidate in attributes.get(name, "").split(","):
                if candidate.strip():
                    urls.append(candidate.strip().split()[0])
    urls += CSS_URL.findall(html)
    return [url for url in urls if urlsplit(url).netloc not in ("", "testserver")]


def test_admin_pages_load_nothing_from_other_hosts(editor_client, home) -> None:
    for path in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/account/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/reports/locked/",
    ):
        response = editor_client.get(path)
        assert response.status_code == 200, path
        assert foreign_fetches(response.content.decode()) == [], path


def test_public_pages_load_nothing_from_other_hosts(client, home) -> None:
    for path, status in (("/en/", 200), ("/en/no-such-page/", 404)):
        response = client.get(path)
        assert response.status_code == status, path
        assert foreign_fetches(response.content.decode()) == [], path


def test_the_favicon_is_served_where_browsers_ask_for_it(client, home) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age=86400" in response["Cache-Control"]
    with Image.open(BytesIO(response.content)) as icon:
        assert icon.format == "ICO"
    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html


def test_the_demo_editor_can_save_their_account_as_it_is(client) -> None:
    call_command("create_demo_editor", stdout=StringIO())
    user = get_user_model().objects.get(username="editor")
    client.force_login(user)
    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": user.first_name,
            "name_email-last_name": user.last_name,
            "name_email-email": user.email,
            "locale-preferred_language": "da",
            "locale-current_time_zone": "Europe/Copenhagen",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.wagtail_userprofile.preferred_language == "da"
