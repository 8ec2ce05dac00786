import datetime

import pytest
from django.urls import reverse

from thidua.core.xlsx import XLSX_CONTENT_TYPE
from thidua.orgs import actions
from thidua.orgs.imports import import_people, import_units
from thidua.orgs.models import Person, Unit

from .xlsx_files import read_xlsx

pytestmark = pytest.mark.django_db


def sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = read_xlsx(response.content).worksheets[0]
    return sheet, [[c.value for c in row] for row in sheet.iter_rows()]


def test_people_export_lists_the_users_people_in_vietnamese_order(client_for, users):
    sheet, rows = sheet_rows(client_for(users.province_officer).get(reverse("orgs:person-export")))
    assert rows[0] == ["DANH SÁCH NGƯỜI LAO ĐỘNG, ĐOÀN VIÊN", *[None] * 13]
    header = rows[2]
    assert header[:7] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Điện thoại", "Mã CĐCS"]
    assert [r[1] for r in rows[3:]] == ["Nguyễn Thị Đào", "Lê Văn Đức", "Trần Trung Hào", "Võ Thị Hồng",
                                        "Huỳnh Thị Mai"]  # fmt: skip
    hao = rows[5]
    assert hao == [3, "Trần Trung Hào", "Nam", datetime.datetime(1980, 5, 1), "083080000001", None, "MAY",
                   "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", None, datetime.datetime(2016, 1, 1),
                   "Đoàn viên", "Người lao động", "x", "x"]  # fmt: skip
    # Header bold and frozen, widths set, dates formatted as dates.
    assert sheet["A3"].font.b is True
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["B"].width == 26
    assert sheet["D6"].number_format == "DD/MM/YYYY"


def test_people_export_uses_the_list_filters(client_for, users, tree):
    client = client_for(users.province_officer)
    _sheet, rows = sheet_rows(client.get(reverse("orgs:person-export"), {"q": "dao", "unit": tree.MAY.pk}))
    assert rows[4][:2] == ["STT", "Họ và tên"]  # under the title, the unit, the search and the date
    assert [r[1] for r in rows[5:]] == ["Nguyễn Thị Đào"]
    assert rows[1][0] == "Đơn vị: Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre"
    _sheet, rows = sheet_rows(client.get(reverse("orgs:person-export"), {"member": "0"}))
    assert [r[1] for r in rows[3:]] == ["Lê Văn Đức"]


def test_personal_data_is_masked_for_people_the_user_does_not_manage(client_for, users):
    _sheet, rows = sheet_rows(client_for(users.council_member).get(reverse("orgs:person-export")))
    hao = next(r for r in rows if r[1] == "Trần Trung Hào")
    assert (hao[3], hao[4]) == ("••/••/1980", "•••••••••001")


def test_people_export_never_holds_people_outside_the_scope(client_for, users):
    _sheet, rows = sheet_rows(client_for(users.outsider).get(reverse("orgs:person-export")))
    assert [r[1] for r in rows[3:]] == ["Phạm Văn Bình"]


def test_people_export_of_a_unit_outside_the_scope_is_404(client_for, users, tree):
    client = client_for(users.outsider)
    assert client.get(reverse("orgs:person-export"), {"unit": tree.MAY.pk}).status_code == 404
    assert client.get(reverse("orgs:person-export"), {"unit": "abc"}).status_code == 404


def test_cells_that_look_like_formulas_are_neutralised(client_for, users, tree):
    actions.create_person(by=None, unit=tree.MAY, full_name='=HYPERLINK("http://x","bấm")', phone="+84912")
    actions.create_unit(tree.CT, by=None, code="@CS", name="-Công đoàn +1", level="grassroots")
    sheet, rows = sheet_rows(client_for(users.province_officer).get(reverse("orgs:person-export")))
    evil = next(r for r in rows if r[1] and "HYPERLINK" in r[1])
    assert evil[1] == '\'=HYPERLINK("http://x","bấm")'
    assert evil[5] == "'+84912"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    _sheet, rows = sheet_rows(
        client_for(users.province_officer).get(reverse("orgs:unit-export", args=[tree.CT.pk]))
    )
    assert ["'@CS", "'-Công đoàn +1"] in [r[1:3] for r in rows]


def test_unit_export_lists_the_subtree_with_parents_and_counts(client_for, users, tree):
    Unit.objects.filter(pk=tree.MAY.pk).update(province_code="86", ward_code="28777")
    sheet, rows = sheet_rows(
        client_for(users.district_leader).get(reverse("orgs:unit-export", args=[tree.CT.pk]))
    )
    assert rows[0][0] == "DANH SÁCH ĐƠN VỊ TRỰC THUỘC LIÊN ĐOÀN LAO ĐỘNG HUYỆN CHÂU THÀNH"
    assert rows[2][:6] == ["STT", "Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Cấp", "Mã đơn vị cấp trên"]
    assert [r[1] for r in rows[3:]] == ["CT", "MAY", "THPT"]
    ct, may = rows[3], rows[4]
    assert ct[5] == "BT"
    assert may[:10] == [2, "MAY", "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", "CĐCS May Việt Tiến",
                        "Công đoàn cơ sở", "CT", "Doanh nghiệp có vốn đầu tư nước ngoài", "Tỉnh Vĩnh Long",
                        "Phường An Hội", None]  # fmt: skip
    assert may[11:] == [datetime.datetime(2015, 1, 1), 2, 3, 2, "Đang hoạt động"]
    assert sheet["L5"].number_format == "DD/MM/YYYY"


def test_unit_export_can_be_imported_back_unchanged(client_for, users, tree, tmp_path):
    response = client_for(users.province_officer).get(reverse("orgs:unit-export", args=[tree.BT.pk]))
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(response.content)
    result = import_units(str(path), by=users.province_officer)
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 6)


def test_people_export_can_be_imported_back_unchanged(client_for, users, tmp_path):
    response = client_for(users.province_officer).get(reverse("orgs:person-export"))
    path = tmp_path / "nguoi.xlsx"
    path.write_bytes(response.content)
    result = import_people(str(path), by=users.province_officer)
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 5)


def test_unit_export_outside_the_scope_is_404(client_for, users, tree):
    assert client_for(users.outsider).get(reverse("orgs:unit-export", args=[tree.BT.pk])).status_code == 404


def test_unit_export_inside_the_scope_is_allowed_for_viewers(client_for, users, tree):
    assert (
        client_for(users.council_member).get(reverse("orgs:unit-export", args=[tree.BT.pk])).status_code
        == 200
    )


@pytest.mark.parametrize("extra", [0, 40])
def test_people_export_queries_do_not_grow_with_rows(
    client_for, users, tree, extra, django_assert_num_queries
):
    for i in range(extra):
        actions.create_person(by=None, unit=tree.MAY, full_name=f"Người Thứ {i}")
    client = client_for(users.province_officer)
    client.get(reverse("orgs:person-export"))  # warm the session
    # session, user, scope, people (one query with their memberships)
    with django_assert_num_queries(5):
        client.get(reverse("orgs:person-export"))


@pytest.mark.parametrize("extra", [0, 30])
def test_unit_export_queries_do_not_grow_with_rows(client_for, users, tree, extra, django_assert_num_queries):
    for i in range(extra):
        actions.create_unit(
            tree.CT, by=None, code=f"N{i}", name=f"Công đoàn cơ sở số {i}", level="grassroots"
        )
    client = client_for(users.district_leader)
    # session, user, scope, the unit, its subtree, its parent's code
    with django_assert_num_queries(7):
        client.get(reverse("orgs:unit-export", args=[tree.CT.pk]))


def test_unit_export_counts_each_upper_level_union_with_its_subtree(client_for, users, tree):
    """The province and every upper-level union showed 0 members: their own counters hold no people."""
    _sheet, rows = sheet_rows(
        client_for(users.province_officer).get(reverse("orgs:unit-export", args=[tree.BT.pk]))
    )
    counts = {r[1]: r[12:15] for r in rows[3:]}
    assert counts == {
        "BT": [4, 5, 3],
        "CT": [3, 4, 2],
        "MAY": [2, 3, 2],
        "THPT": [1, 1, 0],
        "TPBT": [1, 1, 1],
        "DUA": [1, 1, 1],
    }


def test_unit_export_leaves_dissolved_units_out_of_their_parents_counts(client_for, users, tree):
    actions.dissolve_unit(tree.THPT, by=None, effective_on=datetime.date(2025, 7, 1))
    _sheet, rows = sheet_rows(
        client_for(users.province_officer).get(reverse("orgs:unit-export", args=[tree.CT.pk]))
    )
    assert {r[1]: r[12] for r in rows[3:]} == {
        "CT": 2,
        "MAY": 2,
        "THPT": Unit.objects.get(code="THPT").member_count,
    }


def test_exports_strip_control_characters_already_stored(client_for, users, tree):
    """A name holding \\x00–\\x1f (but tab and newline) once made the province's whole export fail with 500."""
    Unit.objects.filter(pk=tree.MAY.pk).update(name="Công đoàn\x01 cơ sở\x0b May\x1f\tViệt\nTiến")
    Person.objects.filter(unit=tree.MAY, full_name="Trần Trung Hào").update(
        full_name="Trần\x07 Trung\x1b Hào"
    )
    _sheet, rows = sheet_rows(
        client_for(users.province_officer).get(reverse("orgs:unit-export", args=[tree.BT.pk]))
    )
    assert "Công đoàn cơ sở May\tViệt\nTiến" in [r[2] for r in rows]
    _sheet, rows = sheet_rows(client_for(users.province_officer).get(reverse("orgs:person-export")))
    assert "Trần Trung Hào" in [r[1] for r in rows]


def test_a_text_cell_loses_its_control_characters_and_keeps_tab_and_newline():
    from thidua.core.xlsx import safe_value

    assert safe_value("A\x00B\x08C\x0bD\x0cE\x0dF\x1fG\tH\nI") == "ABCDEFG\tH\nI"
    assert safe_value("\x00=1+1") == "'=1+1"
