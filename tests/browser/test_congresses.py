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


def test_district_schedules_the_next_terms_congresses_at_once(page, login, screenshot, tree):
    """Issue 14: the 2022–2027 congresses of every union whose 2017–2022 term ends, dates spread over March 2022."""
    for unit in (tree.MAY, tree.THPT):
        held = actions.schedule_congress(unit, by=None, scheduled_by=tree.CT, term_start=2017, term_end=2022,
                                         planned_on=D(2017, 5, 10))  # fmt: skip
        actions.record_congress_held(held, by=None, held_on=D(2017, 5, 10), delegates=50, committee_size=7)
    login(page, "district_leader")
    page.goto("/dai-hoi/?term=2017")
    page.get_by_test_id("schedule-batch").click()
    page.get_by_label("Nhiệm kỳ mới từ năm").fill("2022")
    page.get_by_label("Nhiệm kỳ mới đến năm").fill("2027")
    page.get_by_label("Nhiệm kỳ trước kết thúc năm").fill("2022")
    page.get_by_label("Tổ chức từ ngày").fill("01/03/2022")
    page.get_by_label("Đến ngày").fill("31/03/2022")
    page.get_by_role("button", name="Lọc, rải ngày").click()
    expect(page.get_by_test_id("batch-row")).to_have_count(2)
    expect(page.get_by_label("Ngày dự kiến: Công đoàn cơ sở Trường THPT Châu Thành A")).to_have_value(
        "31/03/2022"
    )
    page.get_by_label("Ngày dự kiến: Công đoàn cơ sở Trường THPT Châu Thành A").fill("24/03/2022")
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_test_id("batch-preview-row")).to_have_count(2)
    expect(page.get_by_test_id("batch-preview-row").last).to_contain_text("24/03/2022")
    screenshot(page, "congresses-batch-preview")
    page.get_by_role("button", name="Xác nhận xếp lịch").click()
    expect(page.get_by_text("Đã xếp lịch Đại hội nhiệm kỳ 2022–2027 cho 2 công đoàn cơ sở.")).to_be_visible()
    expect(page.get_by_test_id("congress-row")).to_have_count(2)
