"""The downloadable templates, built by the spreadsheet kit from the same column lists the imports read: one example
row, drop-down lists on the coded columns, and a "Hướng dẫn" sheet."""

from __future__ import annotations

from thidua.core.spreadsheets import templates as spreadsheet_templates

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
    return spreadsheet_templates.template_workbook(
        columns, sheet_title=sheet_title, guide_heading=_guide_heading(kind), text_keys=TEXT_COLUMNS
    )


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
