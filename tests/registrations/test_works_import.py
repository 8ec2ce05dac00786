"""Research topics and congress works from Excel: the template, all-or-nothing registration through the actions,
errors by row and column, hostile files refused, the upload → preview → confirm pages, scoped units."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.core.test_spreadsheets import crafted_xlsx
from thidua.core.models import AuditEvent
from thidua.registrations import works_import
from thidua.registrations.models import CongressWork, ResearchTopic

from .test_emulation_upload import DIMENSION_BOMB, XML_BOMB

pytestmark = pytest.mark.django_db
D = datetime.date
TOPIC_HEADER = ["STT", "Tên đề tài", "Đơn vị", "Lĩnh vực", "Cấp đề tài", "Chủ nhiệm đề tài", "Thành viên tham gia",
                "Bắt đầu", "Kết thúc (dự kiến)", "Kinh phí (đồng)", "Nguồn kinh phí"]  # fmt: skip
MARCH_1, DECEMBER_31 = D(2017, 3, 1), D(2017, 12, 31)
WORK_HEADER = ["STT", "Tên công trình, sản phẩm", "Mã đơn vị", "Loại", "Giá trị (đồng)", "Chào mừng Đại hội",
               "Nhiệm kỳ", "Dự kiến hoàn thành"]  # fmt: skip


def xlsx(header, rows, *, title_rows=()) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in (*title_rows, header, *rows):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def topic(title, unit="Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", level="Cấp cơ sở",
          lead="Trần Trung Hào", team="Nguyễn Thị Đào – thư ký; Kỹ sư Lâm Văn Ngoài – thành viên",
          start=MARCH_1, end=DECEMBER_31, budget=30_000_000):  # fmt: skip
    return [1, title, unit, "Tổ chức công đoàn", level, lead, team, start, end, budget, "Tài chính công đoàn"]


def counts():
    return ResearchTopic.objects.count(), CongressWork.objects.count(), AuditEvent.objects.count()


def test_topics_are_registered_through_the_action_with_people_linked(users, tree, people):
    file = xlsx(TOPIC_HEADER, [topic("Nâng cao chất lượng bữa ăn ca"),
                               topic("Tổ chức công đoàn ở trường học", unit="THPT", lead="Huỳnh Thị Mai", team="",
                                     start="01/09/2017", end="31/05/2018", budget="12.000.000")],
                title_rows=[["DANH SÁCH ĐỀ TÀI ĐĂNG KÝ NĂM 2017"]])  # fmt: skip
    result = works_import.import_file(works_import.TOPICS, file, by=users.district_leader)
    assert result.error_lines() == []
    assert (result.written, result.created) == (True, 2)
    first = ResearchTopic.objects.get(title="Nâng cao chất lượng bữa ăn ca")
    assert (first.unit, first.lead, first.level, first.year, first.budget_vnd) == (
        tree.MAY, people.tran_hao, "grassroots", 2017, 30_000_000)  # fmt: skip
    assert [(m.full_name, m.person_id, m.role) for m in first.members.order_by("position", "id")] == [
        ("Nguyễn Thị Đào", people.nguyen_dao.pk, "thư ký"), ("Kỹ sư Lâm Văn Ngoài", None, "thành viên")]  # fmt: skip
    second = ResearchTopic.objects.get(unit=tree.THPT)
    assert (second.lead, second.start_on, second.end_on, second.budget_vnd) == (
        people.huynh_mai, D(2017, 9, 1), D(2018, 5, 31), 12_000_000)  # fmt: skip
    assert (
        AuditEvent.objects.filter(action="register", object_id__in=[str(first.pk), str(second.pk)]).count()
        == 2
    )
    assert list(first.events.values_list("action", flat=True)) == ["register"]


def test_errors_name_row_and_column_and_nothing_is_written(users, tree):
    works_import.import_file(
        works_import.TOPICS, xlsx(TOPIC_HEADER, [topic("Đề tài đã có")]), by=users.district_leader
    )
    before = counts()
    file = xlsx(TOPIC_HEADER, [
        topic("Đề tài tốt"),
        topic("Đề tài của Trà Vinh", unit="Công đoàn cơ sở Công ty TNHH Giày Trà Vinh"),  # outside the scope
        topic("Đề tài của Dừa", unit="DUA"),  # inside the province, not below the district: not theirs
        topic("Cấp lạ", level="Cấp vũ trụ"),
        topic("Ngược thời gian", start=D(2017, 6, 1), end=D(2017, 1, 1)),
        topic("Đề tài tốt"),  # the same as row 2
        topic("Đề tài đã có"),  # already registered
        topic("", lead=""),
        topic("Ngày lạ", start="31/02/2017"),
    ])  # fmt: skip
    result = works_import.import_file(works_import.TOPICS, file, by=users.district_leader)
    assert result.error_lines() == [
        "Dòng 3, cột “Đơn vị”: Không có đơn vị “Công đoàn cơ sở Công ty TNHH Giày Trà Vinh” trong các đơn vị bạn "
        "được đăng ký.",
        "Dòng 4, cột “Đơn vị”: Không có đơn vị “DUA” trong các đơn vị bạn được đăng ký.",
        "Dòng 5, cột “Cấp đề tài”: “Cấp vũ trụ” không phải giá trị hợp lệ. Giá trị được chấp nhận: Cấp cơ sở; Cấp "
        "tỉnh, bộ, ngành; Cấp Tổng Liên đoàn; Cấp nhà nước.",
        "Dòng 6, cột “Kết thúc (dự kiến)”: Kết thúc (01/01/2017) trước khi bắt đầu (01/06/2017).",
        "Dòng 7, cột “Tên đề tài”: Trùng với dòng 2.",
        "Dòng 8, cột “Tên đề tài”: “Đề tài đã có” của Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre năm 2017 đã "
        "được đăng ký trong hệ thống.",
        "Dòng 9, cột “Tên đề tài”: Không được để trống.",
        "Dòng 9, cột “Chủ nhiệm đề tài”: Không được để trống.",
        "Dòng 10, cột “Bắt đầu”: Ngày “31/02/2017” không có thật.",
    ]
    assert not result.written
    assert counts() == before


def test_works_are_registered_by_unit_code(users, tree):
    file = xlsx(WORK_HEADER, [
        [1, "Nhà Mái ấm Công đoàn cho chị Nguyễn Thị Đào", "MAY", "Công trình phúc lợi, xã hội", 50_000_000,
         "Đại hội XI Công đoàn tỉnh Bến Tre", "2018 - 2023", D(2018, 6, 30)],
        [2, "Sân bóng đá mini cho công nhân", "may", "Công trình", "", "Đại hội XI Công đoàn tỉnh Bến Tre",
         "2018 – 2023", "30/05/2018"],
    ])  # fmt: skip
    result = works_import.import_file(works_import.WORKS, file, by=users.grassroots_officer)
    assert result.error_lines() == []
    works = list(CongressWork.objects.order_by("name").values_list("name", "unit__code", "kind", "value_vnd",
                                                                  "congress_term", "planned_on"))  # fmt: skip
    assert works == [
        (
            "Nhà Mái ấm Công đoàn cho chị Nguyễn Thị Đào",
            "MAY",
            "welfare",
            50_000_000,
            "2018 – 2023",
            D(2018, 6, 30),
        ),
        ("Sân bóng đá mini cho công nhân", "MAY", "construction", 0, "2018 – 2023", D(2018, 5, 30)),
    ]
    again = works_import.import_file(works_import.WORKS, file, by=users.grassroots_officer)
    assert len(again.errors) == 2 and not again.written


def test_a_missing_column_is_named(users):
    result = works_import.import_file(works_import.WORKS, xlsx(WORK_HEADER[:5], [[1, "Tên", "MAY", "Sản phẩm", 1]]),
                                      by=users.grassroots_officer)  # fmt: skip
    assert not result.written
    assert any("Chào mừng Đại hội" in line for line in result.error_lines())


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: io.BytesIO(bytes(range(256)) * 16), "không phải tệp Excel (.xlsx) hợp lệ"),
        (lambda: crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576"), "quá 200 cột"),
        (lambda: crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["Tên đề tài " * 200_000]),
         "một ô có hơn 32.767 ký tự"),
        (lambda: crafted_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&d;&d;&d;</t></is></c></row>',
                              doctype=XML_BOMB), ""),
    ],
    ids=["random-bytes", "dimension-bomb", "giant-cell", "xml-bomb"],
)  # fmt: skip
@pytest.mark.parametrize("kind", [works_import.TOPICS, works_import.WORKS])
def test_hostile_files_are_refused_in_vietnamese_and_write_nothing(users, kind, file, message):
    before = counts()
    result = works_import.import_file(kind, file(), by=users.province_officer)
    assert len(result.errors) == 1
    assert message in result.error_lines()[0]
    assert not result.written and counts() == before


def test_template_offers_the_users_units_and_the_levels(users):
    book = load_workbook(io.BytesIO(works_import.template(works_import.TOPICS, users.district_leader)))
    assert book.sheetnames == ["Đề tài", "Hướng dẫn", "Danh mục"]
    header = [c.value for c in next(book["Đề tài"].iter_rows())]
    assert header[:3] == ["STT", "Tên đề tài", "Đơn vị"]
    lists = [row for row in book["Danh mục"].iter_rows(values_only=True)]
    units = {row[0] for row in lists if row[0]}
    assert units == {"Liên đoàn Lao động huyện Châu Thành", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre",
                     "Công đoàn cơ sở Trường THPT Châu Thành A"}  # fmt: skip
    assert {row[1] for row in lists if row[1]} == {"Cấp cơ sở", "Cấp tỉnh, bộ, ngành", "Cấp Tổng Liên đoàn",
                                                   "Cấp nhà nước"}  # fmt: skip
    validations = book["Đề tài"].data_validations.dataValidation
    assert len(validations) == 2


# --- the pages ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["topic", "work"])
def test_preview_then_confirm(client_for, users, prefix):
    client = client_for(users.grassroots_officer)
    url = reverse(f"works:{prefix}-import")
    assert client.get(url).status_code == 200
    assert client.get(reverse(f"works:{prefix}-import-template"))["Content-Type"].startswith(
        "application/vnd.openxmlformats")  # fmt: skip
    if prefix == "topic":
        file = xlsx(TOPIC_HEADER, [topic("Nâng cao chất lượng bữa ăn ca")])
    else:
        file = xlsx(WORK_HEADER, [[1, "Sân bóng đá mini", "MAY", "Sản phẩm", 1_500_000,
                                   "Đại hội XI Công đoàn tỉnh Bến Tre", "2018 – 2023", D(2018, 6, 30)]])  # fmt: skip
    file.name = "nhap.xlsx"
    response = client.post(url, {"file": file})
    assert response.status_code == 200
    assert response.context["result"].ok
    assert "1.500.000" in response.content.decode() or prefix == "topic"
    assert counts()[:2] == (0, 0)  # only checked so far
    token = response.context["token"]
    done = client.post(reverse(f"works:{prefix}-import-confirm"), {"token": token})
    assert done.status_code == 302
    assert sum(counts()[:2]) == 1
    again = client.post(
        reverse(f"works:{prefix}-import-confirm"), {"token": token}
    )  # the token is taken once
    assert again.status_code == 302 and sum(counts()[:2]) == 1


def test_errors_are_shown_and_nothing_is_staged(client_for, users):
    client = client_for(users.grassroots_officer)
    file = xlsx(TOPIC_HEADER, [topic("Cấp lạ", level="Cấp vũ trụ")])
    file.name = "nhap.xlsx"
    response = client.post(reverse("works:topic-import"), {"file": file})
    assert response.context["token"] == ""
    assert (
        "Dòng 2, cột “Cấp đề tài”" in response.content.decode() or "Cấp vũ trụ" in response.content.decode()
    )


def test_only_officers_and_leaders_import(client_for, users):
    for name in ("topic-import", "topic-import-template", "work-import", "work-import-template"):
        assert client_for(users.council_member).get(reverse(f"works:{name}")).status_code == 403
