"""The district leader follows the 2017–2022 congresses of the district's grassroots unions: the progress by
upper-level union, the unions not scheduled yet, schedules one, and its officer records the congress held."""

import datetime

from playwright.sync_api import expect

from thidua.congresses import actions

D = datetime.date


def test_congress_progress_schedule_and_result(page, login, screenshot, tree):
    may = actions.schedule_congress(tree.MAY, by=None, scheduled_by=tree.CT, term_start=2017, term_end=2022,
                                    planned_on=D(2017, 5, 10))  # fmt: skip
    actions.record_congress_held(may, by=None, held_on=D(2017, 6, 20), delegates=85, committee_size=9)
    actions.schedule_congress(tree.DUA, by=None, scheduled_by=tree.TPBT, term_start=2017, term_end=2022,
                              planned_on=D(2017, 6, 1))  # fmt: skip
    login(page, "province_officer")
    page.get_by_test_id("nav-union-work").click()
    page.get_by_role("link", name="Tiến độ Đại hội công đoàn").click()
    rows = page.get_by_test_id("progress-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Liên đoàn Lao động huyện Châu Thành")
    expect(page.get_by_test_id("progress-summary")).to_contain_text("1/3 công đoàn cơ sở đã tổ chức Đại hội")
    screenshot(page, "congresses-progress")

    page.context.clear_cookies()
    login(page, "district_leader")
    page.goto("/dai-hoi/don-vi/?term=2017&progress=not_scheduled")
    expect(page.get_by_test_id("congress-row")).to_have_count(1)
    expect(page.get_by_test_id("congress-row")).to_contain_text("Trường THPT Châu Thành A")
    page.goto(f"/don-vi/{tree.THPT.pk}/")
    page.get_by_role("link", name="Xếp lịch Đại hội").click()
    page.get_by_label("Nhiệm kỳ từ năm").fill("2017")
    page.get_by_label("Nhiệm kỳ đến năm").fill("2022")
    page.get_by_label("Ngày dự kiến tổ chức").fill("15/09/2017")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã xếp lịch Đại hội")).to_be_visible()
    page.get_by_role("link", name="Ghi nhận kết quả Đại hội").click()
    page.get_by_label("Ngày tổ chức Đại hội").fill("14/09/2017")
    page.get_by_label("Số đại biểu chính thức").fill("42")
    page.get_by_label("Số ủy viên Ban Chấp hành khóa mới").fill("7")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("progress")).to_contain_text("Đã tổ chức, kịp tiến độ")
    screenshot(page, "congresses-detail")
    page.goto("/dai-hoi/?term=2017")
    expect(page.get_by_test_id("progress-row").first).to_contain_text("50%")
    screenshot(page, "congresses-progress-after")
