"""History for successors in the reports (issue 8, decisions 0011 and 0019): the reports a dissolved district
federation sent up are read, read-only, by the union that took over its grassroots unions on the day it ended; its
unsent drafts are not, and a union that is no successor reads none."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from thidua.orgs import actions as org_actions
from thidua.reports import actions
from thidua.reports.models import ExpectedReport

from .builders import form_for, report, user_of

pytestmark = pytest.mark.django_db
ENDED = datetime.date(2025, 7, 1)


def test_the_successor_reads_the_reports_the_predecessor_sent(tree):
    form = form_for(tree.BT)
    sent = report(form, tree.CT)
    for unit in (tree.MAY, tree.THPT):
        actions.waive_report(report(form, unit), by=None, reason="Đơn vị mới thành lập")
    actions.save_values(sent, by=None, entries={"TC01": {"value": 10}, "TC02": {"value": 8}})
    actions.submit_report(sent, by=None)
    for unit in (tree.MAY, tree.THPT):
        org_actions.move_unit(unit, tree.TPBT, by=None, effective_on=ENDED)
    org_actions.dissolve_unit(tree.CT, by=None, effective_on=ENDED)
    successor = user_of(tree.TPBT, "tpbt_officer")
    other = user_of(tree.DUA, "dua_officer")

    seen = set(ExpectedReport.objects.visible_to(successor).values_list("unit__code", flat=True))
    assert seen == {"TPBT", "DUA", "MAY", "THPT", "CT"}
    assert not ExpectedReport.objects.visible_to(other).filter(unit=tree.CT).exists()
    with pytest.raises(PermissionDenied):  # read-only: the workflow refuses a user without the right
        actions.approve_report(sent, by=successor)
    assert ExpectedReport.objects.get(pk=sent.pk).status == "submitted"


def test_a_draft_of_the_predecessor_stays_unread(tree):
    form = form_for(tree.BT)
    draft = report(form, tree.CT)
    actions.save_values(draft, by=None, entries={"TC01": {"value": 10}})
    for unit in (tree.MAY, tree.THPT):
        org_actions.move_unit(unit, tree.TPBT, by=None, effective_on=ENDED)
    org_actions.dissolve_unit(tree.CT, by=None, effective_on=ENDED)
    successor = user_of(tree.TPBT, "tpbt_officer")
    assert not ExpectedReport.objects.visible_to(successor).filter(pk=draft.pk).exists()
