"""The registration list as .xlsx (the list page's filters), on the spreadsheet kit: one sheet of registrations,
one of the collective titles and one of the people, in the shape federations already exchange."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.core.dates import format_date
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response

from .. import emulation_queries as queries
from ..models import CollectiveTarget, IndividualEntry
from .emulation import list_filters

REGISTRATION_COLUMNS = [
    XlsxColumn("STT", 6),
    XlsxColumn("Mã đơn vị", 14, text=True),
    XlsxColumn("Đơn vị", 44),
    XlsxColumn("Năm", 7),
    XlsxColumn("Đợt", 16),
    XlsxColumn("Kế hoạch", 16),
    XlsxColumn("Trạng thái", 20),
    XlsxColumn("Hạn đăng ký", 12),
    XlsxColumn("Gửi ngày", 12),
    XlsxColumn("Muộn (có đồng ý)", 10),
    XlsxColumn("Số danh hiệu tập thể", 10),
    XlsxColumn("Số cá nhân", 10),
]
TARGET_COLUMNS = [
    XlsxColumn("STT", 6),
    XlsxColumn("Mã đơn vị", 14, text=True),
    XlsxColumn("Đơn vị", 44),
    XlsxColumn("Năm", 7),
    XlsxColumn("Danh hiệu, hình thức đăng ký", 40),
    XlsxColumn("Phong trào", 36),
    XlsxColumn("Chỉ tiêu, nội dung đăng ký", 50, wrap=True),
]
PEOPLE_COLUMNS = [
    XlsxColumn("STT", 6),
    XlsxColumn("Mã đơn vị", 14, text=True),
    XlsxColumn("Đơn vị", 44),
    XlsxColumn("Năm", 7),
    XlsxColumn("Họ và tên", 26),
    XlsxColumn("Chức vụ", 22),
    XlsxColumn("Danh hiệu đăng ký", 32),
    XlsxColumn("Ghi chú", 24),
]


def _local_day(moment):
    return timezone.localtime(moment).date() if moment else None


@login_required
@require_GET
def registration_export(request):
    filters = list_filters(request)
    registrations = list(
        queries.registrations_for_list(request.user, **filters).prefetch_related(
            Prefetch("targets", queryset=CollectiveTarget.objects.select_related("award", "movement")),
            Prefetch("people", queryset=IndividualEntry.objects.select_related("award", "person")),
        )
    )  # fmt: skip

    def registration_rows():
        for number, r in enumerate(registrations, start=1):
            yield [number, r.unit.code, r.unit.name, r.year, r.phase.name if r.phase else "",
                   r.plan.number_display if r.plan else "", r.get_status_display(), r.deadline,
                   _local_day(r.submitted_at), "x" if r.late else "", r.target_count, r.people_count]  # fmt: skip

    def target_rows():
        number = 0
        for r in registrations:
            for t in r.targets.all():
                number += 1
                yield [
                    number,
                    r.unit.code,
                    r.unit.name,
                    r.year,
                    t.award.name,
                    str(t.movement or ""),
                    t.targets,
                ]

    def people_rows():
        number = 0
        for r in registrations:
            for e in r.people.all():
                number += 1
                yield [number, r.unit.code, r.unit.name, r.year, e.person.full_name, e.position, e.award.name,
                       e.note]  # fmt: skip

    today = timezone.localdate()
    heading = [_("DANH SÁCH ĐĂNG KÝ THI ĐUA")]
    if filters["unit"] is not None:
        heading.append(_("Đơn vị: %(unit)s và các đơn vị trực thuộc") % {"unit": filters["unit"].name})
    if filters["year"]:
        heading.append(_("Năm %(year)s") % {"year": filters["year"]})
    heading.append(_("Xuất ngày %(day)s") % {"day": format_date(today)})
    workbook = new_workbook()
    add_table_sheet(workbook, _("Đăng ký"), REGISTRATION_COLUMNS, registration_rows(), heading=heading)
    add_table_sheet(workbook, _("Tập thể"), TARGET_COLUMNS, target_rows(), heading=heading)
    add_table_sheet(workbook, _("Cá nhân"), PEOPLE_COLUMNS, people_rows(), heading=heading)
    return xlsx_response(workbook_bytes(workbook), f"dang-ky-thi-dua-{today:%Y%m%d}.xlsx")
