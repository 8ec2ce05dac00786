"""The province officer calibrates a blank of the Châu Thành federation: creates it, moves the name 2 mm right
and 1.5 mm up on the calibration page, prints the test page, then prints the decision's certificates on that blank
(a task with progress) and opens the public verification page of a serial without logging in."""

from playwright.sync_api import expect

from tests.certificates.builders import ct_decision
from tests.registrations.builders import ensure_catalog
from thidua.certificates.models import BlankLayout, Certificate


def test_calibrate_a_blank_and_print_a_decision_on_it(
    page, login, screenshot, browser, live_server, tree, people
):
    ensure_catalog()
    decision = ct_decision(tree, people)
    login(page, "province_officer")
    page.goto("/bang-giay-khen/")
    page.get_by_role("link", name="Biểu tượng và phôi in").click()
    page.get_by_label("Đơn vị").first.select_option(label="— Liên đoàn Lao động huyện Châu Thành")
    page.get_by_label("Tên phôi").fill("Phôi Giấy khen 2017 – máy in tầng 2")
    page.get_by_test_id("layout-create").click()
    expect(page.get_by_text("Đã tạo phôi.")).to_be_visible()

    name_row = page.get_by_test_id("field-name")
    name_row.get_by_label("Họ và tên (tập thể) – x (mm)").fill("150.5")
    name_row.get_by_label("Họ và tên (tập thể) – y (mm)").fill("104.5")
    page.get_by_test_id("field-serial").get_by_label("Số hiệu – cỡ chữ (pt)").fill("10")
    screenshot(page, "certificates-calibration")
    page.get_by_test_id("layout-save").click()
    expect(page.get_by_text("Đã lưu vị trí các trường của phôi.")).to_be_visible()
    expect(page.get_by_test_id("field-name").get_by_label("Họ và tên (tập thể) – x (mm)")).to_have_value(
        "150.5"
    )
    layout = BlankLayout.objects.get()
    assert (layout.fields["name"]["x"], layout.fields["name"]["y"], layout.fields["serial"]["size"]) == (
        150.5,
        104.5,
        10,
    )
    with page.expect_download() as download:
        page.get_by_test_id("test-page").click()
    assert download.value.suggested_filename == f"trang-thu-phoi-{layout.pk}.pdf"

    page.goto(f"/bang-giay-khen/quyet-dinh/{decision.pk}/")
    page.get_by_label("In", exact=True).select_option(
        label="Chỉ các trường thay đổi, trên phôi “Phôi Giấy khen 2017 – máy in tầng 2”"
    )
    page.get_by_test_id("start-batch").click()
    expect(page.get_by_test_id("batch-download")).to_contain_text("3 bằng")
    expect(page.get_by_test_id("serial")).to_have_count(3)
    screenshot(page, "certificates-decision")

    serial = Certificate.objects.filter(record__person=people.tran_hao).get().display_serial
    anonymous = browser.new_context(base_url=live_server.url, locale="vi-VN")
    public = anonymous.new_page()
    public.goto(f"/xac-thuc/{serial}/")
    expect(public.get_by_test_id("verify-state")).to_have_attribute("data-state", "genuine")
    expect(public.get_by_test_id("verify-name")).to_have_text("Trần Trung Hào")
    screenshot(public, "certificates-verify")
    anonymous.close()
