"""A district federation's officer registers an enterprise without a union, surveys it, adopts a recruitment plan,
records the members recruited, founds the grassroots union (it appears in the tree) and sees the pipeline."""

from playwright.sync_api import expect


def test_from_survey_to_a_founded_union_and_the_pipeline(page, login, screenshot, tree):
    login(page, "district_leader")
    page.get_by_test_id("nav-union-work").click()
    page.get_by_test_id("nav-enterprises").click()
    page.get_by_role("link", name="Thêm doanh nghiệp").click()
    page.get_by_label("Công đoàn cấp trên theo dõi").select_option(
        label="Liên đoàn Lao động huyện Châu Thành"
    )
    page.get_by_label("Mã số thuế").fill("0100233480")
    page.get_by_label("Tên doanh nghiệp").fill("Công ty TNHH Chế biến Dừa Lương Quới")
    page.get_by_label("Loại hình sở hữu").select_option(label="Doanh nghiệp ngoài nhà nước")
    page.get_by_label("Số lao động").fill("420")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".invalid-feedback").get_by_text("sai chữ số kiểm tra")).to_be_visible()
    page.get_by_label("Mã số thuế").fill("0100233488")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã thêm doanh nghiệp")).to_be_visible()
    expect(page.get_by_test_id("stage")).to_have_text("Chưa khảo sát")

    page.get_by_test_id("survey").click()
    page.get_by_label("Cán bộ khảo sát").fill("Nguyễn Văn An, Lê Thị Hạnh")
    page.get_by_label("Thái độ của người sử dụng lao động").select_option(label="Còn e ngại")
    page.get_by_label("Tình hình nắm được").fill("Người lao động có nguyện vọng thành lập công đoàn.")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("stage")).to_have_text("Đã khảo sát")

    page.get_by_test_id("plan").click()
    page.get_by_label("Chỉ tiêu kết nạp (đoàn viên)").fill("60")
    page.get_by_label("Thời hạn").fill("31/12/2099")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("stage")).to_have_text("Đang vận động thành lập")
    page.get_by_test_id("progress").click()
    page.get_by_label("Số đoàn viên kết nạp thêm").fill("45")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("recruited")).to_have_text("Đã kết nạp 45/60 đoàn viên.")
    screenshot(page, "enterprises-mobilising")

    page.get_by_test_id("found").click()
    page.get_by_label("Quyết định thành lập").fill("215/QĐ-LĐLĐ")
    page.get_by_test_id("save").click()
    expect(page.get_by_text("Đã thành lập công đoàn cơ sở")).to_be_visible()
    expect(page.get_by_test_id("union")).to_contain_text(
        "Công đoàn cơ sở Công ty TNHH Chế biến Dừa Lương Quới"
    )
    expect(page.get_by_test_id("events")).to_contain_text("Đã có công đoàn cơ sở")
    screenshot(page, "enterprises-founded")

    page.get_by_test_id("union").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Công đoàn cơ sở Công ty TNHH Chế biến Dừa Lương Quới"
    )
    expect(page.get_by_test_id("unit-enterprises")).to_contain_text("Công ty TNHH Chế biến Dừa Lương Quới")

    page.get_by_test_id("nav-union-work").click()
    page.get_by_test_id("nav-enterprises").click()
    page.get_by_role("link", name="Tiến trình thành lập công đoàn").click()
    expect(page.get_by_test_id("stage-founded")).to_contain_text("1")
    expect(page.get_by_test_id("durations")).to_be_visible()
    screenshot(page, "enterprises-pipeline")
