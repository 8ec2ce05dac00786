"""A unit's whole emulation registration from a spreadsheet, in the shape federations send: the collective's titles
on top (a small table "Danh hiệu, hình thức | Chỉ tiêu, nội dung đăng ký"), then one row a person ("Họ và tên |
Chức vụ | Danh hiệu đăng ký"). Read through the spreadsheet kit (bounded reading, header found, legacy encodings,
errors by row and column), checked against the catalog of the registration's year (``emulation_queries``: the
titles the unit may aim for, as a collective and for its people) and written, all or nothing, by the one write
path: ``actions.emulation.save_registration`` (which checks everything again and audits).

A person is found among the active people of the unit's subtree by name (exact, then without diacritics when that
is unambiguous); two people of the same name need their ID number ("Số CCCD") in the row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.core.spreadsheets.layout import RowReader, data_rows, find_layout
from thidua.core.spreadsheets.results import Column, ImportResult
from thidua.core.spreadsheets.runner import run_import
from thidua.core.text import fold, nfc
from thidua.orgs.models import Person

from . import emulation_queries
from .models import Award, Registration

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KIND = "registrations.emulation"

COLLECTIVE_COLUMNS = [
    Column("row_number", "STT", aliases=("TT",), width=6, example=1),
    Column("award", "Danh hiệu, hình thức tập thể đăng ký", required=True,
           aliases=("Danh hiệu tập thể", "Danh hiệu, hình thức tập thể", "Danh hiệu thi đua tập thể",
                    "Tập thể đăng ký danh hiệu"),
           width=44, example="Công đoàn cơ sở vững mạnh",
           help="Tên danh hiệu, hình thức khen thưởng cho tập thể, như trong danh mục của năm (trang tính “Danh mục”)."),
    Column("targets", "Chỉ tiêu, nội dung đăng ký", aliases=("Chỉ tiêu", "Nội dung đăng ký", "Chỉ tiêu đăng ký"),
           width=60, example="100% đoàn viên tham gia phong trào thi đua; không có tai nạn lao động",
           help="Chỉ tiêu, nội dung tập thể đăng ký thực hiện (không bắt buộc)."),
]  # fmt: skip
PEOPLE_COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1),
    Column("name", "Họ và tên", required=True, aliases=("Họ tên", "Họ và tên cá nhân", "Tên cá nhân"), width=28,
           example="Trần Trung Hào",
           help="Họ và tên như trong danh sách người lao động của đơn vị (tìm không phân biệt hoa, thường)."),
    Column("national_id", "Số CCCD", aliases=("CCCD", "Số căn cước", "Số CMND/CCCD", "Số định danh"), width=16,
           text=True, help="Chỉ cần khi đơn vị có hai người trùng họ tên."),
    Column("position", "Chức vụ", aliases=("Chức vụ, chức danh", "Chức danh", "Chức vụ hiện tại"), width=24,
           example="Tổ trưởng tổ may 3", help="Chức vụ khi đăng ký (tối đa 200 ký tự)."),
    Column("award", "Danh hiệu đăng ký", required=True,
           aliases=("Danh hiệu", "Danh hiệu thi đua", "Đăng ký danh hiệu", "Danh hiệu cá nhân đăng ký",
                    "Danh hiệu, hình thức đăng ký"),
           width=34, example="Lao động tiên tiến",
           help="Tên danh hiệu, hình thức cho cá nhân, như trong danh mục của năm. Mỗi dòng một danh hiệu: người "
                "đăng ký hai danh hiệu ghi hai dòng."),
    Column("note", "Ghi chú", width=24, help="Không bắt buộc (tối đa 500 ký tự)."),
]  # fmt: skip
# Abbreviations federations write for the commonest titles.
ABBREVIATIONS = {
    "ldtt": "lao-dong-tien-tien",
    "cstdcs": "cstd-co-so",
    "cstd": "cstd-co-so",
    "cstdcoso": "cstd-co-so",
    "dvcdxs": "doan-vien-xuat-sac",
    "cdcsvm": "cdcs-vung-manh",
    "cdcsvungmanh": "cdcs-vung-manh",
    "ttldtt": "tt-ld-tien-tien",
    "ttldxs": "tt-ld-xuat-sac",
}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


@dataclass
class Parsed:
    """What the file says, resolved to objects (only rows without error)."""

    targets: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    preview_targets: list[dict[str, Any]] = field(default_factory=list)
    preview_people: list[dict[str, Any]] = field(default_factory=list)


class Catalog:
    """The titles of the year the unit may aim for, found by name, code or a usual abbreviation."""

    def __init__(self, registration: Registration):
        unit, year, phase = registration.unit, registration.year, registration.phase
        self.collective, self.individual = emulation_queries.aimable_awards(unit, year, phase)
        self.unit = unit
        known = {a.pk: a for a in [*self.collective, *self.individual]}
        in_force = emulation_queries.catalog_on(emulation_queries.period_end(year, phase, unit), unit).entries
        self.by_key: dict[str, Award] = {}
        for entry in in_force:
            award = entry.award
            for name in (award.name, entry.name, award.code):
                self.by_key.setdefault(_key(name), award)
            known.setdefault(award.pk, award)
        for abbreviation, code in ABBREVIATIONS.items():
            award = next((a for a in known.values() if a.code == code), None)
            if award is not None:
                self.by_key.setdefault(abbreviation, award)
        self.collective_ids = {a.pk for a in self.collective}
        self.individual_ids = {a.pk for a in self.individual}

    def find(self, text: str) -> Award | None:
        return self.by_key.get(_key(text))

    def refusal(self, award: Award, *, collective: bool) -> str:
        if collective and not award.for_collectives:
            return _("“%(award)s” là danh hiệu, hình thức cho cá nhân, không đăng ký cho tập thể.") % {
                "award": award.name}  # fmt: skip
        if not collective and not award.for_individuals:
            return _("“%(award)s” là danh hiệu của tập thể, không đăng ký cho cá nhân.") % {
                "award": award.name
            }
        allowed = self.collective_ids if collective else self.individual_ids
        if award.pk in allowed:
            return ""
        return emulation_queries.aim_refusal(self.unit, award, collective=collective) or _(
            "“%(award)s” không đăng ký được ở đơn vị này trong năm."
        ) % {"award": award.name}


class People:
    """The active people of the unit's subtree by name (one query)."""

    def __init__(self, registration: Registration):
        unit = registration.unit
        self.exact: dict[str, list[Person]] = {}
        self.folded: dict[str, list[Person]] = {}
        people = Person.objects.filter(
            unit__path__subtree=unit.path, archived_at__isnull=True
        ).select_related("unit")
        for person in people:
            self.exact.setdefault(self._exact(person.full_name), []).append(person)
            self.folded.setdefault(_key(person.full_name), []).append(person)

    @staticmethod
    def _exact(name: str) -> str:
        return " ".join(nfc(name).casefold().split())

    def find(self, name: str, national_id: str) -> tuple[Person | None, str]:
        found = self.exact.get(self._exact(name)) or self.folded.get(_key(name)) or []
        if national_id:
            found = [p for p in found if p.national_id == national_id]
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, _("Không có người tên “%(name)s”%(id)s trong danh sách người lao động của đơn vị: thêm "
                           "người đó vào đơn vị trước, hoặc sửa lại họ tên.") % {
                "name": name, "id": _(" (số CCCD %(id)s)") % {"id": national_id} if national_id else ""}  # fmt: skip
        return None, _("Đơn vị có %(n)s người tên “%(name)s”: ghi thêm số CCCD ở cột “Số CCCD” để phân biệt.") % {
            "n": len(found), "name": name}  # fmt: skip


def _collective_rows(rows: list[list[Any]], people_header: int, catalog: Catalog, result: ImportResult,
                     parsed: Parsed) -> None:  # fmt: skip
    """The collective's table above the people's header, if there is one."""
    probe = ImportResult(kind=KIND)
    found = find_layout([rows[:people_header]], COLLECTIVE_COLUMNS, probe)
    if found is None or probe.errors:
        return
    above, layout = found
    reader = RowReader(result, layout, above)
    for number, cells in data_rows(above, layout, "award"):
        reader.start(number, cells)
        award_text = reader.text("award", max_length=300)
        targets = reader.text("targets", max_length=5000)
        if not award_text:
            if targets:
                reader.fail("award", _("Không được để trống khi đã ghi chỉ tiêu."))
            continue  # a section heading ("II. Đăng ký của cá nhân") or a note line
        award = catalog.find(award_text)
        if award is None:
            reader.fail("award", _("Không có “%(text)s” trong danh mục danh hiệu, hình thức của năm (xem trang "
                                   "tính “Danh mục” của tệp mẫu).") % {"text": award_text})  # fmt: skip
            continue
        if refusal := catalog.refusal(award, collective=True):
            reader.fail("award", refusal)
            continue
        if any(t["award"].pk == award.pk for t in parsed.targets):
            reader.fail("award", _("Trùng với một dòng trước."))
            continue
        parsed.targets.append({"award": award, "targets": targets})
        parsed.preview_targets.append({"row": number, "award": award.name, "targets": targets})


def parse(sheets, result: ImportResult, registration: Registration, progress: Callable[..., Any]) -> Parsed:
    """Read and check the whole file; every error goes to ``result`` (row, column, Vietnamese message)."""
    parsed = Parsed()
    found = find_layout(sheets, PEOPLE_COLUMNS, result)
    if found is None or result.errors:
        return parsed
    rows, layout = found
    catalog = Catalog(registration)
    _collective_rows(rows, layout.header_row, catalog, result, parsed)
    people = People(registration)
    reader = RowReader(result, layout, rows)
    seen: dict[tuple[int, int], int] = {}
    skipped = 0
    for number, cells in data_rows(rows, layout, "name"):
        reader.start(number, cells)
        if reader.raw("name") is None and reader.raw("award") is None:
            continue  # a numbered empty row of the template
        result.total_rows += 1
        name = reader.text("name", required=True, max_length=150)
        national_id = reader.text("national_id", max_length=12)
        position = reader.text("position", max_length=200)
        note = reader.text("note", max_length=500)
        award_text = reader.text("award", max_length=300)
        if name and not award_text:
            skipped += 1  # listed without a title: not registering (the template lists every person)
            continue
        award = catalog.find(award_text) if award_text else None
        if award_text and award is None:
            reader.fail("award", _("Không có “%(text)s” trong danh mục danh hiệu, hình thức của năm (xem trang "
                                   "tính “Danh mục” của tệp mẫu).") % {"text": award_text})  # fmt: skip
        elif award is not None and (refusal := catalog.refusal(award, collective=False)):
            reader.fail("award", refusal)
            award = None
        person = None
        if name:
            person, problem = people.find(name, national_id)
            if problem:
                reader.fail("name", problem)
        if person is None or award is None or reader.failed:
            continue
        if (person.pk, award.pk) in seen:
            reader.fail("award", _("%(name)s đã đăng ký “%(award)s” ở dòng %(row)s.") % {
                "name": person.full_name, "award": award.name, "row": seen[(person.pk, award.pk)]})  # fmt: skip
            continue
        seen[(person.pk, award.pk)] = number
        parsed.people.append({"person": person, "award": award, "position": position, "note": note})
        parsed.preview_people.append({"row": number, "name": person.full_name, "unit": person.unit.name if person.unit else "",
                                      "position": position, "award": award.name})  # fmt: skip
    if skipped:
        result.notes.append(_("Bỏ qua %(n)s người không ghi danh hiệu đăng ký.") % {"n": skipped})
    if not result.errors:
        # emulation registration's own check of the contents, as the page's: quotas give warnings
        check = emulation_queries.check_contents(registration.unit, registration.year, phase=registration.phase,
                                                 plan=registration.plan, targets=parsed.targets,
                                                 people=parsed.people, registration=registration)  # fmt: skip
        for message in check.errors:
            result.error(None, "", message)
        parsed.warnings = check.warnings
    return parsed


def import_registration(file, registration: Registration, *, by: User | None, dry_run: bool = False,
                        progress=None) -> tuple[ImportResult, Parsed]:  # fmt: skip
    """Check ``file`` against ``registration`` and, unless ``dry_run`` or any error, replace the registration's
    rows with the file's through ``save_registration`` (all or nothing)."""
    from .actions.emulation import save_registration

    holder: dict[str, Parsed] = {}

    def body(sheets, result: ImportResult, *, by, progress, dry_run):
        parsed = holder["parsed"] = parse(sheets, result, registration, progress)
        result.created = len(parsed.targets) + len(parsed.people)
        result.notes.extend(parsed.warnings)
        if result.errors or dry_run:
            return
        save_registration(registration, by=by, targets=parsed.targets, people=parsed.people)
        result.written = True

    result = run_import(KIND, file, body, by=by, progress=progress, dry_run=dry_run, noun=_("dòng đăng ký"))
    return result, holder.get("parsed") or Parsed()


# --- the template ---------------------------------------------------------------------------------------------

TEMPLATE_SHEET = "Đăng ký thi đua"
LISTS_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
TEMPLATE_PEOPLE_MAX = (
    3000  # people listed in a template; a bigger unit's list is left for its officers to fill
)


def template_workbook(registration: Registration) -> bytes:
    """The file to fill in for ``registration``: the collective's table (empty rows), then the unit's people
    listed by name with an empty title (a person left without a title is not registering), drop-down lists of the
    titles the unit may aim for this year (hidden sheet "Danh mục"), and a "Hướng dẫn" sheet."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from thidua.core.xlsx import safe_value

    unit, year = registration.unit, registration.year
    catalog = Catalog(registration)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    book = Workbook()
    sheet = book.active
    sheet.title = TEMPLATE_SHEET
    for index, width in enumerate((6, 30, 16, 26, 36, 40), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    what = registration.phase.name if registration.phase_id and registration.phase else str(year)
    sheet.append([_("ĐĂNG KÝ THI ĐUA %(what)s") % {"what": what.upper()}])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Đơn vị: %(unit)s") % {"unit": unit.name}])
    sheet.append([])
    sheet.append([_("I. ĐĂNG KÝ CỦA TẬP THỂ")])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.append([COLLECTIVE_COLUMNS[0].header, COLLECTIVE_COLUMNS[1].header, None, None,
                  COLLECTIVE_COLUMNS[2].header])  # fmt: skip
    collective_header = sheet.max_row
    for col in (1, 2, 5):
        cell = sheet.cell(collective_header, col)
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(wrap_text=True, vertical="center")
    for n in range(1, 4):
        sheet.append([n])
    collective_rows = (collective_header + 1, sheet.max_row)
    sheet.append([])
    sheet.append([_("II. ĐĂNG KÝ CỦA CÁ NHÂN")])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.append([c.header for c in PEOPLE_COLUMNS])
    people_header = sheet.max_row
    for col in range(1, len(PEOPLE_COLUMNS) + 1):
        cell = sheet.cell(people_header, col)
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(wrap_text=True, vertical="center")
    people = Person.objects.filter(unit__path__subtree=unit.path, archived_at__isnull=True).vietnamese_order()
    listed = 0
    for listed, person in enumerate(people[:TEMPLATE_PEOPLE_MAX].iterator(), start=1):
        sheet.append([listed, safe_value(person.full_name), None, None, None, None])
    for n in range(listed + 1, listed + 11):  # room for more
        sheet.append([n])
    people_rows = (people_header + 1, sheet.max_row)
    sheet.freeze_panes = None

    lists = book.create_sheet(LISTS_SHEET)
    lists.append([_("Danh hiệu, hình thức cho tập thể"), _("Danh hiệu, hình thức cho cá nhân")])
    longest = max(len(catalog.collective), len(catalog.individual))
    for i in range(longest):
        lists.append([catalog.collective[i].name if i < len(catalog.collective) else None,
                      catalog.individual[i].name if i < len(catalog.individual) else None])  # fmt: skip
    lists.column_dimensions["A"].width = lists.column_dimensions["B"].width = 70
    for letter, count, column, (first, last) in (
        ("A", len(catalog.collective), "B", collective_rows),
        ("B", len(catalog.individual), "E", people_rows),
    ):
        if not count:
            continue
        validation = DataValidation(type="list", formula1=f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}"
                                    f"${count + 1}", allow_blank=True, showErrorMessage=False)  # fmt: skip
        validation.add(f"{column}{first}:{column}{last}")
        sheet.add_data_validation(validation)

    guide = book.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width, guide.column_dimensions["B"].width = 34, 90
    for line in (
        _("Cách điền tệp đăng ký thi đua"),
        _("Phần I: mỗi dòng một danh hiệu, hình thức tập thể đăng ký, kèm chỉ tiêu (chọn trong danh sách)."),
        _(
            "Phần II: danh sách người lao động của đơn vị; ghi danh hiệu cho người đăng ký, để trống với người không "
            "đăng ký. Người đăng ký hai danh hiệu: thêm một dòng cùng họ tên."
        ),
        _(
            "Tệp được kiểm tra toàn bộ trước khi ghi: có lỗi ở bất kỳ dòng nào thì chưa ghi gì; lỗi nêu rõ dòng, cột."
        ),
        _("Nhập tệp sẽ thay toàn bộ nội dung đăng ký đang soạn của đơn vị bằng nội dung của tệp."),
    ):
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([])
    for described in [*COLLECTIVE_COLUMNS[1:], *PEOPLE_COLUMNS[1:]]:
        guide.append([described.header, described.help])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
