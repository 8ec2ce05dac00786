"""Completeness at every level (expected, submitted, on time, approved, missing, late) by child and by sector; the
late list; reminders to the missing (the action and the daily command)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from tests.reports import rollup_builders as build
from thidua.notices.models import Notice
from thidua.reports.actions.rollup_reminders import REMINDER_KIND, remind_missing
from thidua.reports.completeness import completeness, days_late, late_reports

pytestmark = pytest.mark.django_db
D = datetime.date


def season(tree):
    """Due 15/07/2017. MAY on time, THPT two days late (approved), CT approved on time; DUA returned; TPBT not
    started, with a late-entry exception to 31/07; GIAY (another province) not concerned."""
    made = build.form(tree.BT)
    due = made.due_on
    build.report(made, tree.MAY, tree.CT, submitted_on=due)
    build.report(made, tree.THPT, tree.CT, submitted_on=due + datetime.timedelta(days=2))
    build.report(made, tree.CT, tree.BT, submitted_on=due)
    build.report(made, tree.DUA, tree.TPBT, status="returned")
    build.report(made, tree.TPBT, tree.BT, status="not_started", late_entry_until=D(2017, 7, 31))
    build.report(made, tree.BT, None, status="draft")
    return made


def test_completeness_by_child(tree):
    made = season(tree)
    result = completeness(made, tree.BT, today=D(2017, 7, 20))
    total = result.total
    # BT's own report is not among those expected below it
    assert (total.expected, total.submitted, total.on_time, total.approved, total.missing, total.returned) == (
        5, 3, 2, 3, 2, 1)  # fmt: skip
    # DUA is late (due 15/07); TPBT may still enter until 31/07
    assert (total.late, total.max_days_late) == (1, 5)
    assert (total.submitted_rate, total.on_time_rate, total.approved_rate) == (60, 40, 60)
    rows = {row.unit.code: row for row in result.by_child}
    assert list(rows) == ["CT", "TPBT"]
    assert (rows["CT"].expected, rows["CT"].submitted, rows["CT"].on_time) == (3, 3, 2)
    assert (rows["TPBT"].expected, rows["TPBT"].missing, rows["TPBT"].late) == (2, 2, 1)


def test_completeness_by_sector(tree):
    made = season(tree)
    result = completeness(made, tree.BT, today=D(2017, 7, 20))
    sectors = {row.key: (row.expected, row.submitted) for row in result.by_sector}
    assert sectors == {"fdi": (1, 1), "private": (1, 0), "public_service": (1, 1), "": (2, 1)}


def test_waived_reports_leave_the_rates(tree):
    made = build.form(tree.BT)
    build.report(made, tree.MAY, tree.CT)
    build.report(made, tree.THPT, tree.CT, status="waived")
    row = completeness(made, tree.CT, today=D(2017, 7, 1)).total
    assert (row.expected, row.waived, row.owed, row.submitted_rate) == (2, 1, 1, 100)


def test_late_list_names_the_late_with_days_late(tree):
    made = season(tree)
    late = list(late_reports(made, tree.BT, today=D(2017, 8, 2)))
    assert [(r.unit.code, days_late(r, D(2017, 8, 2))) for r in late] == [("DUA", 18), ("TPBT", 2)]
    assert list(late_reports(made, tree.CT, today=D(2017, 8, 2))) == []


def test_reminder_tells_the_missing_once_a_day(tree, users):
    made = season(tree)
    told = remind_missing(made, tree.BT, by=users.province_officer, today=D(2017, 7, 20))
    assert told == 2
    notices = Notice.objects.filter(kind=REMINDER_KIND)
    assert sorted(n.unit.code for n in notices) == ["DUA", "TPBT"]
    assert "quá hạn" in notices.first().title
    assert remind_missing(made, tree.BT, by=users.province_officer, today=D(2017, 7, 20)) == 0
    assert (
        remind_missing(made, tree.BT, by=users.province_officer, today=D(2017, 7, 21), units=[tree.DUA.pk])
        == 1
    )


def test_reminder_command_runs_around_the_due_date(tree):
    made = season(tree)
    out = StringIO()
    call_command("send_report_reminders", date="2017-06-01", stdout=out)  # six weeks before: nothing
    assert Notice.objects.filter(kind=REMINDER_KIND).count() == 0
    call_command("send_report_reminders", date="2017-07-10", stdout=out)
    call_command("send_report_reminders", date="2017-07-10", stdout=out)
    assert Notice.objects.filter(kind=REMINDER_KIND).count() == 2
    assert "Đã nhắc 0 đơn vị" in out.getvalue().splitlines()[-1]
    assert made.title in out.getvalue()
