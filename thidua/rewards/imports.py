"""History from before the system: awards of people and units from .xlsx, one row an award, all or nothing (the
spreadsheet kit).

A row names a person (national ID number, or the number of the person's record in the system) or a unit (its code),
the title or form (the catalog code, or its name), the year of the achievement, and the decision as the old files
say it (number, date, issuer: a unit code of the system or a name as written). Every error names its row and
column; a row that repeats an award already in the permanent record, or another row of the file, is an error.
Confirmed, the rows go through ``import_award_history`` (scope checked again, audited) in one transaction.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.core.spreadsheets.cells import parse_count, parse_date
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, CellError, Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.core.text import fold
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award

from . import actions
from .models import AwardRecord

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KIND = "rewards.import_history"
MAX_ROWS = 5000
COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1, help="Không bắt buộc."),
    Column("person", "Số CCCD hoặc mã hồ sơ", aliases=("CCCD", "Số CCCD", "Mã hồ sơ", "Cá nhân"), width=18,
           text=True, example="083080000001",
           help="Người được khen: số CCCD (12 chữ số) hoặc mã hồ sơ người lao động trong hệ thống. Để trống khi "
                "khen tập thể."),
    Column("name", "Họ và tên", aliases=("Họ tên",), width=24, example="Trần Trung Hào",
           help="Không bắt buộc; nếu ghi, phải khớp với hồ sơ tìm được."),
    Column("unit", "Mã đơn vị (tập thể)", aliases=("Tập thể", "Mã đơn vị"), width=16, text=True,
           help="Tập thể được khen: mã đơn vị. Để trống khi khen cá nhân."),
    Column("award", "Danh hiệu, hình thức", required=True, aliases=("Mã danh hiệu", "Danh hiệu", "Hình thức"),
           width=30, example="Lao động tiên tiến", help="Tên hoặc mã trong danh mục khen thưởng."),
    Column("year", "Năm thành tích", required=True, aliases=("Năm",), width=10, example=2015),
    Column("decision_number", "Số quyết định", aliases=("Quyết định", "Số QĐ"), width=18, text=True,
           example="125/QĐ-LĐLĐ"),
    Column("decided_on", "Ngày quyết định", aliases=("Ngày QĐ",), width=14, example=datetime.date(2015, 12, 28),
           help="Ô ngày của Excel hoặc dd/mm/yyyy."),
    Column("issuer", "Cơ quan quyết định", aliases=("Cơ quan ban hành", "Cấp khen"), width=32,
           example="Liên đoàn Lao động tỉnh Bến Tre", help="Mã đơn vị trong hệ thống, hoặc tên như trên quyết định."),
    Column("amount", "Tiền thưởng (đồng)", aliases=("Tiền thưởng", "Số tiền"), width=14,
           help="Không bắt buộc; số đồng."),
]  # fmt: skip


class Lookups:
    """What the rows name, read once: people and units of the subtree, the catalog, the issuers by code."""

    def __init__(self, unit: Unit, by: User | None):
        self.unit = unit
        self.awards_by_code = {a.code: a for a in Award.objects.filter(archived_at__isnull=True)}
        self.awards_by_name: dict[str, Award] = {fold(a.name): a for a in self.awards_by_code.values()}
        units = Unit.objects.filter(path__startswith=unit.path)
        if by is not None:
            units = units.visible_to(by)
        self.units = {u.code.casefold(): u for u in units}
        self.issuers = {u.code.casefold(): u for u in Unit.objects.filter(archived_at__isnull=True)}
        self.people_scope = Person.objects.filter(unit__path__startswith=unit.path)
        if by is not None:
            self.people_scope = self.people_scope.visible_to(by)

    def award(self, value: Any) -> Award:
        text = str(value).strip()
        found = self.awards_by_code.get(text.lower()) or self.awards_by_name.get(fold(text))
        if found is None:
            raise CellError(_("Không có “%(text)s” trong danh mục khen thưởng.") % {"text": text})
        return found

    def year(self, value: Any) -> int:
        year = parse_count(value)
        if not 1960 <= year <= timezone.localdate().year:
            raise CellError(_("Năm phải từ 1960 đến năm nay."))
        return year

    def collective(self, value: Any) -> Unit:
        found = self.units.get(str(value).strip().casefold())
        if found is None:
            raise CellError(_("Không có đơn vị mã “%(code)s” trong phạm vi của %(unit)s.")
                            % {"code": value, "unit": self.unit.name})  # fmt: skip
        return found


def _people(lookups: Lookups, keys: set[str]) -> dict[str, Person]:
    ids = [k for k in keys if len(k) < 9 and k.isdigit()]
    nids = [k for k in keys if len(k) in (9, 12) and k.isdigit()]
    found: dict[str, Person] = {}
    for person in lookups.people_scope.filter(Q(national_id__in=nids) | Q(pk__in=[int(i) for i in ids])):
        if person.national_id:
            found[person.national_id] = person
        found[str(person.pk)] = person
    return found


def _read(reader: RowReader, lookups: Lookups) -> dict[str, Any]:
    row = {
        "person_key": reader.text("person", max_length=20).replace(" ", ""),
        "name": reader.text("name", max_length=150),
        "unit": reader.parse("unit", lookups.collective),
        "award": reader.parse("award", lookups.award, required=True),
        "year": reader.parse("year", lookups.year, required=True),
        "decision_number": reader.text("decision_number", max_length=60),
        "decided_on": reader.parse("decided_on", parse_date),
        "issuer_text": reader.text("issuer", max_length=300),
        "amount": reader.parse("amount", parse_count) or 0,
    }
    if bool(row["person_key"]) == bool(reader.raw("unit")):
        reader.fail(
            "person", _("Ghi một cá nhân (số CCCD hoặc mã hồ sơ) hoặc một tập thể (mã đơn vị), không cả hai.")
        )
    if row["decided_on"] and row["year"] and row["decided_on"].year < row["year"]:
        reader.fail("decided_on", _("Ngày quyết định trước năm thành tích."))
    return row


def import_history(
    file, *, by: User | None, unit: Unit, dry_run: bool = False, progress=None
) -> ImportResult:
    """Check ``file`` and, unless ``dry_run`` or any error, enter every row in the permanent record."""

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        lookups = Lookups(unit, by)
        header = {c.key: c.header for c in COLUMNS}
        rows: list[dict[str, Any]] = []
        for reader in checked_rows(
            sheets, COLUMNS, result, name_key="award", progress=progress, every=500, max_rows=MAX_ROWS
        ):
            row = _read(reader, lookups)
            if not reader.failed:
                rows.append({**row, "row": reader.number})
        people = _people(lookups, {r["person_key"] for r in rows if r["person_key"]})
        keep = []
        for row in rows:
            if row["person_key"]:
                person = people.get(row["person_key"])
                if person is None:
                    result.error(row["row"], header["person"], _("Không tìm thấy người lao động “%(key)s” trong phạm "
                                 "vi của %(unit)s.") % {"key": row["person_key"], "unit": unit.name})  # fmt: skip
                    continue
                if row["name"] and fold(row["name"]) != fold(person.full_name):
                    result.error(row["row"], header["name"], _("Hồ sơ “%(key)s” là %(name)s, không phải “%(given)s”.")
                                 % {"key": row["person_key"], "name": person.full_name, "given": row["name"]})  # fmt: skip
                    continue
                row["person"] = person
            else:
                row["person"] = None
            keep.append(row)
        existing = set()
        if keep:
            condition = Q(pk__in=[])
            for row in keep:
                who = {"person": row["person"]} if row["person"] else {"unit": row["unit"]}
                condition |= Q(award=row["award"], year=row["year"], **who)
            existing = set(AwardRecord.objects.filter(condition, revoked__isnull=True)
                           .values_list("person_id", "unit_id", "award_id", "year"))  # fmt: skip
        seen: dict[tuple, int] = {}
        for row in keep:
            key = (row["person"].pk if row["person"] else None, row["unit"].pk if row["unit"] else None,
                   row["award"].pk, row["year"])  # fmt: skip
            who = row["person"].full_name if row["person"] else row["unit"].name
            if key in existing:
                result.error(row["row"], header["award"], _("%(who)s đã có “%(award)s” năm %(year)s trong quá trình "
                             "khen thưởng.") % {"who": who, "award": row["award"].name, "year": row["year"]})  # fmt: skip
            elif key in seen:
                result.error(row["row"], header["award"], _("Trùng với dòng %(row)s.") % {"row": seen[key]})
            seen.setdefault(key, row["row"])
        result.preview_columns = [_("Dòng"), _("Cá nhân, tập thể"), _("Danh hiệu, hình thức"), _("Năm"),
                                  _("Quyết định"), _("Cơ quan quyết định"), _("Tiền thưởng (đồng)")]  # fmt: skip
        result.preview = [{"row": r["row"], "status": "", "state": "new", "cells": [
            r["person"].full_name if r["person"] else r["unit"].name, r["award"].name, r["year"],
            ", ".join(p for p in (r["decision_number"], format_date(r["decided_on"])) if p), r["issuer_text"],
            number_format(r["amount"], force_grouping=True)]} for r in keep[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = len(keep)
        if dry_run:
            return
        inputs = []
        for row in keep:
            issuer = lookups.issuers.get(row["issuer_text"].casefold()) if row["issuer_text"] else None
            inputs.append(actions.HistoryInput(
                award=row["award"], year=row["year"], person=row["person"], unit=row["unit"],
                decision_number=row["decision_number"], decided_on=row["decided_on"], issuer=issuer,
                issuer_name=issuer.name if issuer else row["issuer_text"], amount=row["amount"],
            ))  # fmt: skip
        try:
            actions.import_award_history(inputs, by=by, unit=unit)
        except ValidationError as exc:
            result.error(None, "", " ".join(exc.messages))
            return
        result.written = True

    return run_import(KIND, file, body, by=by, progress=progress, dry_run=dry_run, noun=_("khen thưởng"))


def template() -> bytes:
    heading = [_("Nhập quá trình khen thưởng trước khi có hệ thống"),
               _("Mỗi dòng một danh hiệu, hình thức đã nhận. Có lỗi ở bất kỳ dòng nào thì chưa ghi gì.")]  # fmt: skip
    return template_workbook(COLUMNS, sheet_title=_("Khen thưởng"), guide_heading=heading)
