"""The demo's 2017 phase reports, on the standard tree: every report follows the workflow's rules (events in order
ending in its state, versions at each submission and approval, late ones within their exception, upper unions
submitting only once their children are settled, accepted ones under an approved parent), figures that pass the
entry checks, and a second run writes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from thidua.plans.demo import load_demo_plans
from thidua.plans.models import Plan
from thidua.reports import demo, queries
from thidua.reports.models import ExpectedReport, ReportForm, ReportValue
from thidua.reports.models import ExpectedReportStatus as S
from thidua.reports.validation import check_entries, check_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(tree):
    load_demo_plans(tree.BT, by=None)
    plan = Plan.objects.get(issuer=tree.BT, year=2017, number=13)
    return demo.load_reports(tree.BT, plan), plan


def test_both_phases_have_a_published_form_with_a_report_for_each_unit_of_2017(season, tree):
    counts, plan = season
    forms = list(ReportForm.objects.filter(phase__plan=plan).order_by("phase__order"))
    assert [f.due_on.isoformat() for f in forms] == ["2017-09-10", "2017-12-15"]
    assert counts["forms"] == 2 and counts["reports"] == ExpectedReport.objects.filter(form__in=forms).count()
    parents = dict(ExpectedReport.objects.filter(form=forms[0]).values_list("unit__code", "parent__code"))
    assert parents == {"BT": None, "CT": "BT", "TPBT": "BT", "MAY": "CT", "THPT": "CT", "DUA": "TPBT"}


def test_every_report_follows_the_workflow_rules(season):
    _counts, plan = season
    reports = list(ExpectedReport.objects.filter(form__phase__plan=plan).select_related("form", "parent")
                   .prefetch_related("events", "versions"))  # fmt: skip
    by_key = {(r.form_id, r.unit_id): r for r in reports}
    for r in reports:
        events = list(r.events.all())
        assert events[0].action == "publish_form"
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert events[-1].to_status == r.status or events[-1].action == "late_entry"
        assert r.version == r.versions.count()
        assert r.version == sum(1 for e in events if e.action in ("submit", "approve_report"))
        if r.submitted_at is not None and timezone.localdate(r.submitted_at) > r.due_on:
            assert r.late_entry_until is not None and timezone.localdate(r.submitted_at) <= r.late_entry_until
        if r.status == S.ACCEPTED:
            assert by_key[(r.form_id, r.parent_id)].status == S.APPROVED
        if r.status in (S.SUBMITTED, S.APPROVED) and r.parent_id is not None:
            assert not queries.unsettled_children(r).exists(), r
        if r.status == S.RETURNED:
            assert r.returned_reason
        if r.status == S.WAIVED:
            assert r.waived_reason


def test_the_figures_pass_the_entry_checks(season):
    _counts, plan = season
    for r in ExpectedReport.objects.filter(form__phase__plan=plan).select_related("form"):
        indicators = queries.form_indicators(r.form)
        values = queries.values_of(r)
        entries = {code: {"value": v.value, "target": v.target, "approximate": v.approximate}
                   for code, v in values.items()}  # fmt: skip
        assert check_entries(indicators, entries).errors == {}, r
        assert check_parts(indicators, {code: v.value for code, v in values.items()}) == {}, r.unit.code


def test_a_second_run_writes_nothing(season, tree):
    _counts, plan = season
    before = ExpectedReport.objects.count()
    assert demo.build_for(tree.BT, plan)["created"] == 0
    assert ExpectedReport.objects.count() == before


def test_the_pages_show_the_demo(season, client, users):
    _counts, plan = season
    form = ReportForm.objects.filter(phase__plan=plan).order_by("phase__order").first()
    client.force_login(users.province_officer)
    assert client.get(f"/bao-cao/mau/{form.pk}/").status_code == 200
    for report in ExpectedReport.objects.filter(form=form):
        assert client.get(f"/bao-cao/{report.pk}/").status_code == 200


def test_the_phase_2_form_holds_the_province_s_own_indicator_and_rolls_it_up(season, tree):
    from thidua.reports.rollup import rollup

    _counts, plan = season
    first, second = ReportForm.objects.filter(phase__plan=plan).order_by("phase__order")
    assert not first.indicators.filter(code=demo.OWN_CODE).exists()
    own = second.indicators.get(code=demo.OWN_CODE)
    assert own.owner == tree.BT
    result = rollup(second, tree.BT)
    approved_leaves = sum(
        v.value
        for v in own.values.filter(report__form=second, report__status__in=[S.APPROVED, S.ACCEPTED])
        if not ExpectedReport.objects.filter(form=second, parent=v.report.unit).exists()
    )
    entered = ReportValue.objects.filter(report__form=second, report__unit__level="grassroots")
    # the units that entered phase 2 entered it too (on this small tree, phase 2 may not have started anywhere)
    assert set(entered.values_list("report_id", flat=True)) == set(
        entered.filter(indicator=own).values_list("report_id", flat=True)
    )
    assert (result.total.figures[own.pk].value or 0) == approved_leaves
