"""History from before the system, from .xlsx: all or nothing, every error naming its row and column."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEvent
from thidua.rewards import imports
from thidua.rewards.models import AwardRecord

from .builders import issued, person_line, register

D = datetime.date
pytestmark = pytest.mark.django_db
YEAR_END_2015 = D(2015, 12, 28)
HEADER = ["STT", "Số CCCD hoặc mã hồ sơ", "Họ và tên", "Mã đơn vị (tập thể)", "Danh hiệu, hình thức",
          "Năm thành tích", "Số quyết định", "Ngày quyết định", "Cơ quan quyết định", "Tiền thưởng (đồng)"]  # fmt: skip


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in (HEADER, *rows):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def row(n, person="083080000001", name="", unit="", award="Lao động tiên tiến", year=2015, number="125/QĐ-CĐ",
        day=YEAR_END_2015, issuer="Công ty TNHH May Việt Tiến Bến Tre", amount=None):  # fmt: skip
    return [n, person, name, unit, award, year, number, day, issuer, amount]


def test_history_enters_the_permanent_record(tree, people, users):
    file = xlsx([
        row(1, name="Trần Trung Hào", amount=363_000),
        row(2, person=str(people.huynh_mai.pk), award="cstd-co-so", year=2016, day=D(2016, 12, 20), issuer="CT"),
        row(3, person="", unit="MAY", award="Tập thể lao động tiên tiến", number="", day=None, issuer=""),
    ])  # fmt: skip
    result = imports.import_history(file, by=users.district_leader, unit=tree.CT)
    assert result.errors == [] and result.written
    records = AwardRecord.objects.order_by("id")
    assert [(r.person, r.unit, r.award.code, r.year, r.source, r.decision_number, r.issuer_label, r.amount)
            for r in records] == [
        (people.tran_hao, None, "lao-dong-tien-tien", 2015, "imported", "125/QĐ-CĐ",
         "Công ty TNHH May Việt Tiến Bến Tre", 363_000),
        (people.huynh_mai, None, "cstd-co-so", 2016, "imported", "125/QĐ-CĐ", tree.CT.name, 0),
        (None, tree.MAY, "tt-ld-tien-tien", 2015, "imported", "", "", 0),
    ]  # fmt: skip
    assert records[1].issuer == tree.CT and records[0].unit_at_time == tree.MAY
    assert AuditEvent.objects.filter(action="import_awards").count() == 1


def test_errors_name_row_and_column_and_nothing_is_written(tree, people, users):
    issued(register(tree.BT), [person_line(people.nguyen_dao)])
    before = AwardRecord.objects.count()
    file = xlsx([
        row(1),
        row(2, person="084087000009"),  # Phạm Văn Bình, Trà Vinh: outside
        row(3, person="", unit="DUA"),  # a unit under the province, not under the district
        row(4, award="Huân chương vũ trụ"),
        row(5, year=2099),
        row(6, name="Nguyễn Văn Khác"),
        row(7),  # the same as row 1
        row(8, person="083192000002", year=2017, day=D(2017, 12, 20)),  # Nguyễn Thị Đào's 2017 title, already decided in the system
        row(9, unit="MAY"),  # both a person and a unit
        row(10, day="31/02/2015"),
    ])  # fmt: skip
    result = imports.import_history(file, by=users.district_leader, unit=tree.CT)
    assert result.error_lines() == [
        "Dòng 3, cột “Số CCCD hoặc mã hồ sơ”: Không tìm thấy người lao động “084087000009” trong phạm vi của Liên "
        "đoàn Lao động huyện Châu Thành.",
        "Dòng 4, cột “Mã đơn vị (tập thể)”: Không có đơn vị mã “DUA” trong phạm vi của Liên đoàn Lao động huyện "
        "Châu Thành.",
        "Dòng 5, cột “Danh hiệu, hình thức”: Không có “Huân chương vũ trụ” trong danh mục khen thưởng.",
        "Dòng 6, cột “Năm thành tích”: Năm phải từ 1960 đến năm nay.",
        "Dòng 7, cột “Họ và tên”: Hồ sơ “083080000001” là Trần Trung Hào, không phải “Nguyễn Văn Khác”.",
        "Dòng 8, cột “Danh hiệu, hình thức”: Trùng với dòng 2.",
        "Dòng 9, cột “Danh hiệu, hình thức”: Nguyễn Thị Đào đã có “Lao động tiên tiến” năm 2017 trong quá trình "
        "khen thưởng.",
        "Dòng 10, cột “Số CCCD hoặc mã hồ sơ”: Ghi một cá nhân (số CCCD hoặc mã hồ sơ) hoặc một tập thể (mã đơn vị), "
        "không cả hai.",
        "Dòng 11, cột “Ngày quyết định”: Ngày “31/02/2015” không có thật.",
    ]
    assert not result.written and AwardRecord.objects.count() == before


def test_the_import_pages_preview_then_confirm(client_for, tree, users):
    client = client_for(users.district_leader)
    template = client.get(reverse("rewards:history-import-template"))
    headers = [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.iter_rows(max_row=1))]
    assert "Số CCCD hoặc mã hồ sơ" in headers
    upload = SimpleUploadedFile("khen-thuong-cu.xlsx", xlsx([row(1)]).getvalue())
    preview = client.post(reverse("rewards:history-import"), {"unit": tree.CT.pk, "file": upload})
    assert preview.status_code == 200 and not AwardRecord.objects.exists()
    token = preview.context["token"]
    done = client.post(reverse("rewards:history-import-confirm"), {"token": token})
    assert done.status_code == 302 and AwardRecord.objects.get().person.full_name == "Trần Trung Hào"


def test_the_import_page_is_refused_to_those_who_may_not_reward(client_for, users):
    assert client_for(users.council_member).get(reverse("rewards:history-import")).status_code == 403
