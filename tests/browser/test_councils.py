"""A council member casts a secret ballot in the browser, keeps the receipt code and checks it was counted; the
secretary closes the vote and the session page explains the result."""

from playwright.sync_api import expect

from tests.councils.builders import award, council_of, session_of
from tests.registrations.builders import ensure_catalog
from thidua.councils import actions


def test_member_votes_then_checks_the_receipt(page, login, screenshot, tree, people):
    ensure_catalog()
    council, members = council_of(tree.BT, 3)
    session, (item,) = session_of(
        council, members, items=[{"person": people.vo_hong, "award": award("cstd-co-so")}]
    )
    actions.open_voting(session, by=None)
    for member in members[1:]:
        actions.cast_ballots(session, by=member.user, choices={item.pk: "agree"})

    login(page, members[0].user.username, "x")
    page.goto(f"/hoi-dong-thi-dua/phien-hop/{session.pk}/")
    page.get_by_test_id("to-ballot").click()
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Gửi phiếu").click()
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_contain_text("Mã biên nhận")
    code = receipt.locator("strong").inner_text()
    expect(page.get_by_text("Đã bỏ phiếu", exact=True)).to_be_visible()
    screenshot(page, "council-ballot-receipt")

    page.goto(f"/hoi-dong-thi-dua/phien-hop/{session.pk}/kiem-tra-bien-nhan/")
    page.get_by_label("Mã biên nhận").fill(code.lower())
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_test_id("receipt-found")).to_contain_text("Đồng ý")

    page.context.clear_cookies()
    login(page, members[1].user.username, "x")  # the secretary
    page.goto(f"/hoi-dong-thi-dua/phien-hop/{session.pk}/")
    page.get_by_role("button", name="Kết thúc bỏ phiếu, kiểm phiếu").click()
    expect(page.get_by_test_id("session-status")).to_have_text("Đã kết thúc bỏ phiếu")
    expect(page.get_by_test_id("result-note")).to_contain_text("3 phiếu đồng ý trên 3")
    screenshot(page, "council-session-results")
