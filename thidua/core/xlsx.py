"""Writing .xlsx files for download: a bold frozen header, set widths, real dates, no formula injection.

Every text cell loses its control characters (\x00–\x1f but tab and newline: Excel's XML cannot hold them, and one
stored name must not make a whole export fail) and goes through ``thidua.core.text.neutralize_formula``: a value
that starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe, so a name typed as
"=HYPERLINK(...)" never runs in Excel.
Big lists use openpyxl's ``write_only`` mode, which streams rows instead of holding a sheet of cell objects.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .text import neutralize_formula

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f]")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class XlsxColumn:
    header: str
    width: float = 16
    text: bool = False  # stored as text (codes, ID numbers, phone numbers keep their leading zeros)
    wrap: bool = False


def safe_value(value: Any) -> Any:
    """A value as it may go into a cell: text neutralised, datetimes without time zone, None as empty."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return neutralize_formula(CONTROL_CHARACTERS.sub("", value))
    return value


def _cell(
    ws, value: Any, *, text: bool = False, wrap: bool = False, font: Font | None = None
) -> WriteOnlyCell:
    value = safe_value(value)
    if text and value is not None and not isinstance(value, str):
        value = str(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, datetime.datetime):
        cell.number_format = DATE_FORMAT + " HH:MM"
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    elif text:
        cell.number_format = "@"
    if font is not None:
        cell.font = font
    if wrap:
        cell.alignment = WRAP
    return cell


def add_table_sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[XlsxColumn],
    rows: Iterable[Sequence[Any]],
    *,
    heading: Sequence[str] = (),
) -> int:
    """Append a sheet (write-only workbook): optional heading lines, a bold frozen header, then the rows.
    Returns the number of data rows written."""
    ws = workbook.create_sheet(title=title[:31])
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    header_row = len(heading) + 1
    ws.freeze_panes = f"A{header_row + 1}"
    for line_number, line in enumerate(heading):
        ws.append([_cell(ws, line, font=Font(bold=line_number == 0, size=13 if line_number == 0 else 11))])
    header_cells = []
    for column in columns:
        cell = _cell(ws, column.header, font=HEADER_FONT)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    for row in rows:
        ws.append(
            [
                _cell(ws, value, text=column.text, wrap=column.wrap)
                for column, value in zip(columns, row, strict=True)
            ]
        )
        count += 1
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
    return count


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A download; the file name may carry Vietnamese (RFC 6266 filename*), with an ASCII fallback."""
    from thidua.core.text import fold

    ascii_name = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in fold(filename)) or "thidua.xlsx"
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
