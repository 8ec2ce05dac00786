"""The State's statistics forms (``state_statistics``) written as .xlsx in the forms' layout: the heading of the
form (number, circular, reporting and receiving units, the day it is received), its title and year, the header rows
(a label spanning the columns that share it, down to the bottom when nothing lies below it), the numbering row, the
rows with their codes, the notes explaining what the system cannot know, and the signatures."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.orgs.models import Unit

from .state_statistics import FORMS, Sheet, build_sheet

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _headers(sheet: Sheet) -> list[tuple[str, ...]]:
    """Every column's header path: the fixed ones (label, code, unit, total) then the figures'."""
    fixed: list[tuple[str, ...]] = [("",), ("Mã số",)]
    if sheet.has_unit_column:
        fixed.append(("Đơn vị tính",))
    fixed.append((sheet.total_header,))
    return fixed + [c.header for c in sheet.columns]


def write_sheet(book: Workbook, sheet: Sheet) -> None:
    ws = book.create_sheet(sheet.number)
    headers = _headers(sheet)
    width = len(headers)
    depth = max(len(h) for h in headers)
    first = len(sheet.columns) and width - len(sheet.columns)
    ws.append(
        [f"Biểu số: {sheet.number}/BNV-TĐKT"] + [""] * (width - 3) + ["Đơn vị báo cáo:", sheet.unit.name]
    )
    ws.append(
        [f"Ban hành theo Thông tư số {sheet.circular}/TT-BNV"]
        + [""] * (width - 3)
        + ["Đơn vị nhận báo cáo:", ""]
    )
    ws.append(["Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"])
    ws.append([sheet.title])
    ws.append([f"Năm {sheet.year}"])
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=width)
    ws.cell(4, 1).font = Font(bold=True, size=13)
    ws.cell(4, 1).alignment = CENTER
    ws.cell(5, 1).alignment = CENTER
    ws.cell(1, 1).font = Font(bold=True)
    top = 7
    # Header rows: a label spanning the adjacent columns that share its path, down to the bottom when it has no
    # part below it.
    for level in range(depth):
        row = top + level
        col = 0
        while col < width:
            path = headers[col]
            if level >= len(path):
                col += 1
                continue
            end = col
            while end + 1 < width and headers[end + 1][: level + 1] == path[: level + 1]:
                end += 1
            last_row = row if level + 1 < len(path) else top + depth - 1
            ws.cell(row, col + 1, path[level])
            for c in range(col + 1, end + 2):
                for r in range(row, last_row + 1):
                    ws.cell(r, c).border = BOX
                    ws.cell(r, c).alignment = CENTER
                    ws.cell(r, c).font = Font(bold=True)
            if end > col or last_row > row:
                ws.merge_cells(start_row=row, start_column=col + 1, end_row=last_row, end_column=end + 1)
            col = end + 1
    # The numbering row (A, B, C, 1, 2, ...), one number spanning the columns of a group.
    numbers_row = top + depth
    numbers = ["A", "B"] + (["C"] if sheet.has_unit_column else []) + [sheet.total_number]
    numbers += [c.number for c in sheet.columns]
    col = 0
    while col < width:
        end = col
        while col >= first and end + 1 < width and numbers[end + 1] == numbers[col]:
            end += 1
        ws.cell(numbers_row, col + 1, numbers[col])
        for c in range(col + 1, end + 2):
            ws.cell(numbers_row, c).border = BOX
            ws.cell(numbers_row, c).alignment = CENTER
        if end > col:
            ws.merge_cells(
                start_row=numbers_row, start_column=col + 1, end_row=numbers_row, end_column=end + 1
            )
        col = end + 1
    # The rows of the form.
    for offset, line in enumerate(sheet.rows, start=1):
        r = numbers_row + offset
        values: list[int | str] = [line.label, line.code]
        if sheet.has_unit_column:
            values.append(line.unit_label)
        if line.key:
            values.append(sheet.totals[line.key])
            values += [sheet.cells[(line.key, i)] for i in range(len(sheet.columns))]
        else:
            values += [""] * (1 + len(sheet.columns))
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            cell.border = BOX
            cell.alignment = LEFT if c == 1 else CENTER
            if line.bold:
                cell.font = Font(bold=True)
    r = numbers_row + len(sheet.rows) + 2
    ws.cell(r, 1, "Ghi chú:").font = Font(bold=True)
    for note in sheet.notes:
        r += 1
        ws.cell(r, 1, note)
    r += 2
    ws.cell(r, 1, "Người lập biểu").font = Font(bold=True)
    ws.cell(r, width, "Thủ trưởng đơn vị").font = Font(bold=True)
    ws.cell(r + 1, 1, "(Ký, họ tên)")
    ws.cell(r + 1, width, "(Ký, họ tên, đóng dấu)")
    ws.column_dimensions["A"].width = 48
    for c in range(2, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.freeze_panes = ws.cell(numbers_row + 1, 2)


def statistics_workbook(unit: Unit, year: int, forms: tuple[str, ...] = FORMS) -> bytes:
    """The forms (every one by default) as one .xlsx, a sheet each named by its number."""
    book = Workbook()
    book.remove(book.active)
    for form in forms:
        write_sheet(book, build_sheet(form, unit, year))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
