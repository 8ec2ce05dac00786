"""Exclusions from Excel through the spreadsheet kit: every error by row and column and nothing written, or every
row recorded through the action (imported, audited); the page's preview and confirmation."""

import datetime

import pytest
from openpyxl import Workbook

from thidua.core.models import AuditEvent
from thidua.eligibility.imports import import_exclusions
from thidua.eligibility.models import Exclusion

D = datetime.date
pytestmark = pytest.mark.django_db
HEADER = ["STT", "Họ và tên", "Số CCCD", "Mã CĐCS", "Loại", "Hình thức kỷ luật", "Từ ngày", "Đến ngày",
          "Số ngày làm việc", "Căn cứ"]  # fmt: skip


def workbook(rows, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH KỶ LUẬT, NGHỈ VIỆC NĂM 2017"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    path = tmp_path / "su-viec.xlsx"
    wb.save(path)
    return str(path)


GOOD = [
    [1, "Trần Trung Hào", "083080000001", "MAY", "Kỷ luật", "Khiển trách", D(2017, 6, 1), D(2018, 5, 31), None,
     "QĐ 35/QĐ-CTY"],
    [2, "Nguyễn Thị Đào", None, "MAY", "Thai sản", None, D(2017, 2, 1), D(2017, 7, 31), None, "QĐ 12/QĐ-CTY"],
    [3, "Lê Văn Đức", None, "MAY", "Nghỉ việc", None, D(2017, 3, 1), D(2017, 4, 30), 41, "Bảng chấm công"],
]  # fmt: skip


def test_a_good_file_records_every_row(tmp_path, users):
    result = import_exclusions(workbook(GOOD, tmp_path), by=users.grassroots_officer)
    assert result.written, result.errors
    assert sorted(Exclusion.objects.values_list("kind", "origin")) == [
        ("absence", "imported"),
        ("discipline", "imported"),
        ("maternity", "imported"),
    ]
    assert AuditEvent.objects.filter(action="create", content_type__model="exclusion").count() == 3


def test_errors_name_row_and_column_and_nothing_is_written(tmp_path, users):
    bad = [
        GOOD[0],
        [2, "Nguyễn Thị Đào", None, "MAY", "Kỷ luật", None, D(2017, 2, 1), None, None, "QĐ 1"],
        [3, "Người Không Có", None, "MAY", "Thai sản", None, D(2017, 2, 1), None, None, "QĐ 2"],
        [4, "Võ Thị Hồng", None, "GIAY", "Thai sản", None, D(2017, 2, 1), None, None, "QĐ 3"],
        [5, "Lê Văn Đức", None, "MAY", "Nghỉ việc", None, D(2017, 3, 9), D(2017, 3, 1), None, "Chấm công"],
    ]  # fmt: skip
    result = import_exclusions(workbook(bad, tmp_path), by=users.grassroots_officer)
    assert not result.written
    found = {(e["row"], e["column"]) for e in result.errors}
    assert {(4, "Hình thức kỷ luật"), (5, "Họ và tên"), (6, "Mã CĐCS"), (7, "Số ngày làm việc"),
            (7, "Đến ngày")} <= found  # fmt: skip
    assert not Exclusion.objects.exists()


def test_a_fact_already_recorded_is_refused(tmp_path, users):
    assert import_exclusions(workbook(GOOD[:1], tmp_path), by=users.grassroots_officer).written
    again = import_exclusions(workbook(GOOD[:1], tmp_path), by=users.grassroots_officer)
    assert not again.written and "đã có trong hệ thống" in again.errors[0]["message"]


def test_the_page_previews_then_confirms(client_for, users, tmp_path):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(users.grassroots_officer)
    assert client.get("/xet-dieu-kien/nhap-excel/tep-mau/").status_code == 200
    with open(workbook(GOOD, tmp_path), "rb") as f:
        upload = SimpleUploadedFile("su-viec.xlsx", f.read())
    html = client.post("/xet-dieu-kien/nhap-excel/", {"file": upload}).content.decode()
    assert 'data-testid="import-ok"' in html
    assert not Exclusion.objects.exists()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert client.post("/xet-dieu-kien/nhap-excel/xac-nhan/", {"token": token}).status_code == 302
    assert Exclusion.objects.count() == 3


def test_the_import_page_is_refused_to_readers(client_for, users):
    assert client_for(users.council_member).get("/xet-dieu-kien/nhap-excel/").status_code == 403
