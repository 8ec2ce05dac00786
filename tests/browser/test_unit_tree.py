import datetime
import re

from playwright.sync_api import expect

from thidua.orgs import actions
from thidua.orgs.actions.restructuring import approve_restructuring
from thidua.orgs.models import RestructuringRequest, Unit


def node(page, code):
    return page.locator(f'li.tree-node[data-unit="{code}"]')


def test_officer_opens_the_tree_node_by_node(page, login, screenshot):
    login(page, "province_officer")
    page.get_by_test_id("nav-orgs").click()
    page.get_by_role("link", name="Cây tổ chức").click()
    expect(node(page, "BT")).to_be_visible()
    expect(node(page, "CT")).to_have_count(0)  # children load only when a node is opened
    node(page, "BT").locator("summary .node-caret").first.click()
    expect(node(page, "CT")).to_be_visible()
    expect(node(page, "CT").locator("[data-stat=members]").first).to_contain_text("3")
    node(page, "CT").locator("summary .node-caret").first.click()
    expect(node(page, "MAY")).to_be_visible()
    expect(node(page, "BT")).to_have_attribute("aria-expanded", "true")
    node(page, "BT").locator("summary .node-caret").first.click()  # collapses without reloading
    expect(node(page, "CT")).to_be_hidden()
    screenshot(page, "unit-tree")


def test_tree_as_of_2017_shows_the_old_parent(page, login):
    may, tpbt = Unit.objects.get(code="MAY"), Unit.objects.get(code="TPBT")
    actions.move_unit(may, tpbt, by=None, effective_on=datetime.date(2025, 7, 1))
    login(page, "province_officer")
    page.goto("/don-vi/")
    page.get_by_label("Xem cơ cấu tại ngày").fill("01/06/2017")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#tree-caption")).to_have_text("Cơ cấu tổ chức tại ngày 01/06/2017")
    node(page, "BT").locator("summary .node-caret").first.click()
    node(page, "CT").locator("summary .node-caret").first.click()
    expect(node(page, "CT").locator('li.tree-node[data-unit="MAY"]')).to_be_visible()
    page.get_by_role("link", name="Về hôm nay").click()
    node(page, "BT").locator("summary .node-caret").first.click()
    node(page, "TPBT").locator("summary .node-caret").first.click()
    expect(node(page, "TPBT").locator('li.tree-node[data-unit="MAY"]')).to_be_visible()


def test_move_a_unit_choosing_the_parent_by_searching_without_diacritics(page, login, users):
    """The picker finds the new parent typed without diacritics; the move is prepared for the leader's approval and
    happens when the leader approves."""
    login(page, "province_officer")
    page.goto(f"/don-vi/{Unit.objects.get(code='MAY').pk}/chuyen/")
    page.get_by_placeholder("Tìm theo tên hoặc mã đơn vị").fill("thanh pho ben tre")
    page.get_by_label(re.compile("Liên đoàn Lao động thành phố Bến Tre")).check()
    page.get_by_label("Ngày hiệu lực").fill("01/07/2025")
    page.get_by_role("button", name="Trình duyệt").click()
    page.wait_for_load_state("networkidle")
    assert "Chờ lãnh đạo duyệt" in page.inner_text("[data-testid=status]")
    prepared = RestructuringRequest.objects.get(kind="move")
    assert prepared.target == Unit.objects.get(code="TPBT")
    assert Unit.objects.get(code="MAY").path.startswith(Unit.objects.get(code="CT").path)  # not yet moved
    approve_restructuring(prepared, by=users.province_leader)
    assert Unit.objects.get(code="MAY").path.startswith(Unit.objects.get(code="TPBT").path)
