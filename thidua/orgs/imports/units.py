"""Import of union units from a spreadsheet: one row per unit, placed under its parent by code.

A unit is found by its code: a known code updates the unit's facts, a new code creates the unit under the parent
named in "Mã đơn vị cấp trên" (in the database or anywhere in the same file, in any row order). Moving a unit to
another parent, renaming it or changing its level is a restructuring with a decision and an effective date (renames
and moves go through a request a leader of the level above approves): the import refuses it and says so on the row —
only a system administrator's import renames directly (audited as such).
The rows are written by the bulk actions ``create_units`` and ``update_units`` (history and audit included).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.core.permissions import VIEW
from thidua.core.scoping import has_perm, sees_everything
from thidua.core.spreadsheets.cells import Choices, parse_count, parse_past_date
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, Column, ImportResult
from thidua.core.spreadsheets.runner import chunked, run_import

from .. import actions
from ..models import Level, Sector, Unit
from ..permissions import MANAGE_UNITS, can_restructure_unit
from .checking import resolve_province, resolve_ward

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LEVELS = Choices(
    Level,
    {
        Level.NATIONAL: ("TLĐ", "Tổng Liên đoàn Lao động Việt Nam", "Trung ương"),
        Level.PROVINCE: ("LĐLĐ tỉnh", "LĐLĐ thành phố", "Liên đoàn Lao động tỉnh", "Liên đoàn Lao động thành phố",
                         "Tỉnh", "Cấp tỉnh"),
        Level.CENTRAL_SECTOR: ("CĐ ngành TW", "Công đoàn ngành TW", "CĐ ngành trung ương", "Ngành trung ương"),
        Level.UPPER: ("CĐCTTCS", "Cấp trên trực tiếp cơ sở", "Cấp trên cơ sở", "Công đoàn cấp trên cơ sở",
                      "CĐ cấp trên cơ sở", "LĐLĐ huyện", "LĐLĐ cấp huyện", "Cấp huyện", "Công đoàn ngành", "CĐ ngành",
                      "CĐ KCN", "Công đoàn các KCN", "Công đoàn khu công nghiệp"),
        Level.GRASSROOTS: ("CĐCS", "Cơ sở", "Cấp cơ sở"),
        Level.SUB_GRASSROOTS: ("CĐBP", "Công đoàn bộ phận", "Tổ công đoàn", "Tổ CĐ"),
    },
)  # fmt: skip
SECTORS = Choices(
    Sector,
    {
        Sector.STATE_ENTERPRISE: ("DNNN", "DN nhà nước", "Nhà nước"),
        Sector.FDI: ("FDI", "DN FDI", "DN có vốn đầu tư nước ngoài", "DN có vốn ĐTNN", "DN vốn nước ngoài",
                     "Vốn đầu tư nước ngoài", "ĐTNN"),
        Sector.PRIVATE: ("DN ngoài nhà nước", "Ngoài nhà nước", "DN ngoài quốc doanh", "Ngoài quốc doanh",
                         "DN tư nhân", "Tư nhân", "DNTN"),
        Sector.COOPERATIVE: ("HTX", "Liên hiệp HTX"),
        Sector.ADMINISTRATIVE: ("HCSN", "Hành chính sự nghiệp", "Hành chính", "Cơ quan nhà nước", "CQHC"),
        Sector.PUBLIC_SERVICE: ("ĐVSN", "ĐVSNCL", "Sự nghiệp", "Đơn vị sự nghiệp", "Sự nghiệp công lập"),
        Sector.OTHER: ("Khác",),
    },
)  # fmt: skip

COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT", "Số thứ tự"), width=6, example=1,
           help="Số thứ tự; không bắt buộc, không dùng khi nhập."),
    Column("code", "Mã đơn vị", required=True, aliases=("Mã", "Mã ĐV", "Mã tổ chức", "Mã công đoàn"), width=14,
           example="CDCS-MAY-01",
           help="Mã duy nhất của đơn vị (tối đa 40 ký tự). Nhập lại tệp có cùng mã thì cập nhật đơn vị, không tạo trùng."),
    Column("name", "Tên đơn vị", required=True, aliases=("Tên", "Tên tổ chức công đoàn", "Tên công đoàn"), width=44,
           example="Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre",
           help="Tên đầy đủ (tối đa 300 ký tự). Với đơn vị đã có, giữ tên hiện tại: đổi tên phải qua đề nghị đổi tên được lãnh đạo cấp trên duyệt."),
    Column("short_name", "Tên viết tắt", aliases=("Viết tắt", "Tên ngắn"), width=22, example="CĐCS May Việt Tiến",
           help="Tên ngắn dùng trong danh sách (tối đa 100 ký tự)."),
    Column("level", "Cấp", required=True, aliases=("Cấp công đoàn", "Cấp tổ chức"), width=16, example="CĐCS",
           choices=tuple(LEVELS.labels.values()),
           allowed="; ".join(LEVELS.labels.values()) + ". Viết tắt: TLĐ, LĐLĐ tỉnh, CĐ ngành TW, LĐLĐ huyện, "
                   "CĐ ngành, CĐ KCN, CĐCS, CĐBP.",
           help="Cấp của tổ chức công đoàn. Không đổi được cấp của đơn vị đã có bằng cách nhập Excel."),
    Column("parent_code", "Mã đơn vị cấp trên", aliases=("Mã cấp trên", "Mã CĐ cấp trên", "Mã đơn vị quản lý"),
           width=16, example="CT",
           help="Mã của đơn vị cấp trên trực tiếp: đã có trong hệ thống hoặc ở một dòng khác của tệp (thứ tự dòng "
                "không quan trọng). Bắt buộc với đơn vị mới, trừ cấp Tổng Liên đoàn. Chuyển đơn vị sang cấp trên khác "
                "phải làm bằng chức năng chuyển đơn vị (có ngày hiệu lực), không qua nhập Excel."),
    Column("sector", "Khu vực/Loại hình", aliases=("Khu vực, loại hình", "Loại hình", "Khu vực", "Loại hình đơn vị",
                                                    "Khối"),
           width=22, example="DN FDI", choices=tuple(SECTORS.labels.values()),
           allowed="; ".join(SECTORS.labels.values()) + ". Viết tắt: DNNN, DN FDI, DN ngoài nhà nước, HTX, HCSN "
                   "(hành chính), ĐVSN (sự nghiệp công lập), Khác.",
           help="Chỉ ghi cho công đoàn cơ sở và công đoàn bộ phận."),
    Column("province", "Tỉnh/Thành phố", aliases=("Tỉnh", "Tỉnh/TP", "Tỉnh, thành phố", "Tỉnh thành"), width=16,
           example="Vĩnh Long",
           help="Tên tỉnh, thành phố; tên cũ trước sắp xếp 2025 (ví dụ Bến Tre) được chuyển sang tên mới."),
    Column("district", "Quận/Huyện (cũ)", aliases=("Quận/Huyện", "Quận, huyện", "Huyện", "Quận/Huyện/Thị xã"),
           width=16, example="",
           help="Chỉ cần khi ghi xã, phường theo địa giới trước 01/7/2025: quận, huyện cũ để tìm xã, phường mới."),
    Column("ward", "Xã/Phường", aliases=("Xã, phường", "Phường/Xã", "Xã/Phường/Thị trấn", "Xã/Phường/Đặc khu"),
           width=18, example="Phường An Hội",
           help="Tên xã, phường, đặc khu hiện nay; hoặc tên cũ kèm cột Quận/Huyện (cũ). Cần ghi cả Tỉnh/Thành phố."),
    Column("address", "Địa chỉ", aliases=("Địa chỉ trụ sở",), width=36, example="Số 12, đường Đồng Khởi",
           help="Số nhà, đường, ấp, khu phố (tối đa 300 ký tự)."),
    Column("workforce_size", "Số lao động", aliases=("Tổng số lao động", "Tổng số CNVCLĐ"), width=12,
           example=1250, help="Số người lao động của cơ quan, doanh nghiệp (số nguyên)."),
    Column("founded_on", "Ngày thành lập", aliases=("Ngày thành lập CĐCS", "Thành lập ngày"), width=14,
           example=datetime.date(2010, 5, 1), help="Ngày thành lập công đoàn: ô ngày của Excel hoặc dd/mm/yyyy."),
]  # fmt: skip

# The optional columns read as they are (the locality columns are read together, by _read_locality).
OPTIONAL_READERS: dict[str, Callable[[RowReader], Any]] = {
    "short_name": lambda reader: reader.text("short_name", max_length=100),
    "address": lambda reader: reader.text("address", max_length=300),
    "sector": lambda reader: reader.parse("sector", SECTORS) or "",
    "workforce_size": lambda reader: reader.parse("workforce_size", parse_count),
    "founded_on": lambda reader: reader.parse("founded_on", parse_past_date),
}
UPDATABLE = actions.bulk.UNIT_IMPORT_FIELDS


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    level: str
    parent_code: str
    values: dict[str, Any] = field(default_factory=dict)  # short_name, sector, province_code, ward_code, ...
    present: set[str] = field(default_factory=set)  # which of the values the file gives
    existing: Unit | None = None
    changes: dict[str, Any] = field(default_factory=dict)


def import_units(file, *, by: User | None, progress=None, dry_run: bool = False) -> ImportResult:
    """Import units from an .xlsx (a path or a binary file object). Nothing is written when any row is wrong."""
    return run_import("units", file, _import, by=by, progress=progress, dry_run=dry_run, noun=_("đơn vị"))


def _read_rows(sheets, result: ImportResult, progress) -> tuple[list[UnitRow], set[str]]:
    """The rows read without error, and the codes of those with an error (rows naming them as their parent are
    still checked, so that every error of the file is reported in one pass)."""
    parsed: list[UnitRow] = []
    failed: set[str] = set()
    old_addresses = 0
    for reader in checked_rows(sheets, COLUMNS, result, name_key="name", progress=progress, every=500,
                               report_total=False):  # fmt: skip
        item = UnitRow(
            row=reader.number,
            code=reader.text("code", required=True, max_length=40),
            name=reader.text("name", required=True, max_length=300),
            level=reader.parse("level", LEVELS, required=True) or "",
            parent_code=reader.text("parent_code", max_length=40),
        )
        values, present = item.values, item.present
        for key, read in OPTIONAL_READERS.items():
            if reader.has(key):
                values[key] = read(reader)
                present.add(key)
        if reader.has("province") or reader.has("ward"):
            old_addresses += _read_locality(reader, values, present)
        if values.get("sector") and item.level and item.level not in (Level.GRASSROOTS, Level.SUB_GRASSROOTS):
            reader.fail("sector", _("Chỉ công đoàn cơ sở và công đoàn bộ phận mới ghi khu vực/loại hình."))
        if not reader.failed:
            parsed.append(item)
        elif item.code:
            failed.add(item.code)
    if old_addresses:
        result.notes.append(
            _("Đã chuyển %(n)s địa chỉ theo địa giới trước ngày 01/7/2025 sang xã, phường hiện nay.")
            % {"n": old_addresses}
        )
    return parsed, failed


def _read_locality(reader: RowReader, values: dict, present: set) -> int:
    province = reader.text("province")
    ward = reader.text("ward")
    district = reader.text("district")
    present.update({"province_code", "ward_code"})
    values["province_code"], values["ward_code"] = "", ""
    if not province and not ward:
        return 0
    if not province:
        reader.fail("ward", _("Cần ghi cả Tỉnh/Thành phố khi ghi Xã/Phường."))
        return 0
    if not ward:
        code = resolve_province(province)
        if code is None:
            reader.fail("province", _("Không tìm thấy tỉnh, thành phố “%(name)s”.") % {"name": province})
        else:
            values["province_code"] = code
        return 0
    found = resolve_ward(province, ward, district)
    if found is None:
        reader.fail(
            "ward",
            _("Không tìm thấy xã, phường “%(ward)s” thuộc “%(province)s” (kể cả theo địa giới trước 01/7/2025 — khi đó "
              "cần ghi thêm cột “Quận/Huyện (cũ)”).") % {"ward": ward, "province": province},
        )  # fmt: skip
        return 0
    values["province_code"], values["ward_code"], converted = found
    return 1 if converted else 0


def _import(sheets, result: ImportResult, *, by: User | None, progress, dry_run: bool) -> None:
    rows, failed = _read_rows(sheets, result, progress)
    by_code: dict[str, UnitRow] = {}
    for item in rows:
        if item.code in by_code:
            result.error(
                item.row, "Mã đơn vị",
                _("Mã đơn vị “%(code)s” trùng với dòng %(other)s.") % {"code": item.code, "other": by_code[item.code].row},
            )  # fmt: skip
        else:
            by_code[item.code] = item
    rows = [item for item in rows if by_code[item.code] is item]
    wanted = set(by_code) | {r.parent_code for r in rows if r.parent_code}
    known: dict[str, Unit] = {}
    for part in chunked(sorted(wanted), 500):
        known.update({u.code: u for u in Unit.objects.filter(code__in=part)})
    parent_paths = {u.path[: -Unit.steplen] for u in known.values() if u.depth > 1}
    parents_by_path: dict[str, Unit] = {}
    for part in chunked(sorted(parent_paths), 500):
        parents_by_path.update({u.path: u for u in Unit.objects.filter(path__in=part)})
    for item in rows:
        item.existing = known.get(item.code)
    _check_rows(rows, by_code, known, parents_by_path, result, by, failed)
    if result.errors:
        return
    today = timezone.localdate()
    for item in rows:
        if item.existing is None:
            result.created += 1
        else:
            unit = item.existing
            item.changes = {
                key: item.values[key]
                for key in UPDATABLE
                if key in item.present and item.values[key] != getattr(unit, key)
            }
            if item.name != unit.name:
                item.changes["name"] = item.name
            if item.changes:
                result.updated += 1
            else:
                result.unchanged += 1
    _preview(rows, result)
    if dry_run:
        return
    progress(0, len(rows), _("Đang ghi dữ liệu"))
    _write(rows, by_code, known, by=by, today=today, progress=progress)
    result.written = True
    progress(len(rows), len(rows), _("Đã ghi xong"))


def _check_rows(
    rows, by_code, known, parents_by_path, result: ImportResult, by: User | None, failed: set[str]
) -> None:
    rank = actions.LEVEL_RANK

    def may_manage(path: str | None) -> bool:
        if by is None:
            return True
        if path is None:
            return sees_everything(by)
        return has_perm(by, MANAGE_UNITS, path)

    for item in rows:
        unit = item.existing
        parent_header = "Mã đơn vị cấp trên"
        if unit is not None:
            if not may_manage(unit.path):
                result.error(item.row, "Mã đơn vị",
                             _("Không thể nhận dòng này: mã đơn vị “%(code)s” không dùng được; hãy chọn mã khác.") % {"code": item.code})  # fmt: skip
                continue
            if unit.archived_at or unit.dissolved_on:
                result.error(item.row, "Mã đơn vị",
                             _("Đơn vị “%(code)s” đã giải thể hoặc lưu trữ, không cập nhật được.") % {"code": item.code})  # fmt: skip
                continue
            if item.name != unit.name and by is not None and not can_restructure_unit(by, unit):
                result.error(item.row, "Tên đơn vị",
                             _("Đổi tên đơn vị “%(code)s” là việc của đơn vị cấp trên; hãy giữ tên hiện tại.")
                             % {"code": item.code})  # fmt: skip
            elif item.name != unit.name and by is not None and not sees_everything(by):
                # A rename is a restructuring: prepared with its decision and effective date, approved by a leader
                # of the level above (a request); the import does not rename in one step.
                result.error(item.row, "Tên đơn vị",
                             _("Đơn vị “%(code)s” đang có tên “%(name)s”: nhập Excel không đổi tên đơn vị. Đổi tên "
                               "là quyết định của cấp trên — hãy lập đề nghị đổi tên trên trang của đơn vị (có số "
                               "quyết định, ngày hiệu lực) để lãnh đạo duyệt, và giữ tên hiện tại trong tệp.")
                             % {"code": item.code, "name": unit.name})  # fmt: skip
            if item.level != unit.level:
                result.error(item.row, "Cấp",
                             _("Đơn vị “%(code)s” đang là cấp “%(level)s”; nhập Excel không đổi được cấp.")
                             % {"code": item.code, "level": Level(unit.level).label})  # fmt: skip
            current_parent = parents_by_path.get(unit.path[: -Unit.steplen]) if unit.depth > 1 else None
            if item.parent_code and item.parent_code != (current_parent.code if current_parent else ""):
                result.error(item.row, parent_header,
                             _("Đơn vị “%(code)s” đang trực thuộc “%(parent)s”; muốn chuyển sang cấp trên khác, hãy "
                               "dùng chức năng chuyển đơn vị (có ngày hiệu lực).")
                             % {"code": item.code, "parent": current_parent or "—"})  # fmt: skip
            continue
        # A new unit: its parent is in the file or in the database, and the user manages where it lands.
        if not item.parent_code:
            if item.level != Level.NATIONAL:
                result.error(item.row, parent_header, _("Đơn vị mới cần mã đơn vị cấp trên."))
            elif not may_manage(None):
                result.error(item.row, parent_header, _("Chỉ quản trị hệ thống mới tạo được đơn vị gốc."))
            continue
        if item.parent_code == item.code:
            result.error(item.row, parent_header, _("Đơn vị không thể là cấp trên của chính nó."))
            continue
        parent_row = by_code.get(item.parent_code)
        parent_unit = known.get(item.parent_code)
        if parent_unit is not None and by is not None and not has_perm(by, VIEW, parent_unit.path):
            parent_unit = None  # outside the user's sight a code reads as one that does not exist
        if parent_row is None and parent_unit is None and item.parent_code in failed:
            continue  # its parent's row has an error of its own
        if parent_row is None and parent_unit is None:
            result.error(item.row, parent_header,
                         _("Không tìm thấy đơn vị cấp trên có mã “%(code)s” (trong tệp hay trong hệ thống).")
                         % {"code": item.parent_code})  # fmt: skip
            continue
        anchor, chain = _anchor(item, by_code, known)
        if chain is None:
            continue  # a row up the chain has an error of its own
        if anchor is None and chain:
            result.error(item.row, parent_header,
                         _("Các đơn vị cấp trên tạo thành vòng lặp: %(chain)s.") % {"chain": " → ".join(chain)})  # fmt: skip
            continue
        parent_level = parent_row.level if parent_row else parent_unit.level
        if rank[Level(item.level)] <= rank[Level(parent_level)]:
            result.error(item.row, "Cấp",
                         _("Đơn vị cấp “%(child)s” không thể trực thuộc đơn vị cấp “%(parent)s”.")
                         % {"child": Level(item.level).label, "parent": Level(parent_level).label})  # fmt: skip
            continue
        if (
            anchor is not None
            and (anchor.archived_at or anchor.dissolved_on)
            and anchor.code == item.parent_code
        ):
            result.error(item.row, parent_header,
                         _("Đơn vị cấp trên “%(code)s” đã giải thể hoặc lưu trữ.") % {"code": item.parent_code})  # fmt: skip
            continue
        if not may_manage(anchor.path if anchor is not None else None):
            result.error(item.row, parent_header,
                         _("Bạn không có quyền thêm đơn vị dưới “%(code)s”.") % {"code": item.parent_code})  # fmt: skip


def _anchor(item: UnitRow, by_code, known) -> tuple[Unit | None, list[str] | None]:
    """The existing unit a new row hangs from (through parents in the file), or (None, the loop) for a cycle;
    (None, []) when the chain ends at a new root; (None, None) when it reaches a row with an error."""
    seen = [item.code]
    current = item
    while True:
        code = current.parent_code
        if not code:
            return None, []
        if code in known:
            return known[code], []
        if code in seen:
            return None, [*seen, code]
        seen.append(code)
        if code not in by_code:
            return None, None
        current = by_code[code]


def _preview(rows: list[UnitRow], result: ImportResult) -> None:
    result.preview_columns = [_("Dòng"), _("Kết quả"), "Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên",
                              "Khu vực/Loại hình", "Mã tỉnh/xã", "Số lao động", "Ngày thành lập"]  # fmt: skip
    for item in rows[:PREVIEW_ROWS]:
        state = "new" if item.existing is None else ("updated" if item.changes else "unchanged")
        status = {"new": _("Mới"), "updated": _("Cập nhật"), "unchanged": _("Không đổi")}[state]
        values = item.values
        founded = values.get("founded_on")
        result.preview.append(
            {
                "row": item.row,
                "status": status,
                "state": state,
                "cells": [
                    item.code, item.name, Level(item.level).label, item.parent_code,
                    Sector(values["sector"]).label if values.get("sector") else "",
                    "/".join(filter(None, [values.get("province_code", ""), values.get("ward_code", "")])),
                    "" if values.get("workforce_size") is None else values["workforce_size"],
                    format_date(founded),
                ],
            }
        )  # fmt: skip


def _write(rows: list[UnitRow], by_code, known, *, by: User | None, today: datetime.date, progress) -> None:
    note = _("Nhập từ Excel")
    actions.update_units(
        [(item.existing, item.changes) for item in rows if item.existing is not None and item.changes],
        by=by,
        effective_on=today,
        note=note,
    )
    actions.create_units(
        [
            actions.NewUnit(code=item.code, name=item.name, level=item.level, parent_code=item.parent_code,
                            values={k: v for k, v in item.values.items() if k in UPDATABLE})
            for item in rows
            if item.existing is None
        ],
        by=by,
        note=note,
        today=today,
    )  # fmt: skip
