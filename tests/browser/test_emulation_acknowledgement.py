"""Emulation registration in a real browser: a grassroots union opens its registration, fills in a handful of rows
(a person found by a search without diacritics), sends it up; the level above acknowledges it; it is then
read-only for the unit, which was told."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.registrations.builders import ensure_catalog
from thidua.notices.models import Notice
from thidua.registrations import actions
from thidua.registrations.models import Registration, RegistrationStatus


def test_unit_registers_and_the_level_above_acknowledges(page, login, screenshot, tree):
    ensure_catalog()
    year = timezone.localdate().year
    actions.set_deadline(tree.BT, by=None, day=31, month=12)  # this year's window is open until 31/12
    login(page, "grassroots_officer")
    page.goto(f"/dang-ky-thi-dua/mo/?unit={tree.MAY.pk}&year={year}")
    expect(page.get_by_test_id("windows")).to_contain_text(f"Cả năm {year}")
    page.get_by_role("button", name="Mở đăng ký").click()
    expect(page.get_by_role("heading", name=f"Đăng ký thi đua {year}")).to_be_visible()

    page.locator("select[name='targets-0-award']").select_option(label="Công đoàn cơ sở vững mạnh")
    page.locator("textarea[name='targets-0-targets']").fill("100% đoàn viên tham gia phong trào thi đua")
    row = page.get_by_test_id("person-row").first
    row.locator("input[type=search]").fill("nguyen thi dao")
    row.locator("[data-pick-person]").first.click()
    expect(row.get_by_test_id("person-chosen")).to_have_text("Nguyễn Thị Đào")
    row.locator("select[name='people-0-award']").select_option(label="Lao động tiên tiến")
    row.locator("input[name='people-0-position']").fill("Công nhân may")
    screenshot(page, "emulation-form")
    page.get_by_test_id("save").click()
    expect(page.get_by_text("Đã lưu đăng ký thi đua.")).to_be_visible()
    expect(page.get_by_test_id("people")).to_contain_text("Nguyễn Thị Đào")

    page.get_by_test_id("submit").click()
    page.get_by_role("button", name="Gửi đăng ký thi đua lên cấp trên").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã gửi cấp trên")
    expect(page.get_by_test_id("acknowledge")).to_have_count(0)  # the unit does not acknowledge its own

    page.context.clear_cookies()
    login(page, "district_leader")
    registration = Registration.objects.get(unit=tree.MAY, year=year)
    page.goto(f"/dang-ky-thi-dua/{registration.pk}/")
    page.get_by_test_id("acknowledge").click()
    page.get_by_label("Ghi chú").fill("Đăng ký đúng quy định.")
    screenshot(page, "emulation-acknowledge-confirm")
    page.get_by_role("button", name="Ghi nhận đăng ký thi đua").click()
    expect(page.get_by_text("Đã ghi nhận đăng ký thi đua; đơn vị đã được thông báo.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Cấp trên đã ghi nhận")
    expect(page.get_by_test_id("events")).to_contain_text("Đăng ký đúng quy định.")
    screenshot(page, "emulation-acknowledged")

    page.context.clear_cookies()
    login(page, "grassroots_officer")
    page.goto(f"/dang-ky-thi-dua/{registration.pk}/")
    expect(page.get_by_test_id("read-only")).to_be_visible()
    expect(page.get_by_test_id("edit")).to_have_count(0)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACKNOWLEDGED
    assert Notice.objects.filter(unit=tree.MAY, kind="registration_acknowledged").count() == 1
