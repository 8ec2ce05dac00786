"""Import of the enterprise lists that tax and planning offices give (.xlsx): one row an enterprise, matched by its
tax code — a known code updates the enterprise's facts, a new one registers it. Read through the spreadsheet kit
(bounded reading, header found wherever it is, legacy encodings, every error by row and column in one pass), all or
nothing, written by ``actions.upsert_enterprises``.

The upper-level union that follows a new enterprise is the one chosen on the import page, or the one whose code the
row gives ("Mã CĐ cấp trên"); the user must manage enterprises there. Localities are resolved as orgs resolves
them: today's communes and wards, or a pre-2025 ward with its old district converted to today's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.spreadsheets.cells import Choices, parse_count
from thidua.core.spreadsheets.layout import RowReader, checked_rows
from thidua.core.spreadsheets.results import PREVIEW_ROWS, Column, ImportResult
from thidua.core.spreadsheets.runner import chunked, run_import
from thidua.core.spreadsheets.templates import template_workbook
from thidua.orgs.imports.checking import resolve_province, resolve_ward
from thidua.orgs.models import Level, Unit

from . import actions, taxcode
from .models import OWNERSHIPS, Enterprise
from .permissions import can_edit_enterprise, can_manage_enterprises

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KIND = "enterprises.import"
OWNERSHIP = Choices(
    SimpleNamespace(choices=OWNERSHIPS),
    {
        "state_enterprise": ("DNNN", "DN nhà nước", "Nhà nước", "Doanh nghiệp nhà nước", "Công ty nhà nước"),
        "fdi": ("FDI", "DN FDI", "DN có vốn đầu tư nước ngoài", "DN có vốn ĐTNN", "DN vốn nước ngoài",
                "Vốn đầu tư nước ngoài", "ĐTNN", "100% vốn nước ngoài"),
        "private": ("DN ngoài nhà nước", "Ngoài nhà nước", "DN ngoài quốc doanh", "Ngoài quốc doanh", "DN tư nhân",
                    "Tư nhân", "DNTN", "Doanh nghiệp tư nhân", "Công ty TNHH", "Công ty cổ phần", "TNHH", "Cổ phần"),
        "cooperative": ("HTX", "Hợp tác xã", "Liên hiệp HTX", "Liên hiệp hợp tác xã"),
    },
)  # fmt: skip
COLUMNS = [
    Column("row_number", "STT", aliases=("TT", "Số TT"), width=6, example=1),
    Column("tax_code", "Mã số thuế", required=True, aliases=("MST", "Mã số DN", "Mã số doanh nghiệp", "Mã số thuế DN"),
           width=16, text=True, example="0100233488",
           help="10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số với chi nhánh. Nhập lại tệp có cùng mã số thuế thì "
                "cập nhật doanh nghiệp, không tạo trùng."),
    Column("name", "Tên doanh nghiệp", required=True, aliases=("Tên DN", "Tên", "Tên công ty", "Tên đơn vị"),
           width=44, example="Công ty TNHH Chế biến Dừa Lương Quới",
           help="Tên đầy đủ theo giấy chứng nhận đăng ký doanh nghiệp (tối đa 300 ký tự)."),
    Column("ownership", "Loại hình", required=True,
           aliases=("Loại hình DN", "Loại hình doanh nghiệp", "Loại hình sở hữu", "Khu vực", "Thành phần kinh tế"),
           width=20, example="DN FDI", choices=tuple(OWNERSHIP.labels.values()),
           allowed="; ".join(OWNERSHIP.labels.values()) + ". Viết tắt: DNNN, DN FDI, DN ngoài nhà nước, HTX.",
           help="Loại hình sở hữu của doanh nghiệp."),
    Column("industry", "Ngành nghề", aliases=("Ngành nghề kinh doanh", "Ngành nghề chính", "Ngành kinh doanh"),
           width=30, example="Chế biến thực phẩm", help="Ngành nghề kinh doanh chính (tối đa 200 ký tự)."),
    Column("workforce", "Số lao động", aliases=("Tổng số lao động", "Lao động", "Số LĐ"), width=12, example=350,
           help="Số người lao động (số nguyên)."),
    Column("province", "Tỉnh/Thành phố", aliases=("Tỉnh", "Tỉnh/TP", "Tỉnh, thành phố"), width=16,
           example="Vĩnh Long", help="Tên tỉnh, thành phố; tên cũ trước sắp xếp 2025 (ví dụ Bến Tre) được chuyển sang "
                                     "tên mới."),
    Column("district", "Quận/Huyện (cũ)", aliases=("Quận/Huyện", "Quận, huyện", "Huyện"), width=16,
           help="Chỉ cần khi ghi xã, phường theo địa giới trước 01/7/2025."),
    Column("ward", "Xã/Phường", aliases=("Xã, phường", "Phường/Xã", "Xã/Phường/Thị trấn"), width=18,
           example="Phường An Hội", help="Tên xã, phường hiện nay; hoặc tên cũ kèm cột Quận/Huyện (cũ)."),
    Column("address", "Địa chỉ", aliases=("Địa chỉ trụ sở", "Trụ sở"), width=36, example="Khu công nghiệp Giao Long",
           help="Số nhà, đường, ấp, khu phố, khu công nghiệp (tối đa 300 ký tự)."),
    Column("upper_code", "Mã CĐ cấp trên", aliases=("Mã công đoàn cấp trên", "Mã CĐ cấp trên theo dõi"), width=16,
           help="Mã của công đoàn cấp trên trực tiếp cơ sở theo dõi doanh nghiệp; để trống thì dùng đơn vị chọn khi "
                "nhập."),
    Column("union_code", "Mã CĐCS", aliases=("Mã công đoàn cơ sở", "Mã CĐCS (nếu có)"), width=14,
           help="Doanh nghiệp đã có công đoàn: mã của công đoàn cơ sở trong hệ thống (chỉ với doanh nghiệp mới)."),
]  # fmt: skip
HEADERS = {c.key: c.header for c in COLUMNS}
UPDATABLE = [
    "name",
    "ownership",
    "industry",
    "workforce",
    "province_code",
    "ward_code",
    "address",
    "upper_unit",
]


@dataclass
class Row:
    row: int
    tax_code: str
    values: dict[str, Any] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)
    upper_code: str = ""
    union_code: str = ""
    existing: Enterprise | None = None
    union_unit: Unit | None = None
    changes: dict[str, Any] = field(default_factory=dict)


def import_enterprises(file, *, by: User | None, upper_unit: Unit | None, progress=None,
                       dry_run: bool = False) -> ImportResult:  # fmt: skip
    """Import enterprises from an .xlsx (a path or a binary file object). Nothing is written when any row is wrong."""

    def body(sheets, result, *, by, progress, dry_run):
        _import(sheets, result, by=by, upper_unit=upper_unit, progress=progress, dry_run=dry_run)

    return run_import(KIND, file, body, by=by, progress=progress, dry_run=dry_run, noun=_("doanh nghiệp"))


def template() -> bytes:
    return template_workbook(COLUMNS, sheet_title=_("Doanh nghiệp"),
                             guide_heading=[_("Danh sách doanh nghiệp – hướng dẫn ghi"),
                                            _("Mỗi dòng một doanh nghiệp; dòng tiêu đề có thể ở bất kỳ dòng nào.")],
                             text_keys=["tax_code"])  # fmt: skip


def _read(reader: RowReader) -> Row:
    raw_code = reader.text("tax_code", required=True, max_length=20)
    code = ""
    if raw_code:
        try:
            code = taxcode.validate(raw_code)
        except ValidationError as error:
            reader.fail("tax_code", " ".join(error.messages))
    item = Row(row=reader.number, tax_code=code)
    item.values["name"] = reader.text("name", required=True, max_length=300)
    item.values["ownership"] = reader.parse("ownership", OWNERSHIP, required=True) or ""
    item.present |= {"name", "ownership"}
    for key, read in (("industry", lambda: reader.text("industry", max_length=200)),
                      ("workforce", lambda: reader.parse("workforce", parse_count)),
                      ("address", lambda: reader.text("address", max_length=300))):  # fmt: skip
        if reader.has(key):
            item.values[key] = read()
            item.present.add(key)
    if reader.has("province") or reader.has("ward"):
        _locality(reader, item)
    item.upper_code = reader.text("upper_code", max_length=40) if reader.has("upper_code") else ""
    item.union_code = reader.text("union_code", max_length=40) if reader.has("union_code") else ""
    return item


def _locality(reader: RowReader, item: Row) -> None:
    province, ward, district = reader.text("province"), reader.text("ward"), reader.text("district")
    item.present |= {"province_code", "ward_code"}
    item.values["province_code"], item.values["ward_code"] = "", ""
    if not province and not ward:
        return
    if not province:
        reader.fail("ward", _("Cần ghi cả Tỉnh/Thành phố khi ghi Xã/Phường."))
        return
    if not ward:
        code = resolve_province(province)
        if code is None:
            reader.fail("province", _("Không tìm thấy tỉnh, thành phố “%(name)s”.") % {"name": province})
        else:
            item.values["province_code"] = code
        return
    found = resolve_ward(province, ward, district)
    if found is None:
        reader.fail("ward", _("Không tìm thấy xã, phường “%(ward)s” thuộc “%(province)s” (kể cả theo địa giới trước "
                              "01/7/2025 — khi đó cần ghi thêm cột “Quận/Huyện (cũ)”).")
                    % {"ward": ward, "province": province})  # fmt: skip
        return
    item.values["province_code"], item.values["ward_code"], converted = found
    if converted:
        item.values["_converted"] = True


def _import(sheets, result: ImportResult, *, by: User | None, upper_unit: Unit | None, progress,
            dry_run: bool) -> None:  # fmt: skip
    rows: list[Row] = []
    seen: dict[str, int] = {}
    converted = 0
    for reader in checked_rows(sheets, COLUMNS, result, name_key="name", progress=progress, every=500):
        item = _read(reader)
        converted += 1 if item.values.pop("_converted", False) else 0
        if item.tax_code and item.tax_code in seen:
            reader.fail("tax_code", _("Mã số thuế “%(code)s” trùng với dòng %(other)s.")
                        % {"code": item.tax_code, "other": seen[item.tax_code]})  # fmt: skip
        elif item.tax_code:
            seen[item.tax_code] = item.row
        if not reader.failed:
            rows.append(item)
    if converted:
        result.notes.append(_("Đã chuyển %(n)s địa chỉ theo địa giới trước ngày 01/7/2025 sang xã, phường hiện nay.")
                            % {"n": converted})  # fmt: skip
    existing: dict[str, Enterprise] = {}
    for part in chunked([r.tax_code for r in rows], 500):
        existing.update({e.tax_code: e for e in Enterprise.objects.filter(tax_code__in=part).select_related(
            "upper_unit")})  # fmt: skip
    codes = {r.upper_code for r in rows if r.upper_code} | {r.union_code for r in rows if r.union_code}
    units: dict[str, Unit] = {}
    for part in chunked(sorted(codes), 500):
        units.update({u.code: u for u in Unit.objects.filter(code__in=part)})
    for item in rows:
        _check(item, existing, units, upper_unit, by, result)
    if result.errors:
        return
    for item in rows:
        if item.existing is None:
            result.created += 1
        elif item.changes:
            result.updated += 1
        else:
            result.unchanged += 1
    _preview(rows, result)
    if dry_run:
        return
    progress(0, len(rows), _("Đang ghi dữ liệu"))
    actions.upsert_enterprises(
        [actions.registry.EnterpriseUpsert(tax_code=r.tax_code, values=r.values, existing=r.existing,
                                           union_unit=r.union_unit, changes=r.changes) for r in rows],
        by=by, today=timezone.localdate(), note=_("Nhập từ Excel"),
    )  # fmt: skip
    result.written = True
    progress(len(rows), len(rows), _("Đã ghi xong"))


def _check(item: Row, existing, units, upper_unit: Unit | None, by, result: ImportResult) -> None:
    upper = upper_unit
    if item.upper_code:
        upper = units.get(item.upper_code)
        if upper is None or (by is not None and not can_manage_enterprises(by, upper)):
            result.error(item.row, HEADERS["upper_code"],
                         _("Không tìm thấy công đoàn cấp trên có mã “%(code)s” mà bạn được quản lý doanh nghiệp.")
                         % {"code": item.upper_code})  # fmt: skip
            return
        if upper.level == Level.GRASSROOTS:
            result.error(item.row, HEADERS["upper_code"],
                         _("“%(unit)s” là công đoàn cơ sở, không theo dõi doanh nghiệp.") % {"unit": upper})  # fmt: skip
            return
    item.existing = existing.get(item.tax_code)
    if item.existing is not None:
        enterprise = item.existing
        if by is not None and not can_edit_enterprise(by, enterprise):
            result.error(item.row, HEADERS["tax_code"],
                         _("Doanh nghiệp có mã số thuế “%(code)s” do công đoàn cấp trên khác theo dõi (hoặc đã lưu "
                           "trữ): không cập nhật được.") % {"code": item.tax_code})  # fmt: skip
            return
        if item.union_code and (
            enterprise.union_unit is None or enterprise.union_unit.code != item.union_code
        ):
            result.error(item.row, HEADERS["union_code"],
                         _("Doanh nghiệp đã có trong danh sách: ghi nhận công đoàn cơ sở trên trang của doanh nghiệp, "
                           "không qua nhập Excel."))  # fmt: skip
            return
        wanted = {k: v for k, v in item.values.items() if k in item.present}
        if item.upper_code and upper is not None:
            wanted["upper_unit"] = upper
        for key, value in wanted.items():
            current = enterprise.upper_unit if key == "upper_unit" else getattr(enterprise, key)
            if value != current:
                item.changes[key] = value
        if "upper_unit" in item.changes and enterprise.union_unit_id and not (
                enterprise.union_unit.path.startswith(upper.path)):  # fmt: skip
            result.error(item.row, HEADERS["upper_code"],
                         _("Công đoàn cơ sở của doanh nghiệp không trực thuộc “%(unit)s”.") % {"unit": upper})  # fmt: skip
        return
    if upper is None:
        result.error(item.row, HEADERS["upper_code"],
                     _("Chưa có công đoàn cấp trên theo dõi: chọn đơn vị khi nhập hoặc ghi cột “Mã CĐ cấp trên”."))  # fmt: skip
        return
    if by is not None and not can_manage_enterprises(by, upper):
        result.error(item.row, HEADERS["upper_code"],
                     _("Bạn không được quản lý doanh nghiệp của “%(unit)s”.") % {"unit": upper})  # fmt: skip
        return
    item.values["upper_unit"] = upper
    for key in ("industry", "address", "province_code", "ward_code"):
        item.values.setdefault(key, "")
    if item.union_code:
        union = units.get(item.union_code)
        if union is None or union.level != Level.GRASSROOTS or not union.path.startswith(upper.path):
            result.error(item.row, HEADERS["union_code"],
                         _("Không tìm thấy công đoàn cơ sở có mã “%(code)s” trực thuộc “%(unit)s”.")
                         % {"code": item.union_code, "unit": upper})  # fmt: skip
            return
        item.union_unit = union


def _preview(rows: list[Row], result: ImportResult) -> None:
    result.preview_columns = [_("Dòng"), _("Kết quả"), "Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Ngành nghề",
                              "Số lao động", "Mã tỉnh/xã", "CĐ cấp trên"]  # fmt: skip
    labels = dict(OWNERSHIPS)
    for item in rows[:PREVIEW_ROWS]:
        state = "new" if item.existing is None else ("updated" if item.changes else "unchanged")
        values = item.values if item.existing is None else {**{k: getattr(item.existing, k) for k in
                                                               ("name", "ownership", "industry", "workforce",
                                                                "province_code", "ward_code")}, **item.changes}  # fmt: skip
        upper = values.get("upper_unit") or (item.existing.upper_unit if item.existing else None)
        result.preview.append({
            "row": item.row, "state": state,
            "status": {"new": _("Mới"), "updated": _("Cập nhật"), "unchanged": _("Không đổi")}[state],
            "cells": [item.tax_code, values.get("name", ""), str(labels.get(values.get("ownership", ""), "")),
                      values.get("industry", ""), "" if values.get("workforce") is None else values["workforce"],
                      "/".join(filter(None, [values.get("province_code", ""), values.get("ward_code", "")])),
                      upper.name if upper else ""],
        })  # fmt: skip
