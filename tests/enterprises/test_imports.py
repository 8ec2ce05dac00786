"""Importing the enterprise lists of tax and planning offices: all or nothing, errors by row and column, re-import
matched by tax code, old addresses converted, hostile files refused."""

import pytest
from django.urls import reverse

from tests.core.test_spreadsheets import crafted_xlsx
from tests.orgs.xlsx_files import TITLE, xlsx
from thidua.core.models import AuditEvent
from thidua.enterprises.imports import import_enterprises
from thidua.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Ngành nghề", "Số lao động", "Tỉnh/Thành phố",
          "Quận/Huyện (cũ)", "Xã/Phường", "Địa chỉ", "Mã CĐ cấp trên"]  # fmt: skip


def row(code, name, ownership="DN FDI", workforce=350, province="", district="", ward="", upper=""):
    return [
        1,
        code,
        name,
        ownership,
        "May mặc",
        workforce,
        province,
        district,
        ward,
        "Khu công nghiệp Giao Long",
        upper,
    ]


def counts():
    return Enterprise.objects.count(), AuditEvent.objects.count()


def test_a_list_is_imported_then_reimported_as_updates_matched_by_tax_code(tree, users):
    file = xlsx([HEADER, row("0100233488", "Công ty TNHH May Alliance One"),
                 row("0314409058", "Công ty Cổ phần Dừa Á Châu", "Ngoài quốc doanh", 120)], title_rows=TITLE)  # fmt: skip
    result = import_enterprises(file, by=users.district_leader, upper_unit=tree.CT)
    assert result.error_lines() == []
    assert (result.created, result.updated, result.written) == (2, 0, True)
    firm = Enterprise.objects.get(tax_code="0314409058")
    assert (firm.name, firm.ownership, firm.workforce, firm.upper_unit) == (
        "Công ty Cổ phần Dừa Á Châu",
        "private",
        120,
        tree.CT,
    )
    again = xlsx([HEADER, row("0100233488", "Công ty TNHH May Alliance One"),
                  row("0314409058", "Công ty Cổ phần Dừa Á Châu", "Ngoài quốc doanh", 180)])  # fmt: skip
    result = import_enterprises(again, by=users.district_leader, upper_unit=tree.CT)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Enterprise.objects.get(tax_code="0314409058").workforce == 180
    assert Enterprise.objects.count() == 2


def test_every_error_is_reported_by_row_and_column_and_nothing_is_written(tree, users):
    file = xlsx([HEADER, row("0100233480", "Công ty A"), row("0314409058", "", "Tập đoàn"),
                 row("0100233488", "Công ty B", upper="KHONG-CO"), row("0100233488", "Công ty C")])  # fmt: skip
    before = counts()
    result = import_enterprises(file, by=users.district_leader, upper_unit=tree.CT)
    assert result.error_lines() == [
        "Dòng 2, cột “Mã số thuế”: Mã số thuế “0100233480” sai chữ số kiểm tra: hãy soát lại từng chữ số.",
        "Dòng 3, cột “Tên doanh nghiệp”: Không được để trống.",
        "Dòng 3, cột “Loại hình”: “Tập đoàn” không phải giá trị hợp lệ. Giá trị được chấp nhận: Doanh nghiệp nhà "
        "nước; Doanh nghiệp có vốn đầu tư nước ngoài; Doanh nghiệp ngoài nhà nước; Hợp tác xã.",
        "Dòng 4, cột “Mã CĐ cấp trên”: Không tìm thấy công đoàn cấp trên có mã “KHONG-CO” mà bạn được quản lý doanh "
        "nghiệp.",
        "Dòng 5, cột “Mã số thuế”: Mã số thuế “0100233488” trùng với dòng 4.",
    ]
    assert counts() == before


def test_a_row_of_another_branch_cannot_be_updated_nor_placed_there(tree, users):
    import_enterprises(xlsx([HEADER, row("0100233488", "Công ty TNHH Giày Trà Vinh Hai")]), by=users.outsider,
                       upper_unit=tree.LD)  # fmt: skip
    before = counts()
    result = import_enterprises(xlsx([HEADER, row("0100233488", "Đổi tên"), row("0314409058", "Công ty D", upper="LD")]),
                                by=users.district_leader, upper_unit=tree.CT)  # fmt: skip
    assert result.error_lines() == [
        "Dòng 2, cột “Mã số thuế”: Doanh nghiệp có mã số thuế “0100233488” do công đoàn cấp trên khác theo dõi (hoặc "
        "đã lưu trữ): không cập nhật được.",
        "Dòng 3, cột “Mã CĐ cấp trên”: Không tìm thấy công đoàn cấp trên có mã “LD” mà bạn được quản lý doanh nghiệp.",
    ]
    assert counts() == before


def test_an_address_before_the_2025_reform_is_converted(tree, users):
    file = xlsx([HEADER, row("0100233488", "Công ty TNHH May Alliance One", province="Bến Tre", district="Châu Thành",
                             ward="Tân Thạch")])  # fmt: skip
    result = import_enterprises(file, by=users.district_leader, upper_unit=tree.CT)
    assert result.error_lines() == []
    assert result.notes == [
        "Đã chuyển 1 địa chỉ theo địa giới trước ngày 01/7/2025 sang xã, phường hiện nay."
    ]
    firm = Enterprise.objects.get()
    assert firm.province_code and firm.ward_code


def test_a_dimension_bomb_is_refused_in_vietnamese_and_writes_nothing(tree, users):
    bomb = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Mã số thuế</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')  # fmt: skip
    before = counts()
    result = import_enterprises(crafted_xlsx(bomb, dimension="A1:XFD1048576"), by=users.district_leader,
                                upper_unit=tree.CT)  # fmt: skip
    assert result.error_lines() == [
        "Tệp vượt giới hạn đọc được (có dữ liệu ở cột thứ 16.384, quá 200 cột). Hãy chia thành nhiều tệp nhỏ hơn "
        "hoặc xoá phần thừa rồi nhập lại."
    ]
    assert counts() == before


def test_random_bytes_are_refused(tree, users):
    import io

    result = import_enterprises(
        io.BytesIO(bytes(range(256)) * 16), by=users.district_leader, upper_unit=tree.CT
    )
    assert not result.ok
    assert "không phải tệp Excel (.xlsx) hợp lệ" in result.error_lines()[0]


def test_the_pages_preview_then_confirm(tree, users, client):
    client.force_login(users.district_leader)
    upload = xlsx([HEADER, row("0100233488", "Công ty TNHH May Alliance One")])
    upload.name = "doanh-nghiep.xlsx"
    preview = client.post(reverse("enterprises:import-upload"), {"upper_unit": tree.CT.pk, "file": upload})
    assert preview.status_code == 200
    assert Enterprise.objects.count() == 0
    token = preview.context["token"]
    assert token
    done = client.post(reverse("enterprises:import-confirm"), {"token": token})
    assert done.status_code == 302
    assert Enterprise.objects.get().name == "Công ty TNHH May Alliance One"
    assert client.post(reverse("enterprises:import-confirm"), {"token": token}).status_code == 302  # used up
    assert Enterprise.objects.count() == 1


def test_the_template_downloads_for_those_who_manage_enterprises(users, client):
    client.force_login(users.district_leader)
    response = client.get(reverse("enterprises:import-template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(users.grassroots_officer)
    assert client.get(reverse("enterprises:import-template")).status_code == 403
