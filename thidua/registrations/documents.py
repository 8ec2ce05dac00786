"""The registrations app's official documents, as plain data for ``thidua.documents.render`` (DOCX, PDF).

- ``congress_works_document``: the list of works and products a unit's subtree dedicates to a congress (danh sách
  công trình, sản phẩm chất lượng cao chào mừng Đại hội), the document the federation presents at the congress:
  one ruled table (number, name, unit, kind, value, planned and actual completion, status), the totals, signed by
  the unit's standing committee. Number and date are left blank for the office to fill in when it is issued.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import translation

from thidua.core.dates import format_date
from thidua.documents.parts import OfficialDocument, grid_table, official_document, section

# Widths add up to the text width (165 mm).
WORK_COLUMNS = [
    ("TT", 9, "center"),
    ("Tên công trình, sản phẩm", 41, "left"),
    ("Đơn vị thực hiện", 30, "left"),
    ("Loại", 19, "left"),
    ("Giá trị (đồng)", 28, "right"),
    ("Hoàn thành", 21, "center"),
    ("Tình trạng", 17, "left"),
]


def money(value: int | None) -> str:
    """An amount in đồng with dots between thousands (150.000.000)."""
    return f"{value or 0:,}".replace(",", ".")


def congress_works_document(works: Iterable[Any], *, issuer: Any, congress_name: str, congress_term: str,
                            place: str = "") -> OfficialDocument:  # fmt: skip
    """The list of ``works`` (``CongressWork`` rows with their unit) dedicated to one congress, issued by
    ``issuer`` (a ``Unit``: its parent is the header's first line)."""
    with translation.override("vi"):
        return _document(list(works), issuer=issuer, congress_name=congress_name, congress_term=congress_term,
                         place=place)  # fmt: skip


def _document(works: list[Any], *, issuer: Any, congress_name: str, congress_term: str,
              place: str) -> OfficialDocument:  # fmt: skip
    congress = f"{congress_name}, nhiệm kỳ {congress_term}" if congress_term else congress_name
    rows: list[list[Any]] = []
    total = completed = 0
    for number, work in enumerate(works, start=1):
        done = work.completed_on or work.planned_on
        rows.append([
            number, work.name, work.unit.short_name or work.unit.name, work.get_kind_display(), money(work.value_vnd),
            format_date(done) if done else "", work.get_status_display(),
        ])  # fmt: skip
        total += work.value_vnd or 0
        completed += work.status == "completed"
    rows.append(["", "Tổng cộng", f"{len(works)} công trình, sản phẩm", "", money(total), "", ""])
    intro = (
        f"{issuer.name} tổng hợp danh sách công trình, sản phẩm chất lượng cao của các cấp công đoàn trong "
        f"phạm vi quản lý đăng ký thực hiện chào mừng {congress} như sau:"
    )
    summary = (
        f"Tổng số {len(works)} công trình, sản phẩm với tổng giá trị {money(total)} đồng; "
        f"đã hoàn thành {completed} công trình, sản phẩm. Cột “Hoàn thành” ghi ngày hoàn thành thực tế, hoặc "
        "ngày dự kiến đối với công trình chưa hoàn thành."
    )
    table_section = section(None, 0, [intro])
    table_section["table"] = grid_table(WORK_COLUMNS, rows, bold_rows=[len(rows) - 1])
    # The manager's get_parent (treebeard deprecates the node method); a root has none.
    parent = type(issuer).objects.get_parent(issuer) if getattr(issuer, "depth", 1) > 1 else None
    return official_document(
        issuer=issuer.name, parent_body=parent.name if parent else "", kind="Danh sách",
        place=place, year=None,
        title=f"Công trình, sản phẩm chất lượng cao chào mừng {congress}",
        sections=[table_section, section(None, 0, [summary])],
        recipients=[("Ban Thường vụ", "để báo cáo"), ("Đoàn Chủ tịch Đại hội", "để báo cáo"), ("Lưu: VT", None)],
        signer={"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": ""},
    )  # fmt: skip
