"""The import preview names, for every part read, the lines of the source it came from; pointing at a part's badge
highlights them, and each line of the source says on hover where it went (issue 9)."""

from playwright.sync_api import expect

from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.models import Plan


def test_officer_checks_where_each_line_of_the_source_went(page, login, screenshot):
    login(page, "province_officer")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.get_by_label("Tệp văn bản").set_input_files(str(REFERENCE_PLAN))
    page.get_by_role("button", name="Đọc và xem trước").click()

    expect(page.get_by_test_id("source-complete")).to_be_visible()
    badge = page.locator("#part-purposes").get_by_test_id("source-lines").first
    expect(badge).to_have_text("Dòng 15, 17, 19")
    badge.hover()
    expect(page.locator("#src-L17")).to_have_class("src-line src-placed src-hl")
    expect(page.locator("#src-L11")).to_have_attribute("title", "Xếp vào: Căn cứ")
    screenshot(page, "plan-import-source-lines")
    badge.click()
    expect(page.locator("#src-L15")).to_be_in_viewport()

    # A paragraph the parser put among the purposes is moved to the closing, a measure to a section of its own.
    page.get_by_label("Đoạn “Động viên cán bộ, đoàn viên, CNVCLĐ trong…”: chuyển vào").select_option(
        label="Kết thúc văn bản"
    )
    page.locator("#part-measures").get_by_test_id("paragraph-move").last.select_option("free")
    page.get_by_role("button", name="Tạo dự thảo từ văn bản này").click()
    expect(page.get_by_text("Đã tạo dự thảo 13/KH-LĐLĐ từ văn bản.")).to_be_visible()
    plan = Plan.objects.get()
    assert "Động viên cán bộ, đoàn viên, CNVCLĐ trong tỉnh" in plan.closing.split("\n\n")[-1]
    assert [f.text[:34] for f in plan.free_sections.all()] == ["Kịp thời tổ chức sơ kết, tổng kết,"]
