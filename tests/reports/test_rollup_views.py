"""The roll-up pages and files: what they show, drill-down, scoping (404 for another branch), reminders from the
page, and the same number of queries for 5 and 65 units."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.reports import rollup_builders as build
from thidua.notices.models import Notice

pytestmark = pytest.mark.django_db


def url(name, form, unit=None, *args):
    base = reverse(f"report_rollup:{name}", args=[form.pk, *args])
    return f"{base}?unit={unit.pk}" if unit is not None else base


def test_rollup_page_shows_totals_children_and_discrepancies(tree, users, client_for):
    season = build.standard_season(tree)
    response = client_for(users.province_officer).get(url("rollup", season.form, tree.BT))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="total-R-MEM">110<' in html
    assert 'data-testid="total-R-RATE">50 %<' in html
    assert 'data-testid="total-R-MONEY">≈ 520.000.000<' in html
    assert 'data-testid="total-R-AWARD">10<' in html
    assert 'data-unit="CT"' in html and 'data-unit="TPBT"' in html
    assert 'data-flag="discrepancy"' in html  # CT's own 115 members against its children's 110
    assert "Báo cáo của đơn vị ghi 115" in html
    assert "R-TEXT" not in html  # text is not rolled up


def test_drill_down_to_a_district(tree, users, client_for):
    season = build.standard_season(tree)
    client = client_for(users.province_officer)
    html = client.get(url("rollup", season.form, tree.BT)).content.decode()
    assert f'href="{url("rollup", season.form, tree.CT).replace("&", "&amp;")}" data-testid="drill"' in html
    html = client.get(url("rollup", season.form, tree.CT)).content.decode()
    assert 'data-unit="MAY"' in html and 'data-unit="THPT"' in html
    assert 'data-testid="total-R-MEM">110<' in html


def test_default_unit_is_the_issuer(tree, users, client_for):
    season = build.standard_season(tree)
    response = client_for(users.province_officer).get(url("rollup", season.form))
    assert response.context["unit"] == tree.BT


def test_district_leader_rolls_up_its_own_subtree(tree, users, client_for):
    season = build.standard_season(tree)
    client = client_for(users.district_leader)
    response = client.get(url("rollup", season.form))
    assert response.context["unit"] == tree.CT
    assert client.get(url("rollup", season.form, tree.BT)).status_code == 404
    assert client.get(url("rollup", season.form, tree.TPBT)).status_code == 404


@pytest.mark.parametrize("name", ["rollup", "completeness", "late", "rollup-xlsx"])
def test_another_branch_gets_404(tree, users, client_for, name):
    season = build.standard_season(tree)
    client = client_for(users.outsider)
    assert client.get(url(name, season.form, tree.BT)).status_code == 404
    assert client.get(url(name, season.form)).status_code == 404
    # its own unit with a form that does not concern it
    assert client.get(url(name, season.form, tree.TV)).status_code == 404


def test_document_of_another_branch_is_404(tree, users, client_for):
    season = build.standard_season(tree)
    assert (
        client_for(users.outsider).get(url("rollup-document", season.form, tree.BT, "pdf")).status_code == 404
    )


def test_a_draft_form_is_404(tree, users, client_for):
    season = build.standard_season(tree)
    season.form.status = "draft"
    season.form.save()
    assert client_for(users.province_officer).get(url("rollup", season.form, tree.BT)).status_code == 404


def test_form_list_lists_the_forms_in_scope(tree, users, client_for):
    season = build.standard_season(tree)
    html = client_for(users.district_leader).get(reverse("report_rollup:form-list")).content.decode()
    assert f'data-form="{season.form.pk}"' in html
    html = client_for(users.outsider).get(reverse("report_rollup:form-list")).content.decode()
    assert f'data-form="{season.form.pk}"' not in html


def test_completeness_page_and_late_list(tree, users, client_for):
    season = build.standard_season(tree)
    client = client_for(users.province_officer)
    html = client.get(url("completeness", season.form, tree.BT)).content.decode()
    assert 'data-testid="total-expected">5<' in html
    assert 'data-testid="completeness-children"' in html and 'data-testid="completeness-sectors"' in html
    html = client.get(url("late", season.form, tree.BT)).content.decode()
    # due 15/07/2017: today is years later, DUA (draft) and TPBT (not started) are late
    assert 'data-unit="DUA"' in html and 'data-unit="TPBT"' in html and 'data-unit="MAY"' not in html


def test_officer_reminds_the_missing_from_the_page(tree, users, client_for):
    season = build.standard_season(tree)
    response = client_for(users.province_officer).post(
        reverse("report_rollup:remind", args=[season.form.pk]), {"unit": tree.BT.pk, "units": [tree.DUA.pk]}
    )
    assert response.status_code == 302
    assert [n.unit.code for n in Notice.objects.filter(kind="report_reminder")] == ["DUA"]


def test_viewer_cannot_remind(tree, users, client_for):
    season = build.standard_season(tree)
    response = client_for(users.council_member).post(
        reverse("report_rollup:remind", args=[season.form.pk]), {"unit": tree.BT.pk}
    )
    assert response.status_code == 403
    response = client_for(users.outsider).post(reverse("report_rollup:remind", args=[season.form.pk]),
                                               {"unit": tree.BT.pk})  # fmt: skip
    assert response.status_code == 404
    assert not Notice.objects.filter(kind="report_reminder").exists()


def test_rollup_workbook_has_totals_and_by_unit_sheets(tree, users, client_for):
    season = build.standard_season(tree)
    response = client_for(users.province_officer).get(url("rollup-xlsx", season.form, tree.BT))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp", "Theo đơn vị", "Theo khu vực", "Cần kiểm tra"]
    totals = {row[0]: row for row in book["Tổng hợp"].iter_rows(min_row=4, values_only=True)}
    assert totals["R-MEM"][3] == 110 and totals["R-MONEY"][3] == 520_000_000 and totals["R-MONEY"][4] == "có"
    assert totals["R-RATE"][3] == 50
    units = [row[:4] for row in book["Theo đơn vị"].iter_rows(min_row=4, values_only=True)]
    assert units[0][0] == tree.CT.name and units[-1][0] == "Tổng cộng"
    problems = list(book["Cần kiểm tra"].iter_rows(min_row=4, values_only=True))
    assert problems[0][:2] == (tree.CT.name, "R-MEM")


@pytest.mark.parametrize("fmt,magic", [("docx", b"PK"), ("pdf", b"%PDF")])
def test_phase_review_document(tree, users, client_for, fmt, magic):
    season = build.standard_season(tree)
    response = client_for(users.province_officer).get(url("rollup-document", season.form, tree.BT, fmt))
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert f".{fmt}" in response["Content-Disposition"]


def test_unknown_document_format_is_404(tree, users, client_for):
    season = build.standard_season(tree)
    assert (
        client_for(users.province_officer)
        .get(url("rollup-document", season.form, tree.BT, "odt"))
        .status_code
        == 404
    )


def _add_units(tree, form, n):
    from thidua.orgs import actions as org_actions

    start = datetime.date(2015, 1, 1)
    for k in range(n):
        unit = org_actions.create_unit(tree.CT, by=None, code=f"Q{k}", name=f"Công đoàn cơ sở Công ty {k}",
                                       level="grassroots", sector=["fdi", "private"][k % 2], founded_on=start)  # fmt: skip
        status = ["approved", "draft", "not_started", "submitted"][k % 4]
        build.report(form, unit, tree.CT, status=status, values={"R-MEM": 10, "R-WORK": 12, "R-WOMEN": 4})


@pytest.mark.parametrize("name", ["rollup", "completeness", "late"])
def test_pages_cost_the_same_queries_for_5_and_65_units(tree, users, client_for, name):
    season = build.standard_season(tree)
    client = client_for(users.province_officer)
    client.get(url(name, season.form, tree.BT))  # warm the session and the scope
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(name, season.form, tree.BT)).status_code == 200
    _add_units(tree, season.form, 60)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(name, season.form, tree.BT)).status_code == 200
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
