import datetime

import pytest

from thidua.core.models import AuditEvent
from thidua.core.vnencoding import TCVN3, encode
from thidua.orgs import queries
from thidua.orgs.imports import import_units
from thidua.orgs.models import Unit, UnitEvent, UnitVersion

from .xlsx_files import TITLE, UNIT_HEADER, xlsx

pytestmark = pytest.mark.django_db


def unit_row(code, name, level="CĐCS", parent="CT", sector="DN FDI", province="", ward="", address="",
             workforce=None, founded=None, short=""):  # fmt: skip
    return [None, code, name, short, level, parent, sector, province, ward, address, workforce, founded]


def test_units_are_created_under_their_parents_whatever_the_row_order(tree, users):
    file = xlsx(
        [
            UNIT_HEADER,
            unit_row("CS-B", "Công đoàn cơ sở Công ty B", parent="KCN"),
            unit_row("CS-A", "Công đoàn cơ sở Công ty A", parent="KCN", founded=datetime.date(2012, 3, 1)),
            unit_row("KCN", "Công đoàn các Khu công nghiệp Bến Tre", level="CĐ KCN", parent="BT", sector=""),
        ],
        title_rows=TITLE,
    )
    result = import_units(file, by=users.province_officer)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged, result.written) == (3, 0, 0, True)
    kcn = Unit.objects.get(code="KCN")
    assert Unit.objects.get_parent(kcn).code == "BT"
    assert [u.code for u in Unit.objects.in_subtree(kcn)] == ["KCN", "CS-B", "CS-A"]
    assert kcn.numchild == 2
    assert Unit.objects.get(code="BT").numchild == 3
    assert kcn.level == "upper" and Unit.objects.get(code="CS-A").sector == "fdi"
    # The tree's history and the audit trail know the new units.
    version = UnitVersion.objects.get(unit__code="CS-A")
    assert (version.parent.code, version.valid_from, version.valid_to) == (
        "KCN",
        datetime.date(2012, 3, 1),
        None,
    )
    assert UnitEvent.objects.filter(unit__code__in=["KCN", "CS-A", "CS-B"], kind="founded").count() == 3
    event = AuditEvent.objects.get(object_id=str(kcn.pk), content_type__model="unit")
    assert (event.action, event.actor, event.changes["code"]) == (
        "import",
        users.province_officer,
        [None, "KCN"],
    )
    # Treebeard agrees with the paths we computed.
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert queries.subtree_totals(Unit.objects.get(code="BT"))["grassroots"] == 5


def test_new_units_continue_after_the_parents_existing_children(tree, users):
    result = import_units(xlsx([UNIT_HEADER, unit_row("CS-C", "Công đoàn cơ sở Công ty C")]), by=users.admin)
    assert result.created == 1
    assert [u.code for u in Unit.objects.in_subtree(tree.CT).filter(depth=4)] == ["MAY", "THPT", "CS-C"]
    assert Unit.objects.get(code="CT").numchild == 3


def test_reimporting_the_same_file_updates_instead_of_duplicating(tree, users):
    rows = [UNIT_HEADER, unit_row("CS-A", "Công đoàn cơ sở Công ty A", workforce=300)]
    assert import_units(xlsx(rows), by=users.admin).created == 1
    again = import_units(xlsx(rows), by=users.admin)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    rows[1] = unit_row("CS-A", "Công đoàn cơ sở Công ty A", workforce=450, address="Ấp 3, xã Tân Thạch")
    changed = import_units(xlsx(rows), by=users.admin)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 0)
    unit = Unit.objects.get(code="CS-A")
    assert (unit.workforce_size, unit.address) == (450, "Ấp 3, xã Tân Thạch")
    assert Unit.objects.filter(code="CS-A").count() == 1
    event = AuditEvent.objects.filter(object_id=str(unit.pk), content_type__model="unit").first()
    assert event.changes == {"address": ["", "Ấp 3, xã Tân Thạch"], "workforce_size": [300, 450]}
    assert event.note == "Cập nhật khi nhập từ Excel"


def test_a_new_name_for_an_existing_unit_is_refused_on_its_row_even_for_the_level_above(tree, users):
    """A rename is a restructuring: prepared with its decision and effective date and approved by a leader of the
    level above (a request); the import names the row and says so, and writes nothing."""
    new_name = "Công đoàn cơ sở Công ty Cổ phần May Việt Tiến Bến Tre"
    file = xlsx([UNIT_HEADER, unit_row("MAY", new_name, sector="FDI", workforce=900)])
    result = import_units(file, by=users.district_leader)
    assert result.errors == [
        {
            "row": 2,
            "column": "Tên đơn vị",
            "message": f"Đơn vị “MAY” đang có tên “{tree.MAY.name}”: nhập Excel không đổi tên đơn vị. Đổi tên là "
            "quyết định của cấp trên — hãy lập đề nghị đổi tên trên trang của đơn vị (có số quyết định, ngày hiệu "
            "lực) để lãnh đạo duyệt, và giữ tên hiện tại trong tệp.",
        }
    ]
    assert Unit.objects.get(code="MAY").name == tree.MAY.name
    assert not UnitEvent.objects.filter(unit=tree.MAY, kind="renamed").exists()


def test_a_system_administrators_import_renames_in_the_history_as_a_direct_act(tree, users):
    from thidua.core.audit import history_of

    new_name = "Công đoàn cơ sở Công ty Cổ phần May Việt Tiến Bến Tre"
    result = import_units(xlsx([UNIT_HEADER, unit_row("MAY", new_name, sector="FDI")]), by=users.admin)
    assert (result.updated, result.errors) == (1, [])
    assert UnitEvent.objects.get(unit=tree.MAY, kind="renamed").old_name == tree.MAY.name
    assert Unit.objects.get(code="MAY").name == new_name
    record = history_of(tree.MAY).get(action="rename")
    assert record.note == "Thực hiện trực tiếp bởi quản trị hệ thống, không qua đề nghị."


def test_a_bad_last_row_writes_nothing(tree, users):
    file = xlsx(
        [
            UNIT_HEADER,
            unit_row("CS-A", "Công đoàn cơ sở Công ty A"),
            unit_row("CS-B", "Công đoàn cơ sở Công ty B"),
            unit_row("CS-C", "Công đoàn cơ sở Công ty C", level="Cấp xã"),
        ]
    )
    before = (Unit.objects.count(), AuditEvent.objects.count(), UnitVersion.objects.count())
    result = import_units(file, by=users.admin)
    assert result.written is False
    assert result.errors == [
        {
            "row": 4,
            "column": "Cấp",
            "message": "“Cấp xã” không phải giá trị hợp lệ. Giá trị được chấp nhận: Tổng Liên đoàn; LĐLĐ tỉnh, "
            "thành phố; Công đoàn ngành trung ương; Công đoàn cấp trên trực tiếp cơ sở; Công đoàn cơ sở; "
            "Công đoàn bộ phận, tổ công đoàn.",
        }
    ]
    assert (Unit.objects.count(), AuditEvent.objects.count(), UnitVersion.objects.count()) == before


def test_dry_run_counts_without_writing(tree, users):
    result = import_units(xlsx([UNIT_HEADER, unit_row("CS-A", "Công đoàn cơ sở Công ty A")]), by=users.admin,
                          dry_run=True)  # fmt: skip
    assert (result.created, result.written, result.ok) == (1, False, True)
    assert result.summary() == ["Tệp hợp lệ, 1 dòng: sẽ tạo 1 đơn vị mới, cập nhật 0, 0 không đổi."]
    assert not Unit.objects.filter(code="CS-A").exists()
    assert [p["status"] for p in result.preview] == ["Mới"]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (unit_row("", "Công đoàn cơ sở Công ty A"), "Mã đơn vị", "Không được để trống."),
        (unit_row("CS-A", ""), "Tên đơn vị", "Không được để trống."),
        (unit_row("X" * 41, "Công đoàn cơ sở Công ty A"), "Mã đơn vị", "Dài quá 40 ký tự."),
        (unit_row("CS-A", "Công đoàn cơ sở A", parent="KHONGCO"), "Mã đơn vị cấp trên",
         "Không tìm thấy đơn vị cấp trên có mã “KHONGCO” (trong tệp hay trong hệ thống)."),
        (unit_row("CS-A", "Công đoàn cơ sở A", parent=""), "Mã đơn vị cấp trên", "Đơn vị mới cần mã đơn vị cấp trên."),
        (unit_row("CS-A", "Công đoàn cơ sở A", parent="MAY"), "Cấp",
         "Đơn vị cấp “Công đoàn cơ sở” không thể trực thuộc đơn vị cấp “Công đoàn cơ sở”."),
        (unit_row("CS-A", "Công đoàn cơ sở A", sector="Doanh nghiệp lớn"), "Khu vực/Loại hình",
         "“Doanh nghiệp lớn” không phải giá trị hợp lệ. Giá trị được chấp nhận: Doanh nghiệp nhà nước; Doanh nghiệp "
         "có vốn đầu tư nước ngoài; Doanh nghiệp ngoài nhà nước; Hợp tác xã; Cơ quan hành chính; Đơn vị sự nghiệp "
         "công lập; Loại hình khác."),
        (unit_row("KCN", "Công đoàn KCN", level="CĐ KCN", parent="BT", sector="FDI"), "Khu vực/Loại hình",
         "Chỉ công đoàn cơ sở và công đoàn bộ phận mới ghi khu vực/loại hình."),
        (unit_row("CS-A", "Công đoàn cơ sở A", workforce="khoảng 200"), "Số lao động",
         "Cần một số nguyên không âm; không hiểu “khoảng 200”."),
        (unit_row("CS-A", "Công đoàn cơ sở A", workforce=-5), "Số lao động",
         "Cần một số nguyên không âm; không hiểu “-5”."),
        (unit_row("CS-A", "Công đoàn cơ sở A", founded="31/02/2010"), "Ngày thành lập",
         "Ngày “31/02/2010” không có thật."),
        (unit_row("CS-A", "Công đoàn cơ sở A", founded="2010/31/12"), "Ngày thành lập",
         "Không hiểu ngày “2010/31/12”; ghi theo dạng dd/mm/yyyy, ví dụ 05/09/1985."),
        (unit_row("CS-A", "Công đoàn cơ sở A", founded=2010), "Ngày thành lập",
         "Chỉ có năm “2010”; cần ghi đủ ngày/tháng/năm (dd/mm/yyyy)."),
        (unit_row("CS-A", "Công đoàn cơ sở A", founded="01/01/2999"), "Ngày thành lập", "Ngày 01/01/2999 ở tương lai."),
        (unit_row("CS-A", "Công đoàn cơ sở A", province="Atlantis"), "Tỉnh/Thành phố",
         "Không tìm thấy tỉnh, thành phố “Atlantis”."),
        (unit_row("CS-A", "Công đoàn cơ sở A", ward="Phường An Hội"), "Xã/Phường",
         "Cần ghi cả Tỉnh/Thành phố khi ghi Xã/Phường."),
        (unit_row("CS-A", "Công đoàn cơ sở A", province="Vĩnh Long", ward="Phường 99"), "Xã/Phường",
         "Không tìm thấy xã, phường “Phường 99” thuộc “Vĩnh Long” (kể cả theo địa giới trước 01/7/2025 — khi đó cần "
         "ghi thêm cột “Quận/Huyện (cũ)”)."),
        (unit_row("MAY", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", parent="TPBT"), "Mã đơn vị cấp trên",
         "Đơn vị “MAY” đang trực thuộc “Liên đoàn Lao động huyện Châu Thành”; muốn chuyển sang cấp trên khác, hãy "
         "dùng chức năng chuyển đơn vị (có ngày hiệu lực)."),
        (unit_row("MAY", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", level="CĐBP"), "Cấp",
         "Đơn vị “MAY” đang là cấp “Công đoàn cơ sở”; nhập Excel không đổi được cấp."),
    ],
)  # fmt: skip
def test_each_bad_cell_is_reported_by_row_and_column(tree, users, row, column, message):
    result = import_units(xlsx([UNIT_HEADER, unit_row("OK-1", "Công đoàn cơ sở đúng"), row], title_rows=TITLE),
                          by=users.admin)  # fmt: skip
    assert result.errors == [{"row": 6, "column": column, "message": message}]
    assert not Unit.objects.filter(code="OK-1").exists()


def test_duplicate_codes_in_the_file_are_reported_on_the_second_row(tree, users):
    result = import_units(
        xlsx([UNIT_HEADER, unit_row("CS-A", "Công ty A"), unit_row("CS-A", "Công ty A bis")]), by=users.admin
    )
    assert result.errors == [
        {"row": 3, "column": "Mã đơn vị", "message": "Mã đơn vị “CS-A” trùng với dòng 2."}
    ]


def test_parents_that_point_at_each_other_are_a_loop(tree, users):
    result = import_units(
        xlsx([UNIT_HEADER, unit_row("U1", "Công đoàn U1", level="CĐ ngành", parent="U2", sector=""),
              unit_row("U2", "Công đoàn U2", level="CĐ ngành", parent="U1", sector="")]),
        by=users.admin,
    )  # fmt: skip
    assert result.errors[0] == {
        "row": 2,
        "column": "Mã đơn vị cấp trên",
        "message": "Các đơn vị cấp trên tạo thành vòng lặp: U1 → U2 → U1.",
    }


def test_missing_required_columns_are_named(tree, users):
    result = import_units(
        xlsx([["STT", "Mã đơn vị", "Tên đơn vị"], [1, "CS-A", "Công ty A"]]), by=users.admin
    )
    assert result.errors == [{"row": 1, "column": "Cấp", "message": "Thiếu cột bắt buộc “Cấp”."}]


def test_a_file_without_a_header_row_says_which_columns_it_needs(tree, users):
    result = import_units(xlsx([["a", "b"], [1, 2]]), by=users.admin)
    assert result.error_lines() == [
        "Không tìm thấy dòng tiêu đề. Tệp cần có các cột “Mã đơn vị”, “Tên đơn vị”, “Cấp” (xem tệp mẫu)."
    ]


def test_a_file_that_is_not_excel_is_an_error_not_a_crash(tree, users, tmp_path):
    path = tmp_path / "ghi-chu.xlsx"
    path.write_text("không phải Excel")
    result = import_units(str(path), by=users.admin)
    assert result.error_lines() == [
        "Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ hoặc tệp đã hỏng."
    ]


def test_headers_match_without_case_diacritics_or_spaces_and_choices_by_abbreviation(tree, users):
    header = ["stt", "MA DON VI", "ten don vi", "Cap", "Ma don vi cap tren", "loai hinh", "NGAY THANH LAP"]
    rows = [header, [1, "CS-A", "Công đoàn cơ sở Công ty A", "Công đoàn cơ sở", "CT", "HTX", "05/09/2011"],
            [2, "CS-B", "Công đoàn cơ sở Trường B", "cdcs", "CT", "đvsn", "5-9-2011"]]  # fmt: skip
    result = import_units(xlsx(rows), by=users.admin)
    assert result.errors == []
    assert list(Unit.objects.filter(code__in=["CS-A", "CS-B"]).values_list("sector", "founded_on")) == [
        ("cooperative", datetime.date(2011, 9, 5)),
        ("public_service", datetime.date(2011, 9, 5)),
    ]
    assert result.notes == []


def test_columns_the_import_does_not_know_are_ignored_with_a_note(tree, users):
    rows = [[*UNIT_HEADER, "Ghi chú"], [*unit_row("CS-A", "Công đoàn cơ sở A"), "mới thành lập"]]
    result = import_units(xlsx(rows), by=users.admin)
    assert (result.errors, result.notes) == ([], ["Bỏ qua các cột không dùng: “Ghi chú”."])


def test_localities_resolve_to_codes_and_old_addresses_map_to_the_2025_wards(tree, users):
    header = [*UNIT_HEADER, "Quận/Huyện (cũ)"]
    rows = [
        header,
        [*unit_row("CS-A", "Công đoàn cơ sở A", province="Vĩnh Long", ward="Phường An Hội"), ""],
        [*unit_row("CS-B", "Công đoàn cơ sở B", province="Bến Tre", ward="Xã Tân Thạch"), "Huyện Châu Thành"],
        [*unit_row("CS-C", "Công đoàn cơ sở C", province="Tỉnh Bến Tre", ward=""), ""],
    ]
    result = import_units(xlsx(rows), by=users.admin)
    assert result.errors == []
    assert result.notes == [
        "Đã chuyển 1 địa chỉ theo địa giới trước ngày 01/7/2025 sang xã, phường hiện nay."
    ]
    codes = dict(
        (code, (p, w))
        for code, p, w in Unit.objects.filter(code__in=["CS-A", "CS-B", "CS-C"]).values_list(
            "code", "province_code", "ward_code"
        )
    )
    assert codes == {"CS-A": ("86", "28777"), "CS-B": ("86", "28810"), "CS-C": ("86", "")}


def test_legacy_encoded_names_are_converted_and_counted(tree, users):
    rows = [UNIT_HEADER, unit_row("CS-A", encode("Công đoàn cơ sở Công ty Dệt Thành Công", TCVN3))]
    result = import_units(xlsx(rows), by=users.admin)
    assert Unit.objects.get(code="CS-A").name == "Công đoàn cơ sở Công ty Dệt Thành Công"
    assert result.notes == ["Đã chuyển mã TCVN3 (ABC) sang Unicode ở 1 ô."]


def test_units_outside_the_users_scope_are_errors_naming_the_row(tree, users):
    rows = [UNIT_HEADER, unit_row("CS-A", "Công đoàn cơ sở A", parent="LD"),
            unit_row("GIAY", "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh", parent="LD")]  # fmt: skip
    result = import_units(xlsx(rows), by=users.province_officer)
    assert result.errors == [
        {"row": 2, "column": "Mã đơn vị cấp trên",
         "message": "Không tìm thấy đơn vị cấp trên có mã “LD” (trong tệp hay trong hệ thống)."},
        {"row": 3, "column": "Mã đơn vị",
         "message": "Không thể nhận dòng này: mã đơn vị “GIAY” không dùng được; hãy chọn mã khác."},
    ]  # fmt: skip


def test_users_who_manage_the_parent_may_add_units_under_it(tree, users):
    result = import_units(
        xlsx([UNIT_HEADER, unit_row("CS-A", "Công đoàn cơ sở A", parent="LD")]), by=users.outsider
    )
    assert (result.errors, result.created) == ([], 1)


def test_viewers_may_not_import_units_even_inside_their_scope(tree, users):
    result = import_units(xlsx([UNIT_HEADER, unit_row("CS-A", "Công đoàn cơ sở A")]), by=users.council_member)
    assert result.errors == [
        {"row": 2, "column": "Mã đơn vị cấp trên", "message": "Bạn không có quyền thêm đơn vị dưới “CT”."}
    ]


def test_the_system_may_create_a_new_root(tree):
    rows = [UNIT_HEADER, unit_row("TLD2", "Tổng Liên đoàn (thử)", level="TLĐ", parent="", sector="")]
    result = import_units(xlsx(rows), by=None)
    assert result.errors == []
    assert Unit.objects.get(code="TLD2").depth == 1


def test_only_administrators_may_create_a_new_root(tree, users):
    rows = [UNIT_HEADER, unit_row("TLD2", "Tổng Liên đoàn (thử)", level="TLĐ", parent="", sector="")]
    result = import_units(xlsx(rows), by=users.province_leader)
    assert result.errors == [
        {
            "row": 2,
            "column": "Mã đơn vị cấp trên",
            "message": "Chỉ quản trị hệ thống mới tạo được đơn vị gốc.",
        }
    ]
