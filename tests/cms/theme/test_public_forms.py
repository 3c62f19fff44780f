"""Public forms: errors tied to their fields, a summary, spam and rate limits."""

from __future__ import annotations

import pytest

from tests.cms.theme.helpers import tags

SIGN_UP = {
    "name": "Amina Hassan",
    "email": "amina@example.org",
    "organisation": "",
    "country": "",
    "accessibility_needs": "",
    "dietary_needs": "",
    "consent": "on",
    "website": "",
}


def _described_by_existing(html: str, element: dict[str, str]) -> None:
    ids = element["aria-describedby"].split()
    assert ids
    for ident in ids:
        assert f'id="{ident}"' in html, f"{ident} is missing"


def _register_url(event) -> str:
    return event.url + event.reverse_subpage("register")


def test_sign_up_errors_are_linked_to_their_fields(client, theme_site):
    event = theme_site.pages["event"]
    response = client.post(
        _register_url(event), {**SIGN_UP, "email": "not-an-address", "consent": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    email = tags(html, "input", name="email")[0]
    assert email["aria-invalid"] == "true"
    _described_by_existing(html, email)
    consent = tags(html, "input", name="consent")[0]
    _described_by_existing(html, consent)
    summary = tags(html, "div", role="alert")
    assert summary and "error-summary" in summary[0]["class"]
    assert tags(html, "a", href="#registration-email")


def test_sign_up_fills_the_seat_then_the_waiting_list(client, theme_site):
    event = theme_site.pages["event"]
    first = client.post(_register_url(event), SIGN_UP, follow=True)
    assert "Your place is confirmed" in first.content.decode()
    page = client.get(event.url).content.decode()
    assert "Join the waiting list" in page
    second = client.post(
        _register_url(event),
        {**SIGN_UP, "email": "second@example.org", "name": "Second"},
        follow=True,
    )
    assert "waiting list as number 1" in second.content.decode()


def test_honeypot_is_refused_without_a_server_error(client, theme_site):
    response = client.post(
        _register_url(theme_site.pages["event"]),
        {**SIGN_UP, "website": "http://spam.example"},
    )
    assert response.status_code == 200
    assert "could not be accepted" in response.content.decode()


def test_application_errors_are_linked_to_their_fields(client, theme_site):
    call = theme_site.pages["call"]
    response = client.post(call.url, {"email": "amina@", "full_name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    email = tags(html, "input", name="email")[0]
    assert email["aria-invalid"] == "true"
    _described_by_existing(html, email)
    assert tags(html, "div", role="alert")


@pytest.mark.parametrize("form", ["sign_up", "application"])
def test_too_many_posts_get_a_friendly_429(client, theme_site, settings, form):
    settings.HUB_FORM_RATE_LIMIT = 3
    if form == "sign_up":
        url = _register_url(theme_site.pages["event"])
        data = {**SIGN_UP, "email": "bad"}
    else:
        url = theme_site.pages["call"].url
        data = {"email": "bad"}
    statuses = [client.post(url, data).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.post(url, data)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Too many attempts" in html and tags(html, "h1")
    assert client.get(url, follow=True).status_code == 200, "reading is not limited"


def test_limit_is_per_client_address(client, theme_site, settings):
    settings.HUB_FORM_RATE_LIMIT = 1
    url = theme_site.pages["call"].url
    assert client.post(url, {}, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.post(url, {}, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(url, {}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_forms_need_a_csrf_token(theme_site):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(_register_url(theme_site.pages["event"]), SIGN_UP)
    assert response.status_code == 403
