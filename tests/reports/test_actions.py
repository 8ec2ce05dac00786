"""The expected report's rules: publishing, entering, submitting level by level, approving (locks), returning
(unlocks), waiving, late entry, versions and changes since approval, permissions by relation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.orgs.actions.tree import create_unit
from thidua.reports import actions, queries
from thidua.reports.models import ExpectedReport, ExpectedReportEvent, FormStatus, ReportValue
from thidua.reports.models import ExpectedReportStatus as S
from thidua.reports.permissions import REPORT_WORKFLOW, can_edit_values

from .builders import approved, form_for, report, user_of

TODAY = timezone.localdate()


@pytest.fixture
def form(tree):
    return form_for(tree.BT)


# --- publishing -------------------------------------------------------------------------------------------------


def test_publishing_creates_one_report_per_unit_at_the_levels_named_each_approved_by_the_level_above(
    form, tree
):
    rows = dict(ExpectedReport.objects.filter(form=form).values_list("unit__code", "parent__code"))
    assert rows == {"BT": None, "CT": "BT", "TPBT": "BT", "MAY": "CT", "THPT": "CT", "DUA": "TPBT"}
    assert set(ExpectedReport.objects.filter(form=form).values_list("status", flat=True)) == {S.NOT_STARTED}
    assert form.status == FormStatus.PUBLISHED
    assert ExpectedReportEvent.objects.filter(report__form=form, action="publish_form").count() == 6


def test_a_form_for_grassroots_only_is_approved_by_the_issuer(tree):
    form = form_for(tree.BT, levels=["grassroots"])
    rows = dict(ExpectedReport.objects.filter(form=form).values_list("unit__code", "parent__code"))
    assert rows == {"BT": None, "MAY": "BT", "THPT": "BT", "DUA": "BT"}


def test_dissolved_units_owe_nothing_and_the_insert_is_set_based(tree, django_assert_max_num_queries):
    for n in range(30):
        create_unit(tree.CT, by=None, code=f"G{n}", name=f"Công đoàn cơ sở Công ty số {n}", level="grassroots",
                    sector="private")  # fmt: skip
    unpublished = form_for(tree.BT, publish=False)
    with django_assert_max_num_queries(20):
        count = actions.publish_form(unpublished, by=None)
    assert count == 36


def test_only_the_issuer_s_officers_create_and_publish_a_form(tree, users):
    from tests.plans.builders import issued_plan

    phase = issued_plan(tree.BT).phases.first()
    for user in (users.grassroots_officer, users.district_leader, users.outsider):
        with pytest.raises(PermissionDenied):
            actions.create_form(phase, by=user)
    form = actions.create_form(phase, by=users.province_officer)
    assert form.due_on == datetime.date(2017, 9, 10)  # the phase's report due date
    assert (form.period_start, form.period_end) == (datetime.date(2017, 1, 1), datetime.date(2017, 8, 31))
    assert form.narrative_headings[0] == "Kết quả đạt được"
    with pytest.raises(PermissionDenied):
        actions.publish_form(form, by=users.district_leader)
    actions.publish_form(form, by=users.province_officer)
    with pytest.raises(ValidationError):
        actions.update_form(form, by=users.province_officer, title="Sửa sau khi ban hành")


def test_a_ratio_needs_its_terms_in_the_form(tree):
    with pytest.raises(ValidationError) as excinfo:
        form_for(tree.BT, codes=["TC03", "TC02"], publish=False)
    assert "TC03" in str(excinfo.value)


# --- entering ---------------------------------------------------------------------------------------------------


def test_values_are_checked_and_nothing_is_saved_on_any_error(form, tree, users):
    may = report(form, tree.MAY)
    with pytest.raises(ValidationError) as excinfo:
        actions.save_values(may, by=users.grassroots_officer, entries={
            "TC01": {"value": "44"}, "TC02": {"value": "3,5"}, "TC03": {"value": "80"},
            "TC05": {"value": "1"}, "TD04": {"value": "12", "approximate": True}, "TC01.NU": {"value": -1},
        })  # fmt: skip
    errors = excinfo.value.message_dict
    assert sorted(errors) == ["TC01.NU", "TC02", "TC03", "TC05", "TD04"]
    assert "phải là số nguyên không âm" in errors["TC02"][0]
    assert "được tính lại từ tử số và mẫu số" in errors["TC03"][0]
    assert "không có trong mẫu báo cáo" in errors["TC05"][0]
    assert "không ghi số ước" in errors["TD04"][0]
    assert not ReportValue.objects.filter(report=may).exists()
    assert report(form, tree.MAY).status == S.NOT_STARTED


def test_a_part_may_not_exceed_its_whole(form, tree, users):
    may = report(form, tree.MAY)
    with pytest.raises(ValidationError) as excinfo:
        actions.save_values(may, by=users.grassroots_officer,
                            entries={"TC02": {"value": "40"}, "TC02.NU": {"value": "41"}})  # fmt: skip
    assert "vượt chỉ tiêu TC02" in excinfo.value.message_dict["TC02.NU"][0]
    # Against a whole saved earlier too.
    actions.save_values(may, by=users.grassroots_officer, entries={"TC02": {"value": "40"}})
    with pytest.raises(ValidationError):
        actions.save_values(may, by=users.grassroots_officer, entries={"TC02.NU": {"value": "41"}})


def test_saving_starts_the_report_and_keeps_money_whole_and_approximate(form, tree, users):
    may = report(form, tree.MAY)
    actions.save_values(may, by=users.grassroots_officer, entries={
        "CL03": {"value": "1.530.000.000", "approximate": True}, "TC04": {"value": "30", "target": "25"},
    }, narrative={"Ưu điểm": "  Đoàn kết, chủ động. "})  # fmt: skip
    may.refresh_from_db()
    assert may.status == S.DRAFT
    assert may.narrative == {"Ưu điểm": "Đoàn kết, chủ động."}
    values = queries.values_of(may)
    assert (values["CL03"].value, values["CL03"].approximate) == (Decimal(1_530_000_000), True)
    assert (values["TC04"].value, values["TC04"].target) == (Decimal(30), Decimal(25))
    assert ExpectedReportEvent.objects.filter(report=may, action="begin_entry").count() == 1
    # Clearing a figure deletes its row; the audit keeps it.
    actions.save_values(may, by=users.grassroots_officer, entries={"TC04": {"value": "", "target": ""}})
    assert "TC04" not in queries.values_of(may)
    assert AuditEvent.objects.filter(action="save_values").count() == 1


def test_a_target_only_for_percent_of_target_indicators(form, tree, users):
    with pytest.raises(ValidationError) as excinfo:
        actions.save_values(report(form, tree.MAY), by=users.grassroots_officer,
                            entries={"TC01": {"value": "10", "target": "12"}})  # fmt: skip
    assert "không có chỉ tiêu giao" in excinfo.value.message_dict["TC01"][0]


def test_entry_closes_after_the_due_date_unless_the_level_above_grants_late_entry(tree, users):
    form = form_for(tree.BT, due_on=TODAY - datetime.timedelta(days=1))
    may = report(form, tree.MAY)
    with pytest.raises(ValidationError) as excinfo:
        actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 5}})
    assert "Đã quá hạn báo cáo" in excinfo.value.messages[0]
    with pytest.raises(PermissionDenied):  # the unit cannot grant itself an exception
        actions.grant_late_entry(may, by=users.grassroots_officer, until=TODAY + datetime.timedelta(days=5),
                                 reason="Ốm")  # fmt: skip
    actions.grant_late_entry(may, by=users.district_leader, until=TODAY + datetime.timedelta(days=5),
                             reason="Chủ tịch công đoàn đi công tác")  # fmt: skip
    actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 5}})
    actions.submit_report(may, by=users.grassroots_officer)
    assert queries.is_late(report(form, tree.MAY))
    assert ExpectedReportEvent.objects.filter(report=may, action="late_entry").get().note == (
        "Chủ tịch công đoàn đi công tác"
    )
    # After the exception runs out, entry closes again.
    later = TODAY + datetime.timedelta(days=6)
    thpt = report(form, tree.THPT)
    actions.grant_late_entry(
        thpt, by=users.district_leader, until=TODAY + datetime.timedelta(days=5), reason="x"
    )
    with pytest.raises(ValidationError):
        actions.save_values(thpt, by=None, entries={"TC01": {"value": 5}}, today=later)


# --- submitting and approving, level by level ------------------------------------------------------------------


def test_approval_locks_and_returning_with_a_reason_unlocks(form, tree, users):
    may = report(form, tree.MAY)
    actions.save_values(
        may, by=users.grassroots_officer, entries={"TC01": {"value": 44}, "TC02": {"value": 40}}
    )
    actions.submit_report(may, by=users.grassroots_officer)
    with pytest.raises(ValidationError):  # submitted: the unit no longer changes it
        actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 45}})
    actions.approve_report(may, by=users.district_leader)
    may.refresh_from_db()
    assert (may.status, may.approved_by, may.version) == (S.APPROVED, users.district_leader, 2)
    assert not can_edit_values(users.grassroots_officer, may)
    with pytest.raises(ValidationError):
        actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 45}})
    with pytest.raises(ValidationError):  # a reason is needed
        actions.return_report(may, by=users.district_leader, reason="  ")
    actions.return_report(may, by=users.district_leader, reason="Số đoàn viên nữ chưa ghi")
    may.refresh_from_db()
    assert (may.status, may.returned_reason) == (S.RETURNED, "Số đoàn viên nữ chưa ghi")
    assert can_edit_values(users.grassroots_officer, may)


def test_changes_since_the_last_approval_are_counted_and_versions_kept(form, tree, users):
    may = report(form, tree.MAY)
    approved(may, approver=users.district_leader, submitter=users.grassroots_officer,
             entries={"TC01": {"value": 44}, "TC02": {"value": 40}, "TD04": {"value": 3}})  # fmt: skip
    actions.return_report(may, by=users.district_leader, reason="Xem lại")
    actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 45}})
    assert report(form, tree.MAY).changes_since_approval == 1
    actions.save_values(
        may, by=users.grassroots_officer, entries={"TD04": {"value": ""}, "TC02": {"value": 40}}
    )
    assert report(form, tree.MAY).changes_since_approval == 2  # TC01 changed, TD04 cleared; TC02 the same
    actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 44}})
    assert report(form, tree.MAY).changes_since_approval == 1  # back as approved
    actions.submit_report(may, by=users.grassroots_officer)
    actions.approve_report(may, by=users.district_leader)
    may = report(form, tree.MAY)
    assert may.changes_since_approval == 0
    versions = list(may.versions.values_list("number", "action"))
    assert versions == [(1, "submit"), (2, "approve_report"), (3, "submit"), (4, "approve_report")]
    assert may.versions.get(number=2).values["TD04"]["value"] == "3"
    assert "TD04" not in may.versions.get(number=4).values


def test_an_upper_union_submits_only_once_every_child_is_approved_or_waived(form, tree, users):
    ct = report(form, tree.CT)
    actions.save_values(ct, by=users.district_leader, entries={"TC01": {"value": 100}})
    with pytest.raises(ValidationError) as excinfo:
        actions.submit_report(ct, by=users.district_leader)
    assert "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre" in excinfo.value.messages[0]
    approved(report(form, tree.MAY), approver=users.district_leader)
    with pytest.raises(ValidationError):
        actions.submit_report(ct, by=users.district_leader)
    with pytest.raises(ValidationError):  # a waiver needs a reason
        actions.waive_report(report(form, tree.THPT), by=users.district_leader, reason="")
    actions.waive_report(
        report(form, tree.THPT), by=users.district_leader, reason="Trường sáp nhập, không hoạt động"
    )
    actions.submit_report(ct, by=users.district_leader)
    assert report(form, tree.CT).status == S.SUBMITTED


def test_approving_the_upper_report_accepts_its_children_and_returning_it_gives_them_back(form, tree, users):
    approved(report(form, tree.MAY), approver=users.district_leader)
    actions.waive_report(report(form, tree.THPT), by=users.district_leader, reason="Không hoạt động")
    ct = report(form, tree.CT)
    approved(ct, approver=users.province_officer, submitter=users.district_leader)
    assert report(form, tree.MAY).status == S.ACCEPTED
    assert report(form, tree.THPT).status == S.WAIVED
    # The level above must return the upper union's report before the upper union may return a child.
    with pytest.raises(ValidationError):
        actions.return_report(report(form, tree.MAY), by=users.district_leader, reason="Sai số")
    actions.return_report(ct, by=users.province_officer, reason="Tổng hợp thiếu")
    assert report(form, tree.MAY).status == S.APPROVED
    actions.return_report(report(form, tree.MAY), by=users.district_leader, reason="Sai số")
    assert report(form, tree.MAY).status == S.RETURNED


def test_the_issuer_s_consolidated_report_is_finalised_by_its_leader(form, tree, users):
    bt = report(form, tree.BT)
    actions.save_values(bt, by=users.province_officer, entries={"TC01": {"value": 1000}})
    for unit in ("CT", "TPBT"):
        actions.waive_report(report(form, getattr(tree, unit)), by=users.province_officer, reason="Thử")
    assert not REPORT_WORKFLOW.can(users.admin, bt, "submit")  # nobody above the issuer in this form
    with pytest.raises(PermissionDenied):
        actions.submit_report(bt, by=users.province_officer)
    with pytest.raises(PermissionDenied):  # an officer does not finalise
        actions.finalise_report(bt, by=users.province_officer)
    actions.finalise_report(bt, by=users.province_leader)
    bt = report(form, tree.BT)
    assert (bt.status, bt.version) == (S.APPROVED, 1)
    actions.reopen_report(bt, by=users.province_leader, reason="Bổ sung số liệu")
    assert report(form, tree.BT).status == S.RETURNED


# --- permissions by relation ------------------------------------------------------------------------------------


@pytest.fixture
def others(tree):
    return {"sibling": user_of(tree.THPT, "thpt_officer"), "child": user_of(tree.MAY, "may_leader", "leader")}


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("own", False), ("parent", True), ("ancestor", True), ("sibling", False), ("outsider", False),
     ("admin", True)],
)  # fmt: skip
def test_who_approves_a_grassroots_report(form, tree, users, others, who, allowed):
    actor = {"own": users.grassroots_officer, "parent": users.district_leader, "ancestor": users.province_officer,
             "sibling": others["sibling"], "outsider": users.outsider, "admin": users.admin}[who]  # fmt: skip
    may = report(form, tree.MAY)
    actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 1}})
    actions.submit_report(may, by=users.grassroots_officer)
    assert REPORT_WORKFLOW.can(actor, report(form, tree.MAY), "approve_report") is allowed
    if allowed:
        actions.approve_report(may, by=actor)
        assert report(form, tree.MAY).status == S.APPROVED
    else:
        with pytest.raises(PermissionDenied):
            actions.approve_report(may, by=actor)
        assert report(form, tree.MAY).status == S.SUBMITTED


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("own", True), ("parent", True), ("child", False), ("sibling", False), ("outsider", False)],
)  # fmt: skip
def test_who_enters_an_upper_union_s_figures(form, tree, users, others, who, allowed):
    # A role on a unit covers its subtree: the province's officers may enter for the district; a child may not.
    actor = {"own": users.district_leader, "parent": users.province_officer, "child": others["child"],
             "sibling": user_of(tree.TPBT, "tpbt_officer"), "outsider": users.outsider}[who]  # fmt: skip
    ct = report(form, tree.CT)
    if allowed:
        actions.save_values(ct, by=actor, entries={"TC01": {"value": 1}})
        assert queries.values_of(ct)["TC01"].value == 1
    else:
        with pytest.raises(PermissionDenied):
            actions.save_values(ct, by=actor, entries={"TC01": {"value": 1}})


def test_a_unit_never_approves_or_waives_its_own_report(form, tree, users):
    ct = report(form, tree.CT)
    assert not REPORT_WORKFLOW.can(users.district_leader, ct, "waive")
    with pytest.raises(PermissionDenied):
        actions.waive_report(ct, by=users.district_leader, reason="Tự miễn")
    with pytest.raises(PermissionDenied):
        actions.grant_late_entry(ct, by=users.district_leader, until=TODAY + datetime.timedelta(days=40),
                                 reason="x")  # fmt: skip
