"""The roll-up of a phase report in a real browser: the province's officer opens the form's roll-up, sees the
totals and the district whose own totals disagree with its units, drills down to that district and back up, then
looks at who has reported and reminds the late."""

from playwright.sync_api import expect

from tests.reports import rollup_builders as build
from thidua.notices.models import Notice


def test_province_drills_down_and_reminds_the_late(page, login, screenshot, tree):
    season = build.standard_season(tree)
    login(page, "province_officer")
    page.goto("/bao-cao/tong-hop/")
    page.get_by_role("link", name=season.form.title).click()
    expect(page.get_by_test_id("rollup-unit")).to_have_text(tree.BT.name)
    expect(page.get_by_test_id("total-R-MEM")).to_have_text("110")
    expect(page.get_by_test_id("total-R-RATE")).to_have_text("50 %")
    expect(page.get_by_test_id("total-R-MONEY")).to_have_text("≈ 520.000.000")
    children = page.get_by_test_id("rollup-children")
    expect(children.locator("tr[data-unit='CT']")).to_contain_text("lệch")
    expect(page.get_by_test_id("rollup-discrepancies")).to_contain_text("Tổng số đoàn viên")
    screenshot(page, "report-rollup-province")

    children.locator("tr[data-unit='CT']").get_by_test_id("drill").click()
    expect(page.get_by_test_id("rollup-unit")).to_have_text(tree.CT.name)
    expect(page.get_by_test_id("rollup-children").locator("tr[data-unit='MAY']")).to_contain_text("100")
    expect(page.get_by_test_id("rollup-children").locator("tr[data-unit='THPT']")).to_contain_text("10")
    expect(page.get_by_test_id("rollup-parts")).to_have_count(0)
    screenshot(page, "report-rollup-district")

    page.get_by_test_id("rollup-crumbs").get_by_role("link", name=tree.BT.short_name).click()
    expect(page.get_by_test_id("rollup-unit")).to_have_text(tree.BT.name)

    page.get_by_test_id("tab-completeness").click()
    expect(page.get_by_test_id("total-expected")).to_have_text("5")
    expect(page.get_by_test_id("completeness-children").locator("tr[data-unit='TPBT']")).to_be_visible()
    screenshot(page, "report-rollup-completeness")

    page.get_by_test_id("tab-late").click()
    late = page.get_by_test_id("late-list")
    expect(late.locator("tr[data-unit='DUA']")).to_be_visible()
    late.locator("tr[data-unit='DUA'] input[type=checkbox]").check()
    screenshot(page, "report-rollup-late")
    page.get_by_role("button", name="Nhắc các đơn vị đã chọn").click()
    expect(page.get_by_text("Đã nhắc 1 đơn vị chưa gửi báo cáo.")).to_be_visible()
    assert [n.unit.code for n in Notice.objects.filter(kind="report_reminder")] == ["DUA"]
