"""The roll-up as files: the .xlsx workbook (totals; by unit; by sector; discrepancies) and the official phase review
report (Báo cáo sơ kết, .docx or .pdf), for the same form and unit as the page (404 outside the user's scope). For
the confederation's whole tree the files are made by the worker that computes the roll-up (``rollup_task``), never
in the request: the links give the files of the last run."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.core.dates import format_date
from thidua.core.text import fold
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.documents.render import render_docx, render_pdf
from thidua.orgs.models import UnitVersion

from . import rollup_display as display
from . import rollup_task
from .completeness import completeness
from .models import ExpectedReport
from .rollup import Rollup, rollup
from .rollup_access import form_and_unit
from .rollup_documents import rollup_document


def _number(cell: display.Cell):
    """A figure as a number Excel can add (a percentage as its number), text when empty."""
    return (
        None
        if cell.value is None
        else (int(cell.value) if cell.value == cell.value.to_integral() else float(cell.value))
    )


def rollup_workbook(result: Rollup) -> bytes:
    unit = result.version.name if result.version else result.unit.name
    heading = [
        f"{result.form.title} – {unit}",
        _("Tổng hợp từ %(n)s báo cáo đã duyệt, theo cây tổ chức ngày %(day)s; lập ngày %(today)s.") % {
            "n": result.total.approved, "day": format_date(result.day), "today": format_date(timezone.localdate())},
    ]  # fmt: skip
    workbook = new_workbook()
    lines = display.totals(result)
    add_table_sheet(workbook, _("Tổng hợp"), [
        XlsxColumn(_("Mã"), 10, text=True), XlsxColumn(_("Chỉ tiêu"), 50, wrap=True), XlsxColumn(_("Đơn vị tính"), 12),
        XlsxColumn(_("Kết quả"), 18), XlsxColumn(_("Số ước"), 8), XlsxColumn(_("Chỉ tiêu giao"), 16),
        XlsxColumn(_("Tỷ lệ đạt (%)"), 12), XlsxColumn(_("Số báo cáo có số liệu"), 12), XlsxColumn(_("Ghi chú"), 40, wrap=True),
    ], ([line.indicator.code, line.indicator.name, line.indicator.unit_label, _number(line.value),
         _("có") if line.value.approximate else "", line.figure.target,
         float(line.figure.percent_of_target) if line.figure.percent_of_target is not None else None,
         line.figure.count, "; ".join([line.basis, *line.flags]).strip("; ")] for line in lines),
        heading=heading)  # fmt: skip
    indicators = display.shown_indicators(result)
    columns = [XlsxColumn(_("Đơn vị"), 44, wrap=True), XlsxColumn(_("Báo cáo đã duyệt"), 10),
               XlsxColumn(_("Báo cáo phải gửi"), 10)]  # fmt: skip
    columns += [XlsxColumn(f"{i.code} – {i.name} ({i.unit_label})", 16, wrap=True) for i in indicators]
    rows = [[row.label, row.approved, row.expected, *[_number(c) for c in display.row_cells(result, row)]]
            for row in result.by_child]  # fmt: skip
    rows.append([_("Tổng cộng"), result.total.approved, result.total.expected,
                 *[_number(c) for c in display.row_cells(result, result.total)]])  # fmt: skip
    add_table_sheet(workbook, _("Theo đơn vị"), columns, rows, heading=heading)
    sector_columns = [XlsxColumn(_("Khu vực, loại hình"), 40, wrap=True)] + columns[3:]
    add_table_sheet(workbook, _("Theo khu vực"), sector_columns,
                    ([row.label, *[_number(c) for c in display.row_cells(result, row)]] for row in result.by_sector),
                    heading=heading)  # fmt: skip
    problems = [[c.unit.name, d.indicator.code, d.indicator.name, d.reported, d.computed, d.difference]
                for c, found in display.discrepancy_lines(result) for d in found]  # fmt: skip
    problems += [[f.unit.name, f.whole.code, _("%(part)s vượt %(whole)s") % {"part": f.part.name if f.part else "", "whole": f.whole.name},
                  display.number_text(f.whole_value), display.number_text(f.parts_value),
                  display.number_text(f.excess)] for f in result.parts_flags]  # fmt: skip
    problems += [[f.unit.name if f.unit else "", f.check.whole.code, f.message, display.number_text(f.whole_value),
                  display.number_text(f.terms_value), display.number_text(f.difference)]
                 for f in result.check_flags]  # fmt: skip
    add_table_sheet(workbook, _("Cần kiểm tra"), [
        XlsxColumn(_("Đơn vị"), 44, wrap=True), XlsxColumn(_("Mã"), 10, text=True), XlsxColumn(_("Chỉ tiêu"), 44, wrap=True),
        XlsxColumn(_("Đơn vị báo cáo"), 18), XlsxColumn(_("Cấp dưới cộng lại"), 18), XlsxColumn(_("Chênh lệch"), 14),
    ], problems, heading=heading)  # fmt: skip
    return workbook_bytes(workbook)


def _stem(result: Rollup, kind: str) -> str:
    return slugify(fold(f"{kind} {result.form.title} {result.unit.code}"))[:120] or "tong-hop"


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def document_bytes(result: Rollup, fmt: str) -> bytes:
    """The official phase review report of the roll-up, as .docx or .pdf."""
    form, unit = result.form, result.unit
    done = completeness(form, unit)
    own = ExpectedReport.objects.filter(form=form, unit=unit, archived_at__isnull=True).first()
    parent = None
    if result.version is not None and result.version.parent_id:
        parent = UnitVersion.objects.as_of(result.day).filter(unit_id=result.version.parent_id).first()
    document = rollup_document(result, done, own_narrative=own.narrative if own else {},
                               parent_name=parent.name if parent else "")  # fmt: skip
    return render_docx(document) if fmt == "docx" else render_pdf(document)


def export_files(result: Rollup) -> dict[str, tuple[str, bytes]]:
    """Every file of a roll-up: ``{fmt: (file name, bytes)}`` for xlsx, docx and pdf."""
    return {
        "xlsx": (f"{_stem(result, 'tong-hop')}.xlsx", rollup_workbook(result)),
        **{
            fmt: (f"{_stem(result, 'bao-cao-so-ket')}.{fmt}", document_bytes(result, fmt))
            for fmt in ("docx", "pdf")
        },
    }


def _from_task(request, form, unit, fmt: str):
    """A national roll-up's file is made by the worker with the roll-up (``rollup_task``): the last one made, or
    back to the page, which says how to make it."""
    stored = rollup_task.stored_file(form, unit, fmt)
    if stored is not None:
        path, name = stored
        return FileResponse(path.open("rb"), as_attachment=True, filename=name,
                            content_type={"xlsx": XLSX, "docx": DOCX, "pdf": "application/pdf"}[fmt])  # fmt: skip
    messages.info(request, _("Tệp tổng hợp toàn quốc được lập cùng lần tổng hợp ở tiến trình nền: bấm “Tổng hợp "
                             "toàn quốc”, tải tệp khi tổng hợp xong."))  # fmt: skip
    return redirect(f"{reverse('report_rollup:rollup', args=[form.pk])}?unit={unit.pk}")


@login_required
@require_GET
def rollup_xlsx(request, form):
    form, unit = form_and_unit(request.user, form, request.GET.get("unit"))
    if rollup_task.runs_as_task(unit):
        return _from_task(request, form, unit, "xlsx")
    result = rollup(form, unit)
    return xlsx_response(rollup_workbook(result), f"{_stem(result, 'tong-hop')}.xlsx")


@login_required
@require_GET
def rollup_document_view(request, form, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    form, unit = form_and_unit(request.user, form, request.GET.get("unit"))
    if rollup_task.runs_as_task(unit):
        return _from_task(request, form, unit, fmt)
    result = rollup(form, unit)
    response = HttpResponse(
        document_bytes(result, fmt), content_type=DOCX if fmt == "docx" else "application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{_stem(result, 'bao-cao-so-ket')}.{fmt}"
    )
    return response
