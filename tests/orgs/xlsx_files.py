"""Building small .xlsx files in tests, shaped like the spreadsheets federations keep."""

import io

import openpyxl

UNIT_HEADER = ["STT", "Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Cấp", "Mã đơn vị cấp trên", "Khu vực/Loại hình",
               "Tỉnh/Thành phố", "Xã/Phường", "Địa chỉ", "Số lao động", "Ngày thành lập"]  # fmt: skip
PEOPLE_HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Điện thoại", "Mã CĐCS", "Số thẻ đoàn viên",
                 "Ngày vào công đoàn", "Chức vụ công đoàn", "Đối tượng", "CN trực tiếp sản xuất", "Đoàn viên"]  # fmt: skip
TITLE = [["LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE"], ["DANH SÁCH ĐOÀN VIÊN NĂM 2017"], []]


def xlsx(rows, *, title_rows=(), number_formats=None) -> io.BytesIO:
    """A workbook whose first sheet holds ``title_rows`` then ``rows``; ``number_formats`` {(row, col): fmt}."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    for row in [*title_rows, *rows]:
        sheet.append(list(row))
    for (row, col), fmt in (number_formats or {}).items():
        sheet.cell(row=row, column=col).number_format = fmt
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def read_xlsx(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))
