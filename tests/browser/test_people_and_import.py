import datetime
import re

from playwright.sync_api import expect

from tests.orgs.xlsx_files import PEOPLE_HEADER, TITLE, xlsx
from thidua.orgs.models import Person


def results(page):
    return page.locator("#people-results")


def test_live_search_ignores_case_and_diacritics(page, login, screenshot):
    login(page, "province_officer")
    page.get_by_test_id("nav-orgs").click()
    page.get_by_role("link", name="Người lao động").first.click()
    expect(results(page)).to_contain_text("Võ Thị Hồng")
    page.locator("#id_q").fill("tran trung hao")
    expect(results(page)).to_contain_text("Trần Trung Hào")
    expect(results(page)).not_to_contain_text("Võ Thị Hồng")
    expect(page).to_have_url(re.compile(r"q=tran(\+|%20)trung(\+|%20)hao"))
    page.locator("#id_q").fill("dao")
    expect(results(page)).to_contain_text("Nguyễn Thị Đào")
    screenshot(page, "people-search")


def test_search_never_shows_another_branch(page, login):
    login(page, "province_officer")
    page.goto("/don-vi/nguoi-lao-dong/")
    page.locator("#id_q").fill("pham van binh")
    expect(results(page)).not_to_contain_text("Phạm Văn Bình")
    expect(results(page)).to_contain_text("Không tìm thấy")


def test_import_people_upload_preview_confirm_and_progress(page, login, tmp_path, screenshot):
    rows = [
        PEOPLE_HEADER,
        [1, "Đặng Thị Lan", "Nữ", "12/03/1994", "", "0912345678", "MAY", "BT-0001", "01/02/2017", "", "Công nhân",
         "x", "x"],
        [2, "Bùi Văn Hùng", "Nam", "05/09/1989", "", "", "MAY", "BT-0002", "01/02/2017", "Tổ trưởng công đoàn",
         "Công nhân", "x", "x"],
    ]  # fmt: skip
    path = tmp_path / "doan-vien.xlsx"
    path.write_bytes(xlsx(rows, title_rows=TITLE).getvalue())
    login(page, "province_officer")
    page.get_by_test_id("nav-orgs").click()
    page.get_by_role("link", name="Nhập Excel").click()
    page.get_by_label("Người lao động, đoàn viên").check()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_text("Đặng Thị Lan").first).to_be_visible()
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".progress-bar")).to_have_text("100%", timeout=20_000)
    screenshot(page, "import-done")
    lan = Person.objects.get(full_name="Đặng Thị Lan")
    assert (lan.unit.code, lan.birth_date) == ("MAY", datetime.date(1994, 3, 12))
    assert Person.objects.filter(full_name="Bùi Văn Hùng").count() == 1


def test_import_with_a_bad_row_lists_the_error_and_writes_nothing(page, login, tmp_path):
    rows = [
        PEOPLE_HEADER,
        [1, "Đặng Thị Lan", "Nữ", "31/02/1994", "", "", "MAY", "", "01/02/2017", "", "Công nhân", "", "x"],
    ]
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx(rows).getvalue())
    login(page, "province_officer")
    page.goto("/don-vi/nhap-excel/")
    page.get_by_label("Người lao động, đoàn viên").check()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_text("Ngày sinh").first).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_have_count(0)
    assert not Person.objects.filter(full_name="Đặng Thị Lan").exists()
