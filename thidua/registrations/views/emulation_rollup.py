"""The roll-up of emulation registration for a unit and year (``?unit=&year=``): the figures by title, by the units
directly below and by sector, the units that have not registered yet (with a button for the level above to remind
them), and the same as an .xlsx file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.core.dates import format_date
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, has_perm
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs import queries as org_queries
from thidua.orgs.models import Unit

from ..actions.emulation_reminders import remind_unregistered
from ..emulation_rollup import (
    EmulationRollup,
    Row,
    default_year,
    emulation_rollup,
    expected_units,
    state_label,
    unregistered_units,
)
from ..models import Registration
from ..permissions.emulation_tools import REMIND_PERMISSION

PAGE_SIZE = 50


def rollup_unit(request, data=None) -> Unit:
    """The unit asked for (``unit=<id>``, 404 outside the user's scope), by default the user's top unit."""
    data = request.GET if data is None else data
    raw = data.get("unit", "")
    if raw:
        return get_for_user(Unit, request.user, pk=int(raw) if raw.isdigit() and len(raw) < 19 else 0)
    roots = org_queries.root_units_for(request.user)
    if not roots:
        raise Http404
    return roots[0]


def rollup_year(unit: Unit, data) -> int:
    """``year=`` when it is a sane year, else the last year the subtree registered for, else this year."""
    raw = data.get("year", "")
    if raw.isdigit() and 1945 <= int(raw) <= 2200:
        return int(raw)
    return default_year(unit)


def can_remind(user, unit: Unit) -> bool:
    """The level above reminds the units below it: a role that sends (leader, officer) on the unit or above."""
    return has_perm(user, REMIND_PERMISSION, unit.path)


@login_required
@require_GET
def rollup(request):
    unit = rollup_unit(request)
    year = rollup_year(unit, request.GET)
    summary = emulation_rollup(unit, year)
    page = page_of(request, unregistered_units(unit, year), PAGE_SIZE)
    for missing in page.object_list:
        missing.state_label = state_label(missing.registration_state)
    own = Registration.objects.current().filter(unit=unit, year=year, phase__isnull=True).first()
    parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first() if unit.depth > 1 else None
    if parent is not None and not has_perm(request.user, "view", parent.path):
        parent = None
    return render(request, "registrations/emulation_rollup.html", {
        "unit": unit, "year": year, "rollup": summary, "page": page, "own": own, "parent": parent,
        "can_remind": can_remind(request.user, unit) and page.paginator.count > 0,
        "years": _years(year),
    })  # fmt: skip


def _years(year: int) -> list[int]:
    this_year = timezone.localdate().year
    return sorted({*range(min(year, this_year) - 2, max(year, this_year) + 2), year}, reverse=True)


@login_required
@require_POST
def rollup_remind(request):
    unit = rollup_unit(request, request.POST)
    year = rollup_year(unit, request.POST)
    if not can_remind(request.user, unit):
        raise PermissionDenied
    chosen = request.POST.getlist("units")
    units = None
    if chosen:
        units = list(
            expected_units(unit).filter(pk__in=[int(pk) for pk in chosen if pk.isdigit() and len(pk) < 19])
        )
    try:
        told = remind_unregistered(unit, year, by=request.user, units=units)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if told:
            messages.success(request, _("Đã nhắc %(n)s đơn vị chưa đăng ký thi đua năm %(year)s.") % {
                "n": told, "year": year})  # fmt: skip
        else:
            messages.info(
                request, _("Không có đơn vị nào cần nhắc: các đơn vị chưa đăng ký đã được nhắc hôm nay.")
            )
    return redirect(reverse("emulation_tools:rollup") + f"?unit={unit.pk}&year={year}#chua-dang-ky")


# --- the .xlsx file -------------------------------------------------------------------------------------------


def _row_cells(row: Row) -> list:
    return [row.label, row.expected, row.registered, row.acknowledged, row.not_registered, row.draft,
            row.returned, row.late, row.people]  # fmt: skip


GROUP_COLUMNS = [
    XlsxColumn(_("Đơn vị, khu vực"), 48, wrap=True),
    XlsxColumn(_("Số đơn vị phải đăng ký"), 12),
    XlsxColumn(_("Đã đăng ký"), 11),
    XlsxColumn(_("Trong đó cấp trên đã ghi nhận"), 13),
    XlsxColumn(_("Chưa đăng ký"), 11),
    XlsxColumn(_("Đang soạn, chưa gửi"), 11),
    XlsxColumn(_("Bị trả lại"), 10),
    XlsxColumn(_("Đăng ký muộn"), 10),
    XlsxColumn(_("Số cá nhân đăng ký"), 12),
]


def rollup_workbook(summary: EmulationRollup, missing) -> bytes:
    """Four sheets: by title, by unit below, by sector, and the units that have not registered."""
    unit, year = summary.unit, summary.year
    heading = [_("Tổng hợp đăng ký thi đua năm %(year)s – %(unit)s") % {"year": year, "unit": unit.name},
               _("Tính trên các đăng ký đã gửi cấp trên hoặc đã được ghi nhận; lập ngày %(day)s.") % {
                   "day": format_date(timezone.localdate())}]  # fmt: skip
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        _("Theo danh hiệu"),
        [
            XlsxColumn(_("Mã"), 22, text=True),
            XlsxColumn(_("Danh hiệu, hình thức"), 60, wrap=True),
            XlsxColumn(_("Đối tượng"), 14),
            XlsxColumn(_("Số tập thể đăng ký"), 14),
            XlsxColumn(_("Số cá nhân đăng ký"), 14),
        ],  # fmt: skip
        [
            (t.award.code, t.award.name, t.award.get_recipient_display(), t.units, t.people)
            for t in summary.by_title
        ],
        heading=heading,
    )
    awards = summary.awards
    title_columns = [XlsxColumn(f"{a.name} ({_('tập thể') if a.for_collectives else _('cá nhân')})", 14, wrap=True)
                     for a in awards]  # fmt: skip

    def with_titles(row: Row) -> list:
        return [*_row_cells(row), *[(row.unit_titles.get(a.pk, 0) if a.for_collectives else 0)
                                    + (row.person_titles.get(a.pk, 0) if a.for_individuals else 0)
                                    for a in awards]]  # fmt: skip

    add_table_sheet(workbook, _("Theo đơn vị trực thuộc"), [*GROUP_COLUMNS, *title_columns],
                    [*[with_titles(r) for r in summary.by_child], with_titles(summary.total)],
                    heading=heading)  # fmt: skip
    add_table_sheet(workbook, _("Theo khu vực"), [*GROUP_COLUMNS, *title_columns],
                    [with_titles(r) for r in summary.by_sector], heading=heading)  # fmt: skip
    add_table_sheet(
        workbook,
        _("Chưa đăng ký"),
        [
            XlsxColumn(_("Mã đơn vị"), 16, text=True),
            XlsxColumn(_("Tên đơn vị"), 60, wrap=True),
            XlsxColumn(_("Cấp"), 26),
            XlsxColumn(_("Khu vực"), 26),
            XlsxColumn(_("Tình trạng"), 20),
        ],  # fmt: skip
        (
            (u.code, u.name, u.get_level_display(), u.get_sector_display(), state_label(u.registration_state))
            for u in missing.iterator(chunk_size=2000)
        ),  # fmt: skip
        heading=heading,
    )
    return workbook_bytes(workbook)


@login_required
@require_GET
def rollup_export(request):
    unit = rollup_unit(request)
    year = rollup_year(unit, request.GET)
    content = rollup_workbook(emulation_rollup(unit, year), unregistered_units(unit, year))
    return xlsx_response(content, f"tong-hop-dang-ky-thi-dua-{year}-{unit.code}.xlsx")
