"""Proposal → council → decision in the browser: the grassroots officer drafts a proposal, adds a nominee found by
name, writes her achievement report from the prescribed form, attaches the council minutes and sends it; the
district leader receives it and puts the nominee on the session of its council; the council votes (secret ballots,
through the councils' actions); the leader turns the result into a draft decision and issues it."""

import datetime

from playwright.sync_api import expect

from tests.councils.builders import council_of
from thidua.councils import actions as council_actions
from thidua.councils.models import AttendanceStatus

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_proposal_council_decision(page, login, screenshot, tree, tmp_path, shipped_catalogs):
    login(page, "grassroots_officer")
    page.get_by_test_id("nav-awards").click()
    page.get_by_test_id("nav-proposals").click()
    page.get_by_test_id("proposal-create").click()
    page.get_by_label("Đơn vị đề nghị").select_option(label=tree.MAY.name)
    page.get_by_label("Loại khen thưởng").select_option(
        label="Khen thưởng tổng kết năm (công trạng, thành tích)"
    )
    page.get_by_label("Năm").fill("2017")
    page.get_by_label("Trích yếu").fill("Đề nghị khen thưởng tổng kết phong trào thi đua năm 2017")
    page.get_by_test_id("save").click()
    expect(page.get_by_text("Đã tạo đề nghị")).to_be_visible()

    page.get_by_test_id("person-search").fill("nguyen thi dao")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Nguyễn Thị Đào").click()
    expect(page.get_by_test_id("chosen-person")).to_have_text("Nguyễn Thị Đào")
    page.get_by_label("Danh hiệu, hình thức đề nghị").select_option(
        label="Giấy khen của Ban Chấp hành công đoàn cấp trên trực tiếp cơ sở"
    )
    page.get_by_label("Tóm tắt thành tích").fill("Năng suất vượt 20 % định mức, không có sản phẩm lỗi.")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("nominee-row")).to_have_count(1)
    expect(page.get_by_test_id("missing")).to_contain_text("Nguyễn Thị Đào: thiếu báo cáo thành tích.")

    page.get_by_test_id("nominee-edit").click()
    page.get_by_test_id("fill-report").click()
    expect(page.get_by_label("Báo cáo thành tích")).to_contain_text("I. SƠ LƯỢC LÝ LỊCH")
    page.get_by_test_id("save").click()
    minutes = tmp_path / "bien-ban-hop-hoi-dong.pdf"
    minutes.write_bytes(PDF)
    page.locator("#attachment-file").set_input_files(str(minutes))
    page.locator("#attachment-part").select_option("council_minutes")
    page.locator("#attachment-description").fill("Biên bản họp Hội đồng thi đua – khen thưởng CĐCS")
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_test_id("missing")).to_have_count(0)
    page.get_by_test_id("transition-send").click()
    page.get_by_role("button", name="Gửi đề nghị lên cấp trên").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("Đã gửi, chờ cấp trên tiếp nhận")
    screenshot(page, "proposal-sent")

    council, members = council_of(tree.CT, 5, term_from=datetime.date(2017, 1, 1))
    session = council_actions.create_session(council, by=None, held_on=datetime.date(2017, 12, 15))
    page.context.clear_cookies()
    login(page, "district_leader")
    page.get_by_test_id("nav-awards").click()
    page.get_by_test_id("nav-proposals").click()
    page.get_by_test_id("tab-received").click()
    page.get_by_role("link", name="Đề nghị khen thưởng tổng kết phong trào thi đua năm 2017").click()
    page.get_by_test_id("transition-receive").click()
    page.get_by_role("button", name="Tiếp nhận đề nghị").click()
    expect(page.get_by_test_id("verdict")).to_be_visible()
    page.get_by_label("Chọn Nguyễn Thị Đào").check()
    page.get_by_test_id("to-agenda").click()
    expect(page.get_by_test_id("agenda")).to_contain_text("Chưa có kết quả")

    item = session.items.get()
    council_actions.record_attendance(
        session, by=None, statuses={m.pk: AttendanceStatus.PRESENT for m in members}
    )
    council_actions.open_voting(session, by=None)
    for m in members:
        council_actions.cast_ballots(session, by=m.user, choices={item.pk: "agree"})
    council_actions.close_voting(session, by=None)

    page.reload()
    expect(page.get_by_test_id("agenda")).to_contain_text("Đạt")
    page.get_by_test_id("make-decision").click()
    expect(page.get_by_test_id("decision-status")).to_have_text("Dự thảo")
    expect(page.get_by_test_id("line-row")).to_have_count(1)
    expect(page.get_by_test_id("line-row")).to_contain_text("Nguyễn Thị Đào")
    page.get_by_test_id("decision-issue").click()
    expect(page.get_by_test_id("decision-status")).to_have_text("Đã ban hành")
    screenshot(page, "proposal-decision")

    page.goto("/de-nghi-khen-thuong/?box=received&year=2017")
    page.get_by_role("link", name="Đề nghị khen thưởng tổng kết phong trào thi đua năm 2017").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("Đã xử lý xong")
    expect(page.get_by_test_id("result")).to_contain_text("Được khen thưởng")
