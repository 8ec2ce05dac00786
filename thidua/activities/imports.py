"""Activities from a spreadsheet, one row an activity, all or nothing (the spreadsheet kit).

An upper union gathers its grassroots unions' contests, campaigns, training and Tháng Công nhân events in one file:
each row names the organising unit (a unit where the uploader may record activities: its code or its name as in the
template's drop-down), the kind, the title, the dates, the participants. Every cell is checked, every error names
its row and column; an activity already recorded (same unit, start day and title) or twice in the file is an error.
Confirmed, each row goes through ``record_activity``, the action of the page's form. The movement and the phase are
linked on the activity's page afterwards (a spreadsheet cannot name them unambiguously).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.dates import format_date
from thidua.core.spreadsheets.cells import Choices, parse_count, parse_date
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.core.text import fold
from thidua.orgs.imports.cells import UnitCell
from thidua.orgs.models import Unit

from . import actions
from .forms import units_for_recording
from .models import Activity, ActivityKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ACTIVITIES = "activities.import"
MAX_ROWS = 5000
KINDS = Choices(ActivityKind, {
    ActivityKind.CAMPAIGN: ("Thi đua ngắn ngày", "Phong trào ngắn ngày"),
    ActivityKind.SKILLS_CONTEST: ("Thi tay nghề", "Thi thợ giỏi", "Hội thi tay nghề"),
    ActivityKind.CULTURE_SPORTS: ("Văn nghệ", "Thể thao", "Văn hóa, văn nghệ", "Văn nghệ, thể thao"),
    ActivityKind.TRAINING: ("Tập huấn", "Bồi dưỡng", "Học tập"),
    ActivityKind.WORKERS_MONTH: ("Tháng Công nhân",),
    ActivityKind.OTHER: ("Khác",),
})  # fmt: skip
COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1, help="Không bắt buộc."),
    Column("unit", "Đơn vị tổ chức", required=True, aliases=("Đơn vị", "Mã đơn vị"), width=44,
           help="Tên đơn vị như trong danh sách thả xuống, hoặc mã đơn vị."),
    Column("kind", "Loại hoạt động", required=True, aliases=("Loại",), width=30,
           example=str(ActivityKind.SKILLS_CONTEST.label), choices=tuple(KINDS.labels.values()),
           allowed=KINDS.allowed()),
    Column("title", "Tên hoạt động", required=True, aliases=("Hoạt động", "Nội dung hoạt động"), width=44,
           example="Hội thi thợ may giỏi năm 2017", help="Tối đa 300 ký tự."),
    Column("start_on", "Từ ngày", required=True, aliases=("Ngày bắt đầu", "Ngày tổ chức"), width=14,
           example=datetime.date(2017, 5, 20), help="Ô ngày của Excel hoặc dd/mm/yyyy."),
    Column("end_on", "Đến ngày", aliases=("Ngày kết thúc",), width=14, example=datetime.date(2017, 5, 21),
           help="Để trống nếu diễn ra trong một ngày."),
    Column("place", "Địa điểm", width=28, example="Nhà văn hóa công nhân"),
    Column("participants", "Số người tham gia", aliases=("Số người", "Số lượt người"), width=14, example=120,
           help="Số nguyên không âm."),
    Column("women", "Trong đó nữ", aliases=("Nữ",), width=12, example=80,
           help="Không nhiều hơn số người tham gia."),
    Column("description", "Nội dung, kết quả", aliases=("Kết quả", "Ghi chú"), width=40),
]  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}


def _units(by: User | None) -> UnitCell:
    units = Unit.objects.active() if by is None else units_for_recording(by)
    return UnitCell(units, _("các đơn vị bạn được ghi nhận hoạt động"))


def _read(reader: RowReader, units: UnitCell) -> dict[str, Any]:
    row = {
        "unit": reader.parse("unit", units, required=True),
        "kind": reader.parse("kind", KINDS, required=True),
        "title": reader.text("title", required=True, max_length=300),
        "start_on": reader.parse("start_on", parse_date, required=True),
        "end_on": reader.parse("end_on", parse_date),
        "place": reader.text("place", max_length=300),
        "participants": reader.parse("participants", parse_count) or 0,
        "women": reader.parse("women", parse_count) or 0,
        "description": reader.text("description"),
    }
    start, end = row["start_on"], row["end_on"] or row["start_on"]
    if start is not None and not 2000 <= start.year <= 2100:
        reader.fail("start_on", _("Năm phải từ 2000 đến 2100."))
    elif start is not None and end is not None and end < start:
        reader.fail("end_on", _("Ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s).")
                    % {"end": format_date(end), "start": format_date(start)})  # fmt: skip
    if row["participants"] > actions.MAX_PEOPLE:
        reader.fail("participants", _("Số người tham gia không hợp lệ."))
    elif row["women"] > row["participants"]:
        reader.fail("women", _("Số nữ tham gia không thể nhiều hơn tổng số người tham gia."))
    row["end_on"] = end
    return row


def _existing(rows: list[dict[str, Any]]) -> set[tuple[int, datetime.date, str]]:
    found = Activity.objects.filter(archived_at__isnull=True, unit__in={r["unit"].pk for r in rows},
                                    start_on__in={r["start_on"] for r in rows})  # fmt: skip
    return {(u, d, fold(t)) for u, d, t in found.values_list("unit_id", "start_on", "title")}


def import_activities(file, *, by: User | None, dry_run: bool = False, progress=None) -> ImportResult:
    """Check ``file`` and, unless ``dry_run`` or any error, record every activity (all or nothing)."""

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        units = _units(by)
        rows: list[dict[str, Any]] = []
        for reader in checked_rows(
            sheets, COLUMNS, result, name_key="title", progress=progress, every=500, max_rows=MAX_ROWS
        ):
            row = _read(reader, units)
            if not reader.failed:
                rows.append({**row, "row": reader.number})
        existing = _existing(rows) if rows else set()
        seen: dict[tuple[int, datetime.date, str], int] = {}
        for row in rows:
            key = (row["unit"].pk, row["start_on"], fold(row["title"]))
            if key in existing:
                result.error(row["row"], HEADERS["title"], _(
                    "“%(title)s” của %(unit)s ngày %(day)s đã được ghi nhận trong hệ thống."
                ) % {"title": row["title"], "unit": row["unit"].name, "day": format_date(row["start_on"])})  # fmt: skip
            elif key in seen:
                result.error(row["row"], HEADERS["title"], _("Trùng với dòng %(row)s.") % {"row": seen[key]})
            seen.setdefault(key, row["row"])
        result.preview_columns = [_("Dòng"), _("Đơn vị tổ chức"), _("Loại"), _("Tên hoạt động"), _("Thời gian"),
                                  _("Số người tham gia")]  # fmt: skip
        result.preview = [{"row": r["row"], "status": "", "state": "new", "cells": [
            r["unit"].name, ActivityKind(r["kind"]).label, r["title"],
            f"{format_date(r['start_on'])} – {format_date(r['end_on'])}",
            number_format(r["participants"], force_grouping=True)]} for r in rows[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = len(rows)
        if dry_run:
            return
        for row in rows:
            values = {k: v for k, v in row.items() if k not in ("unit", "row")}
            try:
                actions.record_activity(row["unit"], by=by, **values)
            except ValidationError as exc:
                column = next((HEADERS.get(k, "") for k in getattr(exc, "error_dict", {})), "")
                result.error(row["row"], column, " ".join(exc.messages))
        result.written = not result.errors

    return run_import(ACTIVITIES, file, body, by=by, progress=progress, dry_run=dry_run,
                      noun=str(gettext_lazy("hoạt động")))  # fmt: skip


def template(by: User | None) -> bytes:
    names = tuple(_units(by).names[:5000])
    columns = [Column(**{**c.__dict__, "choices": names, "example": names[0] if names else ""})
               if c.key == "unit" else c for c in COLUMNS]  # fmt: skip
    heading = [_("Ghi nhận hoạt động từ Excel"),
               _("Mỗi dòng một hoạt động. Có lỗi ở bất kỳ dòng nào thì chưa ghi gì.")]  # fmt: skip
    return template_workbook(columns, sheet_title=_("Hoạt động"), guide_heading=heading)
