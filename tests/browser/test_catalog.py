import re

from playwright.sync_api import expect

from tests.registrations.builders import ensure_catalog, federation_admin


def test_federation_administrator_adds_a_stricter_quota_seen_in_the_catalog(page, login, screenshot, tree):
    ensure_catalog()
    federation_admin(tree.BT, "bt_admin")
    login(page, "bt_admin", password="x")

    page.get_by_test_id("nav-registrations").click()
    page.get_by_role("link", name="Danh mục khen thưởng").click()
    page.get_by_label("Áp dụng vào ngày").fill("31/12/2018")
    page.get_by_role("button", name="Xem").click()
    row = page.locator('[data-testid=catalog-row][data-code="cstd-co-so"]')
    expect(row).to_contain_text("không quá 15 % số đạt “Lao động tiên tiến”")
    expect(
        page.locator('[data-testid=catalog-row][data-code="bang-khen-tld"] [data-mark=UNVERIFIED]').first
    ).to_be_visible()
    screenshot(page, "catalog-2018")

    page.get_by_role("link", name=re.compile("Quy định riêng của đơn vị")).click()
    page.get_by_role("link", name="Thêm văn bản").click()
    page.get_by_label("Số, ký hiệu").fill("115/QĐ-LĐLĐ")
    page.get_by_label("Tên, trích yếu").fill("Quy chế khen thưởng của LĐLĐ tỉnh Bến Tre")
    page.get_by_label("Hiệu lực từ ngày").fill("01/01/2018")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã thêm văn bản quy định của đơn vị.")).to_be_visible()

    page.get_by_role("link", name="Thêm quy định").click()
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Chiến sĩ thi đua cơ sở")
    page.get_by_label("Tỷ lệ, số lượng khống chế (JSON)").fill(
        '[{"percent": 10, "of": "lao-dong-tien-tien", "per": "mỗi CĐCS, mỗi năm"}]'
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã thêm quy định.")).to_be_visible()
    expect(page.get_by_test_id("history")).to_contain_text("Tạo mới")

    page.goto("/danh-muc-khen-thuong/?on=31/12/2018")
    expect(row).to_contain_text("không quá 10 % số đạt “Lao động tiên tiến” (mỗi CĐCS, mỗi năm)")
    screenshot(page, "catalog-2018-ben-tre")
