"""A district leader records a contribution and a house through the pages (the ward list follows the province),
corrects a mistyped amount, records the handover; the province officer sees the report by upper-level union and the
houses handed over with their places."""

from playwright.sync_api import expect


def test_fund_from_contribution_to_the_houses_page(page, login, screenshot, tree):
    login(page, "district_leader")
    page.get_by_test_id("nav-union-work").click()
    page.get_by_role("link", name="Quỹ “Mái ấm Công đoàn”").click()
    page.get_by_test_id("add-contribution").click()
    page.get_by_label("Sổ quỹ của đơn vị").select_option(label="— Liên đoàn Lao động huyện Châu Thành")
    page.get_by_label("Ngày ủng hộ").fill("05/03/2017")
    page.get_by_label("Số tiền (đồng)").fill("5.000.000")
    page.get_by_label("Đơn vị ủng hộ").select_option(
        label="— — Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre"
    )
    page.get_by_label("Số biên lai, phiếu thu").fill("PT-2017/0001")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi sổ khoản ủng hộ")).to_be_visible()
    expect(page.get_by_test_id("balance")).to_contain_text("5.000.000")

    page.get_by_role("link", name="Điều chỉnh").first.click()
    page.get_by_label("Số tiền đúng (đồng)").fill("50.000.000")
    page.get_by_label("Lý do điều chỉnh").fill("Ghi thiếu một chữ số 0 so với phiếu thu")
    page.get_by_role("button", name="Ghi bút toán điều chỉnh").click()
    expect(page.get_by_test_id("balance")).to_contain_text("50.000.000")
    expect(page.get_by_test_id("entry-row")).to_have_count(2)
    screenshot(page, "fund-ledger-with-correction")

    page.get_by_test_id("add-grant").click()
    page.get_by_label("Sổ quỹ của đơn vị").select_option(label="— Liên đoàn Lao động huyện Châu Thành")
    page.get_by_label("Hình thức hỗ trợ").select_option(label="Xây mới nhà “Mái ấm Công đoàn”")
    page.get_by_label("Họ và tên người được hỗ trợ").fill("Nguyễn Thị Đào")
    page.get_by_label("Tỉnh, thành phố").select_option(label="Tỉnh Vĩnh Long")
    ward = page.get_by_label("Xã, phường")
    expect(ward.locator("option")).not_to_have_count(1)  # the communes of Vĩnh Long arrived (htmx)
    ward.select_option(index=1)
    page.get_by_label("Ấp, khu phố, số nhà").fill("Ấp Phú Hòa")
    page.get_by_label("Số quyết định hỗ trợ").fill("45/QĐ-LĐLĐ")
    page.get_by_label("Ngày quyết định").fill("10/04/2017")
    page.get_by_label("Số tiền hỗ trợ (đồng)").fill("45.000.000")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi sổ khoản hỗ trợ")).to_be_visible()
    page.get_by_role("link", name="Ghi nhận bàn giao").click()
    page.get_by_label("Ngày bàn giao").fill("30/06/2017")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("handover")).to_contain_text("30/06/2017")
    expect(page.get_by_test_id("place")).to_contain_text("Ấp Phú Hòa")
    screenshot(page, "fund-house")

    page.context.clear_cookies()
    login(page, "province_officer")
    page.goto("/quy-mai-am/bao-cao/?year=2017")
    expect(page.get_by_test_id("report-row")).to_have_count(1)
    expect(page.get_by_test_id("report-row")).to_contain_text("Liên đoàn Lao động huyện Châu Thành")
    expect(page.get_by_test_id("report-total")).to_contain_text("5.000.000")
    screenshot(page, "fund-report")
    page.goto("/quy-mai-am/nha-mai-am/?year=2017")
    expect(page.get_by_test_id("house")).to_have_count(1)
    expect(page.get_by_test_id("house-place")).to_contain_text("Ấp Phú Hòa")
    screenshot(page, "fund-houses")
