"""Prefilling a phase report in a real browser (issue 14): the district federation's officer opens its report's
grid, asks for the figures the system knows — grassroots unions founded, houses handed over and money from the
"Mái ấm Công đoàn" fund, skills contests — sees each figure with its source under the cell, corrects one, saves;
what is kept is what the page showed, as typed. Nothing is saved by prefilling alone."""

import datetime

from playwright.sync_api import expect

from tests.reports.builders import form_for, report
from tests.union_fund.builders import contribution, house
from thidua.activities import actions as activity_actions
from thidua.orgs import actions as org_actions
from thidua.reports.models import ReportValue

D = datetime.date
CODES = ["TC07", "CL01", "CL02", "CL04", "HD01"]


def test_prefill_the_grid_correct_and_save(page, login, screenshot, tree, shipped_catalogs):
    org_actions.create_unit(tree.CT, by=None, code="MOI1", name="Công đoàn cơ sở Công ty TNHH Dừa Xanh",
                            level="grassroots", sector="private", founded_on=D(2017, 3, 1))  # fmt: skip
    contribution(tree.CT, 5_000_000, day=D(2017, 3, 10), receipt="PT-01")
    contribution(tree.MAY, 1_000_000, day=D(2017, 4, 1), receipt="PT-02")
    house(tree.CT, 40_000_000, approved=D(2017, 5, 1), handed=D(2017, 6, 1))
    activity_actions.record_activity(tree.MAY, by=None, kind="skills_contest", title="Hội thi thợ may giỏi",
                                     start_on=D(2017, 5, 20), end_on=D(2017, 5, 20), participants=50, women=20)  # fmt: skip
    form = form_for(tree.BT, codes=CODES)
    ct = report(form, tree.CT)

    login(page, "district_leader")
    page.goto(f"/bao-cao/{ct.pk}/nhap/")
    expect(page.locator("#v-CL04")).to_have_value("")
    page.get_by_test_id("prefill").click()
    expect(page.get_by_test_id("prefill-note")).to_contain_text("chưa có gì được lưu")
    expect(page.locator("#v-TC07")).to_have_value("1")
    expect(page.locator("#v-CL01")).to_have_value("1")
    expect(page.locator("#v-CL04")).to_have_value("6.000.000")
    expect(page.locator("#v-HD01")).to_have_value("1")
    source = page.get_by_test_id("prefill-CL04")
    expect(source).to_contain_text("tiền ủng hộ ghi sổ trong kỳ")
    expect(source.get_by_role("link", name="Sổ quỹ “Mái ấm Công đoàn”")).to_have_attribute(
        "href", "/quy-mai-am/"
    )
    screenshot(page, "report-prefilled")
    assert not ReportValue.objects.filter(report=ct).exists()

    page.locator("#v-CL04").fill("6.500.000")  # a receipt the fund's book does not hold yet
    page.get_by_test_id("save").click()
    expect(page.get_by_text("Đã lưu số liệu báo cáo.")).to_be_visible()
    expect(page.locator("#v-CL04")).to_have_value("6.500.000")  # the saved figure, no longer a prefill
    expect(page.get_by_test_id("prefill-CL04")).to_have_count(0)
    kept = dict(ReportValue.objects.filter(report=ct).values_list("indicator__code", "value"))
    assert kept == {"TC07": 1, "CL01": 1, "CL02": 0, "CL04": 6_500_000, "HD01": 1}
