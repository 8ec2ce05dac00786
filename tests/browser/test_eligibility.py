"""The grassroots officer opens the union's eligibility for 2017, sees each worker's verdict with its reasons, opens
one, overrides the verdict with a reason, and finds it in the list of overrides for the council."""

from playwright.sync_api import expect


def test_officer_overrides_a_verdict_and_the_council_list_shows_it(
    page, login, screenshot, shipped_catalogs, people
):
    login(page, "grassroots_officer")
    page.get_by_test_id("nav-awards").click()
    page.get_by_test_id("nav-eligibility").click()
    page.get_by_label("Năm").select_option("2017")
    page.get_by_role("button", name="Lọc").click()
    rows = page.get_by_test_id("verdict-row")
    expect(rows).to_have_count(3)  # the union's three workers, each with a verdict and its main reasons
    expect(rows.locator("td:nth-child(3)").first).not_to_be_empty()
    year_page = page.url

    page.get_by_role("link", name="Trần Trung Hào").click()
    expect(page.get_by_test_id("reason").first).to_be_visible()
    expect(page.get_by_test_id("verdict")).to_contain_text("Xét theo quy định có hiệu lực ngày 31/12/2017")
    page.get_by_label("Kết luận của cán bộ").select_option(label="Đủ điều kiện")
    page.get_by_label("Lý do (ghi vào hồ sơ trình Hội đồng)").fill(
        "Bảng đánh giá năm 2017 của công ty xếp loại hoàn thành tốt nhiệm vụ."
    )
    page.get_by_role("button", name="Ghi kết luận").click()
    expect(page.get_by_text("Đã ghi kết luận thay kết quả xét và lý do.")).to_be_visible()
    screenshot(page, "eligibility-override")

    page.goto(year_page)
    page.get_by_test_id("override-list-link").click()
    row = page.get_by_test_id("override-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Trần Trung Hào")
    expect(row).to_contain_text("Bảng đánh giá năm 2017 của công ty")
    expect(row).to_contain_text("Đủ điều kiện")
