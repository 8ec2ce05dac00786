"""Grants from the fund from Excel (issue 14): each row a case and its ledger entry through ``record_grant``, all or
nothing, errors by row and column in Vietnamese, pre-2025 places converted, re-import refused by book, decision and
beneficiary, hostile files refused by the kit, the pages allowed only to those who keep a book."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.core.test_spreadsheets import crafted_xlsx
from tests.registrations.test_emulation_upload import DIMENSION_BOMB
from tests.registrations.test_works_import import xlsx
from thidua.core.models import AuditEvent
from thidua.union_fund import imports
from thidua.union_fund.models import EntryKind, FundEntry, Grant
from thidua.union_fund.queries import balances

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = ["STT", "Sổ quỹ của đơn vị", "Hình thức hỗ trợ", "Người được hỗ trợ", "CĐCS của người được hỗ trợ",
          "Tỉnh/Thành phố", "Quận/Huyện (cũ)", "Xã/Phường", "Địa chỉ (ấp, khu phố)", "Hoàn cảnh",
          "Số quyết định hỗ trợ", "Ngày quyết định", "Số tiền (đồng)", "Ngày chi", "Ngày bàn giao", "Nội dung"]  # fmt: skip
CT_NAME = "Liên đoàn Lao động huyện Châu Thành"
APRIL_1, JUNE_1 = D(2017, 4, 1), D(2017, 6, 1)


def row(name, *, book=CT_NAME, kind="Xây mới", member="", province="Vĩnh Long", district="", ward="Phường An Hội",
        number="12/QĐ-LĐLĐ", approved=APRIL_1, amount=50_000_000, paid="", handed=JUNE_1):  # fmt: skip
    return [1, book, kind, name, member, province, district, ward, "Ấp 3", "Nhà dột nát", number, approved, amount,
            paid, handed, ""]  # fmt: skip


def test_grants_are_recorded_with_their_ledger_entries(users, tree):
    file = xlsx(HEADER, [
        row("Võ Thị Hồng", member="THPT"),
        row("Trần Văn Lợi", kind="Sửa chữa nhà “Mái ấm Công đoàn”", province="Bến Tre", district="Huyện Châu Thành",
            ward="Xã Tân Thạch", amount="30.000.000", paid="15/04/2017", handed=""),
        row("Nguyễn Thị Đào", book="MAY", kind="Trợ cấp", province="", ward="", number="05/QĐ-CĐCS",
            approved="02/09/2017", amount=2_000_000, handed=""),
    ], title_rows=[["DANH SÁCH HỖ TRỢ TỪ QUỸ MÁI ẤM CÔNG ĐOÀN NĂM 2017"]])  # fmt: skip
    result = imports.import_grants(file, by=users.district_leader)
    assert result.error_lines() == []
    assert (result.written, result.created) == (True, 3)
    assert any("Đã chuyển 1 địa chỉ" in note for note in result.notes)
    grants = {g.beneficiary_name: g for g in Grant.objects.select_related("unit", "beneficiary_unit")}
    house, repair, hardship = grants["Võ Thị Hồng"], grants["Trần Văn Lợi"], grants["Nguyễn Thị Đào"]
    assert (house.unit.code, house.kind, house.beneficiary_unit.code, house.approval_number, house.approved_on,
            house.handed_over_on) == ("CT", "house_new", "THPT", "12/QĐ-LĐLĐ", D(2017, 4, 1), D(2017, 6, 1))  # fmt: skip
    assert house.place == "Ấp 3, Phường An Hội, Tỉnh Vĩnh Long" and house.circumstances == "Nhà dột nát"
    assert (repair.kind, repair.ward_code, repair.handed_over_on) == ("house_repair", "28810", None)
    assert (hardship.unit.code, hardship.kind, hardship.ward_code) == ("MAY", "hardship", "")
    entries = {e.grant.beneficiary_name: e for e in FundEntry.objects.select_related("grant")}
    assert all(e.kind == EntryKind.GRANT and e.year == 2017 for e in entries.values())
    assert [(entries[n].amount, entries[n].entry_date) for n in ("Võ Thị Hồng", "Trần Văn Lợi", "Nguyễn Thị Đào")] == [
        (50_000_000, D(2017, 4, 1)), (30_000_000, D(2017, 4, 15)), (2_000_000, D(2017, 9, 2))]  # fmt: skip
    books = {(b["unit_id"], b["year"]): b["balance"] for b in balances(users.admin)}
    assert books[(tree.CT.pk, 2017)] == -80_000_000 and books[(tree.MAY.pk, 2017)] == -2_000_000
    assert AuditEvent.objects.filter(action="create", content_type__model="grant").count() == 3
    assert AuditEvent.objects.filter(action="grant", content_type__model="fundentry").count() == 3


def test_errors_name_row_and_column_and_nothing_is_written(users, tree):
    imports.import_grants(xlsx(HEADER, [row("Võ Thị Hồng")]), by=users.district_leader)
    before = (Grant.objects.count(), FundEntry.objects.count(), AuditEvent.objects.count())
    file = xlsx(HEADER, [
        row("Lê Thị Ba"),
        row("Trần Văn Bốn", book="Công đoàn cơ sở Công ty TNHH Giày Trà Vinh"),  # a book the uploader does not keep
        row("Phan Văn Năm", kind="Cho vay", amount=0),
        row("Đặng Thị Sáu", ward=""),  # a house without its ward
        row("Mai Văn Bảy", ward="Xã Không Có", member="GIAY"),
        row("Võ Thị Hồng"),  # already in the book under that decision
        row("Lê Thị Ba"),  # twice in the file
        row("Hồ Văn Tám", approved=D(2017, 6, 1), paid="31/05/2017", handed=D(2017, 5, 1)),
        row("Lý Văn Chín", approved=D(2099, 1, 1), number=""),
    ])  # fmt: skip
    result = imports.import_grants(file, by=users.district_leader)
    assert not result.written
    assert result.error_lines() == [
        "Dòng 3, cột “Sổ quỹ của đơn vị”: Không có đơn vị “Công đoàn cơ sở Công ty TNHH Giày Trà Vinh” trong các "
        "đơn vị bạn được ghi sổ quỹ.",
        "Dòng 4, cột “Hình thức hỗ trợ”: “Cho vay” không phải giá trị hợp lệ. Giá trị được chấp nhận: Trợ cấp đoàn "
        "viên khó khăn; Xây mới nhà “Mái ấm Công đoàn”; Sửa chữa nhà “Mái ấm Công đoàn”.",
        "Dòng 4, cột “Số tiền (đồng)”: Số tiền phải là số đồng lớn hơn 0.",
        "Dòng 5, cột “Xã/Phường”: Nhà “Mái ấm Công đoàn” cần ghi xã, phường nơi xây dựng, sửa chữa.",
        "Dòng 6, cột “CĐCS của người được hỗ trợ”: Không có đơn vị “GIAY” trong các công đoàn cơ sở trong phạm vi "
        "quản lý.",
        "Dòng 6, cột “Xã/Phường”: Không tìm thấy xã, phường “Xã Không Có” thuộc “Vĩnh Long” (kể cả theo địa giới "
        "trước 01/7/2025 — khi đó cần ghi thêm cột “Quận/Huyện (cũ)”).",
        "Dòng 7, cột “Số quyết định hỗ trợ”: Sổ quỹ của Liên đoàn Lao động huyện Châu Thành đã có khoản hỗ trợ cho "
        "“Võ Thị Hồng” theo quyết định “12/QĐ-LĐLĐ”.",
        "Dòng 8, cột “Số quyết định hỗ trợ”: Trùng với dòng 2.",
        "Dòng 9, cột “Ngày chi”: Ngày chi không thể trước ngày quyết định hỗ trợ (01/06/2017).",
        "Dòng 9, cột “Ngày bàn giao”: Ngày bàn giao không thể trước ngày quyết định hỗ trợ (01/06/2017).",
        "Dòng 10, cột “Số quyết định hỗ trợ”: Không được để trống.",
        "Dòng 10, cột “Ngày quyết định”: Ngày 01/01/2099 ở tương lai.",
    ]
    assert (Grant.objects.count(), FundEntry.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(("file", "message"), [
    (lambda: io.BytesIO(bytes(range(256)) * 16), "không phải tệp Excel (.xlsx) hợp lệ"),
    (lambda: crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576"), "quá 200 cột"),
    (lambda: xlsx(HEADER[:4], [[1, CT_NAME, "Trợ cấp", "Võ Thị Hồng"]]), "Số quyết định hỗ trợ"),
    (lambda: xlsx(HEADER, [row(f"Người {i}") for i in range(imports.MAX_ROWS + 1)]), "quá 5000 dòng"),
], ids=["random-bytes", "dimension-bomb", "missing-columns", "too-many-rows"])  # fmt: skip
def test_hostile_and_incomplete_files_are_refused_in_vietnamese(users, tree, file, message):
    result = imports.import_grants(file(), by=users.province_officer)
    assert not result.written and message in " ".join(result.error_lines())
    assert (Grant.objects.count(), FundEntry.objects.count()) == (0, 0)


def test_a_formula_is_never_run_nor_stored(users, tree):
    file = xlsx(HEADER, [row('=HYPERLINK("http://x.invalid","Bấm")', kind="Trợ cấp", ward="", province="")])
    result = imports.import_grants(file, by=users.district_leader)
    assert result.error_lines() == ["Dòng 2, cột “Người được hỗ trợ”: Không được để trống."]
    assert not result.written and Grant.objects.count() == 0


def test_template_offers_the_books_and_the_kinds(users):
    book = load_workbook(io.BytesIO(imports.grant_template(users.district_leader)))
    assert book.sheetnames[:2] == ["Hỗ trợ", "Hướng dẫn"]
    assert [c.value for c in next(book["Hỗ trợ"].iter_rows())] == HEADER
    lists = {v for r in book["Danh mục"].iter_rows(values_only=True) for v in r if v}
    assert {CT_NAME, "Xây mới nhà “Mái ấm Công đoàn”", "Trợ cấp đoàn viên khó khăn"} <= lists
    assert "Liên đoàn Lao động tỉnh Bến Tre" not in lists  # a book the district leader does not keep


def test_the_template_filled_in_is_accepted(users, tree):
    book = load_workbook(io.BytesIO(imports.grant_template(users.district_leader)))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    result = imports.import_grants(out, by=users.district_leader)
    assert result.error_lines() == [] and result.written and Grant.objects.get().ward_code == "28777"


def test_upload_preview_confirm(client_for, users, tree):
    client = client_for(users.district_leader)
    url = reverse("union_fund:grant-import")
    assert 'data-testid="import-template"' in client.get(url).content.decode()
    assert client.get(reverse("union_fund:grant-import-template"))["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    file = xlsx(HEADER, [row("Võ Thị Hồng", amount=45_500_000)])
    file.name = "ho-tro.xlsx"
    response = client.post(url, {"file": file})
    html = response.content.decode()
    assert response.status_code == 200 and response.context["result"].ok
    assert "45.500.000" in html and "12/QĐ-LĐLĐ (01/04/2017)" in html and Grant.objects.count() == 0
    token = response.context["token"]
    done = client.post(reverse("union_fund:grant-import-confirm"), {"token": token})
    assert done.status_code == 302 and done["Location"] == reverse("union_fund:grant-list")
    assert FundEntry.objects.get().amount == 45_500_000
    again = client.post(reverse("union_fund:grant-import-confirm"), {"token": token})
    assert again.status_code == 302 and Grant.objects.count() == 1


def test_only_those_who_keep_a_book_import(client_for, users):
    for name in ("grant-import", "grant-import-template"):
        assert client_for(users.council_member).get(reverse(f"union_fund:{name}")).status_code == 403
    assert (
        client_for(users.council_member)
        .post(reverse("union_fund:grant-import-confirm"), {"token": "x"})
        .status_code
        == 403
    )


def test_the_grant_list_links_the_import(client_for, users):
    html = client_for(users.district_leader).get(reverse("union_fund:grant-list")).content.decode()
    assert 'data-testid="import-grants"' in html
