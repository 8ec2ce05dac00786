"""Exclusions (discipline, investigation, complaint, absence, maternity leave, tenure start) from a spreadsheet, one
row a fact, all or nothing (the spreadsheet kit). Each row names the person by the national ID number (when the
file has it) or by the full name within the union given by its code; every error names its row and column, nothing
is written while any remains; confirmed, each row goes through ``actions.record_exclusion`` (origin "imported"),
audited like a fact entered on the page. A row repeating a fact already recorded (same person, kind, start) or
another row of the file is an error.

Task ratings of a year (``import_ratings``): the people of one unit's subtree, one row a person, the rating in words
(or its usual abbreviation); the year is the page's (a "Năm" column, if the file has one, must say the same year).
A person rated already that year is updated through ``actions.record_rating`` (the old rating archived, one current
rating per person and year), an identical rating is left as it is, a person twice in the file is an error."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.dates import format_date
from thidua.core.scoping import scope_roots, subtree_q
from thidua.core.spreadsheets.cells import Choices, parse_count, parse_date, parse_national_id
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.core.text import fold
from thidua.orgs.models import Person, Unit

from . import actions
from .models import DisciplineLevel, Exclusion, ExclusionKind, FactSource, Rating, TaskRating
from .permissions import SUBMIT

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KIND = "eligibility.import_exclusions"
MAX_ROWS = 5000
KINDS = Choices(ExclusionKind, {
    ExclusionKind.DISCIPLINE: ("Kỷ luật",), ExclusionKind.INVESTIGATION: ("Điều tra", "Thanh tra", "Xem xét kỷ luật"),
    ExclusionKind.COMPLAINT: ("Khiếu nại", "Tố cáo", "Khiếu nại, tố cáo"), ExclusionKind.ABSENCE: ("Nghỉ việc", "Nghỉ"),
    ExclusionKind.MATERNITY: ("Thai sản",), ExclusionKind.TENURE_START: ("Tuyển dụng", "Ngày tuyển dụng"),
})  # fmt: skip
LEVELS = Choices(DisciplineLevel, {DisciplineLevel.DEMOTION: ("Hạ bậc lương", "Giáng chức", "Cách chức"),
                                   DisciplineLevel.DISMISSAL: ("Buộc thôi việc", "Khai trừ")})  # fmt: skip
COLUMNS = [
    Column("row_number", "STT", aliases=("TT",), width=6, example=1, help="Không bắt buộc."),
    Column("full_name", "Họ và tên", required=True, width=28, example="Trần Trung Hào"),
    Column("national_id", "Số CCCD", aliases=("CCCD", "Số căn cước"), width=16, text=True, example="",
           help="Không bắt buộc; nếu có, dùng để tìm đúng người."),
    Column("unit", "Mã CĐCS", required=True, aliases=("Mã đơn vị", "Đơn vị"), width=16, text=True, example="MAY",
           help="Mã công đoàn cơ sở của người lao động."),
    Column("kind", "Loại", required=True, width=30, example=str(ExclusionKind.DISCIPLINE.label),
           choices=tuple(KINDS.labels.values()), allowed=KINDS.allowed()),
    Column("level", "Hình thức kỷ luật", width=22, example=str(DisciplineLevel.REPRIMAND.label),
           choices=tuple(LEVELS.labels.values()), allowed=LEVELS.allowed(), help="Chỉ với loại Kỷ luật."),
    Column("starts_on", "Từ ngày", required=True, width=14, example=datetime.date(2017, 6, 1),
           help="Ô ngày của Excel hoặc dd/mm/yyyy."),
    Column("ends_on", "Đến ngày", width=14, example=datetime.date(2018, 5, 31), help="Để trống nếu chưa kết thúc."),
    Column("days", "Số ngày làm việc", width=12, example="", help="Chỉ với loại Nghỉ việc."),
    Column("source", "Căn cứ", required=True, aliases=("Số quyết định", "Văn bản"), width=36,
           example="Quyết định 35/QĐ-CTY ngày 01/6/2017"),
    Column("note", "Ghi chú", width=30),
]  # fmt: skip


class People:
    """The people of the uploader's subtrees (where they may record), found by ID number or by name in a union."""

    def __init__(self, by: User | None, within: Unit | None = None):
        roots = scope_roots(by, SUBMIT) if by is not None else None
        units = Unit.objects.all() if roots is None else Unit.objects.filter(subtree_q("path", roots))
        self.default_unit = within.pk if within is not None else None
        if within is not None:
            units = units.filter(path__startswith=within.path)
        self.units = {code.casefold(): pk for code, pk in units.values_list("code", "pk")}
        people = Person.objects.filter(unit_id__in=units.values("pk"), archived_at__isnull=True)
        self.by_id: dict[str, int] = {}
        self.by_name: dict[tuple[int, str], list[int]] = {}
        for pk, nid, unit_id, name in people.values_list("pk", "national_id", "unit_id", "full_name"):
            if nid:
                self.by_id[nid] = pk
            self.by_name.setdefault((unit_id, fold(name)), []).append(pk)

    def find(self, reader: RowReader, name: str, nid: str, code: str) -> int | None:
        unit_id = self.units.get(code.casefold()) if code else self.default_unit
        if unit_id is None:
            reader.fail(
                "unit",
                _("Không có công đoàn cơ sở mã “%(code)s” trong phạm vi bạn được ghi.") % {"code": code},
            )
            return None
        if nid:
            if nid not in self.by_id:
                reader.fail("national_id", _("Không có người số CCCD này trong phạm vi bạn được ghi."))
            return self.by_id.get(nid)
        found = self.by_name.get((unit_id, fold(name)), [])
        if len(found) != 1:
            reader.fail("full_name", _("Có %(n)s người tên “%(name)s” ở đơn vị này: hãy ghi số CCCD.")
                        % {"n": len(found), "name": name} if found else
                        _("Không có người tên “%(name)s” ở đơn vị này.") % {"name": name})  # fmt: skip
            return None
        return found[0]


def _row(reader: RowReader, people: People) -> dict[str, Any]:
    name = reader.text("full_name", required=True, max_length=150)
    nid = reader.parse("national_id", parse_national_id) if reader.has("national_id") else ""
    code = reader.text("unit", required=True, max_length=40)
    row = {
        "person_id": people.find(reader, name, nid or "", code) if name and code else None,
        "name": name,
        "kind": reader.parse("kind", KINDS, required=True),
        "level": (reader.parse("level", LEVELS) if reader.has("level") else "") or "",
        "starts_on": reader.parse("starts_on", parse_date, required=True),
        "ends_on": reader.parse("ends_on", parse_date) if reader.has("ends_on") else None,
        "days": reader.parse("days", parse_count) if reader.has("days") else None,
        "source": reader.text("source", required=True, max_length=300),
        "note": reader.text("note", max_length=500),
    }
    if row["kind"] == ExclusionKind.DISCIPLINE and not row["level"]:
        reader.fail("level", _("Kỷ luật cần ghi hình thức kỷ luật."))
    if row["kind"] and row["kind"] != ExclusionKind.DISCIPLINE and row["level"]:
        reader.fail("level", _("Chỉ ghi hình thức kỷ luật cho loại Kỷ luật."))
    if row["kind"] == ExclusionKind.ABSENCE and not row["days"]:
        reader.fail("days", _("Nghỉ việc cần ghi số ngày làm việc đã nghỉ."))
    if row["kind"] and row["kind"] != ExclusionKind.ABSENCE and row["days"]:
        reader.fail("days", _("Chỉ ghi số ngày cho loại Nghỉ việc."))
    if row["starts_on"] and row["ends_on"] and row["ends_on"] < row["starts_on"]:
        reader.fail("ends_on", _("Đến ngày (%(end)s) trước Từ ngày (%(start)s).")
                    % {"end": format_date(row["ends_on"]), "start": format_date(row["starts_on"])})  # fmt: skip
    return row


def import_exclusions(file, *, by: User | None, dry_run: bool = False, progress=None) -> ImportResult:
    """Check ``file`` and, unless ``dry_run`` or any error, record every row (all or nothing)."""

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        people = People(by)
        rows: list[dict[str, Any]] = []
        for reader in checked_rows(
            sheets, COLUMNS, result, name_key="full_name", progress=progress, every=500, max_rows=MAX_ROWS
        ):
            row = _row(reader, people)
            if not reader.failed:
                rows.append({**row, "row": reader.number})
        existing = set(Exclusion.objects.current().filter(person_id__in=[r["person_id"] for r in rows])
                       .values_list("person_id", "kind", "starts_on"))  # fmt: skip
        seen: dict[tuple, int] = {}
        for row in rows:
            key = (row["person_id"], row["kind"], row["starts_on"])
            if key in existing:
                result.error(
                    row["row"],
                    "Từ ngày",
                    _("Sự việc này của %(name)s đã có trong hệ thống.") % {"name": row["name"]},
                )
            elif key in seen:
                result.error(row["row"], "Từ ngày", _("Trùng với dòng %(row)s.") % {"row": seen[key]})
            seen.setdefault(key, row["row"])
        result.preview_columns = [
            _("Dòng"),
            _("Họ và tên"),
            _("Loại"),
            _("Hình thức"),
            _("Thời gian"),
            _("Căn cứ"),
        ]
        result.preview = [{"row": r["row"], "status": "", "state": "new", "cells": [
            r["name"], ExclusionKind(r["kind"]).label, DisciplineLevel(r["level"]).label if r["level"] else "",
            f"{format_date(r['starts_on'])} – {format_date(r['ends_on'])}", r["source"]]} for r in rows[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = len(rows)
        if dry_run:
            return
        persons = Person.objects.select_related("unit").in_bulk([r["person_id"] for r in rows])
        for row in rows:
            try:
                actions.record_exclusion(
                    persons[row["person_id"]], by=by, kind=row["kind"], level=row["level"],
                    starts_on=row["starts_on"], ends_on=row["ends_on"], days=row["days"], source=row["source"],
                    note=row["note"], origin=FactSource.IMPORTED,
                )  # fmt: skip
            except ValidationError as exc:
                result.error(row["row"], "", " ".join(exc.messages))
        result.written = not result.errors

    return run_import(KIND, file, body, by=by, progress=progress, dry_run=dry_run,
                      noun=gettext_lazy("sự việc"))  # fmt: skip


def template() -> bytes:
    heading = [_("Nhập kỷ luật, điều tra, nghỉ việc, thai sản… từ Excel"),
               _("Mỗi dòng một sự việc. Có lỗi ở bất kỳ dòng nào thì chưa ghi gì.")]  # fmt: skip
    return template_workbook(COLUMNS, sheet_title=_("Sự việc"), guide_heading=heading)


# --- task ratings of a year ---------------------------------------------------------------------------------------

RATING_KIND = "eligibility.import_ratings"
RATINGS = Choices(Rating, {
    Rating.EXCELLENT: ("Hoàn thành xuất sắc", "HTXSNV", "HTXS", "Xuất sắc"),
    Rating.GOOD: ("Hoàn thành tốt", "HTTNV", "HTT", "Tốt"),
    Rating.COMPLETED: ("Hoàn thành", "HTNV", "HT"),
    Rating.NOT_COMPLETED: ("Không hoàn thành", "KHTNV", "KHT"),
})  # fmt: skip
RATING_COLUMNS = [
    Column("row_number", "STT", aliases=("TT",), width=6, example=1, help="Không bắt buộc."),
    Column("full_name", "Họ và tên", required=True, width=28, example="Trần Trung Hào"),
    Column("national_id", "Số CCCD", aliases=("CCCD", "Số căn cước"), width=16, text=True, example="",
           help="Không bắt buộc; nếu có, dùng để tìm đúng người."),
    Column("unit", "Mã CĐCS", aliases=("Mã đơn vị",), width=16, text=True, example="",
           help="Mã công đoàn cơ sở của người lao động; để trống nếu người đó thuộc chính đơn vị đang nhập."),
    Column("year", "Năm", width=8, example="", help="Không bắt buộc; nếu có, phải đúng năm đang nhập."),
    Column("rating", "Xếp loại", required=True, aliases=("Mức độ hoàn thành nhiệm vụ", "Kết quả xếp loại"),
           width=32, example=str(Rating.GOOD.label), choices=tuple(RATINGS.labels.values()),
           allowed=RATINGS.allowed()),
    Column("source", "Căn cứ", aliases=("Số quyết định", "Văn bản"), width=36,
           example="Biên bản họp xét ngày 20/12/2017", help="Không bắt buộc."),
]  # fmt: skip


def _rating_row(reader: RowReader, people: People, year: int) -> dict[str, Any]:
    name = reader.text("full_name", required=True, max_length=150)
    nid = reader.parse("national_id", parse_national_id) if reader.has("national_id") else ""
    code = reader.text("unit", max_length=40) if reader.has("unit") else ""
    if reader.has("year"):
        given = reader.parse("year", parse_count)
        if given is not None and given != year:
            reader.fail(
                "year", _("Năm %(given)s khác năm đang nhập (%(year)s).") % {"given": given, "year": year}
            )
    return {
        "person_id": people.find(reader, name, nid or "", code) if name else None,
        "name": name,
        "rating": reader.parse("rating", RATINGS, required=True),
        "source": reader.text("source", max_length=300) if reader.has("source") else "",
    }


def import_ratings(file, *, unit: Unit, year: int, by: User | None, dry_run: bool = False,
                   progress=None) -> ImportResult:  # fmt: skip
    """Check ``file`` (the ``year``'s task ratings of people of ``unit``'s subtree) and, unless ``dry_run`` or any
    error, record every changed rating (all or nothing)."""

    def body(sheets, result: ImportResult, *, by, progress, dry_run) -> None:
        people = People(by, within=unit)
        rows: list[dict[str, Any]] = []
        for reader in checked_rows(
            sheets,
            RATING_COLUMNS,
            result,
            name_key="full_name",
            progress=progress,
            every=500,
            max_rows=MAX_ROWS,
        ):
            row = _rating_row(reader, people, year)
            if not reader.failed:
                rows.append({**row, "row": reader.number})
        current = dict(TaskRating.objects.current().filter(year=year, person_id__in=[r["person_id"] for r in rows])
                       .values_list("person_id", "rating"))  # fmt: skip
        seen: dict[int, int] = {}
        for row in rows:
            if row["person_id"] in seen:
                result.error(row["row"], "Họ và tên", _("%(name)s đã có ở dòng %(row)s.")
                             % {"name": row["name"], "row": seen[row["person_id"]]})  # fmt: skip
            seen.setdefault(row["person_id"], row["row"])
            old = current.get(row["person_id"])
            row["state"] = "new" if old is None else "same" if old == row["rating"] else "update"
        states = {"new": _("Mới"), "update": _("Cập nhật"), "same": _("Không đổi")}
        result.preview_columns = [_("Dòng"), _("Họ và tên"), _("Xếp loại"), _("Hiện có"), _("Căn cứ")]
        result.preview = [{"row": r["row"], "status": str(states[r["state"]]), "state": r["state"], "cells": [
            r["name"], Rating(r["rating"]).label, Rating(current[r["person_id"]]).label
            if r["person_id"] in current else "—", r["source"]]} for r in rows[:PREVIEW_ROWS]]  # fmt: skip
        if result.errors:
            return
        result.created = sum(r["state"] == "new" for r in rows)
        result.updated = sum(r["state"] == "update" for r in rows)
        result.unchanged = sum(r["state"] == "same" for r in rows)
        if result.updated or result.unchanged:
            result.notes.append(_("%(updated)s người đã có xếp loại năm %(year)s sẽ được cập nhật; %(same)s không đổi.")
                                % {"updated": result.updated, "same": result.unchanged, "year": year})  # fmt: skip
        if dry_run:
            return
        persons = Person.objects.select_related("unit").in_bulk([r["person_id"] for r in rows])
        for row in rows:
            if row["state"] == "same":
                continue
            try:
                actions.record_rating(persons[row["person_id"]], by=by, year=year, rating=row["rating"],
                                      source=row["source"], origin=FactSource.IMPORTED)  # fmt: skip
            except ValidationError as exc:
                result.error(row["row"], "", " ".join(exc.messages))
        result.written = not result.errors

    return run_import(RATING_KIND, file, body, by=by, progress=progress, dry_run=dry_run,
                      noun=gettext_lazy("xếp loại"))  # fmt: skip


def rating_template(unit: Unit, year: int) -> bytes:
    heading = [_("Xếp loại mức độ hoàn thành nhiệm vụ năm %(year)s: %(unit)s") % {"year": year, "unit": unit.name},
               _("Mỗi dòng một người. Có lỗi ở bất kỳ dòng nào thì chưa ghi gì; người đã có xếp loại năm này "
                 "được cập nhật.")]  # fmt: skip
    return template_workbook(RATING_COLUMNS, sheet_title=_("Xếp loại"), guide_heading=heading)
