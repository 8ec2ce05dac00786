"""The dashboard block of phase reports: phases of the last year, the year's figure by each rule, the previous year
beside it, a chart's data, and queries that do not grow with the tree."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reports import rollup_builders as build

pytestmark = pytest.mark.django_db
D = datetime.date


def two_years(tree):
    """2016: one phase (members 90, new 10). 2017: phase 1 (members 100, new 30), phase 2 (members 120, new 5)."""
    codes = ["R-MEM", "R-WORK", "R-RATE", "R-NEW", "R-MONEY"]
    p16 = build.phase(tree.BT, year=2016, start=D(2016, 1, 1), end=D(2016, 12, 31), name="Cả năm")
    f16 = build.form(tree.BT, year=2016, codes=codes, phase_=p16)
    build.report(
        f16, tree.MAY, tree.CT, values={"R-MEM": 90, "R-WORK": 100, "R-NEW": 10, "R-MONEY": 1_000_000}
    )
    p1 = build.phase(tree.BT, year=2017, start=D(2017, 1, 1), end=D(2017, 6, 30), name="Đợt 1")
    f1 = build.form(tree.BT, codes=codes, phase_=p1)
    build.report(
        f1, tree.MAY, tree.CT, values={"R-MEM": 100, "R-WORK": 200, "R-NEW": 30, "R-MONEY": 2_000_000}
    )
    p2 = build.phase(tree.BT, year=2017, start=D(2017, 7, 1), end=D(2017, 12, 31), name="Đợt 2")
    f2 = build.form(tree.BT, codes=codes, phase_=p2)
    build.report(
        f2, tree.MAY, tree.CT, values={"R-MEM": 120, "R-WORK": 200, "R-NEW": 5, "R-MONEY": 3_000_000}
    )
    return f1, f2


def block_rows(html):
    import re

    section = html[html.index('data-testid="dashboard-report-rollup"') :]
    section = section[: section.index("</section>")]
    rows = {}
    for code, cells in re.findall(r'<tr data-code="([^"]+)">(.*?)</tr>', section, re.S):
        rows[code] = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        ][1:]
    return rows


def test_block_gives_phases_the_year_and_the_previous_year(tree, users, client_for):
    two_years(tree)
    html = client_for(users.province_officer).get(reverse("home:dashboard")).content.decode()
    rows = block_rows(html)
    # phases 1 and 2, the year, the previous year, the change
    assert rows["R-MEM"] == ["100", "120", "120", "90", "+33,3 %"]  # a stock: the last phase, not 220
    assert rows["R-NEW"] == ["30", "5", "35", "10", "+250 %"]  # a flow: the phases add up
    assert rows["R-RATE"] == ["50 %", "60 %", "60 %", "90 %", ""]  # recomputed: 120 / 200
    assert rows["R-MONEY"][2] == "5.000.000"
    assert 'id="report-rollup-chart"' in html


def test_block_is_left_out_without_forms(tree, users, client_for):
    html = client_for(users.province_officer).get(reverse("home:dashboard")).content.decode()
    assert 'data-testid="dashboard-report-rollup"' not in html


def test_block_of_another_branch_shows_nothing_of_bentre(tree, users, client_for):
    two_years(tree)
    html = client_for(users.outsider).get(reverse("home:dashboard")).content.decode()
    assert 'data-testid="dashboard-report-rollup"' not in html


def test_block_queries_do_not_grow_with_units(tree, users, client_for):
    from thidua.orgs import actions as org_actions

    f1, f2 = two_years(tree)
    client = client_for(users.province_officer)
    client.get(reverse("home:dashboard"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home:dashboard"))
    for k in range(30):
        unit = org_actions.create_unit(tree.CT, by=None, code=f"D{k}", name=f"Công đoàn cơ sở {k}", level="grassroots",
                                       sector="fdi", founded_on=D(2015, 1, 1))  # fmt: skip
        for form in (f1, f2):
            build.report(form, unit, tree.CT, values={"R-MEM": 1, "R-WORK": 2, "R-NEW": 1})
    with CaptureQueriesContext(connection) as large:
        html = client.get(reverse("home:dashboard")).content.decode()
    assert len(large) == len(small)
    assert block_rows(html)["R-MEM"][2] == "150"
