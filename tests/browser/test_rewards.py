"""The province officer opens a register, drafts a year-end decision, adds a worker and a collective (the money
worked out from the catalog); the province's leader issues it (number 1 of the register) and downloads it; the worker's page shows the
award."""

from playwright.sync_api import expect

from tests.registrations.builders import ensure_catalog


def test_a_decision_from_register_to_the_permanent_record(page, login, screenshot, tree, people):
    ensure_catalog()
    login(page, "province_officer")
    page.get_by_test_id("nav-awards").click()
    page.get_by_test_id("nav-rewards").click()
    page.get_by_role("link", name="Sổ quyết định", exact=True).click()
    page.get_by_label("Cơ quan ban hành").select_option(label="Liên đoàn Lao động tỉnh Bến Tre")
    page.get_by_label("Năm").fill("2017")
    page.get_by_label("Ký hiệu").fill("QĐ-LĐLĐ")
    page.get_by_label("Địa danh ghi trên văn bản").fill("Bến Tre")
    page.get_by_role("button", name="Mở sổ").click()
    expect(page.get_by_test_id("register-row")).to_have_count(1)

    page.get_by_role("link", name="Quyết định khen thưởng", exact=True).first.click()
    page.get_by_role("button", name="Dự thảo quyết định").click()
    page.get_by_role("link", name="QĐ-LĐLĐ – 2017 (LĐLĐ Bến Tre)").click()
    page.get_by_label("Trích yếu").fill("Về việc khen thưởng tổng kết phong trào thi đua năm 2017")
    page.get_by_label("Ngày quyết định").fill("20/12/2017")
    page.get_by_label("Căn cứ", exact=True).fill(
        "Căn cứ Luật Thi đua, Khen thưởng\nXét đề nghị của Ban Chính sách - Pháp luật"
    )
    page.get_by_label("Thể thức ký").select_option("kt")
    page.get_by_label("TM. tập thể / KT. chức danh người đứng đầu").fill("Chủ tịch")
    page.get_by_label("Chức vụ người ký").fill("Phó Chủ tịch")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn Hùng")
    page.get_by_role("button", name="Lưu").click()

    page.get_by_label("Cá nhân: số CCCD hoặc mã hồ sơ").fill("083080000001")
    page.get_by_label("Danh hiệu, hình thức").select_option("lao-dong-tien-tien")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_test_id("line-row")).to_have_count(1)
    page.get_by_label("Hoặc tập thể: mã đơn vị").fill("MAY")
    page.get_by_label("Danh hiệu, hình thức").select_option("tt-ld-tien-tien")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_test_id("line-row")).to_have_count(2)
    expect(page.get_by_test_id("decision-totals")).to_contain_text("1.430.000")
    screenshot(page, "rewards-draft-decision")

    expect(page.get_by_test_id("awaiting-signer")).to_be_visible()  # the officer drafts, the leader signs
    decision_url = page.url
    page.context.clear_cookies()  # the officer leaves; the leader signs in on the same browser
    login(page, "province_leader")
    page.goto(decision_url)
    page.get_by_test_id("decision-issue").click()
    expect(page.get_by_text("Đã ban hành Quyết định số 1/QĐ-LĐLĐ.")).to_be_visible()
    expect(page.get_by_test_id("decision-status")).to_contain_text("Đã ban hành")
    with page.expect_download() as download:
        page.get_by_test_id("decision-docx").click()
    assert download.value.suggested_filename.endswith(".docx")

    page.get_by_role("link", name="Trần Trung Hào").click()
    expect(page.get_by_test_id("person-rewards")).to_contain_text("Lao động tiên tiến")
