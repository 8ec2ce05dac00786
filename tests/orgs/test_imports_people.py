import datetime
import unicodedata

import pytest

from thidua.core.models import AuditEvent
from thidua.core.vnencoding import TCVN3, VNI, encode
from thidua.orgs import actions
from thidua.orgs.imports import import_people
from thidua.orgs.models import Membership, Person, Unit

from .xlsx_files import PEOPLE_HEADER, TITLE, xlsx

pytestmark = pytest.mark.django_db


def person_row(name, unit="MAY", *, gender="Nam", birth=None, nid="", phone="", card="", joined=None, position="",
               job="", direct="", member="x"):  # fmt: skip
    return [None, name, gender, birth, nid, phone, unit, card, joined, position, job, direct, member]


def test_people_are_created_with_their_membership_and_counted(tree, users):
    file = xlsx(
        [
            PEOPLE_HEADER,
            person_row("Lý Văn Tâm", birth=datetime.date(1990, 4, 30), nid="083090000111", phone="0912 345 678",
                       card="MVT-01", joined="15/06/2015", position="UVBCH", job="CN", direct="x"),
            person_row("Đinh Thị Thu", gender="Nữ", birth="02/09/1995", card="MVT-02", member="", position=""),
        ],
        title_rows=TITLE,
    )  # fmt: skip
    result = import_people(file, by=users.grassroots_officer)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged, result.total_rows) == (2, 0, 0, 2)
    tam = Person.objects.get(national_id="083090000111")
    assert (tam.full_name, tam.given_name, tam.family_name, tam.phone, tam.gender, tam.unit) == (
        "Lý Văn Tâm", "Tâm", "Lý", "0912345678", "male", tree.MAY,
    )  # fmt: skip
    m = tam.memberships.get()
    assert (m.card_number, m.joined_on, m.position, m.job_category, m.is_direct_production_worker, m.is_member) == (
        "MVT-01", datetime.date(2015, 6, 15), "committee", "worker", True, True,
    )  # fmt: skip
    thu = Membership.objects.get(card_number="MVT-02")
    assert (thu.is_member, thu.position, thu.job_category, thu.joined_on) == (
        False, "none", "employee", datetime.date.today(),
    )  # fmt: skip
    may = Unit.objects.get(code="MAY")
    assert (may.member_count, may.worker_count, may.direct_worker_count) == (3, 5, 3)
    event = AuditEvent.objects.get(content_type__model="person", object_id=str(tam.pk))
    assert (event.action, event.actor, event.note) == (
        "import",
        users.grassroots_officer,
        "Tạo mới khi nhập từ Excel",
    )
    assert event.changes["full_name"] == [None, "Lý Văn Tâm"]


def test_reimporting_the_same_file_updates_instead_of_duplicating(tree, users):
    rows = [
        PEOPLE_HEADER,
        person_row("Lý Văn Tâm", nid="083090000111", card="MVT-01"),  # found again by national ID
        person_row("Đinh Thị Thu", gender="Nữ", card="MVT-02"),  # by union + card number
        person_row("Mai Văn Lộc", birth=datetime.date(1979, 1, 2)),  # by name + birth date + union
    ]
    assert import_people(xlsx(rows), by=users.admin).created == 3
    again = import_people(xlsx(rows), by=users.admin)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    rows[1] = person_row("Lý Văn Tâm", nid="083090000111", card="MVT-01", phone="0987654321", position="PCT")
    rows[3] = person_row("Mai Văn Lộc", birth=datetime.date(1979, 1, 2), direct="x")
    changed = import_people(xlsx(rows), by=users.admin)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 2, 1)
    assert Person.objects.filter(full_name="Lý Văn Tâm").count() == 1
    tam = Person.objects.get(national_id="083090000111")
    assert (tam.phone, tam.memberships.get().position) == ("0987654321", "vice_chair")
    event = AuditEvent.objects.filter(content_type__model="person", object_id=str(tam.pk)).first()
    assert event.changes == {"phone": ["", "0987654321"], "position": ["member", "vice_chair"]}
    assert Membership.objects.get(person__full_name="Mai Văn Lộc").is_direct_production_worker is True
    assert Unit.objects.get(code="MAY").direct_worker_count == 3


def test_a_person_of_the_standard_tree_is_found_by_national_id(tree, users, people):
    rows = [PEOPLE_HEADER, person_row("Trần Trung Hào", nid="083080000001", phone="0901000001", direct="x")]
    result = import_people(xlsx(rows), by=users.grassroots_officer)
    assert (result.created, result.updated) == (0, 1)
    people.tran_hao.refresh_from_db()
    assert people.tran_hao.phone == "0901000001"


def test_a_bad_last_row_writes_nothing(tree, users):
    rows = [PEOPLE_HEADER] + [person_row(f"Người Thứ {i}", card=f"C-{i}") for i in range(1, 30)]
    rows.append(person_row("Người Cuối", birth="30/02/1990"))
    before = (Person.objects.count(), Membership.objects.count(), AuditEvent.objects.count())
    result = import_people(xlsx(rows), by=users.admin)
    assert result.errors == [
        {"row": 31, "column": "Ngày sinh", "message": "Ngày “30/02/1990” không có thật."}
    ]
    assert (Person.objects.count(), Membership.objects.count(), AuditEvent.objects.count()) == before
    assert Unit.objects.get(code="MAY").worker_count == 3


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (person_row(""), "Họ và tên", "Không được để trống."),
        (person_row("Lý Văn Tâm", unit=""), "Mã CĐCS", "Không được để trống."),
        (person_row("Lý Văn Tâm", gender="Khác"), "Giới tính",
         "“Khác” không phải giá trị hợp lệ. Giá trị được chấp nhận: Nam; Nữ."),
        (person_row("Lý Văn Tâm", birth="1990"), "Ngày sinh",
         "Không hiểu ngày “1990”; ghi theo dạng dd/mm/yyyy, ví dụ 05/09/1985."),
        (person_row("Lý Văn Tâm", birth=1990), "Ngày sinh",
         "Chỉ có năm “1990”; cần ghi đủ ngày/tháng/năm (dd/mm/yyyy)."),
        (person_row("Lý Văn Tâm", birth="01/01/1850"), "Ngày sinh", "Ngày 01/01/1850 quá xa trong quá khứ."),
        (person_row("Lý Văn Tâm", nid="12345"), "Số CCCD",
         "Số CCCD “12345” không hợp lệ: cần 12 chữ số (hoặc 9 chữ số của CMND cũ)."),
        (person_row("Lý Văn Tâm", phone="12345"), "Điện thoại",
         "Số điện thoại “12345” không hợp lệ (cần 10 hoặc 11 chữ số, bắt đầu bằng 0)."),
        (person_row("Lý Văn Tâm", card="X" * 31), "Số thẻ đoàn viên", "Dài quá 30 ký tự."),
        (person_row("Lý Văn Tâm", birth="01/01/1990", joined="01/01/1985"), "Ngày vào công đoàn",
         "Ngày vào công đoàn trước ngày sinh."),
        (person_row("Lý Văn Tâm", position="Giám đốc"), "Chức vụ công đoàn",
         "“Giám đốc” không phải giá trị hợp lệ. Giá trị được chấp nhận: Chủ tịch công đoàn; Phó Chủ tịch công đoàn; "
         "Ủy viên Ban Chấp hành; Tổ trưởng công đoàn; Đoàn viên; Không giữ chức vụ công đoàn."),
        (person_row("Lý Văn Tâm", job="Bác sĩ"), "Đối tượng",
         "“Bác sĩ” không phải giá trị hợp lệ. Giá trị được chấp nhận: Công nhân; Công chức; Viên chức; Người lao "
         "động; Cán bộ quản lý."),
        (person_row("Lý Văn Tâm", direct="hình như"), "CN trực tiếp sản xuất",
         "Chỉ ghi “x” (hoặc “có”) hoặc để trống; không hiểu “hình như”."),
        (person_row("Lý Văn Tâm", unit="KHONGCO"), "Mã CĐCS",
         "Không tìm thấy công đoàn cơ sở có mã “KHONGCO” trong phạm vi bạn quản lý."),
        (person_row("Lý Văn Tâm", unit="CT"), "Mã CĐCS",
         "“CT” là đơn vị cấp “Công đoàn cấp trên trực tiếp cơ sở”, không phải công đoàn cơ sở."),
        (person_row("Lý Văn Tâm", unit="BT"), "Mã CĐCS",
         "“BT” là đơn vị cấp “LĐLĐ tỉnh, thành phố”, không phải công đoàn cơ sở."),
        (person_row("Lý Văn Tâm", nid="084087000009"), "Số CCCD",
         "Số CCCD này là của “Phạm Văn Bình”, đang sinh hoạt tại “Công đoàn cơ sở Công ty TNHH Giày Trà Vinh”; hãy "
         "dùng chức năng chuyển sinh hoạt."),
    ],
)  # fmt: skip
def test_each_bad_cell_is_reported_by_row_and_column(tree, users, row, column, message):
    result = import_people(xlsx([PEOPLE_HEADER, person_row("Người Đúng", card="OK-1"), row], title_rows=TITLE),
                           by=users.admin)  # fmt: skip
    assert result.errors == [{"row": 6, "column": column, "message": message}]
    assert not Person.objects.filter(full_name="Người Đúng").exists()


def test_duplicates_inside_the_file_name_the_first_row(tree, users):
    rows = [
        PEOPLE_HEADER,
        person_row("Lý Văn Tâm", nid="083090000111"),
        person_row("Lý Văn Tâm", nid="083090000111"),
        person_row("Đinh Thị Thu", card="MVT-02"),
        person_row("Đinh Thị Hà", card="MVT-02"),
        person_row("Mai Văn Lộc", birth="02/01/1979"),
        person_row("Mai Văn Lộc", birth="02/01/1979"),
    ]
    result = import_people(xlsx(rows), by=users.admin)
    assert result.error_lines() == [
        "Dòng 3, cột “Số CCCD”: Số CCCD trùng với dòng 2.",
        "Dòng 5, cột “Số thẻ đoàn viên”: Số thẻ trùng với dòng 4 (cùng công đoàn cơ sở).",
        "Dòng 7, cột “Họ và tên”: Trùng họ tên, ngày sinh và công đoàn cơ sở với dòng 6; hãy ghi số CCCD hoặc số thẻ "
        "để phân biệt.",
    ]


def test_numbers_typed_as_numbers_keep_their_leading_zero(tree, users):
    rows = [PEOPLE_HEADER, person_row("Lý Văn Tâm", nid=83090000111, phone=912345678)]
    assert import_people(xlsx(rows), by=users.admin).errors == []
    assert Person.objects.filter(national_id="083090000111", phone="0912345678").exists()


def test_excel_dates_and_text_dates_both_work(tree, users):
    rows = [PEOPLE_HEADER, person_row("Lý Văn Tâm", birth=datetime.date(1990, 4, 30)),
            person_row("Đinh Thị Thu", birth="2.9.1995"), person_row("Mai Văn Lộc", birth="1979-01-02")]  # fmt: skip
    assert import_people(xlsx(rows), by=users.admin).errors == []
    assert sorted(Person.objects.filter(unit__code="MAY").values_list("birth_date", flat=True)) == [
        datetime.date(1979, 1, 2), datetime.date(1980, 5, 1), datetime.date(1988, 11, 20),
        datetime.date(1990, 4, 30), datetime.date(1992, 3, 8), datetime.date(1995, 9, 2),
    ]  # fmt: skip


def test_legacy_encodings_are_converted_and_the_summary_says_how_many_cells(tree, users):
    rows = [
        [*TITLE[0]],
        [encode("Họ và tên", TCVN3), "Mã CĐCS", "Chức vụ công đoàn"],
        [encode("Trần Văn Nam", TCVN3), "MAY", encode("Ủy viên BCH", VNI)],
        [encode("Nguyễn Thị Lan", VNI), "MAY", ""],
        [unicodedata.normalize("NFD", "Lê Thị Hường"), "MAY", "Tổ trưởng"],
    ]
    result = import_people(xlsx(rows), by=users.admin)
    assert result.errors == []
    assert set(Person.objects.filter(unit__code="MAY").values_list("full_name", flat=True)) == {
        "Lê Thị Hường", "Lê Văn Đức", "Nguyễn Thị Đào", "Nguyễn Thị Lan", "Trần Trung Hào", "Trần Văn Nam",
    }  # fmt: skip
    assert Membership.objects.get(person__full_name="Trần Văn Nam").position == "committee"
    assert result.notes == [
        "Đã chuyển mã Unicode tổ hợp (NFD) sang Unicode ở 1 ô.",
        "Đã chuyển mã TCVN3 (ABC) sang Unicode ở 1 ô.",
        "Đã chuyển mã VNI sang Unicode ở 2 ô.",
    ]


def test_numbering_row_under_the_header_and_total_line_are_skipped(tree, users):
    rows = [PEOPLE_HEADER, [f"({i})" for i in range(1, 14)], person_row("Lý Văn Tâm"),
            ["Tổng cộng: 1 người"]]  # fmt: skip
    result = import_people(xlsx(rows), by=users.admin)
    assert (result.errors, result.total_rows, result.created) == ([], 1, 1)


def test_people_outside_the_users_scope_read_like_unknown_unions(tree, users):
    result = import_people(
        xlsx([PEOPLE_HEADER, person_row("Lý Văn Tâm", unit="GIAY")]), by=users.province_officer
    )
    assert result.errors == [
        {"row": 2, "column": "Mã CĐCS",
         "message": "Không tìm thấy công đoàn cơ sở có mã “GIAY” trong phạm vi bạn quản lý."}
    ]  # fmt: skip
    assert not Person.objects.filter(full_name="Lý Văn Tâm").exists()


def test_a_national_id_held_outside_the_scope_is_not_revealed(tree, users):
    result = import_people(xlsx([PEOPLE_HEADER, person_row("Lý Văn Tâm", nid="084087000009")]),
                           by=users.grassroots_officer)  # fmt: skip
    assert result.error_lines() == [
        "Dòng 2, cột “Số CCCD”: Không thể nhận dòng này với số CCCD đã ghi. Nếu người lao động đang sinh hoạt ở "
        "công đoàn khác, hãy gửi đề nghị chuyển sinh hoạt."
    ]
    assert "Phạm Văn Bình" not in " ".join(result.error_lines())
    assert "Giày" not in " ".join(result.error_lines())


def test_a_national_id_held_inside_the_scope_names_its_person(tree, users, people):
    actions.update_person(people.le_duc, by=None, national_id="083088000003")
    result = import_people(xlsx([PEOPLE_HEADER, person_row("Lý Văn Tâm", unit="THPT", nid="083088000003")]),
                           by=users.district_leader)  # fmt: skip
    assert result.error_lines() == [
        "Dòng 2, cột “Số CCCD”: Số CCCD này là của “Lê Văn Đức”, đang sinh hoạt tại “Công đoàn cơ sở Công ty TNHH "
        "May Việt Tiến Bến Tre”; hãy dùng chức năng chuyển sinh hoạt."
    ]


def test_officers_may_import_people_into_their_own_union(tree, users):
    result = import_people(xlsx([PEOPLE_HEADER, person_row("Lý Văn Tâm")]), by=users.grassroots_officer)
    assert (result.errors, result.created) == ([], 1)


def test_council_members_may_not_import_people(tree, users):
    result = import_people(xlsx([PEOPLE_HEADER, person_row("Lý Văn Tâm")]), by=users.council_member)
    assert result.errors == [
        {"row": 2, "column": "Mã CĐCS",
         "message": "Không tìm thấy công đoàn cơ sở có mã “MAY” trong phạm vi bạn quản lý."}
    ]  # fmt: skip


def test_a_file_without_the_is_member_column_counts_everyone_as_a_member(tree, users):
    rows = [["Họ và tên", "Mã CĐCS"], ["Lý Văn Tâm", "DUA"], ["Đinh Thị Thu", "DUA"]]
    assert import_people(xlsx(rows), by=users.admin).created == 2
    assert Unit.objects.get(code="DUA").member_count == 3


def test_progress_is_reported_while_writing(tree, users):
    calls = []
    rows = [PEOPLE_HEADER] + [person_row(f"Người Thứ {i}", card=f"C-{i}") for i in range(5)]
    import_people(xlsx(rows), by=users.admin, progress=lambda done, total=None, message="": calls.append(
        (done, total, message)))  # fmt: skip
    assert calls[0] == (0, None, "Đang đọc tệp")
    assert calls[-1] == (5, 5, "Đã ghi xong")


def test_a_file_typed_in_vni_reads_ambiguous_names_in_vni_too(tree, users):
    names = [
        "Mã Hồng Trí",
        "Đinh Thị Thu",
        "Nguyễn Văn Ánh",
        "Phạm Thị Bé",
    ]  # "Maõ Hoàng Trí" is valid either way
    rows = [["Họ và tên", "Mã CĐCS"], *[[encode(name, VNI), "MAY"] for name in names]]
    result = import_people(xlsx(rows), by=users.admin)
    assert result.errors == []
    assert set(names) <= set(Person.objects.filter(unit__code="MAY").values_list("full_name", flat=True))
    assert result.notes == ["Đã chuyển mã VNI sang Unicode ở 4 ô."]
