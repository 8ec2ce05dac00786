"""The expected reports follow restructurings made after a form was published (``orgs.restructuring_hooks``):
withdrawn (kept, marked) for a dissolved unit, passed to the successor of a merged or consolidated unit, approved by
the new parent of a moved unit, withdrawn when moved out of the issuer's subtree, added when moved into it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.orgs import actions as org_actions
from thidua.reports import actions
from thidua.reports.models import ExpectedReport, ExpectedReportEvent
from thidua.reports.models import ExpectedReportStatus as S

from .builders import approved, form_for, plan_of, report

pytestmark = pytest.mark.django_db
DAY = timezone.localdate()


@pytest.fixture
def form(tree):
    return form_for(tree.BT)


def test_a_dissolved_unit_s_report_is_withdrawn_and_kept(form, tree, users):
    org_actions.dissolve_unit(tree.DUA, by=users.admin, effective_on=DAY, decision="QĐ 12/QĐ-LĐLĐ")
    dua = report(form, tree.DUA)
    assert dua.status == S.WAIVED and dua.archived_at is None
    assert dua.waived_reason.startswith("Đơn vị giải thể ngày") and "QĐ 12/QĐ-LĐLĐ" in dua.waived_reason
    event = ExpectedReportEvent.objects.get(report=dua, action="restructure")
    assert (event.from_status, event.to_status) == (S.NOT_STARTED, S.WAIVED)
    assert AuditEvent.objects.filter(action="restructure", object_id=str(dua.pk)).exists()
    # it no longer holds up TP Bến Tre's own report
    tpbt = report(form, tree.TPBT)
    actions.save_values(tpbt, by=None, entries={"TC01": {"value": 1}})
    actions.submit_report(tpbt, by=None)


def test_a_sent_report_stays_when_its_unit_is_dissolved(form, tree, users):
    dua = report(form, tree.DUA)
    actions.save_values(dua, by=None, entries={"TC01": {"value": 5}})
    actions.submit_report(dua, by=None)
    org_actions.dissolve_unit(tree.DUA, by=users.admin, effective_on=DAY)
    assert report(form, tree.DUA).status == S.SUBMITTED


def test_a_merged_unit_s_report_passes_to_its_successor(form, tree, users):
    # MAY merged into THPT (both owe a report): THPT's report carries it
    org_actions.merge_units([tree.MAY], tree.THPT, by=users.admin, effective_on=DAY)
    may = report(form, tree.MAY)
    assert (
        may.status == S.WAIVED
        and "sáp nhập vào “Công đoàn cơ sở Trường THPT Châu Thành A”" in may.waived_reason
    )
    assert "đơn vị kế thừa báo cáo thay" in may.waived_reason
    assert report(form, tree.THPT).status == S.NOT_STARTED


def test_a_successor_that_owed_nothing_is_given_the_report(tree, users):
    form = form_for(tree.BT, levels=["grassroots"])  # the districts owe no report
    assert not ExpectedReport.objects.filter(form=form, unit=tree.TPBT).exists()
    new = org_actions.create_unit(tree.BT, by=None, code="NEW", name="Công đoàn cơ sở Công ty mới",
                                  level="grassroots", sector="private", founded_on=DAY)  # fmt: skip
    assert not ExpectedReport.objects.filter(form=form, unit=new).exists()  # founded after the period's end
    org_actions.merge_units([tree.DUA], new, by=users.admin, effective_on=DAY, kind="consolidated")
    given = report(form, new)
    assert (given.status, given.parent, given.due_on) == (S.NOT_STARTED, tree.BT, form.due_on)
    assert "hợp nhất vào" in ExpectedReportEvent.objects.get(report=given).note
    assert report(form, tree.DUA).status == S.WAIVED


def test_a_moved_unit_reports_to_its_new_parent(form, tree, users):
    assert report(form, tree.THPT).parent == tree.CT
    org_actions.move_unit(tree.THPT, tree.TPBT, by=users.admin, effective_on=DAY)
    thpt = report(form, tree.THPT)
    assert thpt.parent == tree.TPBT and thpt.status == S.NOT_STARTED
    event = ExpectedReportEvent.objects.get(report=thpt, action="restructure")
    assert event.changes == {"parent_id": [tree.CT.pk, tree.TPBT.pk]}
    # TP Bến Tre now approves it; Châu Thành no longer does
    actions.save_values(thpt, by=None, entries={"TC01": {"value": 5}})
    actions.submit_report(thpt, by=None)
    actions.approve_report(thpt, by=users.province_officer)  # from above TP Bến Tre
    assert report(form, tree.THPT).status == S.APPROVED


def test_merging_an_upper_union_moves_its_children_s_reports_to_the_successor(form, tree, users):
    org_actions.merge_units([tree.CT], tree.TPBT, by=users.admin, effective_on=DAY)
    assert report(form, tree.MAY).parent == tree.TPBT and report(form, tree.THPT).parent == tree.TPBT
    assert report(form, tree.CT).status == S.WAIVED


def test_an_approved_report_stays_with_the_level_that_approved_it(form, tree, users):
    thpt = report(form, tree.THPT)
    actions.save_values(thpt, by=None, entries={"TC01": {"value": 5}})
    actions.submit_report(thpt, by=None)
    actions.approve_report(thpt, by=users.district_leader)
    org_actions.move_unit(tree.THPT, tree.TPBT, by=users.admin, effective_on=DAY)
    assert report(form, tree.THPT).parent == tree.CT


def test_moving_out_of_the_issuer_s_subtree_withdraws_and_moving_in_adds(tree, users):
    form = form_for(tree.BT)
    tv_form = form_for(tree.TV)
    org_actions.move_unit(tree.DUA, tree.LD, by=users.admin, effective_on=DAY)
    dua = report(form, tree.DUA)
    assert (
        dua.status == S.WAIVED and "ra ngoài phạm vi của Liên đoàn Lao động tỉnh Bến Tre" in dua.waived_reason
    )
    moved_in = report(tv_form, tree.DUA)
    assert (moved_in.status, moved_in.parent) == (S.NOT_STARTED, tree.LD)


def test_a_restructuring_after_the_due_date_leaves_the_reports_alone(tree, users):
    form = form_for(tree.BT, due_on=DAY - datetime.timedelta(days=1))
    org_actions.dissolve_unit(tree.DUA, by=users.admin, effective_on=DAY)
    assert report(form, tree.DUA).status == S.NOT_STARTED


@pytest.fixture
def open_form(tree):
    """A form of BT whose period runs on ten days past today (published today): units founded today are in it."""
    from thidua.reports.models import Indicator

    phase = plan_of(tree.BT).phases.order_by("order").first()
    form = actions.create_form(phase, by=None, indicators=[Indicator.objects.get(code="TC01")],
                               levels=["upper", "grassroots"], period_start=phase.start,
                               period_end=DAY + datetime.timedelta(days=10),
                               due_on=DAY + datetime.timedelta(days=30))  # fmt: skip
    actions.publish_form(form, by=None)
    form.refresh_from_db()
    return form


def _found(parent, code, day, by, level="grassroots"):
    return org_actions.create_unit(parent, by=by, code=code, name=f"Công đoàn cơ sở {code}", level=level,
                                   sector="private", founded_on=day, decision="05/QĐ-LĐLĐ")  # fmt: skip


def test_a_unit_founded_after_publication_within_the_period_is_given_its_report(open_form, tree, users):
    new = _found(tree.CT, "MOI", DAY, users.district_leader)
    owed = report(open_form, new)
    assert (owed.status, owed.parent_id, owed.due_on) == (S.NOT_STARTED, tree.CT.pk, open_form.due_on)
    event = ExpectedReportEvent.objects.get(report=owed, action="restructure")
    assert event.note.startswith("Thành lập ngày") and "05/QĐ-LĐLĐ" in event.note
    assert AuditEvent.objects.filter(action="restructure", object_id=str(owed.pk)).exists()
    # and the district federation now waits for it before sending its own report
    ct = report(open_form, tree.CT)
    actions.save_values(ct, by=None, entries={"TC01": {"value": 1}})
    for child in (tree.MAY, tree.THPT):
        approved(report(open_form, child), approver=None, entries={"TC01": {"value": 2}})
    with pytest.raises(ValidationError):
        actions.submit_report(ct, by=None)


def test_a_unit_founded_before_publication_but_entered_later_is_given_its_report(open_form, tree, users):
    from thidua.core.dates import format_date

    old = _found(tree.CT, "CU", DAY - datetime.timedelta(days=400), users.district_leader)
    owed = report(open_form, old)
    assert (owed.status, owed.parent_id, owed.due_on) == (S.NOT_STARTED, tree.CT.pk, open_form.due_on)
    event = ExpectedReportEvent.objects.get(report=owed, action="restructure")
    assert "trước khi ban hành mẫu báo cáo" in event.note and f"đến ngày {format_date(DAY)}" in event.note
    assert AuditEvent.objects.filter(action="restructure", object_id=str(owed.pk)).exists()


def test_a_unit_founded_before_publication_entered_after_the_due_date_owes_nothing(tree, users):
    past_due = form_for(tree.BT, due_on=DAY - datetime.timedelta(days=1))
    old = _found(tree.CT, "CU", datetime.date(2016, 6, 1), users.district_leader)
    assert not ExpectedReport.objects.filter(form=past_due, unit=old).exists()


def test_foundings_that_owe_nothing(open_form, tree, users):
    outside = _found(tree.LD, "NGOAI", DAY, users.admin)
    assert not ExpectedReport.objects.filter(form=open_form, unit=outside).exists()
    # a form whose period has ended: a unit founded since had nothing to report for it
    ended = form_for(tree.BT, plan=open_form.phase.plan)
    assert ended.period_end < DAY
    late = _found(tree.CT, "SAU", DAY, users.district_leader)
    assert not ExpectedReport.objects.filter(form=ended, unit=late).exists()
    assert ExpectedReport.objects.filter(form=open_form, unit=late).exists()


def test_units_an_import_founds_are_given_their_reports_in_one_pass(open_form, tree, users):
    from thidua.orgs.actions.bulk import NewUnit, create_units

    created = create_units([
        NewUnit("KCN", "Công đoàn Khu công nghiệp Giao Long", "upper", "BT", {"founded_on": DAY}),
        NewUnit("GL1", "Công đoàn cơ sở Công ty Giao Long 1", "grassroots", "KCN", {"founded_on": DAY}),
        NewUnit("GL2", "Công đoàn cơ sở Công ty Giao Long 2", "grassroots", "KCN", {"founded_on": DAY}),
    ], by=users.province_leader)  # fmt: skip
    owed = {r.unit.code: r for r in ExpectedReport.objects.filter(form=open_form, unit__in=created)
            .select_related("unit", "parent")}  # fmt: skip
    assert {code: r.parent.code for code, r in owed.items()} == {"KCN": "BT", "GL1": "KCN", "GL2": "KCN"}


def test_reopening_a_dissolved_unit_restores_its_report(form, tree, users):
    may = report(form, tree.MAY)
    actions.save_values(may, by=None, entries={"TC01": {"value": 5}})  # a draft
    org_actions.dissolve_unit(tree.MAY, by=users.admin, effective_on=DAY, decision="QĐ 9/QĐ-LĐLĐ")
    assert report(form, tree.MAY).status == S.WAIVED
    org_actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhập nhầm quyết định")
    back = report(form, tree.MAY)
    assert (back.status, back.waived_reason) == (S.DRAFT, "")
    event = ExpectedReportEvent.objects.filter(report=back).order_by("-at", "-pk").first()
    assert (event.action, event.from_status, event.to_status) == ("restructure", S.WAIVED, S.DRAFT)
    assert "Nhập nhầm quyết định" in event.note


def test_reopening_leaves_a_report_waived_by_the_level_above(form, tree, users):
    may = report(form, tree.MAY)
    actions.waive_report(may, by=None, reason="Đơn vị ngừng sản xuất cả năm")
    org_actions.dissolve_unit(tree.MAY, by=users.admin, effective_on=DAY)
    org_actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhập nhầm quyết định")
    assert report(form, tree.MAY).waived_reason == "Đơn vị ngừng sản xuất cả năm"


def test_reopening_after_the_form_closed_leaves_the_report_withdrawn(form, tree, users):
    org_actions.dissolve_unit(tree.MAY, by=users.admin, effective_on=DAY)
    actions.close_form(form, by=None)
    org_actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhập nhầm quyết định")
    assert report(form, tree.MAY).status == S.WAIVED
