"""Nothing of an imported text lost, in the browser (issue 9): the officer imports a phase report whose sections the
plan structure does not hold, sees them beside the source with their line numbers, moves one into the closing, and
finds the other on the draft's page."""

import re
from pathlib import Path

from playwright.sync_api import expect

REPORT = Path(__file__).resolve().parents[1] / "plans" / "texts" / "15-bao-cao-so-ket-dak-lak-2022.txt"


def test_officer_moves_an_unplaced_section_and_keeps_the_other(page, login, screenshot):
    login(page, "province_officer")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.get_by_label("Tệp văn bản").set_input_files(str(REPORT))
    page.get_by_role("button", name="Đọc và xem trước").click()

    free = page.get_by_test_id("import-free")
    expect(free.get_by_test_id("import-free-section")).to_have_count(2)
    expect(free.get_by_test_id("source-line").first).to_have_text("Dòng 9 của văn bản gốc")
    screenshot(page, "plan-import-free-sections")
    free.get_by_test_id("import-free-section").nth(1).get_by_role("combobox").select_option("closing")
    page.get_by_role("button", name="Tạo dự thảo từ văn bản này").click()
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/sua/"))  # the draft is made: its editing page

    page.goto(page.url.replace("/sua/", "/"))
    text = page.locator("#official-text")
    expect(text.get_by_test_id("free-section")).to_have_count(1)
    expect(text.get_by_test_id("free-section")).to_contain_text("I. KẾT QUẢ")
    expect(text).to_contain_text("Tiếp tục đẩy mạnh phong trào thi đua")
    screenshot(page, "plan-free-section-draft")
