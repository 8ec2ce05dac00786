"""A grassroots officer registers a research topic, attaches its proposal (a PDF; random bytes named .pdf are
refused), and a district leader records its acceptance."""

from playwright.sync_api import expect


def test_topic_from_registration_with_a_file_to_acceptance(page, login, screenshot, tree, people, tmp_path):
    login(page, "grassroots_officer")
    page.get_by_test_id("nav-registrations").click()
    page.get_by_role("link", name="Đề tài nghiên cứu khoa học").click()
    page.get_by_role("link", name="Đăng ký đề tài").click()
    page.get_by_label("Đơn vị").select_option(label="Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre")
    page.get_by_label("Tên đề tài").fill("Giải pháp giảm tai nạn lao động tại phân xưởng may")
    page.get_by_label("Chủ nhiệm đề tài").fill("Trần Trung Hào")
    page.get_by_label("Thành viên tham gia").fill("Nguyễn Thị Đào – thư ký")
    page.get_by_label("Bắt đầu").fill("01/03/2017")
    page.get_by_label("Kết thúc (dự kiến)").fill("31/12/2017")
    page.get_by_label("Kinh phí (đồng)").fill("45.000.000")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã đăng ký đề tài")).to_be_visible()
    expect(page.get_by_test_id("lead")).to_contain_text("Trần Trung Hào")

    fake = tmp_path / "thuyet-minh.pdf"
    fake.write_bytes(b"\x00\x01 not a pdf at all" * 50)
    page.locator("#attachment-file").set_input_files(str(fake))
    page.get_by_role("button", name="Đính kèm").click()
    expect(
        page.get_by_text("không phải tệp PDF, Word (DOCX), Excel (XLSX) hay ảnh (JPG, PNG) hợp lệ")
    ).to_be_visible()
    real = tmp_path / "Thuyết minh đề tài.pdf"
    real.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    page.locator("#attachment-file").set_input_files(str(real))
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_test_id("attachment-row")).to_contain_text("Thuyết minh đề tài.pdf")
    page.get_by_role("link", name="Bắt đầu thực hiện đề tài").click()
    page.get_by_role("button", name="Bắt đầu thực hiện đề tài").click()
    screenshot(page, "works-topic-in-progress")

    url = page.url
    page.context.clear_cookies()
    login(page, "district_leader")
    page.goto(url)
    page.get_by_role("link", name="Ghi kết quả nghiệm thu đề tài").click()
    page.get_by_label("Ngày nghiệm thu").fill("15/01/2018")
    page.get_by_label("Xếp loại").select_option(label="Xuất sắc")
    page.get_by_label("Cơ quan, hội đồng nghiệm thu").fill("Hội đồng khoa học cơ sở")
    page.get_by_label("Số quyết định công nhận kết quả").fill("12/QĐ-CĐCS")
    page.get_by_label("Ngày quyết định").fill("20/01/2018")
    page.get_by_role("button", name="Ghi kết quả nghiệm thu đề tài").click()
    expect(page.get_by_test_id("acceptance")).to_contain_text("Xuất sắc")
    expect(page.get_by_test_id("events")).to_contain_text("Ghi kết quả nghiệm thu")
    screenshot(page, "works-topic-accepted")
