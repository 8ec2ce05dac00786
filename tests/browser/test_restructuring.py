"""A dissolution in the browser (issue 8): the officer of the level above prepares it, the leader there sees what
will end, confirms and approves; the unit is dissolved and the request says what ended."""

import pytest

from thidua.orgs.models import Unit

pytestmark = pytest.mark.browser


def test_officer_prepares_and_leader_approves_a_dissolution(
    page, login, screenshot, tree, browser, live_server
):
    login(page, "province_officer")
    page.goto(f"/don-vi/{tree.MAY.pk}/giai-the/")
    page.get_by_label("Quyết định số").fill("9/QĐ-LĐLĐ")
    page.get_by_role("button", name="Trình duyệt").click()
    page.wait_for_load_state("networkidle")
    assert "Chờ lãnh đạo duyệt" in page.inner_text("[data-testid=status]")
    assert "3 lượt sinh hoạt công đoàn đang mở" in page.inner_text("[data-testid=impact]")
    screenshot(page, "restructuring-request-submitted")
    detail = page.url

    leader = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    login(leader, "district_leader")
    leader.goto(detail)
    leader.get_by_role("link", name="Duyệt và thực hiện").click()
    leader.wait_for_load_state("networkidle")
    assert "Sẽ kết thúc: 3 lượt sinh hoạt công đoàn đang mở" in leader.inner_text(
        "[data-testid=transition-warnings]"
    )
    screenshot(leader, "restructuring-approve-confirm")
    leader.get_by_label("Tôi đã xem các lưu ý trên và vẫn muốn tiếp tục.").check()
    leader.get_by_role("button", name="Duyệt và thực hiện").click()
    leader.wait_for_load_state("networkidle")
    assert "Đã duyệt và thực hiện" in leader.inner_text("[data-testid=status]")
    screenshot(leader, "restructuring-approved")
    assert Unit.objects.get(pk=tree.MAY.pk).ended_as == "dissolved"
