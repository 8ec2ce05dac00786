"""Activities from Excel (issue 14): through ``record_activity``, all or nothing, errors by row and column in
Vietnamese, a repeated activity refused, hostile files refused by the kit, the pages scoped."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.core.test_spreadsheets import crafted_xlsx
from tests.registrations.test_emulation_upload import DIMENSION_BOMB
from tests.registrations.test_works_import import xlsx
from thidua.activities import imports
from thidua.activities.models import Activity
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = ["STT", "Đơn vị tổ chức", "Loại hoạt động", "Tên hoạt động", "Từ ngày", "Đến ngày", "Địa điểm",
          "Số người tham gia", "Trong đó nữ", "Nội dung, kết quả"]  # fmt: skip
MAY = "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre"
MAY_20, MAY_21 = D(2017, 5, 20), D(2017, 5, 21)


def row(title, *, unit=MAY, kind="Hội thi tay nghề, thi thợ giỏi", start=MAY_20, end=MAY_21,
        people=120, women=80):  # fmt: skip
    return [1, unit, kind, title, start, end, "Nhà văn hóa công nhân", people, women, "Trao 10 giải"]


def test_activities_are_recorded_through_the_action(users, tree):
    file = xlsx(HEADER, [row("Hội thi thợ may giỏi"),
                         row("Giải bóng đá công nhân", unit="THPT", kind="Thể thao", start="01/05/2017", end="",
                             people="1.200", women="")])  # fmt: skip
    result = imports.import_activities(file, by=users.district_leader)
    assert result.error_lines() == []
    assert (result.written, result.created) == (True, 2)
    rows = Activity.objects.order_by("start_on")
    assert [(a.unit.code, a.kind, a.title, a.start_on, a.end_on, a.participants, a.women) for a in rows] == [
        ("THPT", "culture_sports", "Giải bóng đá công nhân", D(2017, 5, 1), D(2017, 5, 1), 1200, 0),
        ("MAY", "skills_contest", "Hội thi thợ may giỏi", D(2017, 5, 20), D(2017, 5, 21), 120, 80)]  # fmt: skip
    audited = AuditEvent.objects.filter(
        action="create", content_type__model="activity", actor=users.district_leader
    )
    assert sorted(audited.values_list("object_id", flat=True)) == sorted(str(a.pk) for a in rows)


def test_errors_name_row_and_column_and_nothing_is_written(users, tree):
    imports.import_activities(xlsx(HEADER, [row("Hội thi đã có")]), by=users.district_leader)
    before = (Activity.objects.count(), AuditEvent.objects.count())
    file = xlsx(HEADER, [
        row("Hội thi tốt"),
        row("Ngoài phạm vi", unit="Công đoàn cơ sở Công ty TNHH Giày Trà Vinh"),
        row("Loại lạ", kind="Du lịch vũ trụ"),
        row("Ngày ngược", start=D(2017, 6, 2), end=D(2017, 6, 1)),
        row("Nữ nhiều hơn", people=10, women=11),
        row("Hội thi đã có"),
        row("Hội thi tốt"),
    ])  # fmt: skip
    result = imports.import_activities(file, by=users.district_leader)
    assert not result.written
    assert result.error_lines() == [
        "Dòng 3, cột “Đơn vị tổ chức”: Không có đơn vị “Công đoàn cơ sở Công ty TNHH Giày Trà Vinh” trong các đơn "
        "vị bạn được ghi nhận hoạt động.",
        "Dòng 4, cột “Loại hoạt động”: “Du lịch vũ trụ” không phải giá trị hợp lệ. Giá trị được chấp nhận: Phong "
        "trào thi đua ngắn ngày; Hội thi tay nghề, thi thợ giỏi; Văn hóa, văn nghệ, thể dục thể thao; Học tập, bồi "
        "dưỡng, tập huấn; Hoạt động Tháng Công nhân; Hoạt động khác.",
        "Dòng 5, cột “Đến ngày”: Ngày kết thúc (01/06/2017) trước ngày bắt đầu (02/06/2017).",
        "Dòng 6, cột “Trong đó nữ”: Số nữ tham gia không thể nhiều hơn tổng số người tham gia.",
        "Dòng 7, cột “Tên hoạt động”: “Hội thi đã có” của Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre ngày "
        "20/05/2017 đã được ghi nhận trong hệ thống.",
        "Dòng 8, cột “Tên hoạt động”: Trùng với dòng 2.",
    ]
    assert (Activity.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(("file", "message"), [
    (lambda: io.BytesIO(bytes(range(256)) * 16), "không phải tệp Excel (.xlsx) hợp lệ"),
    (lambda: crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576"), "quá 200 cột"),
    (lambda: xlsx(HEADER[:3], [[1, MAY, "Khác"]]), "Tên hoạt động"),
], ids=["random-bytes", "dimension-bomb", "missing-columns"])  # fmt: skip
def test_hostile_and_incomplete_files_are_refused_in_vietnamese(users, file, message):
    result = imports.import_activities(file(), by=users.province_officer)
    assert not result.written and message in " ".join(result.error_lines())
    assert Activity.objects.count() == 0


def test_template_offers_the_units_and_the_kinds(users):
    book = load_workbook(io.BytesIO(imports.template(users.grassroots_officer)))
    assert book.sheetnames[:2] == ["Hoạt động", "Hướng dẫn"]
    assert [c.value for c in next(book["Hoạt động"].iter_rows())] == HEADER
    lists = list(book["Danh mục"].iter_rows(values_only=True))
    assert {r[0] for r in lists if r[0]} == {"Hội thi tay nghề, thi thợ giỏi", "Phong trào thi đua ngắn ngày",
                                             "Văn hóa, văn nghệ, thể dục thể thao", "Học tập, bồi dưỡng, tập huấn",
                                             "Hoạt động Tháng Công nhân", "Hoạt động khác"} or \
        {r[1] for r in lists if len(r) > 1 and r[1]} >= {"Hội thi tay nghề, thi thợ giỏi"}  # fmt: skip
    assert MAY in {v for r in lists for v in r if v}


def test_upload_preview_confirm(client_for, users, tree):
    client = client_for(users.grassroots_officer)
    url = reverse("activities:activity-import")
    assert client.get(url).status_code == 200
    assert client.get(reverse("activities:activity-import-template"))["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    file = xlsx(HEADER, [row("Hội thi thợ may giỏi", unit="MAY")])
    file.name = "hoat-dong.xlsx"
    response = client.post(url, {"file": file})
    assert response.status_code == 200 and response.context["result"].ok
    assert "Hội thi thợ may giỏi" in response.content.decode() and Activity.objects.count() == 0
    done = client.post(reverse("activities:activity-import-confirm"), {"token": response.context["token"]})
    assert done.status_code == 302 and done["Location"] == reverse("activities:activity-list")
    assert Activity.objects.get().unit == tree.MAY


def test_only_those_who_record_activities_import(client_for, users):
    for name in ("activity-import", "activity-import-template"):
        assert client_for(users.council_member).get(reverse(f"activities:{name}")).status_code == 403
    html = client_for(users.grassroots_officer).get(reverse("activities:activity-list")).content.decode()
    assert 'data-testid="import-activities"' in html
