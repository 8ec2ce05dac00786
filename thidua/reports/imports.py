"""One unit's phase report as a spreadsheet: download it prefilled, fill it in offline, upload it, see it checked,
confirm.

The workbook has the report's sheet ("Báo cáo": one row an indicator — code, name, unit, figure, target, "x" for an
approximate sum of money — and the previous figure for reference) and the narrative's sheet ("Phần đánh giá": one
row a heading). It is prefilled with what the system knows: the report's own figures when it has any, else the unit's
figures of its last approved report, and the unit's worker and member counts from the tree when nothing else says
them. Read through the spreadsheet kit (bounded reading — hostile files refused —, header found, legacy encodings),
every cell checked by ``validation`` (the same rules as the grid), errors named by cell ("Ô D12") with the row and
the column, and written all or nothing by ``actions.save_values``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.core.spreadsheets.layout import RowReader, column_letter, data_rows, find_layout
from thidua.core.spreadsheets.results import Column, ImportResult
from thidua.core.spreadsheets.runner import run_import

from . import queries
from .models import Aggregation, ExpectedReport, ExpectedReportStatus, Indicator, ReportValue
from .validation import check_entries, check_parts

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KIND = "reports.phase_report"
REPORT_SHEET = "Báo cáo"
NARRATIVE_SHEET = "Phần đánh giá"
COLUMNS = [
    Column("code", "Mã chỉ tiêu", required=True, aliases=("Mã", "Mã số"), width=12, text=True),
    Column("name", "Chỉ tiêu", aliases=("Tên chỉ tiêu", "Nội dung"), width=60),
    Column("unit", "Đơn vị tính", aliases=("ĐVT",), width=12),
    Column("value", "Số liệu", required=True, aliases=("Số liệu báo cáo", "Kết quả", "Thực hiện"), width=18),
    Column("target", "Chỉ tiêu giao", aliases=("Kế hoạch", "Chỉ tiêu được giao"), width=16),
    Column("approximate", "Số ước (x)", aliases=("Số ước", "Ước tính"), width=10),
    Column("previous", "Kỳ trước (đã duyệt)", aliases=("Kỳ trước",), width=18),
]
NARRATIVE_COLUMNS = [
    Column("heading", "Mục", required=True, width=30),
    Column("text", "Nội dung", required=True, width=100),
]


@dataclass
class Parsed:
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    preview: list[dict[str, Any]] = field(default_factory=list)


def _cell(layout, key: str, number: int) -> str:
    return f"{column_letter(layout.positions[key])}{number}"


def parse(sheets, result: ImportResult, report: ExpectedReport) -> Parsed:
    """Read and check the whole file; every error goes to ``result`` (row, column, the cell in the message)."""
    parsed = Parsed()
    indicators = queries.form_indicators(report.form)
    by_code = {i.code: i for i in indicators}
    found = find_layout(sheets, COLUMNS, result)
    if found is None or result.errors:
        return parsed
    rows, layout = found
    reader = RowReader(result, layout, rows)
    where: dict[str, tuple[int, str]] = {}
    for number, cells in data_rows(rows, layout, "code"):
        reader.start(number, cells)
        code = reader.text("code", max_length=20)
        if not code:
            continue
        result.total_rows += 1
        indicator = by_code.get(code)
        if indicator is None:
            reader.fail("code", _("Ô %(cell)s: chỉ tiêu “%(code)s” không có trong mẫu báo cáo.")
                        % {"cell": _cell(layout, "code", number), "code": code})  # fmt: skip
            continue
        if code in where:
            reader.fail("code", _("Ô %(cell)s: chỉ tiêu %(code)s đã có ở dòng %(row)s.")
                        % {"cell": _cell(layout, "code", number), "code": code, "row": where[code][0]})  # fmt: skip
            continue
        where[code] = (number, _cell(layout, "value", number))
        if indicator.aggregation == Aggregation.RATIO:
            continue  # recomputed: whatever the file says there is not read
        value = reader.raw("value")
        entry: dict[str, Any] = {"approximate": bool(reader.text("approximate"))}
        if indicator.is_text:
            entry["text"] = reader.text("value", max_length=20000)
        else:
            entry["value"] = reader.as_text(value) if isinstance(value, str) else value
            if reader.has("target"):
                entry["target"] = reader.raw("target")
        parsed.entries[code] = entry
    checked = check_entries(indicators, parsed.entries)
    merged = {code: v.value for code, v in queries.values_of(report).items()}
    merged.update({code: clean.value for code, clean in checked.values.items()})
    errors = dict(checked.errors)
    if not errors:
        errors = check_parts(indicators, merged)
    for code, messages in errors.items():
        number, cell = where.get(code, (0, ""))
        for message in messages:
            result.error(
                number or None,
                layout.headers.get("value", "Số liệu"),
                _("Ô %(cell)s: %(message)s") % {"cell": cell, "message": message} if cell else message,
            )
    for code, clean in checked.values.items():
        parsed.preview.append({"row": where[code][0], "code": code, "name": clean.indicator.name,
                               "unit": clean.indicator.unit_label, "value": clean.value, "target": clean.target,
                               "text": clean.text, "approximate": clean.approximate})  # fmt: skip
    parsed.preview.sort(key=lambda line: line["row"])
    _narrative(sheets, result, report, parsed)
    return parsed


def _narrative(sheets, result: ImportResult, report: ExpectedReport, parsed: Parsed) -> None:
    probe = ImportResult(kind=KIND)
    found = find_layout(sheets, NARRATIVE_COLUMNS, probe)
    if found is None or probe.errors:
        return  # no narrative sheet: the narrative is left as it is
    rows, layout = found
    reader = RowReader(result, layout, rows)
    headings = list(report.form.narrative_headings)
    for number, cells in data_rows(rows, layout, "heading"):
        reader.start(number, cells)
        heading = reader.text("heading", max_length=200)
        if not heading:
            continue
        if heading not in headings:
            reader.fail("heading", _("Ô %(cell)s: mục “%(heading)s” không có trong mẫu báo cáo.")
                        % {"cell": _cell(layout, "heading", number), "heading": heading})  # fmt: skip
            continue
        parsed.narrative[heading] = reader.text("text", max_length=20000)


def import_report(file, report: ExpectedReport, *, by: User | None, dry_run: bool = False,
                  progress: Callable[..., Any] | None = None) -> tuple[ImportResult, Parsed]:  # fmt: skip
    """Check ``file`` against ``report`` and, unless ``dry_run`` or any error, save its figures and narrative through
    ``save_values`` (all or nothing; the action checks everything again, and that entry is open)."""
    from .actions.reports import save_values

    holder: dict[str, Parsed] = {}

    def body(sheets, result: ImportResult, *, by, progress, dry_run):
        parsed = holder["parsed"] = parse(sheets, result, report)
        result.updated = len(parsed.entries)
        if result.errors or dry_run:
            return
        save_values(report, by=by, entries=parsed.entries, narrative=parsed.narrative or None)
        result.written = True

    result = run_import(KIND, file, body, by=by, progress=progress, dry_run=dry_run, noun=_("chỉ tiêu"))
    return result, holder.get("parsed") or Parsed()


# --- the prefilled workbook ------------------------------------------------------------------------------------


def previous_values(report: ExpectedReport) -> dict[str, ReportValue]:
    """The unit's figures in its last approved report of another form (what it reported before)."""
    earlier = (
        ExpectedReport.objects.current()
        .filter(unit_id=report.unit_id, status__in=[ExpectedReportStatus.APPROVED, ExpectedReportStatus.ACCEPTED])
        .exclude(pk=report.pk).order_by("-form__period_end", "-id").first()
    )  # fmt: skip
    return queries.values_of(earlier) if earlier is not None else {}


def prefill(report: ExpectedReport, indicators: list[Indicator]) -> dict[str, dict[str, Any]]:
    """What the downloaded file starts with, by code: the report's own figures, else the last approved ones for a
    stock (end of period), else the tree's counts of workers and members."""
    own = queries.values_of(report)
    before = previous_values(report)
    unit = report.unit
    known = {"TC01": unit.worker_count or None, "TC02": unit.member_count or None}
    filled: dict[str, dict[str, Any]] = {}
    for indicator in indicators:
        code = indicator.code
        if code in own:
            v = own[code]
            filled[code] = {
                "value": v.value,
                "target": v.target,
                "text": v.text,
                "approximate": v.approximate,
            }
        elif indicator.aggregation == Aggregation.END_OF_PERIOD and code in before:
            filled[code] = {"value": before[code].value}
        elif (count := known.get(code)) is not None:
            filled[code] = {"value": Decimal(count)}
        if code in before:
            filled.setdefault(code, {})["previous"] = before[code].value
    return filled


def report_workbook(report: ExpectedReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from thidua.core.dates import format_date
    from thidua.core.xlsx import safe_value

    indicators = queries.form_indicators(report.form)
    filled = prefill(report, indicators)
    bold, fill, grey = (
        Font(bold=True),
        PatternFill("solid", fgColor="DDEBF7"),
        PatternFill("solid", fgColor="EEEEEE"),
    )
    book = Workbook()
    sheet = book.active
    sheet.title = REPORT_SHEET
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    form = report.form
    sheet.append([safe_value(form.title.upper())])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Đơn vị: %(unit)s") % {"unit": safe_value(report.unit.name)}])
    sheet.append([_("Số liệu từ %(start)s đến %(end)s; hạn gửi %(due)s.") % {
        "start": format_date(form.period_start), "end": format_date(form.period_end),
        "due": format_date(report.due_on)}])  # fmt: skip
    sheet.append([_("Ghi số nguyên (tiền: đồng). Ô “Số ước” ghi x khi số tiền là số ước (hơn, gần, khoảng). Dòng "
                    "tỷ lệ được tính tự động, không nhập.")])  # fmt: skip
    sheet.append([])
    sheet.append([c.header for c in COLUMNS])
    header = sheet.max_row
    for col in range(1, len(COLUMNS) + 1):
        cell = sheet.cell(header, col)
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(wrap_text=True, vertical="center")
    for indicator in indicators:
        line = filled.get(indicator.code, {})
        ratio = indicator.aggregation == Aggregation.RATIO
        value = (
            _("(tự tính)")
            if ratio
            else (line.get("text") if indicator.is_text else _number(line.get("value")))
        )
        sheet.append([indicator.code, safe_value(indicator.name), safe_value(indicator.unit_label), value,
                      _number(line.get("target")), "x" if line.get("approximate") else None,
                      _number(line.get("previous"))])  # fmt: skip
        if ratio:
            for col in range(1, len(COLUMNS) + 1):
                sheet.cell(sheet.max_row, col).fill = grey
        sheet.cell(sheet.max_row, 4).number_format = "#,##0"
        sheet.cell(sheet.max_row, 1).number_format = "@"
    sheet.freeze_panes = sheet.cell(header + 1, 4)
    notes = book.create_sheet(NARRATIVE_SHEET)
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 30, 100
    notes.append([c.header for c in NARRATIVE_COLUMNS])
    for col in (1, 2):
        notes.cell(1, col).font, notes.cell(1, col).fill = bold, fill
    for heading in form.narrative_headings:
        notes.append([safe_value(heading), safe_value(report.narrative.get(heading, ""))])
        notes.cell(notes.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value) -> int | None:
    return None if value is None or value == "" else int(value)
