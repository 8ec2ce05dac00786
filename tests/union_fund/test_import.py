"""Contributions to the fund from Excel (issue 14): through ``record_contribution``, all or nothing, errors by row
and column in Vietnamese, re-import refused by receipt number, hostile files refused by the kit, the pages scoped."""

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
from thidua.union_fund.models import FundEntry

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = ["STT", "Sổ quỹ của đơn vị", "Ngày ủng hộ", "Số tiền (đồng)", "Đơn vị ủng hộ (mã)", "Người, cơ quan ủng hộ",
          "Số biên lai, phiếu thu", "Nội dung"]  # fmt: skip
CT_NAME = "Liên đoàn Lao động huyện Châu Thành"
JULY_28 = D(2017, 7, 28)


def row(receipt, *, book=CT_NAME, day=JULY_28, amount=5_000_000, unit="", name="Ông Nguyễn Văn Tâm",
        note="Tháng Công nhân"):  # fmt: skip
    return [1, book, day, amount, unit, name, receipt, note]


def test_contributions_are_recorded_through_the_action(users, tree):
    file = xlsx(HEADER, [row("PT-01"), row("PT-02", book="CT", day="02/08/2017", amount="3.000.000", unit="MAY", name=""),
                         row("PT-01", book="THPT")], title_rows=[["DANH SÁCH ỦNG HỘ QUỸ MÁI ẤM CÔNG ĐOÀN"]])  # fmt: skip
    result = imports.import_contributions(file, by=users.district_leader)
    assert result.error_lines() == []
    assert (result.written, result.created) == (True, 3)
    rows = FundEntry.objects.order_by("receipt_number", "unit__code")
    assert [(e.unit.code, e.entry_date, e.year, e.amount, e.contributor_unit_id, e.contributor_name, e.receipt_number)
            for e in rows] == [
        ("CT", D(2017, 7, 28), 2017, 5_000_000, None, "Ông Nguyễn Văn Tâm", "PT-01"),
        ("THPT", D(2017, 7, 28), 2017, 5_000_000, None, "Ông Nguyễn Văn Tâm", "PT-01"),
        ("CT", D(2017, 8, 2), 2017, 3_000_000, tree.MAY.pk, tree.MAY.name, "PT-02")]  # fmt: skip
    assert AuditEvent.objects.filter(action="contribute").count() == 3


def test_errors_name_row_and_column_and_nothing_is_written(users, tree):
    imports.import_contributions(xlsx(HEADER, [row("PT-09")]), by=users.district_leader)
    before = (FundEntry.objects.count(), AuditEvent.objects.count())
    file = xlsx(HEADER, [
        row("PT-10"),
        row("PT-11", book="Công đoàn cơ sở Công ty TNHH Giày Trà Vinh"),  # a book the uploader does not keep
        row("PT-12", day="31/02/2017", amount=0),
        row("PT-13", name="", unit=""),
        row("PT-09"),  # already in the book
        row("PT-10"),  # twice in the file
        row("PT-14", day=D(2099, 1, 1), unit="GIAY"),
        row(""),
    ])  # fmt: skip
    result = imports.import_contributions(file, by=users.district_leader)
    assert not result.written
    assert result.error_lines() == [
        "Dòng 3, cột “Sổ quỹ của đơn vị”: Không có đơn vị “Công đoàn cơ sở Công ty TNHH Giày Trà Vinh” trong các "
        "đơn vị bạn được ghi sổ quỹ.",
        "Dòng 4, cột “Ngày ủng hộ”: Ngày “31/02/2017” không có thật.",
        "Dòng 4, cột “Số tiền (đồng)”: Số tiền phải là số đồng lớn hơn 0.",
        "Dòng 5, cột “Người, cơ quan ủng hộ”: Cần ghi người hoặc đơn vị ủng hộ.",
        "Dòng 6, cột “Số biên lai, phiếu thu”: Biên lai “PT-09” đã có trong sổ quỹ của Liên đoàn Lao động huyện "
        "Châu Thành năm 2017.",
        "Dòng 7, cột “Số biên lai, phiếu thu”: Trùng với dòng 2.",
        "Dòng 8, cột “Ngày ủng hộ”: Ngày 01/01/2099 ở tương lai.",
        "Dòng 8, cột “Đơn vị ủng hộ (mã)”: Không có đơn vị “GIAY” trong các đơn vị trong phạm vi quản lý.",
        "Dòng 9, cột “Số biên lai, phiếu thu”: Không được để trống.",
    ]
    assert (FundEntry.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(("file", "message"), [
    (lambda: io.BytesIO(bytes(range(256)) * 16), "không phải tệp Excel (.xlsx) hợp lệ"),
    (lambda: crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576"), "quá 200 cột"),
    (lambda: xlsx(HEADER[:3], [[1, CT_NAME, D(2017, 7, 1)]]), "Số tiền (đồng)"),
], ids=["random-bytes", "dimension-bomb", "missing-columns"])  # fmt: skip
def test_hostile_and_incomplete_files_are_refused_in_vietnamese(users, file, message):
    result = imports.import_contributions(file(), by=users.province_officer)
    assert not result.written and message in " ".join(result.error_lines())
    assert FundEntry.objects.count() == 0


def test_template_offers_the_books_the_user_keeps(users):
    book = load_workbook(io.BytesIO(imports.template(users.district_leader)))
    assert book.sheetnames[:2] == ["Ủng hộ", "Hướng dẫn"]
    assert [c.value for c in next(book["Ủng hộ"].iter_rows())] == HEADER
    units = {r[0] for r in book["Danh mục"].iter_rows(values_only=True) if r[0]}
    assert units == {CT_NAME, "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre",
                     "Công đoàn cơ sở Trường THPT Châu Thành A"}  # fmt: skip


def test_upload_preview_confirm(client_for, users, tree):
    client = client_for(users.district_leader)
    url = reverse("union_fund:contribution-import")
    assert 'data-testid="import-template"' in client.get(url).content.decode()
    assert client.get(reverse("union_fund:contribution-import-template"))["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    file = xlsx(HEADER, [row("PT-01", amount=1_500_000)])
    file.name = "ung-ho.xlsx"
    response = client.post(url, {"file": file})
    assert response.status_code == 200 and response.context["result"].ok
    assert "1.500.000" in response.content.decode() and FundEntry.objects.count() == 0
    token = response.context["token"]
    done = client.post(reverse("union_fund:contribution-import-confirm"), {"token": token})
    assert done.status_code == 302 and done["Location"] == reverse("union_fund:ledger")
    assert FundEntry.objects.get().amount == 1_500_000
    again = client.post(reverse("union_fund:contribution-import-confirm"), {"token": token})
    assert again.status_code == 302 and FundEntry.objects.count() == 1


def test_a_file_with_errors_is_shown_and_not_staged(client_for, users):
    client = client_for(users.district_leader)
    file = xlsx(HEADER, [row("PT-01", amount="nhiều")])
    file.name = "ung-ho.xlsx"
    response = client.post(reverse("union_fund:contribution-import"), {"file": file})
    html = response.content.decode()
    assert response.context["token"] == "" and 'data-testid="import-errors"' in html
    assert "Cần một số nguyên không âm; không hiểu “nhiều”." in html


def test_only_those_who_keep_a_book_import(client_for, users):
    for name in ("contribution-import", "contribution-import-template"):
        assert client_for(users.council_member).get(reverse(f"union_fund:{name}")).status_code == 403


def test_the_ledger_links_the_import(client_for, users):
    html = client_for(users.district_leader).get(reverse("union_fund:ledger")).content.decode()
    assert 'data-testid="import-contributions"' in html
