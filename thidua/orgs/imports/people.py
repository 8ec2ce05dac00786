"""Import of people (members and workers) with their current membership in a grassroots union.

A row is matched to a person already recorded by national ID, else by grassroots union + membership card number,
else by full name + birth date + grassroots union; a match is updated, anything else is created. People and
memberships are written in bulk (100,000 rows in seconds), the audit trail in bulk, and the member counters of the
unions touched are recounted once at the end — all by the bulk action ``upsert_people``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from thidua.core.bulk import copying_triggers_deferred
from thidua.core.dates import format_date
from thidua.core.scoping import VIEW, has_perm
from thidua.core.spreadsheets.cells import (
    Choices,
    parse_bool,
    parse_national_id,
    parse_phone,
    past_dates,
)
from thidua.core.spreadsheets.layout import checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, CellError, Column, ImportResult
from thidua.core.spreadsheets.runner import chunked, run_import

from .. import actions
from ..models import Gender, JobCategory, Level, Membership, Person, Position, Unit
from ..permissions import MANAGE_PEOPLE

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PersonRow = actions.PersonUpsert
YES_NO = ("x", "không")
GENDERS = Choices(Gender, {Gender.MALE: ("M", "Nam giới"), Gender.FEMALE: ("F", "Nữ giới")})
POSITIONS = Choices(
    Position,
    {
        Position.CHAIR: ("Chủ tịch", "CT", "Chủ tịch CĐCS", "Chủ tịch CĐ"),
        Position.VICE_CHAIR: ("Phó Chủ tịch", "PCT", "Phó Chủ tịch CĐCS", "Phó CT"),
        Position.COMMITTEE: ("Ủy viên BCH", "UVBCH", "UV BCH", "Ủy viên", "Ủy viên Ban chấp hành CĐCS"),
        Position.GROUP_LEADER: ("Tổ trưởng", "Tổ trưởng CĐ", "TTCĐ"),
        Position.MEMBER: ("ĐV", "Đoàn viên công đoàn"),
        Position.NONE: ("Không", "Không giữ chức vụ"),
    },
)
JOB_CATEGORIES = Choices(
    JobCategory,
    {
        JobCategory.WORKER: ("CN", "Công nhân lao động"),
        JobCategory.CIVIL_SERVANT: ("CC", "CBCC", "Cán bộ, công chức"),
        JobCategory.PUBLIC_EMPLOYEE: ("VC",),
        JobCategory.EMPLOYEE: ("NLĐ", "Lao động"),
        JobCategory.MANAGER: ("CBQL", "Quản lý"),
    },
)

COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT", "Số thứ tự"), width=6, example=1,
           help="Số thứ tự; không bắt buộc, không dùng khi nhập."),
    Column("full_name", "Họ và tên", required=True, aliases=("Họ tên", "Họ và tên đoàn viên",
                                                              "Họ và tên người lao động"),
           width=26, example="Trần Trung Hào", help="Họ, tên đệm và tên (tối đa 150 ký tự)."),
    Column("gender", "Giới tính", aliases=("Nam/Nữ", "Phái"), width=10, example="Nam", allowed="Nam; Nữ",
           choices=tuple(GENDERS.labels.values())),
    Column("birth_date", "Ngày sinh", aliases=("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày"),
           width=12, example=datetime.date(1980, 5, 1),
           help="Ô ngày của Excel hoặc dd/mm/yyyy. Cần đủ ngày, tháng, năm."),
    Column("national_id", "Số CCCD", aliases=("CCCD", "Số CMND/CCCD", "CMND/CCCD", "Số định danh cá nhân",
                                              "Số định danh", "Căn cước công dân", "Số căn cước"),
           width=15, example="083080000001",
           help="12 chữ số (hoặc 9 chữ số CMND cũ); nên định dạng ô là văn bản để giữ số 0 ở đầu. "
                "Dùng để nhận ra người đã có khi nhập lại."),
    Column("phone", "Điện thoại", aliases=("Số điện thoại", "SĐT", "Di động"), width=13, example="0912345678",
           help="10 hoặc 11 chữ số, bắt đầu bằng 0 (hoặc +84)."),
    Column("email", "Thư điện tử", aliases=("Email", "E-mail", "Địa chỉ thư điện tử"), width=22, example=""),
    Column("unit_code", "Mã CĐCS", required=True, aliases=("Mã công đoàn cơ sở", "Mã CĐ cơ sở", "Mã đơn vị"),
           width=12, example="MAY",
           help="Mã của công đoàn cơ sở (hoặc công đoàn bộ phận) nơi người này sinh hoạt; phải thuộc phạm vi bạn quản lý."),
    Column("card_number", "Số thẻ đoàn viên", aliases=("Số thẻ", "Số thẻ ĐV", "Mã thẻ đoàn viên"), width=14,
           example="BT-000123", help="Số thẻ đoàn viên công đoàn (tối đa 30 ký tự)."),
    Column("joined_on", "Ngày vào công đoàn", aliases=("Ngày vào CĐ", "Ngày kết nạp", "Ngày kết nạp đoàn viên"),
           width=14, example=datetime.date(2005, 3, 26),
           help="Ngày bắt đầu sinh hoạt tại công đoàn cơ sở này; để trống thì lấy ngày nhập."),
    Column("position", "Chức vụ công đoàn", aliases=("Chức vụ CĐ", "Chức vụ"), width=18, example="Ủy viên BCH",
           choices=tuple(POSITIONS.labels.values()),
           allowed="; ".join(POSITIONS.labels.values()) + ". Viết tắt: CT, PCT, UVBCH, Tổ trưởng, ĐV.",
           help="Để trống: đoàn viên (hoặc không giữ chức vụ nếu không phải đoàn viên)."),
    Column("job_category", "Đối tượng", aliases=("Đối tượng lao động", "Phân loại lao động"), width=14,
           example="Công nhân", choices=tuple(JOB_CATEGORIES.labels.values()),
           allowed="; ".join(JOB_CATEGORIES.labels.values()) + ". Viết tắt: CN, CC, VC, NLĐ, CBQL.",
           help="Để trống: người lao động."),
    Column("direct_worker", "CN trực tiếp sản xuất", aliases=("Công nhân trực tiếp sản xuất", "CNTTSX", "CN TTSX",
                                                              "Trực tiếp sản xuất"),
           width=12, example="x", allowed="x (hoặc có) / để trống", choices=YES_NO,
           help="Ghi x nếu là công nhân trực tiếp sản xuất."),
    Column("is_member", "Đoàn viên", aliases=("Là đoàn viên",), width=10, example="x", choices=YES_NO,
           allowed="x (hoặc có) / để trống",
           help="Ghi x nếu là đoàn viên công đoàn; để trống nếu là người lao động chưa vào công đoàn. Không có cột này "
                "thì mọi người trong tệp được coi là đoàn viên."),
]  # fmt: skip

PERSON_KEYS = ["full_name", "gender", "birth_date", "national_id", "phone", "email"]
MEMBERSHIP_KEYS = [
    "card_number",
    "joined_on",
    "position",
    "job_category",
    "is_direct_production_worker",
    "is_member",
]


def import_people(file, *, by: User | None, progress=None, dry_run: bool = False) -> ImportResult:
    """Import people from an .xlsx (a path or a binary file object). Nothing is written when any row is wrong."""
    return run_import("people", file, _import, by=by, progress=progress, dry_run=dry_run, noun=_("người"))


def _read_rows(sheets, result: ImportResult, progress) -> tuple[list[PersonRow], list[PersonRow]]:
    """The rows read without error, and those with an error but a union code (checked too, so that every error of
    the file is reported in one pass). Each column's reader is made once and reads each distinct value once."""
    parsed: list[PersonRow] = []
    failed: list[PersonRow] = []
    parse_day = past_dates()
    columns = None
    for reader in checked_rows(sheets, COLUMNS, result, name_key="full_name", progress=progress, every=2000):
        if columns is None:  # the columns the file has, each with its reader
            given = reader.layout.positions
            parsers: list[tuple[str, Callable[[Any], Any]]] = [
                ("gender", GENDERS), ("birth_date", parse_day), ("national_id", parse_national_id),
                ("phone", parse_phone), ("email", _parse_email), ("joined_on", parse_day),
                ("position", POSITIONS), ("job_category", JOB_CATEGORIES),
                ("direct_worker", parse_bool), ("is_member", parse_bool)]  # fmt: skip
            read = {key: reader.column(key, parser) for key, parser in parsers if key in given}
            read_name = reader.column("full_name", required=True, max_length=150)
            read_unit = reader.column("unit_code", required=True, max_length=40)
            read_card = reader.column("card_number", max_length=30) if "card_number" in given else None
            person_cells = [(key, read[key]) for key in PERSON_KEYS[1:] if key in read]
            membership_cells = [(key, read[key]) for key in ("position", "job_category") if key in read]
            read_joined = read.get("joined_on")
            read_direct, read_member = read.get("direct_worker"), read.get("is_member")
            columns = True
        item = PersonRow(row=reader.number, full_name=read_name(), unit_code=read_unit())
        person, membership = item.person, item.membership
        for key, read_cell in person_cells:
            if value := read_cell():
                person[key] = value
        if read_card is not None and (value := read_card()):
            membership["card_number"] = value
        if read_joined is not None and (value := read_joined()):
            membership["joined_on"] = value
            if person.get("birth_date") and value < person["birth_date"]:
                reader.fail("joined_on", _("Ngày vào công đoàn trước ngày sinh."))
        for key, read_cell in membership_cells:
            if value := read_cell():
                membership[key] = value
        if read_direct is not None:
            membership["is_direct_production_worker"] = bool(read_direct())
        if read_member is not None:
            membership["is_member"] = bool(read_member())
        if not reader.failed:
            parsed.append(item)
        elif item.unit_code:
            failed.append(item)
    return parsed, failed


def _parse_email(value: Any) -> str:
    text = str(value).strip()
    try:
        validate_email(text)
    except ValidationError as exc:
        raise CellError(_("Địa chỉ thư điện tử “%(value)s” không hợp lệ.") % {"value": text}) from exc
    if len(text) > 254:
        raise CellError(_("Dài quá %(n)d ký tự.") % {"n": 254})
    return text


def _import(sheets, result: ImportResult, *, by: User | None, progress, dry_run: bool) -> None:
    rows, failed = _read_rows(sheets, result, progress)
    _resolve_units(rows + failed, result, by)
    unchanged = _match_people([item for item in rows if item.unit is not None], result, by)
    if result.errors:
        return
    result.unchanged = len(unchanged)
    for item in rows:
        if item.row in unchanged:
            continue
        if item.existing is None:
            result.created += 1
        else:
            result.updated += 1
    _preview(rows, unchanged, result)
    if dry_run:
        return
    # Nothing is written for the unchanged rows (not even their unions' counters recounted).
    _write([item for item in rows if item.row not in unchanged], total=len(rows), by=by, progress=progress)
    result.written = True


def _resolve_units(rows: list[PersonRow], result: ImportResult, by: User | None) -> None:
    codes = sorted({item.unit_code for item in rows})
    units: dict[str, Unit] = {}
    for part in chunked(codes, 500):
        units.update({u.code: u for u in Unit.objects.filter(code__in=part)})
    allowed: dict[str, str | None] = {}  # code -> error message, None when fine
    for code in codes:
        unit = units.get(code)
        if unit is None or (by is not None and not has_perm(by, MANAGE_PEOPLE, unit.path)):
            # Outside the user's scope reads exactly like a code that does not exist.
            allowed[code] = _(
                "Không tìm thấy công đoàn cơ sở có mã “%(code)s” trong phạm vi bạn quản lý."
            ) % {"code": code}
        elif unit.level not in (Level.GRASSROOTS, Level.SUB_GRASSROOTS):
            allowed[code] = _("“%(code)s” là đơn vị cấp “%(level)s”, không phải công đoàn cơ sở.") % {
                "code": code,
                "level": Level(unit.level).label,  # as written: lower-casing "LĐLĐ" gave "lđlđ"
            }
        elif not unit.is_active:
            allowed[code] = _("Công đoàn cơ sở “%(code)s” đã giải thể hoặc lưu trữ.") % {"code": code}
        else:
            allowed[code] = None
    for item in rows:
        message = allowed[item.unit_code]
        if message:
            result.error(item.row, "Mã CĐCS", message)
        else:
            item.unit = units[item.unit_code]


def _name_key(full_name: str, birth_date: datetime.date | None, unit_id: int | None) -> tuple:
    return (full_name.casefold(), birth_date, unit_id)


# The columns matching reads: tuples, not model instances (a re-import of 100,000 unchanged rows built 200,000
# instances only to compare a few values); instances are loaded afterwards for the rows that change.
_PERSON_READ = ["pk", "unit_id", "full_name", *PERSON_KEYS[1:]]
_MEMBERSHIP_READ = ["pk", "person_id", "unit_id", *MEMBERSHIP_KEYS]


def _match_people(rows: list[PersonRow], result: ImportResult, by: User | None) -> set[int]:
    """Match each row to a person already recorded (errors for doubles and conflicts), note what changes, and load
    the person and open membership of the rows that change. Returns the rows (numbers) matched and unchanged."""
    unit_ids = sorted({item.unit.pk for item in rows if item.unit is not None})
    people: dict[int, tuple] = {}  # pk -> values of _PERSON_READ
    for part in chunked(unit_ids, 200):
        people.update(
            (values[0], values)
            for values in Person.objects.filter(unit_id__in=part, archived_at__isnull=True)
            .order_by()
            .values_list(*_PERSON_READ)
        )
    open_memberships: dict[int, tuple] = {}  # person pk -> values of _MEMBERSHIP_READ
    for part in chunked(unit_ids, 200):
        open_memberships.update(
            (values[1], values)
            for values in Membership.objects.filter(unit_id__in=part, left_on__isnull=True)
            .order_by()
            .values_list(*_MEMBERSHIP_READ)
        )
    nid_at = _PERSON_READ.index("national_id")
    by_nid = {p[nid_at]: p for p in people.values() if p[nid_at]}
    card_at = _MEMBERSHIP_READ.index("card_number")
    by_card = {
        (m[2], m[card_at]): people[m[1]] for m in open_memberships.values() if m[card_at] and m[1] in people
    }
    birth_at = _PERSON_READ.index("birth_date")
    by_name: dict[tuple, list[tuple]] = {}
    for p in people.values():
        by_name.setdefault(_name_key(p[2], p[birth_at], p[1]), []).append(p)
    # National IDs recorded elsewhere (another union, or archived): the import cannot take those people over.
    wanted = [item.person["national_id"] for item in rows if item.person.get("national_id")]
    elsewhere: dict[str, Person] = {}
    missing = sorted(set(wanted) - set(by_nid))
    for part in chunked(missing, 500):
        elsewhere.update(
            {p.national_id: p for p in Person.objects.filter(national_id__in=part).select_related("unit")}
        )

    seen_nid: dict[str, int] = {}
    seen_card: dict[tuple, int] = {}
    seen_name: dict[tuple, int] = {}
    seen_person: dict[int, int] = {}
    # person pk -> the row, the person's values, those of the open membership
    matched: dict[int, tuple[PersonRow, tuple, tuple | None]] = {}
    for item in rows:
        if item.unit is None:  # the caller passes only the rows whose unit was found
            continue
        unit_pk = item.unit.pk
        nid = item.person.get("national_id", "")
        card = item.membership.get("card_number", "")
        name_key = _name_key(item.full_name, item.person.get("birth_date"), unit_pk)
        if nid:
            if nid in seen_nid:
                result.error(
                    item.row, "Số CCCD", _("Số CCCD trùng với dòng %(row)s.") % {"row": seen_nid[nid]}
                )
                continue
            seen_nid[nid] = item.row
        if card:
            if (unit_pk, card) in seen_card:
                result.error(item.row, "Số thẻ đoàn viên",
                             _("Số thẻ trùng với dòng %(row)s (cùng công đoàn cơ sở).") % {"row": seen_card[(unit_pk, card)]})  # fmt: skip
                continue
            seen_card[(unit_pk, card)] = item.row
        if not nid and not card:
            if name_key in seen_name:
                result.error(item.row, "Họ và tên",
                             _("Trùng họ tên, ngày sinh và công đoàn cơ sở với dòng %(row)s; hãy ghi số CCCD hoặc số "
                               "thẻ để phân biệt.") % {"row": seen_name[name_key]})  # fmt: skip
                continue
            seen_name[name_key] = item.row
        match: tuple | None = None
        if nid and nid in by_nid:
            match = by_nid[nid]
        elif nid and nid in elsewhere:
            other = elsewhere[nid]
            sees = by is None or (other.unit is not None and has_perm(by, VIEW, other.unit.path))
            if not sees:
                # Outside the user's scope the row is refused without saying whether the number is recorded.
                message = _(
                    "Không thể nhận dòng này với số CCCD đã ghi. Nếu người lao động đang sinh hoạt ở công đoàn "
                    "khác, hãy gửi đề nghị chuyển sinh hoạt."
                )
            elif other.archived_at is not None:
                message = _(
                    "Số CCCD này là của “%(name)s”, hồ sơ đã bị lưu trữ; hãy khôi phục hồ sơ thay vì nhập lại."
                ) % {"name": other.full_name}
            else:
                message = _(
                    "Số CCCD này là của “%(name)s”, đang sinh hoạt tại “%(unit)s”; hãy dùng chức năng chuyển "
                    "sinh hoạt."
                ) % {"name": other.full_name, "unit": other.unit}
            result.error(item.row, "Số CCCD", message)
            continue
        elif card and (unit_pk, card) in by_card:
            match = by_card[(unit_pk, card)]
        else:
            candidates = by_name.get(name_key, [])
            if len(candidates) > 1:
                result.error(item.row, "Họ và tên",
                             _("Có %(n)d người cùng họ tên và ngày sinh tại công đoàn cơ sở này; hãy ghi số CCCD hoặc "
                               "số thẻ để phân biệt.") % {"n": len(candidates)})  # fmt: skip
                continue
            if candidates and (not nid or not candidates[0][nid_at]):
                match = candidates[0]
        if match is not None:
            pk = match[0]
            if pk in seen_person:
                result.error(item.row, "Họ và tên",
                             _("Dòng này và dòng %(row)s cùng chỉ một người đã có.") % {"row": seen_person[pk]})  # fmt: skip
                continue
            seen_person[pk] = item.row
            if nid and match[nid_at] and match[nid_at] != nid:
                result.error(item.row, "Số CCCD",
                             _("Người khớp với dòng này đã có số CCCD khác (kết thúc bằng %(tail)s).")
                             % {"tail": match[nid_at][-3:]})  # fmt: skip
                continue
            matched[pk] = (item, match, open_memberships.get(pk))
    return _load_changed(matched)


_PERSON_AT = {key: _PERSON_READ.index(key) for key in PERSON_KEYS}
_MEMBERSHIP_AT = {key: _MEMBERSHIP_READ.index(key) for key in MEMBERSHIP_KEYS}


def _load_changed(matched: dict[int, tuple[PersonRow, tuple, tuple | None]]) -> set[int]:
    """Note each matched row's changes against the values read; load the person (and open membership) of the rows
    that change, which ``upsert_people`` updates. Returns the numbers of the rows that change nothing."""
    unchanged: set[int] = set()
    changing: dict[int, PersonRow] = {}
    for pk, (item, person, membership) in matched.items():
        for key, value in item.person.items():
            if person[_PERSON_AT[key]] != value:
                item.person_changes[key] = value
        if membership is not None:
            for key, value in item.membership.items():
                if membership[_MEMBERSHIP_AT[key]] != value:
                    item.membership_changes[key] = value
        if item.person_changes or item.membership_changes or membership is None:
            changing[pk] = item
        else:
            unchanged.add(item.row)
    for part in chunked(sorted(changing), 1000):
        for person_obj in Person.objects.filter(pk__in=part):
            changing[person_obj.pk].existing = person_obj
        membership_ids = [values[0] for pk in part if (values := matched[pk][2]) is not None]
        for membership_obj in Membership.objects.filter(pk__in=membership_ids):
            changing[membership_obj.person_id].open_membership = membership_obj
    return unchanged


def _preview(rows: list[PersonRow], unchanged: set[int], result: ImportResult) -> None:
    result.preview_columns = [_("Dòng"), _("Kết quả"), "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Mã CĐCS",
                              "Số thẻ đoàn viên", "Ngày vào công đoàn", "Chức vụ công đoàn", "Đối tượng",
                              "CN trực tiếp sản xuất", "Đoàn viên"]  # fmt: skip
    for item in rows[:PREVIEW_ROWS]:
        p, m = item.person, item.membership
        state = "unchanged" if item.row in unchanged else ("new" if item.existing is None else "updated")
        status = {"new": _("Mới"), "updated": _("Cập nhật"), "unchanged": _("Không đổi")}[state]
        nid = p.get("national_id", "")
        result.preview.append(
            {
                "row": item.row,
                "status": status,
                "state": state,
                "cells": [
                    item.full_name,
                    Gender(p["gender"]).label if p.get("gender") else "",
                    format_date(p.get("birth_date")),
                    f"{'•' * (len(nid) - 3)}{nid[-3:]}" if nid else "",
                    item.unit_code,
                    m.get("card_number", ""),
                    format_date(m.get("joined_on")),
                    Position(m["position"]).label if m.get("position") else "",
                    JobCategory(m["job_category"]).label if m.get("job_category") else "",
                    _("có") if m.get("is_direct_production_worker") else "",
                    _("có") if m.get("is_member", True) else _("không"),
                ],
            }
        )


def _write(rows: list[PersonRow], *, total: int, by: User | None, progress) -> None:
    # Many new people: on SQLite the trigram index of their names is filled once after the inserts, not by a
    # trigger per row (core.bulk.copying_triggers_deferred; the updates' triggers fire as usual).
    many = sum(1 for item in rows if item.existing is None) >= 1000
    if rows:
        with copying_triggers_deferred(Person) if many else nullcontext():
            actions.upsert_people(rows, by=by, progress=progress)
    progress(total, total, _("Đã ghi xong"))
