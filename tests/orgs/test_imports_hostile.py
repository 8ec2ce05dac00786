"""Imports facing hostile and broken files: a Vietnamese error, nothing written, every error in one pass."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_spreadsheets import crafted_xlsx
from thidua.core.models import AuditEvent
from thidua.orgs.imports import import_people, import_units
from thidua.orgs.models import Membership, Person, Unit, UnitEvent, UnitVersion

from .xlsx_files import PEOPLE_HEADER, UNIT_HEADER, xlsx

pytestmark = pytest.mark.django_db

DIMENSION_BOMB = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'
    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
)


def counts():
    return (Unit.objects.count(), Person.objects.count(), Membership.objects.count(), AuditEvent.objects.count(),
            UnitEvent.objects.count(), UnitVersion.objects.count())  # fmt: skip


def person_row(name, unit="MAY", birth=None, nid=""):
    return [None, name, "Nam", birth, nid, "", unit, "", None, "", "", "", "x"]


def test_the_people_import_reports_an_unknown_union_code_with_the_other_errors(tree, users):
    file = xlsx(
        [
            PEOPLE_HEADER,
            person_row("Lý Văn Tâm", birth="31/02/1990"),
            person_row("Đinh Thị Thu", unit="KHONG-CO"),
            person_row("", unit="CUNG-KHONG-CO"),
        ]
    )
    before = counts()
    result = import_people(file, by=users.province_officer)
    assert result.error_lines() == [
        "Dòng 2, cột “Ngày sinh”: Ngày “31/02/1990” không có thật.",
        "Dòng 3, cột “Mã CĐCS”: Không tìm thấy công đoàn cơ sở có mã “KHONG-CO” trong phạm vi bạn quản lý.",
        "Dòng 4, cột “Họ và tên”: Không được để trống.",
        "Dòng 4, cột “Mã CĐCS”: Không tìm thấy công đoàn cơ sở có mã “CUNG-KHONG-CO” trong phạm vi bạn quản lý.",
    ]
    assert counts() == before


def test_the_units_import_reports_every_error_in_one_pass_without_blaming_children_of_a_bad_row(tree, users):
    def unit_row(code, name, level="CĐCS", parent="CT", founded=None):
        return [None, code, name, "", level, parent, "", "", "", "", None, founded]

    file = xlsx(
        [
            UNIT_HEADER,
            unit_row("CD-HUYEN", "LĐLĐ huyện mới", level="LĐLĐ huyện", parent="BT", founded="31/02/2020"),
            unit_row("CS-CON", "CĐCS con của dòng lỗi", parent="CD-HUYEN"),
            unit_row("CS-X", "CĐCS có cấp trên không tồn tại", parent="KHONG-CO"),
        ]
    )
    before = counts()
    result = import_units(file, by=users.province_officer)
    assert result.error_lines() == [
        "Dòng 2, cột “Ngày thành lập”: Ngày “31/02/2020” không có thật.",
        "Dòng 4, cột “Mã đơn vị cấp trên”: Không tìm thấy đơn vị cấp trên có mã “KHONG-CO” (trong tệp hay trong hệ "
        "thống).",
    ]
    assert counts() == before


@pytest.mark.parametrize("importer", [import_people, import_units], ids=["people", "units"])
def test_a_dimension_bomb_is_refused_in_vietnamese_and_writes_nothing(tree, users, importer):
    before = counts()
    result = importer(crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576"), by=users.admin)
    assert result.error_lines() == [
        "Tệp vượt giới hạn đọc được (có dữ liệu ở cột thứ 16.384, quá 200 cột). Hãy chia thành nhiều tệp nhỏ hơn "
        "hoặc xoá phần thừa rồi nhập lại."
    ]
    assert counts() == before


def test_a_giant_cell_is_refused_and_writes_nothing(tree, users):
    before = counts()
    file = crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["Họ và tên " * 200_000])
    result = import_people(file, by=users.admin)
    assert result.error_lines() == [
        "Tệp vượt giới hạn đọc được (một ô có hơn 32.767 ký tự). Hãy chia thành nhiều tệp nhỏ hơn hoặc xoá phần "
        "thừa rồi nhập lại."
    ]
    assert counts() == before


def test_the_import_command_refuses_a_hostile_file_with_exit_1_and_a_message(tmp_path, tree, capsys):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576").getvalue())
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(path), verbosity=0)
    assert str(caught.value) == "Không nhập được người lao động: tệp có 1 lỗi, không có gì được ghi."
    assert "quá 200 cột" in capsys.readouterr().err
    assert counts() == before


def test_the_import_command_refuses_random_bytes(tmp_path, tree, capsys):
    path = tmp_path / "rac.xlsx"
    path.write_bytes(bytes(range(256)) * 16)
    with pytest.raises(CommandError):
        call_command("import_units", str(path), verbosity=0)
    assert "không phải tệp Excel (.xlsx) hợp lệ" in capsys.readouterr().err


# --- property-based: any rows give a clean import or errors with nothing written ----------------------------------

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
cells = st.one_of(
    st.none(),
    texts,
    st.sampled_from(["MAY", "THPT", "GIAY", "BT", "x", "Nam", "Nữ", "CT", "31/02/1990", "01/01/1990"]),
    st.integers(min_value=-5, max_value=10**12),
    st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(2100, 1, 1)),
)
people_rows = st.lists(st.lists(cells, min_size=13, max_size=13), min_size=1, max_size=6)


def workbook_or_none(rows):
    try:
        return xlsx(rows)
    except Exception:  # noqa: BLE001 - characters openpyxl itself refuses to write
        return None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=people_rows)
def test_any_people_rows_import_cleanly_or_write_nothing(tree, users, rows):
    file = workbook_or_none([PEOPLE_HEADER, *rows])
    if file is None:
        return
    before = counts()
    result = import_people(file, by=users.province_officer)
    if result.errors:
        assert counts() == before
        assert all(isinstance(e["message"], str) and e["message"] for e in result.errors)
    else:
        assert result.written
        assert Person.objects.count() == before[1] + result.created


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=12, max_size=12), min_size=1, max_size=5))
def test_any_unit_rows_import_cleanly_or_write_nothing(tree, users, rows):
    file = workbook_or_none([UNIT_HEADER, *rows])
    if file is None:
        return
    before = counts()
    result = import_units(file, by=users.province_officer)
    if result.errors:
        assert counts() == before
    else:
        assert Unit.objects.count() == before[0] + result.created


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.binary(max_size=400))
def test_any_bytes_are_refused_or_read_and_never_half_written(tree, users, noise):
    before = counts()
    result = import_people(io.BytesIO(noise), by=users.admin)
    assert result.errors
    assert counts() == before
