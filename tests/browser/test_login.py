import re

from playwright.sync_api import expect


def test_officer_logs_in_and_sees_their_federation_on_the_dashboard(page, login, screenshot):
    login(page, "province_officer")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Liên đoàn Lao động tỉnh Bến Tre")).to_be_visible()
    expect(page.locator("[data-stat=grassroots]").first).to_have_text("3")
    screenshot(page, "dashboard")


def test_wrong_password_shows_a_vietnamese_error(page, login):
    login(page, "province_officer", password="sai-mat-khau")
    expect(page.get_by_text("Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác")).to_be_visible()


def test_logout_returns_to_the_login_page(page, login):
    login(page, "grassroots_officer")
    page.get_by_role("button", name=re.compile("grassroots_officer")).click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
