"""CSV parsing of statistics datasets (knowledge.datasets), tested directly."""

from __future__ import annotations

import pytest

from knowledge.datasets import (
    Dataset,
    DatasetError,
    DatasetRow,
    parse_dataset,
    parse_number,
)

COMMA_CSV = b"Country,2019,2020\nDenmark,58.3,60\nSweden,61,62.5\n"
SEMICOLON_CSV = b"Land;2019;2020\r\nDanmark;58,3;60\r\nSverige;61;62,5\r\n"


def test_parses_comma_separated_file():
    dataset = parse_dataset(COMMA_CSV)
    assert dataset == Dataset(
        columns=("Country", "2019", "2020"),
        rows=(
            DatasetRow("Denmark", (58.3, 60.0)),
            DatasetRow("Sweden", (61.0, 62.5)),
        ),
    )
    assert dataset.label_column == "Country"
    assert dataset.value_columns == ("2019", "2020")


def test_parses_semicolons_with_decimal_comma():
    dataset = parse_dataset(SEMICOLON_CSV)
    assert dataset.columns == ("Land", "2019", "2020")
    assert dataset.rows[0] == DatasetRow("Danmark", (58.3, 60.0))
    assert dataset.rows[1].values == (61.0, 62.5)


def test_accepts_byte_order_mark_blank_lines_and_empty_cells():
    data = "\ufeffCountry;Share\n\nDenmark;\nNorway;1 234,5\n\n".encode()
    dataset = parse_dataset(data)
    assert dataset.columns == ("Country", "Share")
    assert [row.values for row in dataset.rows] == [(None,), (1234.5,)]


def test_quoted_decimal_comma_in_comma_separated_file():
    dataset = parse_dataset(b'Country,Share\nDenmark,"58,3"\n')
    assert dataset.rows[0].values == (58.3,)


def test_json_round_trip():
    dataset = parse_dataset(SEMICOLON_CSV)
    assert Dataset.from_json(dataset.to_json()) == dataset
    assert Dataset.from_json({}) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3", 3.0), ("-2.5", -2.5), ("58,3", 58.3), ("1 234", 1234.0), (" ", None)],
)
def test_parse_number_accepts_common_notations(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["12a", "1,2,3", "1.234,5", "58%", "nan", "inf"])
def test_parse_number_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_refuses_non_utf8_file():
    data = "Land;Andel\nKøbenhavn;3\n".encode("latin-1")
    with pytest.raises(DatasetError, match="not UTF-8") as caught:
        parse_dataset(data)
    assert caught.value.row == 2


def test_ragged_row_names_the_row():
    data = b"Country,2019,2020\nDenmark,1,2\nSweden,3\n"
    with pytest.raises(DatasetError) as caught:
        parse_dataset(data)
    assert caught.value.row == 3
    assert "Row 3 has 2 columns, but the header row has 3" in str(caught.value)


def test_non_numeric_value_names_row_and_column():
    data = b"Country,2019,2020\nDenmark,1,2\nSweden,3,n/a\n"
    with pytest.raises(DatasetError) as caught:
        parse_dataset(data)
    error = caught.value
    assert (error.row, error.column) == (3, 3)
    assert "Row 3, column 3 ('2020'): 'n/a' is not a number" in str(error)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n"])
def test_refuses_empty_file(data):
    with pytest.raises(DatasetError, match="The file is empty"):
        parse_dataset(data)


def test_refuses_header_without_data_rows():
    with pytest.raises(DatasetError, match="no data rows"):
        parse_dataset(b"Country,Share\n")


def test_refuses_too_many_rows():
    rows = "".join(f"Place {i},{i}\n" for i in range(2_001))
    with pytest.raises(DatasetError, match="more than 2000 data rows") as caught:
        parse_dataset(f"Place,Value\n{rows}".encode())
    assert caught.value.row == 2_002
    assert len(parse_dataset(f"Place,Value\n{rows}".encode(), max_rows=3_000).rows)


def test_refuses_too_many_columns():
    header = ",".join(["Label", *(f"c{i}" for i in range(50))])
    with pytest.raises(DatasetError, match="51 columns; at most 50"):
        parse_dataset(f"{header}\n".encode())


def test_refuses_too_large_file():
    with pytest.raises(DatasetError, match="at most 0.0 MB"):
        parse_dataset(COMMA_CSV, max_bytes=10)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html>\n<html><body><p>Not found</p></body></html>\n",
        b"  <html>\n<script>alert(1)</script>\n",
        b"<table><tr><td>1</td></tr></table>",
    ],
)
def test_refuses_html_disguised_as_csv(data):
    with pytest.raises(DatasetError, match="web page"):
        parse_dataset(data)


def test_refuses_binary_file():
    with pytest.raises(DatasetError, match="binary data"):
        parse_dataset(b"PK\x03\x04\x00\x00 spreadsheet")


def test_refuses_empty_and_duplicate_header_names():
    with pytest.raises(DatasetError, match="Column 2 of the header row") as caught:
        parse_dataset(b"Country,,2020\nDenmark,1,2\n")
    assert caught.value.column == 2
    with pytest.raises(DatasetError, match="both called '2020'"):
        parse_dataset(b"Country,2020,2020\nDenmark,1,2\n")


def test_refuses_missing_label():
    with pytest.raises(DatasetError, match="Row 3 has no label"):
        parse_dataset(b"Country,2020\nDenmark,1\n,2\n")


def test_refuses_single_column_file():
    with pytest.raises(DatasetError, match="column separator"):
        parse_dataset(b"Country\nDenmark\n")
