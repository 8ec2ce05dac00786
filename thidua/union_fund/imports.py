"""Contributions to the "Mái ấm Công đoàn" fund from a spreadsheet, one row an entry, all or nothing (the kit).

A federation collects the receipts of a campaign in one file: each row names the book it goes to (a unit whose fund
the uploader keeps: its code or its name as in the template's drop-down), the day, the amount in đồng, who gave
(a unit of the tree, or a person or body by name) and the receipt number. Every cell is checked and every error
names its row and column; a receipt number already in that book for that year, or twice in the file, is an error
(re-importing the same file writes nothing twice). Confirmed, each row goes through ``record_contribution``, the
action of the page's form, so each entry is audited like one typed by hand.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.dates import format_date
from thidua.core.spreadsheets.cells import parse_count, parse_past_date
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.core.text import fold
from thidua.orgs.imports.cells import UnitCell
from thidua.orgs.models import Level, Unit

from . import actions
from .forms import fund_units
from .models import EntryKind, FundEntry

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
                                   every=500):  # fmt: skip
            if result.total_rows >= MAX_ROWS:
                result.error(
                    reader.number, "", _("Tệp có quá %(n)s dòng: hãy chia thành nhiều tệp.") % {"n": MAX_ROWS}
                )
                return
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
