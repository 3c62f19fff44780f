"""Staff see, filter, export and cancel sign-ups in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.choices import RegistrationStatus
from tests.cms.events.conftest import sign_up


@pytest.fixture
def staff_client(client, editor):
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events",
            codename__in=["view_eventregistration", "change_eventregistration"],
        )
    )
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, editor):
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="events", codename="view_eventregistration"
        )
    )
    client.force_login(editor)
    return client


@pytest.fixture
def two_events(make_event):
    first = make_event(title="Language seminar", capacity=1)
    second = make_event(title="Housing seminar")
    sign_up(first, 1, name="Aino Virtanen")
    sign_up(first, 2, name="Bjørn Hansen")
    sign_up(second, 3, name="Sigrún Jónsdóttir")
    return first, second


def test_listing_filters_by_event_and_status(staff_client, two_events):
    first, _second = two_events
    url = reverse("event_registrations:index")
    html = staff_client.get(url, {"event": first.pk}).content.decode()
    assert "Aino Virtanen" in html and "Bjørn Hansen" in html
    assert "Sigrún Jónsdóttir" not in html
    html = staff_client.get(url, {"status": "waitlisted"}).content.decode()
    assert "Bjørn Hansen" in html and "Aino Virtanen" not in html
    html = staff_client.get(url, {"q": "sigrún"}).content.decode()
    assert "Sigrún Jónsdóttir" in html and "Aino Virtanen" not in html


def test_listing_exports_csv(staff_client, two_events):
    first, _second = two_events
    response = staff_client.get(
        reverse("event_registrations:index"), {"event": first.pk, "export": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "event-sign-ups.csv" in response["Content-Disposition"]
    rows = b"".join(response.streaming_content).decode().strip().splitlines()
    assert rows[0].startswith("Event,Name,E-mail,Organisation")
    assert len(rows) == 3
    assert any("Bjørn Hansen,person2@example.org" in row for row in rows)


def test_staff_cancel_promotes_the_waiting_list(staff_client, two_events):
    first, _second = two_events
    seated = first.registrations.get(name="Aino Virtanen")
    waiting = first.registrations.get(name="Bjørn Hansen")
    url = reverse("event_registrations:cancel", args=[seated.pk])
    confirm = staff_client.get(url)
    assert confirm.status_code == 200
    assert "Yes, cancel the sign-up" in confirm.content.decode()
    response = staff_client.post(url, follow=True)
    assert response.status_code == 200
    assert "Bjørn Hansen got the seat from the waiting list." in (
        response.content.decode()
    )
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_reviewer_can_read_but_not_cancel(reviewer_client, two_events):
    first, _second = two_events
    seated = first.registrations.get(name="Aino Virtanen")
    html = reviewer_client.get(reverse("event_registrations:index")).content.decode()
    assert "Aino Virtanen" in html
    assert reverse("event_registrations:cancel", args=[seated.pk]) not in html
    inspect = reverse("event_registrations:inspect", args=[seated.pk])
    assert reviewer_client.get(inspect).status_code == 200
    cancel = reverse("event_registrations:cancel", args=[seated.pk])
    assert reviewer_client.post(cancel).status_code in (302, 403)
    seated.refresh_from_db()
    assert seated.status == RegistrationStatus.CONFIRMED


def test_sign_ups_cannot_be_added_in_the_admin(staff_client, two_events):
    html = staff_client.get(reverse("event_registrations:index")).content.decode()
    assert "/admin/event_registrations/new/" not in html
    response = staff_client.get("/admin/event_registrations/new/", follow=True)
    assert response.status_code == 404


def test_deleting_a_seat_also_fills_it_from_the_waiting_list(
    client, editor, two_events
):
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events",
            codename__in=["view_eventregistration", "delete_eventregistration"],
        )
    )
    client.force_login(editor)
    first, _second = two_events
    seated = first.registrations.get(name="Aino Virtanen")
    waiting = first.registrations.get(name="Bjørn Hansen")
    response = client.post(reverse("event_registrations:delete", args=[seated.pk]))
    assert response.status_code == 302
    assert not first.registrations.filter(pk=seated.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
