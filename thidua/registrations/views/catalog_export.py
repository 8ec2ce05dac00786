"""The catalog as of a date, as .xlsx: the same reads as the page (``catalog_on`` for the date and, for its readers, a
federation's layer), one row a title or form with who it is for, who confers and proposes, the criteria, the
prerequisites, the quotas, the council's vote threshold, the money, the citation and the verification mark — an
UNVERIFIED value named in its own column so the federation's staff check it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.core.dates import format_date
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response

from .. import queries
from ..models import Mark
from .catalog import _award_names, _day_param, _federation_param, entry_row


def _text(cell: dict) -> str:
    text = cell["text"]
    return "; ".join(text) if isinstance(text, list) else str(text or "")


@login_required
@require_GET
def catalog_export(request):
    on, _error = _day_param(request, "on", timezone.localdate())
    federation = _federation_param(request, list(queries.federations_visible_to(request.user)))
    current = queries.catalog_on(on, federation)
    names = _award_names()
    base = current.base_salary.amount if current.base_salary else None
    rows = []
    for entry in current.entries:
        row = entry_row(entry, names, base)
        rows.append([
            entry.code, entry.name, entry.award.get_kind_display(), entry.award.get_recipient_display(),
            entry.award.get_level_display(), _text(row["who_for"]), _text(row["conferred_by"]),
            _text(row["proposed_by"]), _text(row["criteria"]), _text(row["prerequisites"]), _text(row["quotas"]),
            _text(row["vote"]), "; ".join(_text(m) for m in row["money"]), "; ".join(entry.citations),
            str(Mark(entry.mark).label), ", ".join(entry.unverified_fields),
        ])  # fmt: skip
    salary = current.base_salary
    heading = [
        _("Danh mục danh hiệu thi đua, hình thức khen thưởng áp dụng ngày %(on)s") % {"on": format_date(on)},
        _("Gồm quy định riêng của %(name)s") % {"name": federation.name} if federation else
        _("Quy định của Nhà nước và Tổng Liên đoàn"),
        _("Mức lương cơ sở: %(amount)s đồng (%(instrument)s)") % {
            "amount": f"{salary.amount:,}".replace(",", "."), "instrument": salary.instrument}
        if salary else _("Chưa có mức lương cơ sở cho ngày này"),
    ]  # fmt: skip
    workbook = new_workbook()
    add_table_sheet(workbook, _("Danh mục"), [
        XlsxColumn(_("Mã"), width=22, text=True), XlsxColumn(_("Tên"), width=40, wrap=True),
        XlsxColumn(_("Loại"), width=12), XlsxColumn(_("Đối tượng"), width=12), XlsxColumn(_("Cấp xét tặng"), width=22),
        XlsxColumn(_("Đối tượng áp dụng"), width=36, wrap=True), XlsxColumn(_("Cấp quyết định"), width=24, wrap=True),
        XlsxColumn(_("Cấp đề nghị"), width=24, wrap=True), XlsxColumn(_("Tiêu chuẩn"), width=60, wrap=True),
        XlsxColumn(_("Điều kiện trước"), width=36, wrap=True), XlsxColumn(_("Tỷ lệ, số lượng khống chế"), width=36,
                                                                         wrap=True),
        XlsxColumn(_("Tỷ lệ phiếu của hội đồng"), width=18), XlsxColumn(_("Hệ số, tiền thưởng"), width=30, wrap=True),
        XlsxColumn(_("Căn cứ"), width=40, wrap=True), XlsxColumn(_("Mức xác minh"), width=16),
        XlsxColumn(_("Giá trị chưa xác minh"), width=28, wrap=True),
    ], rows, heading=heading)  # fmt: skip
    return xlsx_response(workbook_bytes(workbook), f"danh-muc-khen-thuong-{on.isoformat()}.xlsx")
