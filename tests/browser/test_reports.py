"""Phase reports in a real browser: a grassroots union enters its figures in the grid (keyboard: Enter moves down,
an error shown as typed, the ratio recomputed), is refused a part above its whole by the server, saves and sends
its report up; the level above sends it back with a reason; the unit corrects and sends again; the level above
approves it and the report is locked."""

from playwright.sync_api import expect

from tests.reports.builders import form_for, report
from thidua.notices.models import Notice
from thidua.reports.models import ExpectedReportStatus


def test_enter_submit_send_back_and_approve(page, login, screenshot, tree, shipped_catalogs):
    form = form_for(tree.BT)
    may = report(form, tree.MAY)

    login(page, "grassroots_officer")
    page.goto(f"/bao-cao/{may.pk}/")
    page.get_by_test_id("enter").click()
    grid = page.get_by_test_id("grid")
    page.locator("#v-TC01").fill("44")
    page.locator("#v-TC01").press("Enter")  # Enter moves down the column, to the women workers
    expect(page.locator("#v-TC01\\.NU")).to_be_focused()
    page.locator("#v-TC01\\.NU").fill("3,5")  # checked as typed
    expect(page.locator("#v-TC01\\.NU")).to_have_class(
        "form-control form-control-sm text-end grid-input is-invalid"
    )
    page.locator("#v-TC01\\.NU").fill("30")
    page.locator("#v-TC02").fill("40")
    page.locator("#v-TC02\\.NU").fill("41")  # more women members than members: the server refuses it
    expect(grid.get_by_test_id("ratio-TC03")).to_have_text("90,91")
    page.locator("#v-CL03").fill("1.530.000.000")
    page.locator("#a-CL03").check()
    page.locator("#n-0").fill("Tổ chức tốt các hoạt động chào mừng 87 năm ngày thành lập Đảng.")
    screenshot(page, "report-entry-grid")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("entry-errors")).to_be_visible()
    expect(page.get_by_test_id("error-TC02.NU")).to_contain_text("vượt chỉ tiêu TC02")
    screenshot(page, "report-entry-refused")
    page.locator("#v-TC02\\.NU").fill("25")
    page.get_by_test_id("save-and-submit").click()
    page.get_by_role("button", name="Gửi báo cáo lên cấp trên").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã gửi cấp trên")
    expect(page.get_by_test_id("values")).to_contain_text("khoảng 1.530.000.000")
    expect(page.get_by_test_id("approve")).to_have_count(0)  # the unit does not approve its own

    page.context.clear_cookies()
    login(page, "district_leader")
    page.goto(f"/bao-cao/{may.pk}/")
    page.get_by_test_id("return").click()
    page.get_by_label("Lý do").fill("Đề nghị bổ sung số đoàn viên kết nạp mới và chỉ tiêu giao.")
    page.get_by_role("button", name="Trả lại báo cáo").click()
    expect(page.get_by_test_id("status")).to_have_text("Cấp trên trả lại")

    page.context.clear_cookies()
    login(page, "grassroots_officer")
    page.goto(f"/bao-cao/{may.pk}/")
    expect(page.get_by_test_id("returned-reason")).to_contain_text("bổ sung số đoàn viên kết nạp mới")
    page.get_by_test_id("enter").click()
    page.locator("#v-TC04").fill("4")
    page.locator("#t-TC04").fill("3")
    page.get_by_test_id("save-and-submit").click()
    page.get_by_role("button", name="Gửi báo cáo lên cấp trên").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã gửi cấp trên")

    page.context.clear_cookies()
    login(page, "district_leader")
    page.goto(f"/bao-cao/{may.pk}/")
    page.get_by_test_id("approve").click()
    page.get_by_role("button", name="Duyệt báo cáo").click()
    expect(page.get_by_test_id("status")).to_have_text("Cấp trên đã duyệt")
    expect(page.get_by_test_id("locked")).to_be_visible()
    expect(page.get_by_test_id("events")).to_contain_text("Cấp trên trả lại")
    screenshot(page, "report-approved")

    page.context.clear_cookies()
    login(page, "grassroots_officer")
    page.goto(f"/bao-cao/{may.pk}/")
    expect(page.get_by_test_id("enter")).to_have_count(0)
    may.refresh_from_db()
    assert may.status == ExpectedReportStatus.APPROVED and may.version == 3
    assert Notice.objects.filter(unit=tree.MAY, kind="report_returned").count() == 1
    assert Notice.objects.filter(unit=tree.CT, kind="report_submitted").count() == 2
