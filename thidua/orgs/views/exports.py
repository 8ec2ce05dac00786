"""Exports to .xlsx: the people list (with the list page's own filters) and a unit's subtree.

The columns follow the import layouts, so an exported file can be corrected and imported back. Personal data
(national ID, birth date) is masked for people the user does not manage, as on the pages.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.core.scoping import get_for_user
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response

from .. import permissions, queries
from ..localities import province_name, ward_name
from ..models import Gender, JobCategory, Level, Position, Sector, Unit

PEOPLE_COLUMNS = [
    XlsxColumn("STT", 6),
    XlsxColumn("Họ và tên", 26),
    XlsxColumn("Giới tính", 9),
    XlsxColumn("Ngày sinh", 12),
    XlsxColumn("Số CCCD", 15, text=True),
    XlsxColumn("Điện thoại", 13, text=True),
    XlsxColumn("Mã CĐCS", 12, text=True),
    XlsxColumn("Công đoàn cơ sở", 40),
    XlsxColumn("Số thẻ đoàn viên", 14, text=True),
    XlsxColumn("Ngày vào công đoàn", 14),
    XlsxColumn("Chức vụ công đoàn", 22),
    XlsxColumn("Đối tượng", 16),
    XlsxColumn("CN trực tiếp sản xuất", 12),
    XlsxColumn("Đoàn viên", 10),
]
UNIT_COLUMNS = [
    XlsxColumn("STT", 6),
    XlsxColumn("Mã đơn vị", 14, text=True),
    XlsxColumn("Tên đơn vị", 48),
    XlsxColumn("Tên viết tắt", 24),
    XlsxColumn("Cấp", 22),
    XlsxColumn("Mã đơn vị cấp trên", 14, text=True),
    XlsxColumn("Khu vực/Loại hình", 26),
    XlsxColumn("Tỉnh/Thành phố", 18),
    XlsxColumn("Xã/Phường", 20),
    XlsxColumn("Địa chỉ", 30),
    XlsxColumn("Số lao động", 11),
    XlsxColumn("Ngày thành lập", 13),
    XlsxColumn("Số đoàn viên", 11),
    XlsxColumn("Số CNVCLĐ", 11),
    XlsxColumn("Số CN trực tiếp sản xuất", 13),
    XlsxColumn("Tình trạng", 22),
]


def _flag(value: str | None) -> bool | None:
    return {"1": True, "0": False}.get(value or "")


def _masked_birth(day) -> str:
    return f"••/••/{day.year}" if day else ""


@login_required
def person_export(request):
    """The people list as the list page shows it (q, unit, member, direct, gender), as .xlsx."""
    user = request.user
    q = request.GET.get("q", "").strip()
    unit = None
    raw_unit = request.GET.get("unit", "")
    if raw_unit:
        if not raw_unit.isdigit():
            raise Http404
        unit = get_for_user(Unit, user, permissions.EXPORT, pk=int(raw_unit))
    gender = request.GET.get("gender", "")
    people = queries.people_for_list(
        user,
        q,
        unit,
        is_member=_flag(request.GET.get("member")),
        direct_production=_flag(request.GET.get("direct")),
        gender=gender if gender in Gender.values else "",
    )
    genders, positions, jobs = dict(Gender.choices), dict(Position.choices), dict(JobCategory.choices)

    def rows():
        for number, person in enumerate(people.iterator(chunk_size=2000), start=1):
            full = permissions.can_see_personal_data(user, person)
            is_member = person.current_is_member
            yield [
                number,
                person.full_name,
                str(genders.get(person.gender, "")),
                person.birth_date if full else _masked_birth(person.birth_date),
                person.national_id if full else person.masked_national_id,
                person.phone,
                person.unit.code if person.unit else "",
                person.unit.name if person.unit else "",
                person.current_card_number or "",
                person.current_joined_on,
                str(positions.get(person.current_position, "")),
                str(jobs.get(person.current_job_category, "")),
                "x" if person.current_is_direct else "",
                "x" if is_member else "",
            ]

    today = timezone.localdate()
    heading = [_("DANH SÁCH NGƯỜI LAO ĐỘNG, ĐOÀN VIÊN")]
    if unit is not None:
        heading.append(_("Đơn vị: %(unit)s") % {"unit": unit.name})
    if q:
        heading.append(_("Tìm theo: “%(q)s”") % {"q": q})
    heading.append(_("Xuất ngày %(day)s") % {"day": format_date(today)})
    workbook = new_workbook()
    add_table_sheet(workbook, _("Người lao động"), PEOPLE_COLUMNS, rows(), heading=heading)
    return xlsx_response(workbook_bytes(workbook), f"nguoi-lao-dong-{today:%Y%m%d}.xlsx")


def _subtree_counts(units: list[Unit]) -> dict[str, list[int]]:
    """Members, workers and direct production workers of each unit with its active subtree, as the unit page counts
    them (a unit's own counters hold only the people of its own union: 0 for the province and upper levels)."""
    totals = {u.path: [u.member_count, u.worker_count, u.direct_worker_count] for u in units}
    step = Unit.steplen
    for u in units:
        if not u.is_active:
            continue
        for end in range(step, len(u.path), step):
            above = totals.get(u.path[:end])
            if above is not None:
                above[0] += u.member_count
                above[1] += u.worker_count
                above[2] += u.direct_worker_count
    return totals


@login_required
def unit_export(request, pk: int):
    """A unit and every unit under it (active, dissolved and archived), as .xlsx."""
    unit = get_for_user(Unit, request.user, permissions.EXPORT, pk=pk)
    units = list(Unit.objects.in_subtree(unit).order_by("path"))
    code_by_path = {u.path: u.code for u in units}
    if unit.depth > 1:
        parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).only("code", "path").first()
        if parent is not None:
            code_by_path[parent.path] = parent.code
    levels, sectors = dict(Level.choices), dict(Sector.choices)
    totals = _subtree_counts(units)

    def status(u: Unit) -> str:
        if u.archived_at:
            return _("Lưu trữ")
        if u.dissolved_on:
            return _("Giải thể, sáp nhập từ %(day)s") % {"day": format_date(u.dissolved_on)}
        return _("Đang hoạt động")

    rows = (
        [
            number, u.code, u.name, u.short_name, str(levels.get(u.level, "")),
            code_by_path.get(u.path[: -Unit.steplen], "") if u.depth > 1 else "",
            str(sectors.get(u.sector, "")), province_name(u.province_code), ward_name(u.province_code, u.ward_code),
            u.address, u.workforce_size, u.founded_on, *totals[u.path], status(u),
        ]
        for number, u in enumerate(units, start=1)
    )  # fmt: skip
    today = timezone.localdate()
    heading = [
        _("DANH SÁCH ĐƠN VỊ TRỰC THUỘC %(unit)s") % {"unit": unit.name.upper()},
        _("Xuất ngày %(day)s") % {"day": format_date(today)},
    ]
    workbook = new_workbook()
    add_table_sheet(workbook, _("Đơn vị"), UNIT_COLUMNS, rows, heading=heading)
    return xlsx_response(workbook_bytes(workbook), f"don-vi-{unit.code}-{today:%Y%m%d}.xlsx")
