"""The initiative path in a real browser: a grassroots officer registers an initiative with two authors (a near
match in another branch is sent up, nothing of it shown), records where it is applied and the council's sitting; the
district leader records the recognition; the provincial officer decides the duplicate check."""

from playwright.sync_api import expect

from tests.registrations.initiative_builders import initiative


def test_initiative_from_registration_to_recognition(page, login, screenshot, tree, users):
    other = initiative(tree.DUA, by=users.province_officer,
                       title="Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may Dừa")  # fmt: skip
    login(page, "grassroots_officer")
    page.get_by_test_id("nav-registrations").click()
    page.get_by_role("link", name="Sáng kiến", exact=True).click()
    page.get_by_test_id("register-link").click()
    page.get_by_label("Tên sáng kiến").fill("Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may")
    page.get_by_label("Lĩnh vực").select_option(label="Kỹ thuật, công nghệ sản xuất")
    page.get_by_label("Ngày đăng ký").fill("01/03/2017")
    page.get_by_label("Thực trạng, vấn đề cần giải quyết").fill(
        "Bàn ủi hơi nước cũ tiêu tốn nhiều điện năng, nhiệt độ không ổn định làm hỏng vải mỏng."
    )
    page.get_by_label("Nội dung giải pháp").fill(
        "Lắp bộ điều khiển nhiệt độ tự động và vỏ cách nhiệt cho nồi hơi, hẹn giờ tắt khi chuyền nghỉ."
    )
    page.locator("select[name=authors-0-person]").select_option(label="Trần Trung Hào")
    page.locator("input[name=authors-0-share]").fill("60")
    page.locator("input[name=authors-1-name]").fill("Kỹ sư Ngô Văn Ngoài")
    page.locator("input[name=authors-1-workplace]").fill("Công ty Cơ khí Đồng Khởi")
    page.locator("input[name=authors-1-share]").fill("40")
    screenshot(page, "initiative-register")
    page.get_by_test_id("save").click()
    expect(page.get_by_text("Đã đăng ký sáng kiến.")).to_be_visible()
    expect(page.get_by_test_id("sent-up")).to_contain_text("đã gửi lên cấp trên kiểm tra")
    expect(page.locator("main")).not_to_contain_text("Dừa")
    expect(page.get_by_test_id("authors")).to_contain_text("Kỹ sư Ngô Văn Ngoài")
    expect(page.get_by_test_id("initiative-status")).to_have_text("Đã đăng ký")

    page.get_by_test_id("apply-link").click()
    page.get_by_label("Nơi áp dụng").fill("Chuyền may số 3, Phân xưởng 2")
    page.get_by_label("Áp dụng từ ngày").fill("01/04/2017")
    page.get_by_label("Số tiền làm lợi mỗi năm (đồng)").fill("120.000.000")
    page.get_by_role("button", name="Ghi nhận áp dụng sáng kiến").click()
    expect(page.get_by_test_id("initiative-status")).to_have_text("Đã áp dụng")
    expect(page.get_by_test_id("benefit")).to_contain_text("120.000.000 đ")

    page.get_by_test_id("review-link").click()
    page.get_by_label("Hội đồng xét sáng kiến").fill("Hội đồng sáng kiến Công ty TNHH May Việt Tiến")
    page.get_by_label("Ngày họp").fill("05/10/2017")
    page.get_by_label("Biên bản, kết luận của hội đồng").fill("Hội đồng thống nhất đề nghị công nhận.")
    for i, (name, score) in enumerate(
        [("Lê Văn An", "85"), ("Trần Thị Bích", "80"), ("Phan Văn Cường", "90")]
    ):
        page.locator(f"input[name=members-{i}-name]").fill(name)
        page.locator(f"input[name=members-{i}-score]").fill(score)
    screenshot(page, "initiative-review")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("review")).to_contain_text("điểm trung bình 85,0")
    expect(page.get_by_test_id("recognise-link")).to_have_count(0)  # an officer does not record it

    page.context.clear_cookies()
    login(page, "district_leader")
    page.goto("/sang-kien/?q=ban ui hoi nuoc")
    page.get_by_role(
        "link", name="Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may", exact=True
    ).click()
    page.get_by_test_id("recognise-link").click()
    expect(page.get_by_test_id("transition-warnings")).to_contain_text("Đang chờ cấp trên kiểm tra trùng")
    page.get_by_label("Số quyết định công nhận").fill("125/QĐ-MVT")
    page.get_by_label("Ngày quyết định").fill("20/10/2017")
    page.get_by_label("Cơ quan, đơn vị công nhận").fill("Giám đốc Công ty TNHH May Việt Tiến Bến Tre")
    page.get_by_label("Phạm vi ảnh hưởng").select_option(label="Phạm vi cơ sở")
    page.get_by_label("Tôi đã xem các lưu ý trên và vẫn muốn tiếp tục.").check()
    page.get_by_role("button", name="Ghi nhận công nhận sáng kiến").click()
    expect(page.get_by_test_id("recognition")).to_contain_text("Số 125/QĐ-MVT ngày 20/10/2017")
    expect(page.get_by_test_id("initiative-status")).to_have_text("Được công nhận")
    screenshot(page, "initiative-recognised")

    page.context.clear_cookies()
    login(page, "province_officer")
    page.goto("/sang-kien/kiem-tra-trung/")
    screenshot(page, "initiative-duplicates")
    page.get_by_test_id("check-row").get_by_role("link").click()
    expect(page.locator("main")).to_contain_text(other.title)
    page.get_by_label("Không trùng: hai sáng kiến khác nhau").check()
    page.get_by_label("Ghi chú").fill("Hai đơn vị áp dụng cho hai loại nồi hơi khác nhau.")
    screenshot(page, "initiative-duplicate-check")
    page.get_by_test_id("decide").click()
    expect(page.get_by_text("Đã ghi kết luận kiểm tra trùng.")).to_be_visible()
    expect(page.get_by_test_id("check-row")).to_have_count(0)
