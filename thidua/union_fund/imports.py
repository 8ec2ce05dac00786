"""Contributions to and grants from the "Mái ấm Công đoàn" fund from a spreadsheet, one row an entry, all or
nothing (the kit).

A federation collects the receipts of a campaign in one file: each row names the book it goes to (a unit whose fund
the uploader keeps: its code or its name as in the template's drop-down), the day, the amount in đồng, who gave
(a unit of the tree, or a person or body by name) and the receipt number. Every cell is checked and every error
names its row and column; a receipt number already in that book for that year, or twice in the file, is an error
(re-importing the same file writes nothing twice). Confirmed, each row goes through ``record_contribution``, the
action of the page's form, so each entry is audited like one typed by hand.

Grants the same way: one row a case (a member in hardship, a house built or repaired) — the book that pays, the
beneficiary, the place (today's ward, or a pre-2025 one with its old district, converted), the decision and its day,
the amount, the day paid and the handover day. A grant of the same book, decision and beneficiary already recorded,
or twice in the file, is an error. Each row goes through ``record_grant`` (the case and its ledger entry, audited).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.dates import format_date
from thidua.core.spreadsheets.cells import Choices, parse_count, parse_past_date
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.core.text import fold
from thidua.orgs.imports.cells import UnitCell
from thidua.orgs.imports.checking import resolve_province, resolve_ward
from thidua.orgs.models import Level, Unit

from . import actions
from .forms import fund_units
from .models import HOUSE_KINDS, EntryKind, FundEntry, Grant, GrantKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CONTRIBUTIONS = "union_fund.import_contributions"
MAX_ROWS = 5000
COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1, help="Không bắt buộc."),
    Column("unit", "Sổ quỹ của đơn vị", required=True, aliases=("Đơn vị nhận", "Mã đơn vị", "Đơn vị"), width=44,
           help="Đơn vị giữ sổ quỹ nhận khoản ủng hộ: tên như trong danh sách thả xuống, hoặc mã đơn vị."),
    Column("entry_date", "Ngày ủng hộ", required=True, aliases=("Ngày", "Ngày nộp"), width=14,
           example=datetime.date(2017, 7, 28), help="Ô ngày của Excel hoặc dd/mm/yyyy; không sau hôm nay."),
    Column("amount", "Số tiền (đồng)", required=True, aliases=("Số tiền",), width=16, example=5_000_000,
           help="Số đồng, số nguyên lớn hơn 0."),
    Column("contributor_unit", "Đơn vị ủng hộ (mã)", aliases=("Mã đơn vị ủng hộ",), width=18, text=True,
           help="Khi một đơn vị trong hệ thống ủng hộ: mã hoặc tên đơn vị. Để trống nếu là người, cơ quan ngoài."),
    Column("contributor_name", "Người, cơ quan ủng hộ", aliases=("Người ủng hộ", "Đơn vị, cá nhân ủng hộ"), width=36,
           example="Công ty TNHH May Việt Tiến", help="Bắt buộc khi không ghi đơn vị ủng hộ. Tối đa 300 ký tự."),
    Column("receipt_number", "Số biên lai, phiếu thu", required=True, aliases=("Số biên lai", "Số phiếu thu"),
           width=18, example="PT-0125", text=True, help="Không trùng trong sổ quỹ của đơn vị cùng năm."),
    Column("note", "Nội dung", aliases=("Ghi chú",), width=36, example="Ủng hộ Tháng Công nhân 2017"),
]  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}


def _units(by: User | None) -> UnitCell:
    return UnitCell(
        Unit.objects.active() if by is None else fund_units(by), _("các đơn vị bạn được ghi sổ quỹ")
    )


def _contributors(by: User | None) -> UnitCell:
    units = Unit.objects.active() if by is None else Unit.objects.visible_to(by).active()
    return UnitCell(units.exclude(level=Level.SUB_GRASSROOTS), _("các đơn vị trong phạm vi quản lý"))


def _read(reader: RowReader, books: UnitCell, contributors: UnitCell) -> dict[str, Any]:
    row = {
        "unit": reader.parse("unit", books, required=True),
        "entry_date": reader.parse("entry_date", parse_past_date, required=True),
        "amount": reader.parse("amount", parse_count, required=True),
        "contributor_unit": reader.parse("contributor_unit", contributors) if reader.has("contributor_unit")
        else None,
        "contributor_name": reader.text("contributor_name", max_length=300),
        "receipt_number": reader.text("receipt_number", required=True, max_length=60),
        "note": reader.text("note", max_length=500),
    }  # fmt: skip
    if row["amount"] is not None and not 0 < row["amount"] <= actions.MAX_AMOUNT:
        reader.fail("amount", _("Số tiền phải là số đồng lớn hơn 0."))
    if row["entry_date"] is not None and row["entry_date"].year < 2000:
        reader.fail("entry_date", _("Năm phải từ 2000 trở đi."))
    if not row["contributor_name"] and not row["contributor_unit"] and not reader.failed:
        reader.fail("contributor_name", _("Cần ghi người hoặc đơn vị ủng hộ."))
    return row


def _existing(rows: list[dict[str, Any]]) -> set[tuple[int, int, str]]:
    """(book, year, folded receipt number) of the contributions already in the books the file writes to."""
    found = FundEntry.objects.filter(kind=EntryKind.CONTRIBUTION, unit__in={r["unit"].pk for r in rows},
                                     year__in={r["entry_date"].year for r in rows})  # fmt: skip
    return {(u, y, fold(n)) for u, y, n in found.values_list("unit_id", "year", "receipt_number")}


def import_contributions(file, *, by: User | None, dry_run: bool = False, progress=None) -> ImportResult:
    """Check ``file`` and, unless ``dry_run`` or any error, record every contribution (all or nothing)."""

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        books, contributors = _units(by), _contributors(by)
        rows: list[dict[str, Any]] = []
        for reader in checked_rows(sheets, COLUMNS, result, name_key="receipt_number", progress=progress,
                                   every=500, max_rows=MAX_ROWS):  # fmt: skip
            row = _read(reader, books, contributors)
            if not reader.failed:
                rows.append({**row, "row": reader.number})
        existing = _existing(rows) if rows else set()
        seen: dict[tuple[int, int, str], int] = {}
        for row in rows:
            key = (row["unit"].pk, row["entry_date"].year, fold(row["receipt_number"]))
            if key in existing:
                result.error(row["row"], HEADERS["receipt_number"], _(
                    "Biên lai “%(number)s” đã có trong sổ quỹ của %(unit)s năm %(year)s."
                ) % {"number": row["receipt_number"], "unit": row["unit"].name, "year": key[1]})  # fmt: skip
            elif key in seen:
                result.error(
                    row["row"], HEADERS["receipt_number"], _("Trùng với dòng %(row)s.") % {"row": seen[key]}
                )
            seen.setdefault(key, row["row"])
        result.preview_columns = [_("Dòng"), _("Sổ quỹ của đơn vị"), _("Ngày"), _("Số tiền (đồng)"),
                                  _("Người, đơn vị ủng hộ"), _("Số biên lai")]  # fmt: skip
        result.preview = [{"row": r["row"], "status": "", "state": "new", "cells": [
            r["unit"].name, format_date(r["entry_date"]), number_format(r["amount"], force_grouping=True),
            r["contributor_name"] or r["contributor_unit"].name, r["receipt_number"]]}
            for r in rows[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = len(rows)
        if dry_run:
            return
        for row in rows:
            values = {k: v for k, v in row.items() if k not in ("unit", "row")}
            try:
                actions.record_contribution(row["unit"], by=by, **values)
            except ValidationError as exc:
                column = next((HEADERS.get(k, "") for k in getattr(exc, "error_dict", {})), "")
                result.error(row["row"], column, " ".join(exc.messages))
        result.written = not result.errors

    return run_import(CONTRIBUTIONS, file, body, by=by, progress=progress, dry_run=dry_run,
                      noun=str(gettext_lazy("khoản ủng hộ")))  # fmt: skip


def template(by: User | None) -> bytes:
    """The template: the columns with an example row, the books the uploader keeps in a drop-down, a guide sheet."""
    names = tuple(_units(by).names[:5000])
    columns = [Column(**{**c.__dict__, "choices": names, "example": names[0] if names else ""})
               if c.key == "unit" else c for c in COLUMNS]  # fmt: skip
    heading = [_("Ghi sổ các khoản ủng hộ quỹ “Mái ấm Công đoàn” từ Excel"),
               _("Mỗi dòng một khoản ủng hộ. Có lỗi ở bất kỳ dòng nào thì chưa ghi gì.")]  # fmt: skip
    return template_workbook(columns, sheet_title=_("Ủng hộ"), guide_heading=heading)


# --- grants ----------------------------------------------------------------------------------------------------

GRANTS = "union_fund.import_grants"
GRANT_KIND = Choices(GrantKind, {
    GrantKind.HARDSHIP: ("Trợ cấp", "Trợ cấp khó khăn", "Hỗ trợ đoàn viên khó khăn", "Đoàn viên khó khăn"),
    GrantKind.HOUSE_NEW: ("Xây mới", "Xây mới nhà", "Xây nhà", "Xây dựng mới", "Nhà xây mới"),
    GrantKind.HOUSE_REPAIR: ("Sửa chữa", "Sửa chữa nhà", "Sửa nhà", "Nhà sửa chữa"),
})  # fmt: skip
GRANT_COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1, help="Không bắt buộc."),
    Column("unit", "Sổ quỹ của đơn vị", required=True, aliases=("Đơn vị chi", "Đơn vị hỗ trợ", "Mã đơn vị"), width=44,
           help="Đơn vị chi hỗ trợ từ sổ quỹ của mình: tên như trong danh sách thả xuống, hoặc mã đơn vị."),
    Column("kind", "Hình thức hỗ trợ", required=True, aliases=("Hình thức", "Loại hỗ trợ"), width=30,
           example=str(GrantKind.HOUSE_NEW.label), choices=tuple(GRANT_KIND.labels.values()),
           allowed="; ".join(GRANT_KIND.labels.values()) + ". Viết tắt: Trợ cấp, Xây mới, Sửa chữa.",
           help="Trợ cấp đoàn viên khó khăn, xây mới hoặc sửa chữa nhà “Mái ấm Công đoàn”."),
    Column("beneficiary_name", "Người được hỗ trợ", required=True,
           aliases=("Họ và tên", "Họ tên người được hỗ trợ", "Đoàn viên được hỗ trợ"), width=28,
           example="Võ Thị Hồng", help="Họ và tên đầy đủ (tối đa 200 ký tự)."),
    Column("beneficiary_unit", "CĐCS của người được hỗ trợ", aliases=("Công đoàn cơ sở", "CĐCS"), width=36,
           help="Không bắt buộc: mã hoặc tên công đoàn cơ sở nơi đoàn viên sinh hoạt."),
    Column("province", "Tỉnh/Thành phố", aliases=("Tỉnh", "Tỉnh/TP", "Tỉnh, thành phố"), width=16,
           example="Vĩnh Long", help="Bắt buộc với nhà “Mái ấm Công đoàn”; tên cũ trước sắp xếp 2025 được chuyển "
                                     "sang tên mới."),
    Column("district", "Quận/Huyện (cũ)", aliases=("Quận/Huyện", "Quận, huyện", "Huyện"), width=16,
           help="Chỉ cần khi ghi xã, phường theo địa giới trước 01/7/2025."),
    Column("ward", "Xã/Phường", aliases=("Xã, phường", "Phường/Xã", "Xã/Phường/Thị trấn"), width=18,
           example="Phường An Hội", help="Bắt buộc với nhà “Mái ấm Công đoàn”: xã, phường nơi xây dựng, sửa chữa."),
    Column("address", "Địa chỉ (ấp, khu phố)", aliases=("Địa chỉ", "Ấp, khu phố"), width=24, example="Ấp 3",
           help="Tối đa 300 ký tự."),
    Column("circumstances", "Hoàn cảnh", aliases=("Hoàn cảnh gia đình",), width=36, help="Không bắt buộc."),
    Column("approval_number", "Số quyết định hỗ trợ", required=True, aliases=("Số quyết định", "Số QĐ"), width=18,
           example="12/QĐ-LĐLĐ", text=True, help="Số, ký hiệu quyết định hỗ trợ."),
    Column("approved_on", "Ngày quyết định", required=True, aliases=("Ngày QĐ",), width=14,
           example=datetime.date(2017, 4, 1), help="Ô ngày của Excel hoặc dd/mm/yyyy; không sau hôm nay."),
    Column("amount", "Số tiền (đồng)", required=True, aliases=("Số tiền", "Số tiền hỗ trợ"), width=16,
           example=50_000_000, help="Số đồng, số nguyên lớn hơn 0."),
    Column("paid_on", "Ngày chi", aliases=("Ngày chi tiền",), width=14,
           help="Để trống thì lấy ngày quyết định; không trước ngày quyết định."),
    Column("handed_over_on", "Ngày bàn giao", aliases=("Ngày bàn giao nhà",), width=14,
           example=datetime.date(2017, 6, 1), help="Để trống khi chưa bàn giao; không trước ngày quyết định."),
    Column("note", "Nội dung", aliases=("Ghi chú",), width=36, help="Nội dung ghi sổ; để trống thì ghi theo khoản hỗ trợ."),
]  # fmt: skip
GRANT_HEADERS = {c.key: c.header for c in GRANT_COLUMNS}


def _beneficiary_units(by: User | None) -> UnitCell:
    units = Unit.objects.all() if by is None else Unit.objects.visible_to(by)
    return UnitCell(units.filter(level=Level.GRASSROOTS), _("các công đoàn cơ sở trong phạm vi quản lý"))


def _grant_place(reader: RowReader, row: dict[str, Any]) -> None:
    province, ward, district = reader.text("province"), reader.text("ward"), reader.text("district")
    row["province_code"], row["ward_code"] = "", ""
    if ward and not province:
        reader.fail("province", _("Cần ghi cả Tỉnh/Thành phố khi ghi Xã/Phường."))
    elif ward:
        found = resolve_ward(province, ward, district)
        if found is None:
            reader.fail("ward", _("Không tìm thấy xã, phường “%(ward)s” thuộc “%(province)s” (kể cả theo địa giới "
                                  "trước 01/7/2025 — khi đó cần ghi thêm cột “Quận/Huyện (cũ)”).")
                        % {"ward": ward, "province": province})  # fmt: skip
        else:
            row["province_code"], row["ward_code"], row["_converted"] = found
    elif province:
        code = resolve_province(province)
        if code is None:
            reader.fail("province", _("Không tìm thấy tỉnh, thành phố “%(name)s”.") % {"name": province})
        else:
            row["province_code"] = code
    if row["kind"] in HOUSE_KINDS and not row["ward_code"] and not reader.failed:
        reader.fail("ward", _("Nhà “Mái ấm Công đoàn” cần ghi xã, phường nơi xây dựng, sửa chữa."))


def _read_grant(reader: RowReader, books: UnitCell, members: UnitCell) -> dict[str, Any]:
    row = {
        "unit": reader.parse("unit", books, required=True),
        "kind": reader.parse("kind", GRANT_KIND, required=True),
        "beneficiary_name": reader.text("beneficiary_name", required=True, max_length=200),
        "beneficiary_unit": reader.parse("beneficiary_unit", members) if reader.has("beneficiary_unit") else None,
        "address": reader.text("address", max_length=300),
        "circumstances": reader.text("circumstances", max_length=2000),
        "approval_number": reader.text("approval_number", required=True, max_length=60),
        "approved_on": reader.parse("approved_on", parse_past_date, required=True),
        "amount": reader.parse("amount", parse_count, required=True),
        "paid_on": reader.parse("paid_on", parse_past_date) if reader.has("paid_on") else None,
        "handed_over_on": reader.parse("handed_over_on", parse_past_date) if reader.has("handed_over_on") else None,
        "note": reader.text("note", max_length=500),
    }  # fmt: skip
    _grant_place(reader, row)
    if row["amount"] is not None and not 0 < row["amount"] <= actions.MAX_AMOUNT:
        reader.fail("amount", _("Số tiền phải là số đồng lớn hơn 0."))
    approved = row["approved_on"]
    if approved is not None and approved.year < 2000:
        reader.fail("approved_on", _("Năm phải từ 2000 trở đi."))
    for key, label in (("paid_on", _("Ngày chi")), ("handed_over_on", _("Ngày bàn giao"))):
        if approved is not None and row[key] is not None and row[key] < approved:
            reader.fail(key, _("%(label)s không thể trước ngày quyết định hỗ trợ (%(day)s).")
                        % {"label": label, "day": format_date(approved)})  # fmt: skip
    return row


def _grant_key(unit_id: int, number: str, name: str) -> tuple[int, str, str]:
    return unit_id, fold(number), fold(name)


def _existing_grants(rows: list[dict[str, Any]]) -> set[tuple[int, str, str]]:
    """(book, folded decision number, folded beneficiary) of the grants already recorded in the file's books."""
    found = Grant.objects.current().filter(unit__in={r["unit"].pk for r in rows},
                                           approval_number__in={r["approval_number"] for r in rows})  # fmt: skip
    return {_grant_key(*v) for v in found.values_list("unit_id", "approval_number", "beneficiary_name")}


def import_grants(file, *, by: User | None, dry_run: bool = False, progress=None) -> ImportResult:
    """Check ``file`` and, unless ``dry_run`` or any error, record every grant with its ledger entry (all or
    nothing), each through ``record_grant`` — the action of the page's form."""

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        books, members = _units(by), _beneficiary_units(by)
        rows: list[dict[str, Any]] = []
        converted = 0
        for reader in checked_rows(sheets, GRANT_COLUMNS, result, name_key="beneficiary_name", progress=progress,
                                   every=500, max_rows=MAX_ROWS):  # fmt: skip
            row = _read_grant(reader, books, members)
            if not reader.failed:
                converted += 1 if row.pop("_converted", False) else 0
                rows.append({**row, "row": reader.number})
        if converted:
            result.notes.append(_("Đã chuyển %(n)s địa chỉ theo địa giới trước ngày 01/7/2025 sang xã, phường hiện "
                                  "nay.") % {"n": converted})  # fmt: skip
        existing = _existing_grants(rows) if rows else set()
        seen: dict[tuple[int, str, str], int] = {}
        for row in rows:
            key = _grant_key(row["unit"].pk, row["approval_number"], row["beneficiary_name"])
            if key in existing:
                result.error(row["row"], GRANT_HEADERS["approval_number"], _(
                    "Sổ quỹ của %(unit)s đã có khoản hỗ trợ cho “%(name)s” theo quyết định “%(number)s”."
                ) % {"unit": row["unit"].name, "name": row["beneficiary_name"], "number": row["approval_number"]})  # fmt: skip
            elif key in seen:
                result.error(
                    row["row"],
                    GRANT_HEADERS["approval_number"],
                    _("Trùng với dòng %(row)s.") % {"row": seen[key]},
                )
            seen.setdefault(key, row["row"])
        result.preview_columns = [_("Dòng"), _("Sổ quỹ của đơn vị"), _("Hình thức hỗ trợ"), _("Người được hỗ trợ"),
                                  _("Quyết định"), _("Số tiền (đồng)"), _("Ngày bàn giao")]  # fmt: skip
        result.preview = [{"row": r["row"], "status": "", "state": "new", "cells": [
            r["unit"].name, GRANT_KIND.labels[r["kind"]], r["beneficiary_name"],
            f"{r['approval_number']} ({format_date(r['approved_on'])})",
            number_format(r["amount"], force_grouping=True),
            format_date(r["handed_over_on"]) if r["handed_over_on"] else ""]}
            for r in rows[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = len(rows)
        if dry_run:
            return
        for row in rows:
            member = row["beneficiary_unit"]
            values = {k: v for k, v in row.items() if k not in ("unit", "row", "beneficiary_unit")}
            try:
                actions.record_grant(
                    row["unit"], by=by, beneficiary_unit_id=member.pk if member else None, **values
                )
            except ValidationError as exc:
                column = next((_GRANT_FIELD_COLUMNS.get(k, "") for k in getattr(exc, "error_dict", {})), "")
                result.error(row["row"], column, " ".join(exc.messages))
        result.written = not result.errors

    return run_import(GRANTS, file, body, by=by, progress=progress, dry_run=dry_run,
                      noun=str(gettext_lazy("khoản hỗ trợ")))  # fmt: skip


_GRANT_FIELD_COLUMNS = {**GRANT_HEADERS, "province_code": GRANT_HEADERS["province"],
                        "ward_code": GRANT_HEADERS["ward"], "beneficiary_unit_id": GRANT_HEADERS["beneficiary_unit"]}  # fmt: skip


def grant_template(by: User | None) -> bytes:
    """The grants template: the columns with an example row, the books the uploader keeps in a drop-down."""
    names = tuple(_units(by).names[:5000])
    columns = [Column(**{**c.__dict__, "choices": names, "example": names[0] if names else ""})
               if c.key == "unit" else c for c in GRANT_COLUMNS]  # fmt: skip
    heading = [_("Ghi sổ các khoản hỗ trợ từ quỹ “Mái ấm Công đoàn” từ Excel"),
               _("Mỗi dòng một khoản hỗ trợ (một đoàn viên, một căn nhà). Có lỗi ở bất kỳ dòng nào thì chưa ghi gì.")]  # fmt: skip
    return template_workbook(columns, sheet_title=_("Hỗ trợ"), guide_heading=heading)
