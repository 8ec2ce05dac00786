"""Nominees of a proposal from .xlsx, one row a nominee, all or nothing (the spreadsheet kit).

A row names a person of the proposing unit's subtree (national ID number, or the number of the person's record in
the system; the name, if written, must match) or a collective (a unit code of that subtree), and the title or form
proposed (the catalog code or its name, among those of the proposal's kind of reward). Every error names its row and
column: an unknown person, a person or unit of another unit, a title not for this kind of nominee or outside the
unit's authority, a row repeated in the file or already in the proposal. Confirmed, the rows go through
``actions.add_nominees`` (scope and rules checked again, audited) in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.core.spreadsheets.cells import parse_count
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, CellError, Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.core.text import fold
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award

from . import actions
from .permissions import confers

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .models import Proposal

KIND = "proposals.import_nominees"
MAX_ROWS = 2000
COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1, help="Không bắt buộc."),
    Column("person", "Số CCCD hoặc mã hồ sơ", aliases=("CCCD", "Số CCCD", "Mã hồ sơ", "Cá nhân"), width=18,
           text=True, example="083080000001",
           help="Cá nhân được đề nghị: số CCCD (12 chữ số) hoặc mã hồ sơ người lao động trong hệ thống. Để trống "
                "khi đề nghị tập thể."),
    Column("name", "Họ và tên", aliases=("Họ tên",), width=24, example="Trần Trung Hào",
           help="Không bắt buộc; nếu ghi, phải khớp với hồ sơ tìm được."),
    Column("unit", "Mã đơn vị (tập thể)", aliases=("Tập thể", "Mã đơn vị"), width=16, text=True,
           help="Tập thể được đề nghị: mã đơn vị. Để trống khi đề nghị cá nhân."),
    Column("award", "Danh hiệu, hình thức đề nghị", required=True,
           aliases=("Danh hiệu, hình thức", "Mã danh hiệu", "Danh hiệu", "Hình thức"), width=30,
           example="Lao động tiên tiến", help="Tên hoặc mã trong danh mục khen thưởng."),
    Column("position", "Chức vụ, đơn vị công tác", aliases=("Chức vụ", "Đơn vị công tác"), width=30,
           help="Không bắt buộc; để trống thì lấy đơn vị trong hồ sơ."),
    Column("summary", "Tóm tắt thành tích", aliases=("Thành tích",), width=40, help="Không bắt buộc."),
    Column("service_years", "Số năm công tác công đoàn", aliases=("Số năm công tác",), width=10,
           help="Không bắt buộc; cho khen thưởng theo thời gian công tác."),
]  # fmt: skip


class Lookups:
    """What the rows name, read once: the catalog of the proposal's kind, the subtree's units by code."""

    def __init__(self, proposal: Proposal, by: User | None):
        self.proposal = proposal
        awards = Award.objects.filter(archived_at__isnull=True)
        codes = list(proposal.kind.award_codes or [])
        self.kind_codes = set(codes)
        self.awards_by_code = {a.code: a for a in awards}
        self.awards_by_name = {fold(a.name): a for a in self.awards_by_code.values()}
        units = Unit.objects.filter(path__startswith=proposal.unit.path, archived_at__isnull=True)
        if by is not None:
            units = units.visible_to(by)
        self.units = {u.code.casefold(): u for u in units}

    def award(self, value: Any) -> Award:
        text = str(value).strip()
        found = self.awards_by_code.get(text.lower()) or self.awards_by_name.get(fold(text))
        if found is None:
            raise CellError(_("Không có “%(text)s” trong danh mục khen thưởng.") % {"text": text})
        if self.kind_codes and found.code not in self.kind_codes:
            raise CellError(_("“%(award)s” không thuộc loại khen thưởng “%(kind)s” của đề nghị.")
                            % {"award": found.name, "kind": self.proposal.kind.name})  # fmt: skip
        if self.proposal.own_level and not confers(self.proposal.unit, found):
            raise CellError(_("“%(award)s” không thuộc thẩm quyền khen thưởng của %(unit)s.")
                            % {"award": found.name, "unit": self.proposal.unit.name})  # fmt: skip
        return found

    def collective(self, value: Any) -> Unit:
        found = self.units.get(str(value).strip().casefold())
        if found is None:
            raise CellError(_("Không có đơn vị mã “%(code)s” trong phạm vi của %(unit)s.")
                            % {"code": value, "unit": self.proposal.unit.name})  # fmt: skip
        return found


def _people(proposal: Proposal, by: User | None, keys: set[str]) -> dict[str, Person]:
    """The people the keys name, among the current people of the proposing unit's subtree: one query."""
    ids = [int(k) for k in keys if len(k) < 9 and k.isdigit()]
    nids = [k for k in keys if len(k) in (9, 12) and k.isdigit()]
    scope = Person.objects.filter(unit__path__startswith=proposal.unit.path, archived_at__isnull=True)
    if by is not None:
        scope = scope.visible_to(by)
    found: dict[str, Person] = {}
    for person in scope.filter(Q(national_id__in=nids) | Q(pk__in=ids)).select_related("unit"):
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
        "position": reader.text("position", max_length=300),
        "summary": reader.text("summary", max_length=1000),
        "service_years": reader.parse("service_years", parse_count),
    }
    if bool(row["person_key"]) == bool(reader.raw("unit")):
        reader.fail(
            "person", _("Ghi một cá nhân (số CCCD hoặc mã hồ sơ) hoặc một tập thể (mã đơn vị), không cả hai.")
        )
    award = row["award"]
    if award is not None and row["person_key"] and not award.for_individuals:
        reader.fail("award", _("“%(award)s” không dành cho cá nhân.") % {"award": award.name})
    if award is not None and row["unit"] is not None and not award.for_collectives:
        reader.fail("award", _("“%(award)s” không dành cho tập thể.") % {"award": award.name})
    return row


def import_nominees(
    file, *, by: User | None, proposal: Proposal, dry_run: bool = False, progress=None
) -> ImportResult:
    """Check ``file`` and, unless ``dry_run`` or any error, add every row to ``proposal`` as a nominee."""

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        lookups = Lookups(proposal, by)
        header = {c.key: c.header for c in COLUMNS}
        rows: list[dict[str, Any]] = []
        for reader in checked_rows(
            sheets, COLUMNS, result, name_key="award", progress=progress, every=500, max_rows=MAX_ROWS
        ):
            row = _read(reader, lookups)
            if not reader.failed:
                rows.append({**row, "row": reader.number})
        people = _people(proposal, by, {r["person_key"] for r in rows if r["person_key"]})
        keep = []
        for row in rows:
            row["person"] = None
            if row["person_key"]:
                person = people.get(row["person_key"])
                if person is None:
                    result.error(row["row"], header["person"], _("Không tìm thấy người lao động “%(key)s” trong "
                                 "%(unit)s và các đơn vị trực thuộc.") % {"key": row["person_key"],
                                                                         "unit": proposal.unit.name})  # fmt: skip
                    continue
                if row["name"] and fold(row["name"]) != fold(person.full_name):
                    result.error(row["row"], header["name"], _("Hồ sơ “%(key)s” là %(name)s, không phải “%(given)s”.")
                                 % {"key": row["person_key"], "name": person.full_name, "given": row["name"]})  # fmt: skip
                    continue
                row["person"] = person
            keep.append(row)
        existing = set(
            proposal.nominees.current().values_list("person_id", "unit_id", "award_id")
        )  # fmt: skip
        seen: dict[tuple, int] = {}
        for row in keep:
            key = (row["person"].pk if row["person"] else None, row["unit"].pk if row["unit"] else None,
                   row["award"].pk)  # fmt: skip
            who = row["person"].full_name if row["person"] else row["unit"].name
            if key in existing:
                result.error(row["row"], header["award"], _("%(who)s đã có trong đề nghị với “%(award)s”.")
                             % {"who": who, "award": row["award"].name})  # fmt: skip
            elif key in seen:
                result.error(row["row"], header["award"], _("Trùng với dòng %(row)s.") % {"row": seen[key]})
            seen.setdefault(key, row["row"])
        result.preview_columns = [_("Dòng"), _("Cá nhân, tập thể"), _("Chức vụ, đơn vị công tác"),
                                  _("Danh hiệu, hình thức đề nghị"), _("Tóm tắt thành tích")]  # fmt: skip
        result.preview = [{"row": r["row"], "status": "", "state": "new", "cells": [
            r["person"].full_name if r["person"] else r["unit"].name,
            r["position"] or (r["person"].unit.name if r["person"] and r["person"].unit else ""),
            r["award"].name, r["summary"]]} for r in keep[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = len(keep)
        if dry_run:
            return
        inputs = [actions.NomineeInput(award=r["award"], person=r["person"], unit=r["unit"], position=r["position"],
                                       summary=r["summary"], service_years=r["service_years"], row=r["row"])
                  for r in keep]  # fmt: skip
        try:
            actions.add_nominees(proposal, inputs, by=by)
        except ValidationError as exc:
            result.error(None, "", " ".join(exc.messages))
            return
        result.written = True

    return run_import(KIND, file, body, by=by, progress=progress, dry_run=dry_run, noun=_("người, tập thể"))


def template() -> bytes:
    heading = [_("Nhập danh sách đề nghị khen thưởng"),
               _("Mỗi dòng một cá nhân hoặc tập thể được đề nghị. Có lỗi ở bất kỳ dòng nào thì chưa ghi gì.")]  # fmt: skip
    return template_workbook(COLUMNS, sheet_title=_("Danh sách đề nghị"), guide_heading=heading)
