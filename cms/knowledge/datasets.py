"""Parse the CSV files editors upload as statistics datasets.

Pure functions with no Django model access, so that they can be tested directly and
reused by importers. A dataset is a table: the first column holds category labels
(countries, years, groups), every other column holds numbers. Messages are written
for editors: they say what is wrong and where (row and column), and how to fix it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2_000
MAX_COLUMNS = 50
SNIFF_BYTES = 64 * 1024
DELIMITERS = ",;"

# Spaces people type as thousands separators: space, no-break space, thin spaces.
_GROUPING_SPACES = re.compile(r"[ \u00a0\u2009\u202f]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_MARKUP_START = re.compile(r"\s*<[!?a-zA-Z]")

Number = float | None


class DatasetError(ValueError):
    """A CSV file that cannot be used as a dataset; the message is for editors."""

    def __init__(
        self, message: str, *, row: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


@dataclass(frozen=True)
class DatasetRow:
    """One category (first column) and its values, one per value column."""

    label: str
    values: tuple[Number, ...]


@dataclass(frozen=True)
class Dataset:
    """A parsed table: ``columns[0]`` names the label column, the rest hold numbers."""

    columns: tuple[str, ...]
    rows: tuple[DatasetRow, ...]

    @property
    def label_column(self) -> str:
        return self.columns[0]

    @property
    def value_columns(self) -> tuple[str, ...]:
        return self.columns[1:]

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready form stored on the page (``StatisticsPage.series``)."""
        return {
            "columns": list(self.columns),
            "rows": [{"label": r.label, "values": list(r.values)} for r in self.rows],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Dataset | None:
        """Rebuild a dataset stored by :meth:`to_json`; ``None`` if nothing is."""
        if not data or not data.get("columns"):
            return None
        return cls(
            columns=tuple(str(c) for c in data["columns"]),
            rows=tuple(
                DatasetRow(
                    label=str(row["label"]),
                    values=tuple(
                        None if v is None else float(v) for v in row["values"]
                    ),
                )
                for row in data.get("rows", [])
            ),
        )


def parse_dataset(
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
) -> Dataset:
    """Parse and validate a CSV file.

    Args:
        data: the raw bytes of the file (UTF-8, with or without a byte-order mark).
        max_bytes: the largest accepted file.
        max_rows: the most data rows accepted (the header row not counted).
        max_columns: the most columns accepted, label column included.

    Raises:
        DatasetError: with a message naming the row and column at fault.
    """
    if not data.strip():
        raise DatasetError(_("The file is empty."))
    if len(data) > max_bytes:
        raise DatasetError(
            _("The file is %(size)s; datasets may be at most %(limit)s.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(max_bytes)}
        )
    text = decode(data)
    if _MARKUP_START.match(text):
        raise DatasetError(
            _(
                "This file contains a web page (HTML or XML), not a CSV table. Export "
                "the table from your spreadsheet as CSV and upload that file."
            )
        )
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _read_table(reader, max_rows=max_rows, max_columns=max_columns)
    except csv.Error as exc:
        raise DatasetError(
            _("Row %(row)d could not be read as CSV (%(reason)s).")
            % {"row": reader.line_num, "reason": exc},
            row=reader.line_num,
        ) from exc


def decode(data: bytes) -> str:
    """Decode UTF-8 (a byte-order mark is dropped) or refuse the file."""
    if b"\x00" in data:
        raise DatasetError(
            _(
                "This is not a text file (it contains binary data). Export the "
                "table from your spreadsheet as 'CSV UTF-8'."
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DatasetError(
            _(
                "The file is not UTF-8 encoded (first unreadable character on line "
                "%(line)d). Save it again as 'CSV UTF-8' and upload it once more."
            )
            % {"line": line},
            row=line,
        ) from exc


def sniff_delimiter(text: str) -> str:
    """Return ``,`` or ``;``: csv.Sniffer first, then a count in the header row."""
    sample = text[:SNIFF_BYTES]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter in (",", ";"):
        return delimiter
    header = sample.lstrip().splitlines()[0] if sample.strip() else ""
    if header.count(";") > header.count(","):
        return ";"
    if header.count(","):
        return ","
    raise DatasetError(
        _(
            "No column separator found in the header row. Separate the columns "
            "with commas or semicolons, with the labels in the first column."
        ),
        row=1,
    )


def parse_number(value: str) -> Number:
    """A number written as 1234.5, 1234,5, 1 234,5 or -3; ``None`` for an empty cell.

    Raises:
        ValueError: when the text is not a number.
    """
    cleaned = _GROUPING_SPACES.sub("", value.strip())
    if not cleaned:
        return None
    if "," in cleaned:
        if "." in cleaned or cleaned.count(",") > 1:
            raise ValueError(value)
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(value)
    try:
        number = float(Decimal(cleaned))
    except (InvalidOperation, OverflowError) as exc:
        raise ValueError(value) from exc
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _read_table(reader: Any, *, max_rows: int, max_columns: int) -> Dataset:
    header: list[str] | None = None
    rows: list[DatasetRow] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, including the one after a final newline
        line = reader.line_num
        if header is None:
            header = _check_header(cells, line, max_columns)
            continue
        if len(rows) >= max_rows:
            raise DatasetError(
                _("The file has more than %(limit)d data rows; split it up.")
                % {"limit": max_rows},
                row=line,
            )
        rows.append(_read_row(cells, header, line))
    if header is None:
        raise DatasetError(_("The file is empty."))
    if not rows:
        raise DatasetError(
            _("The file has a header row but no data rows below it."), row=2
        )
    return Dataset(columns=tuple(header), rows=tuple(rows))


def _check_header(cells: list[str], line: int, max_columns: int) -> list[str]:
    header = [cell.strip() for cell in cells]
    if len(header) > max_columns:
        raise DatasetError(
            _("The header row has %(count)d columns; at most %(limit)d are allowed.")
            % {"count": len(header), "limit": max_columns},
            row=line,
        )
    if len(header) < 2:
        raise DatasetError(
            _(
                "The header row needs at least two columns: a label column and one "
                "or more columns of numbers."
            ),
            row=line,
        )
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name:
            raise DatasetError(
                _("Column %(column)d of the header row (row %(row)d) has no name.")
                % {"column": number, "row": line},
                row=line,
                column=number,
            )
        if name.casefold() in seen:
            raise DatasetError(
                _(
                    "Columns %(first)d and %(second)d of the header row are both "
                    "called '%(name)s'; give each column its own name."
                )
                % {"first": seen[name.casefold()], "second": number, "name": name},
                row=line,
                column=number,
            )
        seen[name.casefold()] = number
    return header


def _read_row(cells: list[str], header: list[str], line: int) -> DatasetRow:
    if len(cells) != len(header):
        raise DatasetError(
            _("Row %(row)d has %(count)d columns, but the header row has %(expected)d.")
            % {"row": line, "count": len(cells), "expected": len(header)},
            row=line,
        )
    label = cells[0].strip()
    if not label:
        raise DatasetError(
            _("Row %(row)d has no label in the first column ('%(column)s').")
            % {"row": line, "column": header[0]},
            row=line,
            column=1,
        )
    values: list[Number] = []
    for number, (name, cell) in enumerate(
        zip(header[1:], cells[1:], strict=True), start=2
    ):
        try:
            values.append(parse_number(cell))
        except ValueError as exc:
            raise DatasetError(
                _(
                    "Row %(row)d, column %(column)d ('%(name)s'): '%(value)s' is not "
                    "a number. Use digits with a decimal point or comma, or leave "
                    "the cell empty when there is no figure."
                )
                % {
                    "row": line,
                    "column": number,
                    "name": name,
                    "value": cell.strip()[:40],
                },
                row=line,
                column=number,
            ) from exc
    return DatasetRow(label=label, values=tuple(values))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
