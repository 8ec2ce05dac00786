"""Research topics and congress works from a spreadsheet, one row a record, all or nothing (the spreadsheet kit).

A federation or an upper union collects its units' topics or works in one file: each row names its unit (the code,
or the full name as listed in the template's drop-down: a unit where the uploader may register), and is checked
cell by cell — every error names its row and column, nothing is written while any remains. A row that repeats
a record already registered (the same unit, year and title or name) or another row of the file is an error: the
import only registers. Confirmed, each row is registered through the same action as the page's form
(``register_research_topic``, ``register_congress_work``), so each has its event and audit record. The lead and the
team of a topic are names, linked to the one person of the unit's subtree with that name, as on the form.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.dates import format_date
from thidua.core.spreadsheets.cells import Choices, parse_count, parse_date
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, CellError, Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.core.text import fold
from thidua.orgs.models import Unit

from .actions import works as actions
from .forms_works import MEMBER_SEPARATOR, match_person, units_for_registering
from .models import CongressWork, ResearchLevel, ResearchTopic, WorkKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOPICS, WORKS = "registrations.import_topics", "registrations.import_works"
MAX_ROWS = 5000
LEVELS = Choices(ResearchLevel, {ResearchLevel.GRASSROOTS: ("Cơ sở",), ResearchLevel.PROVINCE: ("Cấp tỉnh", "Tỉnh",
                                 "Cấp bộ", "Cấp ngành"), ResearchLevel.CONFEDERATION: ("Cấp TLĐ", "TLĐ"),
                                 ResearchLevel.STATE: ("Nhà nước",)})  # fmt: skip
KINDS = Choices(WorkKind, {WorkKind.CONSTRUCTION: ("Công trình",), WorkKind.TECHNICAL: ("Cải tiến kỹ thuật",),
                           WorkKind.WELFARE: ("Phúc lợi", "Công trình phúc lợi")})  # fmt: skip

UNIT = Column("unit", "Đơn vị", required=True, aliases=("Mã đơn vị", "Tên đơn vị", "Đơn vị đăng ký"), width=44,
              help="Tên đơn vị như trong danh sách thả xuống, hoặc mã đơn vị: đơn vị mà bạn được đăng ký cho.")  # fmt: skip
TOPIC_COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1, help="Không bắt buộc."),
    Column("title", "Tên đề tài", required=True, aliases=("Tên đề tài nghiên cứu", "Đề tài"), width=48,
           example="Giải pháp nâng cao chất lượng hoạt động công đoàn cơ sở khu vực ngoài nhà nước",
           help="Tối đa 500 ký tự."),
    UNIT,
    Column("field", "Lĩnh vực", width=20, example="Tổ chức công đoàn", help="Tối đa 200 ký tự."),
    Column("level", "Cấp đề tài", required=True, width=20, example=str(ResearchLevel.GRASSROOTS.label),
           choices=tuple(LEVELS.labels.values()), allowed=LEVELS.allowed()),
    Column("lead", "Chủ nhiệm đề tài", required=True, aliases=("Chủ nhiệm",), width=24, example="Nguyễn Văn An",
           help="Họ và tên; người của đơn vị (trùng đúng một người) được tự động liên kết."),
    Column("team", "Thành viên tham gia", aliases=("Thành viên", "Nhóm nghiên cứu"), width=36,
           example="Trần Thị Bình – thư ký; Lê Văn Cường – thành viên",
           help="Các thành viên cách nhau bằng dấu chấm phẩy (;), mỗi người: Họ và tên – nhiệm vụ."),
    Column("start_on", "Bắt đầu", required=True, aliases=("Ngày bắt đầu", "Thời gian bắt đầu"), width=14,
           example=datetime.date(2017, 3, 1), help="Ô ngày của Excel hoặc dd/mm/yyyy."),
    Column("end_on", "Kết thúc (dự kiến)", required=True, aliases=("Kết thúc", "Ngày kết thúc"), width=14,
           example=datetime.date(2017, 12, 31), help="Không trước ngày bắt đầu."),
    Column("budget_vnd", "Kinh phí (đồng)", aliases=("Kinh phí",), width=16, example=30_000_000,
           help="Số đồng, số nguyên không âm."),
    Column("funding_source", "Nguồn kinh phí", width=20, example="Tài chính công đoàn"),
    Column("summary", "Mục tiêu, nội dung chính", aliases=("Nội dung", "Mục tiêu"), width=40),
]  # fmt: skip
WORK_COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1, help="Không bắt buộc."),
    Column("name", "Tên công trình, sản phẩm", required=True, aliases=("Tên công trình", "Công trình, sản phẩm"),
           width=48, example="Nhà Mái ấm Công đoàn cho đoàn viên khó khăn", help="Tối đa 500 ký tự."),
    UNIT,
    Column("kind", "Loại", required=True, aliases=("Loại công trình",), width=26, example=str(WorkKind.WELFARE.label),
           choices=tuple(KINDS.labels.values()), allowed=KINDS.allowed()),
    Column("value_vnd", "Giá trị (đồng)", aliases=("Giá trị",), width=16, example=50_000_000,
           help="Số đồng, số nguyên không âm."),
    Column("location", "Địa điểm", width=28, example="Xã Tân Thạch, huyện Châu Thành"),
    Column("congress_name", "Chào mừng Đại hội", required=True, aliases=("Đại hội",), width=36,
           example="Đại hội XI Công đoàn tỉnh Bến Tre", help="Tên Đại hội, ghi như nhau ở mọi dòng cùng Đại hội."),
    Column("congress_term", "Nhiệm kỳ", required=True, width=14, example="2018 – 2023", text=True),
    Column("planned_on", "Dự kiến hoàn thành", required=True, aliases=("Ngày hoàn thành dự kiến",), width=14,
           example=datetime.date(2018, 6, 30), help="Ô ngày của Excel hoặc dd/mm/yyyy."),
    Column("description", "Mô tả", width=40),
]  # fmt: skip


@dataclass
class Parsed:
    """What a file would register: the rows (for the write) and the preview."""

    rows: list[dict[str, Any]] = field(default_factory=list)


class Units:
    """The units the uploader may register for, found by code or by full name (diacritics aside)."""

    def __init__(self, by: User | None):
        units = list(Unit.objects.active() if by is None else units_for_registering(by))
        self.by_code = {u.code.casefold(): u for u in units}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in units:
            self.by_name.setdefault(fold(unit.name), []).append(unit)
        self.names = [u.name for u in units]

    def __call__(self, value: Any) -> Unit:
        text = str(value).strip()
        found = self.by_code.get(text.casefold())
        if found is not None:
            return found
        named = self.by_name.get(fold(text), [])
        if len(named) == 1:
            return named[0]
        if named:
            raise CellError(
                _("Có %(n)s đơn vị tên “%(name)s”: hãy ghi mã đơn vị.") % {"n": len(named), "name": text}
            )
        raise CellError(_("Không có đơn vị “%(name)s” trong các đơn vị bạn được đăng ký.") % {"name": text})


def _team(text: str) -> list[tuple[str, str]]:
    people = []
    for line in text.replace(";", "\n").splitlines():
        if line.strip():
            parts = MEMBER_SEPARATOR.split(line.strip(), maxsplit=1)
            people.append((parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""))
    return people


def _money(reader: RowReader, key: str) -> int:
    value = reader.parse(key, parse_count) if reader.has(key) else None
    if value is not None and value > actions.MAX_BUDGET:
        reader.fail(key, _("Số tiền quá lớn."))
    return value or 0


def _topic_row(reader: RowReader, units: Units) -> dict[str, Any]:
    row = {
        "title": reader.text("title", required=True, max_length=500),
        "unit": reader.parse("unit", units, required=True),
        "field": reader.text("field", max_length=200),
        "level": reader.parse("level", LEVELS, required=True),
        "lead_name": reader.text("lead", required=True, max_length=200),
        "team": _team(reader.text("team")),
        "start_on": reader.parse("start_on", parse_date, required=True),
        "end_on": reader.parse("end_on", parse_date, required=True),
        "budget_vnd": _money(reader, "budget_vnd"),
        "funding_source": reader.text("funding_source", max_length=200),
        "summary": reader.text("summary"),
    }
    if any(not name for name, _role in row["team"]):
        reader.fail("team", _("Mỗi thành viên cần họ và tên trước nhiệm vụ."))
    if row["start_on"] and row["end_on"] and row["end_on"] < row["start_on"]:
        reader.fail("end_on", _("Kết thúc (%(end)s) trước khi bắt đầu (%(start)s).") % {
            "end": format_date(row["end_on"]), "start": format_date(row["start_on"])})  # fmt: skip
    if row["start_on"] and not 2000 <= row["start_on"].year <= 2100:
        reader.fail("start_on", _("Năm bắt đầu phải từ 2000 đến 2100."))
    return row


def _work_row(reader: RowReader, units: Units) -> dict[str, Any]:
    return {
        "name": reader.text("name", required=True, max_length=500),
        "unit": reader.parse("unit", units, required=True),
        "kind": reader.parse("kind", KINDS, required=True),
        "value_vnd": _money(reader, "value_vnd"),
        "location": reader.text("location", max_length=300),
        "congress_name": reader.text("congress_name", required=True, max_length=300),
        "congress_term": reader.text("congress_term", required=True, max_length=40),
        "planned_on": reader.parse("planned_on", parse_date, required=True),
        "description": reader.text("description"),
    }


@dataclass(frozen=True)
class Kind:
    """One of the two imports: its columns, how a row is read, what makes two rows the same, how one is written."""

    key: str
    noun: Any
    columns: list[Column]
    read: Callable[[RowReader, Units], dict[str, Any]]
    name_key: str  # the column naming the record (its header names a duplicate)
    existing: Callable[
        [list[Unit]], set[tuple[int, int, str]]
    ]  # (unit, year, folded name) already registered
    year_of: Callable[[dict[str, Any]], int]
    write: Callable[[dict[str, Any], User | None], Any]
    preview_columns: Callable[[], list[str]]
    preview_cells: Callable[[dict[str, Any]], list[Any]]


def _existing_topics(units: list[Unit]) -> set[tuple[int, int, str]]:
    rows = ResearchTopic.objects.current().filter(unit__in=units).values_list("unit_id", "year", "title")
    return {(unit, year, fold(title)) for unit, year, title in rows}


def _existing_works(units: list[Unit]) -> set[tuple[int, int, str]]:
    rows = CongressWork.objects.current().filter(unit__in=units).values_list("unit_id", "planned_on", "name")
    return {(unit, planned.year, fold(name)) for unit, planned, name in rows}


def _write_topic(row: dict[str, Any], by: User | None) -> ResearchTopic:
    unit = row["unit"]
    lead_id = match_person(unit, by, row["lead_name"]) if by is not None else None
    members = []
    for name, role in row["team"]:
        person_id = match_person(unit, by, name) if by is not None else None
        if person_id is not None and person_id == lead_id:
            continue
        members.append(actions.TeamMemberInput(name=name, person_id=person_id, role=role))
    values = {k: row[k] for k in ("title", "field", "level", "lead_name", "start_on", "end_on", "budget_vnd",
                                  "funding_source", "summary")}  # fmt: skip
    return actions.register_research_topic(unit, by=by, members=members, lead_id=lead_id, **values)


def _write_work(row: dict[str, Any], by: User | None) -> CongressWork:
    values = {k: v for k, v in row.items() if k not in ("unit", "row")}
    return actions.register_congress_work(row["unit"], by=by, **values)


KINDS_OF_IMPORT = {
    TOPICS: Kind(
        key=TOPICS, noun=gettext_lazy("đề tài"), columns=TOPIC_COLUMNS, read=_topic_row, name_key="title", existing=_existing_topics,
        year_of=lambda row: row["start_on"].year, write=_write_topic,
        preview_columns=lambda: [_("Tên đề tài"), _("Đơn vị"), _("Cấp"), _("Chủ nhiệm"), _("Thời gian"),
                                 _("Kinh phí (đồng)")],
        preview_cells=lambda row: [row["title"], row["unit"].name, ResearchLevel(row["level"]).label,
                                   row["lead_name"], f"{format_date(row['start_on'])} – {format_date(row['end_on'])}",
                                   number_format(row["budget_vnd"], force_grouping=True)],
    ),
    WORKS: Kind(
        key=WORKS, noun=gettext_lazy("công trình"), columns=WORK_COLUMNS, read=_work_row, name_key="name", existing=_existing_works,
        year_of=lambda row: row["planned_on"].year, write=_write_work,
        preview_columns=lambda: [_("Tên công trình, sản phẩm"), _("Đơn vị"), _("Loại"), _("Đại hội"),
                                 _("Dự kiến hoàn thành"), _("Giá trị (đồng)")],
        preview_cells=lambda row: [row["name"], row["unit"].name, WorkKind(row["kind"]).label,
                                   f"{row['congress_name']} ({row['congress_term']})", format_date(row["planned_on"]),
                                   number_format(row["value_vnd"], force_grouping=True)],
    ),
}  # fmt: skip


def import_file(
    kind_key: str, file, *, by: User | None, dry_run: bool = False, progress=None
) -> ImportResult:
    """Check ``file`` and, unless ``dry_run`` or any error, register every row (all or nothing)."""
    kind = KINDS_OF_IMPORT[kind_key]

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        units = Units(by)
        rows: list[dict[str, Any]] = []
        header = {c.key: c.header for c in kind.columns}
        for reader in checked_rows(sheets, kind.columns, result, name_key=kind.name_key, progress=progress,
                                   every=500, max_rows=MAX_ROWS):  # fmt: skip
            row = kind.read(reader, units)
            if not reader.failed:
                rows.append({**row, "row": reader.number})
        seen: dict[tuple[int, int, str], int] = {}
        existing = kind.existing(list({row["unit"].pk: row["unit"] for row in rows}.values()))
        for row in rows:
            key = (row["unit"].pk, kind.year_of(row), fold(row[kind.name_key]))
            if key in existing:
                result.error(row["row"], header[kind.name_key], _("“%(name)s” của %(unit)s năm %(year)s đã được đăng "
                             "ký trong hệ thống.") % {"name": row[kind.name_key], "unit": row["unit"].name,
                                                      "year": key[1]})  # fmt: skip
            elif key in seen:
                result.error(
                    row["row"], header[kind.name_key], _("Trùng với dòng %(row)s.") % {"row": seen[key]}
                )
            seen.setdefault(key, row["row"])
        result.preview_columns = [_("Dòng"), *kind.preview_columns()]
        result.preview = [{"row": row["row"], "status": "", "state": "new", "cells": kind.preview_cells(row)}
                          for row in rows[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = len(rows)
        if dry_run:
            return
        for row in rows:
            try:
                kind.write(row, by)
            except ValidationError as exc:
                result.error(row["row"], "", " ".join(exc.messages))
        result.written = not result.errors

    return run_import(kind.key, file, body, by=by, progress=progress, dry_run=dry_run, noun=kind.noun)


def template(kind_key: str, by: User | None) -> bytes:
    """The template: the columns with an example row, the drop-downs (level or kind, and the uploader's units), a
    "Hướng dẫn" sheet."""
    kind = KINDS_OF_IMPORT[kind_key]
    names = tuple(Units(by).names[:5000])
    columns = [Column(**{**c.__dict__, "choices": names, "example": names[0] if names else ""})
               if c.key == "unit" else c for c in kind.columns]  # fmt: skip
    heading = [_("Đăng ký đề tài nghiên cứu khoa học từ Excel") if kind.key == TOPICS
               else _("Đăng ký công trình, sản phẩm chào mừng Đại hội từ Excel"),
               _("Mỗi dòng một %(noun)s. Có lỗi ở bất kỳ dòng nào thì chưa ghi gì.") % {"noun": kind.noun}]  # fmt: skip
    return template_workbook(columns, sheet_title=_("Đề tài") if kind.key == TOPICS else _("Công trình"),
                             guide_heading=heading)  # fmt: skip
