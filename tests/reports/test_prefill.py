"""Prefilling a phase report from the system's records (issue 14): the unit tree, the enterprise registry,
inspections, the "Mái ấm Công đoàn" fund, congresses and activities give the figures of the unit and its subtree for
the form's period, each shown with where it came from; nothing is saved until the officer saves, and they can edit."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.congresses.builders import scheduled
from tests.enterprises.builders import enterprise
from tests.union_fund.builders import contribution, house
from thidua.activities import actions as activity_actions
from thidua.congresses import actions as congress_actions
from thidua.enterprises import actions as enterprise_actions
from thidua.orgs import actions as org_actions
from thidua.reports.models import ReportValue
from thidua.reports.prefill import PREFILLS, prefill

from .builders import form_for, report

pytestmark = pytest.mark.django_db
D = datetime.date
CODES = ["TC01", "TC07", "TC07.NN", "TC09.A", "TC09.B", "TC09.C", "DD05", "CL01", "CL02", "CL03", "CL04", "DH01",
         "HD01", "HD02"]  # fmt: skip


def grassroots(parent, code, founded, sector="private"):
    return org_actions.create_unit(parent, by=None, code=code, name=f"Công đoàn cơ sở {code}", level="grassroots",
                                   sector=sector, founded_on=founded)  # fmt: skip


def activity(unit, title, day, kind="skills_contest"):
    return activity_actions.record_activity(unit, by=None, kind=kind, title=title, start_on=day, end_on=day,
                                            participants=50, women=20)  # fmt: skip


@pytest.fixture
def records(tree):
    """The 2017 records of CT's subtree (counted) and of TPBT's or outside the period (not counted)."""
    grassroots(tree.CT, "MOI1", D(2017, 3, 1))
    grassroots(tree.CT, "MOI2", D(2017, 4, 1), sector="public_service")
    grassroots(tree.CT, "CU", D(2016, 5, 1))
    grassroots(tree.TPBT, "KHAC", D(2017, 3, 1))
    enterprise(tree.CT, name="Công ty TNHH May Việt Tiến", workforce=800, union_unit=tree.MAY)
    firm = enterprise(tree.CT, name="Công ty TNHH Chế biến Dừa Lương Quới", workforce=50)
    enterprise(tree.CT, name="Cơ sở Thủ công Mỹ nghệ Tân Thạch", workforce=12)
    enterprise(tree.TPBT, name="Công ty Cổ phần Đường Bến Tre", workforce=300)
    for upper, day in ((tree.CT, D(2017, 3, 15)), (tree.TPBT, D(2017, 3, 20)), (tree.CT, D(2017, 11, 2))):
        enterprise_actions.record_inspection(by=None, upper_unit=upper, kind="joint", held_on=day,
                                             topics="Pháp luật lao động", team="Đoàn liên ngành",
                                             subject_enterprise=firm if upper == tree.CT else None,
                                             subject_unit=None if upper == tree.CT else tree.DUA)  # fmt: skip
    contribution(tree.CT, 5_000_000, day=D(2017, 3, 10), receipt="PT-01")
    contribution(tree.MAY, 1_000_000, day=D(2017, 4, 1), receipt="PT-02")
    contribution(tree.CT, 9_000_000, day=D(2017, 10, 1), receipt="PT-03")
    contribution(tree.TPBT, 7_000_000, day=D(2017, 4, 1), receipt="PT-04")
    house(tree.CT, 40_000_000, approved=D(2017, 5, 1), handed=D(2017, 6, 1))
    house(tree.MAY, 20_000_000, approved=D(2017, 5, 2), handed=D(2017, 7, 1), kind="house_repair",
          name="Nguyễn Thị Đào")  # fmt: skip
    held = scheduled(tree.MAY, D(2017, 5, 10))
    congress_actions.record_congress_held(
        held, by=None, held_on=D(2017, 5, 10), delegates=50, committee_size=7
    )
    scheduled(tree.THPT, D(2017, 6, 10))
    activity(tree.MAY, "Hội thi thợ may giỏi", D(2017, 5, 20))
    activity(tree.THPT, "Hội diễn văn nghệ", D(2017, 6, 1), kind="culture_sports")
    activity(tree.CT, "Tập huấn cán bộ", D(2017, 12, 1), kind="training")
    activity(tree.DUA, "Hội thi tay nghề", D(2017, 5, 20))


@pytest.fixture
def form(tree):
    return form_for(tree.BT, codes=CODES)


def test_the_figures_of_the_unit_and_its_subtree_for_the_period(tree, records, form):
    assert (form.period_start, form.period_end) == (D(2017, 1, 1), D(2017, 8, 31))
    figures = prefill(tree.CT, form.period_start, form.period_end, CODES)
    assert {code: f.value for code, f in figures.items()} == {
        "TC07": 2, "TC07.NN": 1, "TC09.A": 1, "TC09.B": 2, "TC09.C": 2, "DD05": 1, "CL01": 1, "CL02": 1,
        "CL03": 60_000_000, "CL04": 6_000_000, "DH01": 1, "HD01": 2, "HD02": 1}  # fmt: skip
    assert (figures["CL04"].source, figures["CL04"].explanation) == (
        "Sổ quỹ “Mái ấm Công đoàn”",
        "tiền ủng hộ ghi sổ trong kỳ, gồm điều chỉnh (từ 01/01/2017 đến 31/08/2017)",
    )
    assert figures["TC09.C"].explanation == "doanh nghiệp đang theo dõi chưa có CĐCS (tại ngày 31/08/2017)"
    assert figures["DH01"].url == reverse("congresses:unit-list")
    may = prefill(tree.MAY, form.period_start, form.period_end, CODES)
    assert {c: may[c].value for c in ("TC07", "CL04", "CL02", "DH01", "HD01")} == {
        "TC07": 0, "CL04": 1_000_000, "CL02": 1, "DH01": 1, "HD01": 1}  # fmt: skip


def test_tc09_counts_the_enterprises_as_they_stood_at_the_period_s_end(tree, users):
    """A union founded after the period's end did not exist then; a workforce found by a survey after the period's
    end (the registry's figure today) is not the one of the period: the survey before it is."""
    from thidua.enterprises.actions.pipeline import record_survey

    later = grassroots(tree.CT, "SAU", D(2017, 10, 1))
    enterprise(tree.CT, name="Công ty TNHH May Việt Tiến", workforce=800, union_unit=tree.MAY)
    enterprise(tree.CT, name="Công ty TNHH Dệt Giao Long", workforce=200, union_unit=later)
    growing = enterprise(tree.CT, name="Công ty TNHH Cơ khí Tân Thạch", workforce=20)
    record_survey(growing, by=None, visited_on=D(2017, 4, 1), officers="Nguyễn Văn An", attitude="supportive",
                  workforce=45)  # fmt: skip
    record_survey(growing, by=None, visited_on=D(2017, 11, 1), officers="Nguyễn Văn An", attitude="supportive",
                  workforce=25)  # fmt: skip
    then = prefill(tree.CT, D(2017, 1, 1), D(2017, 8, 31), ["TC09.A", "TC09.B", "TC09.C"])
    assert {c: f.value for c, f in then.items()} == {"TC09.A": 1, "TC09.B": 3, "TC09.C": 2}
    now = prefill(tree.CT, D(2017, 1, 1), D(2017, 12, 31), ["TC09.A", "TC09.B", "TC09.C"])
    assert {c: f.value for c, f in now.items()} == {"TC09.A": 2, "TC09.B": 2, "TC09.C": 1}


def test_only_the_indicators_of_the_form_are_read(tree, records):
    with CaptureQueriesContext(connection) as one_source:
        assert list(prefill(tree.CT, D(2017, 1, 1), D(2017, 8, 31), ["TC01", "CL01", "CL04"])) == [
            "CL01",
            "CL04",
        ]
    assert len(one_source.captured_queries) == 2  # the fund: entries and houses
    with CaptureQueriesContext(connection) as every_source:
        prefill(tree.CT, D(2017, 1, 1), D(2017, 8, 31), CODES)
    assert len(every_source.captured_queries) == 7  # one or two a source, whatever the records


def test_every_prefilled_code_is_an_indicator_of_the_catalog():
    from thidua.reports.models import Indicator

    assert set(Indicator.objects.filter(code__in=PREFILLS).values_list("code", flat=True)) == set(PREFILLS)


def test_the_entry_page_fills_the_grid_and_names_the_sources_without_saving(
    client_for, tree, users, records, form
):
    ct = report(form, tree.CT)
    url = reverse("reports:report-entry", args=[ct.pk])
    client = client_for(users.district_leader)
    page = client.get(url).content.decode()
    assert 'data-testid="prefill"' in page and 'data-testid="prefill-CL04"' not in page
    filled = client.get(url, {"prefill": "1"}).content.decode()
    assert 'name="v-CL04" value="6.000.000"' in filled and 'name="v-TC09.C" value="2"' in filled
    assert 'name="v-TC01" value=""' in filled  # no record answers it
    note = filled.split('data-testid="prefill-CL03"')[1].split("</div>")[0]
    assert f'<a href="{reverse("union_fund:ledger")}">Sổ quỹ “Mái ấm Công đoàn”</a>' in note
    assert "Đã điền 13 chỉ tiêu từ số liệu của hệ thống" in filled
    assert not ReportValue.objects.filter(report=ct).exists()
    # The officer changes one figure and saves: what they typed is what is kept.
    response = client.post(url, {"v-TC07": "3", "t-TC07": "4", "v-CL04": "6.500.000", "v-TC09.A": "1",
                                 "v-TC09.B": "2", "v-TC09.C": "2"})  # fmt: skip
    assert response.status_code == 302
    kept = dict(ReportValue.objects.filter(report=ct).values_list("indicator__code", "value"))
    assert (kept["TC07"], kept["CL04"], kept["TC09.C"]) == (3, 6_500_000, 2)


def test_prefill_follows_the_entry_permission(client_for, tree, users, records, form):
    ct = report(form, tree.CT)
    url = reverse("reports:report-entry", args=[ct.pk])
    assert client_for(users.outsider).get(url, {"prefill": "1"}).status_code == 404
    assert client_for(users.grassroots_officer).get(url, {"prefill": "1"}).status_code == 404
    assert client_for(users.council_member).get(url, {"prefill": "1"}).status_code == 403


def test_a_form_without_such_indicators_offers_no_prefill(client_for, tree, users):
    ct = report(form_for(tree.BT, codes=["TC01", "TC02"]), tree.CT)
    page = (
        client_for(users.district_leader).get(reverse("reports:report-entry", args=[ct.pk])).content.decode()
    )
    assert 'data-testid="prefill"' not in page
