"""Cluster scoring in the browser: the district leader of a member unit opens the cluster from the list, opens the
score grid of the signed covenant, types a score above the maximum (the grid says which cell, nothing is saved),
corrects it and saves; the ranking shows the member's totals and the tie it makes."""

from playwright.sync_api import expect

from tests.clusters.builders import cluster, covenant, officer_of
from thidua.clusters import actions


def test_member_officer_enters_scores_and_sees_the_ranking(page, login, screenshot, tree):
    c = cluster(tree)
    cov = covenant(c)
    first, second = cov.criteria.order_by("order")
    tp = officer_of(tree.TPBT, "tp_officer")
    actions.enter_scores(
        cov, tree.TPBT, by=tp, values={(first.pk, tree.CT.pk): "50", (second.pk, tree.CT.pk): "30"}
    )

    login(page, "district_leader")
    page.get_by_test_id("nav-awards").click()
    page.get_by_test_id("nav-clusters").click()
    expect(page.get_by_test_id("cluster-row")).to_have_count(1)
    page.goto("/cum-khoi-thi-dua/?nam=2017")
    page.get_by_role("link", name="Cụm thi đua các LĐLĐ huyện, thành phố").click()
    expect(page.get_by_test_id("leader")).to_have_text("Liên đoàn Lao động huyện Châu Thành")
    page.get_by_role("link", name="Chấm điểm").click()
    grid = page.get_by_test_id("grid")
    grid.get_by_label("Liên đoàn Lao động thành phố Bến Tre – 1").fill("48")
    grid.get_by_label("Liên đoàn Lao động thành phố Bến Tre – 2").fill("41")
    page.get_by_test_id("save-scores").click()
    expect(page.get_by_test_id("errors")).to_contain_text(
        "Điểm của LĐLĐ TP Bến Tre, tiêu chí “Phát triển đoàn viên”: phải từ 0 đến 40."
    )
    screenshot(page, "cluster-score-error")
    page.get_by_test_id("grid").get_by_label("Liên đoàn Lao động thành phố Bến Tre – 2").fill("32")
    page.get_by_test_id("save-scores").click()
    expect(page.get_by_text("Đã lưu điểm của LĐLĐ Châu Thành (2 ô thay đổi).")).to_be_visible()
    page.get_by_role("link", name="Xem xếp hạng").click()
    rows = page.get_by_test_id("rank-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("80,00")
    expect(rows.nth(1)).to_contain_text("80,00")
    expect(page.get_by_test_id("tie")).to_contain_text("Đồng hạng 1 (80,00 điểm)")
    screenshot(page, "cluster-ranking")
