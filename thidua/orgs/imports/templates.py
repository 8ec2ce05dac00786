"""The downloadable templates: the columns of a layout, one example row, and a "Hướng dẫn" sheet that explains
each column and the values it accepts. Generated on request from the same column list the import reads."""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.core.spreadsheets.results import Column
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes

from . import people, units

TEXT_COLUMNS = {"code", "parent_code", "national_id", "phone", "unit_code", "card_number"}
KINDS = {
    "units": (units.COLUMNS, "Đơn vị", "mau-nhap-don-vi.xlsx"),
    "people": (people.COLUMNS, "Người lao động", "mau-nhap-nguoi-lao-dong.xlsx"),
}


def template_filename(kind: str) -> str:
    return KINDS[kind][2]


def template_workbook(kind: str) -> bytes:
    columns, sheet_title, _filename = KINDS[kind]
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        sheet_title,
        [XlsxColumn(c.header, width=c.width, text=c.key in TEXT_COLUMNS) for c in columns],
        [[c.example if c.example != "" else None for c in columns]],
    )
    add_table_sheet(
        workbook,
        "Hướng dẫn",
        [
            XlsxColumn("Cột", width=24, wrap=True),
            XlsxColumn("Bắt buộc", width=10),
            XlsxColumn("Cách ghi", width=70, wrap=True),
            XlsxColumn("Giá trị được chấp nhận", width=50, wrap=True),
        ],
        [_guide_row(c) for c in columns],
        heading=_guide_heading(kind),
    )
    return workbook_bytes(workbook)


def _guide_row(column: Column) -> list[str]:
    names = column.header
    if column.aliases:
        names += "\n(" + _("hoặc") + ": " + ", ".join(column.aliases) + ")"
    return [names, "x" if column.required else "", column.help, column.allowed]


def _guide_heading(kind: str) -> list[str]:
    what = "đơn vị" if kind == "units" else "người lao động, đoàn viên"
    return [
        f"Hướng dẫn điền tệp nhập {what}",
        "Dòng tiêu đề giữ đúng tên cột (không phân biệt hoa thường, có dấu hay không); được phép có tên bảng, "
        "đơn vị lập ở các dòng phía trên dòng tiêu đề. Thứ tự cột tùy ý; cột không có trong danh sách dưới đây được bỏ qua.",
        "Xóa dòng ví dụ trước khi nhập. Ngày ghi bằng ô ngày của Excel hoặc dạng dd/mm/yyyy. Tệp soạn bằng phông "
        "TCVN3 (.VnTime) hay VNI được tự động chuyển sang Unicode.",
        "Nếu có một dòng sai, cả tệp không được nhập; danh sách lỗi nêu rõ dòng và cột cần sửa. Nhập lại cùng tệp sẽ "
        "cập nhật, không tạo trùng.",
    ]
