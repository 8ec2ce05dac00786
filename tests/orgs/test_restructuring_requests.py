"""Restructuring through a request (issue 8, "Who may restructure"): an officer of the level above prepares, a
leader of that level approves after a confirmation that says exactly what ends, the level above is told, nothing
ends a unit in one step without that approval (a system administrator's direct path is audited), roles on an
ended unit are revoked, and a dissolution entered by mistake is reversed by the level above."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thidua.core.audit import history_of
from thidua.notices.models import Notice
from thidua.orgs import actions, impact
from thidua.orgs.models import (
    Membership,
    RestructuringEvent,
    RestructuringRequest,
    RoleAssignment,
    TransferRequest,
    Unit,
    UnitEvent,
    UnitVersion,
)
from thidua.plans import actions as plans

pytestmark = pytest.mark.django_db

D2025 = datetime.date(2025, 7, 1)


def prepare_dissolution(users, tree, **extra):
    return actions.prepare_restructuring(
        by=users.province_officer,
        kind="dissolve",
        units=[tree.MAY],
        effective_on=D2025,
        decision="9/QĐ",
        **extra,
    )


# --- the workflow -----------------------------------------------------------------------------------------------


def test_preparing_changes_nothing_and_tells_the_level_above(users, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = prepare_dissolution(users, tree)
    assert request.status == "submitted"
    assert Unit.objects.get(pk=tree.MAY.pk).dissolved_on is None
    assert Membership.objects.filter(unit=tree.MAY, left_on__isnull=True).count() == 3
    notice = Notice.objects.get(kind="restructuring_submitted")
    assert notice.unit_id == tree.CT.pk  # the level above May Việt Tiến: its leader approves
    assert "Giải thể “Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre”" in notice.title
    assert list(RestructuringEvent.objects.filter(request=request).values_list("action", flat=True)) == [
        "prepare"
    ]
    assert history_of(request).get().action == "create"


def test_approval_carries_it_out_keeps_what_ended_and_tells_above(
    users, tree, django_capture_on_commit_callbacks
):
    request = prepare_dissolution(users, tree)
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_restructuring(request, by=users.district_leader)
    unit = Unit.objects.get(pk=tree.MAY.pk)
    assert (unit.dissolved_on, unit.ended_as) == (D2025, "dissolved")
    assert UnitEvent.objects.get(unit=unit, kind="dissolved").decision == "9/QĐ"
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", users.district_leader)
    assert request.impact["memberships"]["count"] == 3
    assert request.impact["roles"]["count"] == 1  # grassroots_officer's role on May Việt Tiến
    told = set(Notice.objects.filter(kind="restructuring_decided").values_list("unit_id", flat=True))
    assert {
        tree.CT.pk,
        tree.MAY.pk,
        tree.BT.pk,
    } <= told  # the level above, the unit, and the level above that
    assert [e.action for e in request.events.all()] == ["prepare", "approve"]
    assert history_of(request).filter(action="approve").exists()


def test_return_needs_a_reason_and_tells_the_one_who_prepared(
    users, tree, django_capture_on_commit_callbacks
):
    request = prepare_dissolution(users, tree)
    with pytest.raises(ValidationError):
        actions.return_restructuring(request, by=users.district_leader, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_restructuring(
            request, by=users.district_leader, reason="Chưa có quyết định của cấp trên"
        )
    request.refresh_from_db()
    assert (request.status, request.reason) == ("returned", "Chưa có quyết định của cấp trên")
    assert Notice.objects.get(kind="restructuring_decided").user_id == users.province_officer.pk
    assert Unit.objects.get(pk=tree.MAY.pk).dissolved_on is None
    with pytest.raises(ValidationError):  # a returned request is not approved afterwards
        actions.approve_restructuring(request, by=users.district_leader)


def test_the_one_who_prepared_withdraws_others_may_not(users, tree):
    request = prepare_dissolution(users, tree)
    with pytest.raises(PermissionDenied):
        actions.withdraw_restructuring(request, by=users.grassroots_officer)
    actions.withdraw_restructuring(request, by=users.province_officer)
    assert RestructuringRequest.objects.get(pk=request.pk).status == "withdrawn"
    prepare_dissolution(users, tree)  # once withdrawn, another may be prepared


def test_an_officer_cannot_approve_and_a_second_pending_request_is_refused(users, tree):
    request = prepare_dissolution(users, tree)
    with pytest.raises(PermissionDenied):
        actions.approve_restructuring(request, by=users.province_officer)
    with pytest.raises(ValidationError, match="đang chờ duyệt"):
        prepare_dissolution(users, tree)


def test_preparing_refuses_at_once_what_the_approval_would_refuse(users, tree):
    with pytest.raises(ValidationError) as refused:
        actions.prepare_restructuring(
            by=users.province_leader, kind="dissolve", units=[tree.CT], effective_on=D2025
        )
    assert "còn 2 đơn vị trực thuộc" in str(refused.value)
    assert not RestructuringRequest.objects.exists()
    assert Unit.objects.get(pk=tree.MAY.pk).path.startswith(tree.CT.path)


def test_preparing_needs_the_level_above(users, tree):
    for user in (users.grassroots_officer, users.outsider, users.council_member):
        with pytest.raises(PermissionDenied):
            actions.prepare_restructuring(by=user, kind="dissolve", units=[tree.MAY], effective_on=D2025)


# --- no one-step path -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", ["move", "merge", "dissolve"])
def test_even_a_leader_above_cannot_end_or_move_a_unit_in_one_step(users, tree, operation):
    """The actions that API, imports and commands would call refuse a user without an approved request."""
    call = {
        "move": lambda: actions.move_unit(tree.MAY, tree.TPBT, by=users.province_leader, effective_on=D2025),
        "merge": lambda: actions.merge_units(
            [tree.MAY], tree.THPT, by=users.province_leader, effective_on=D2025
        ),
        "dissolve": lambda: actions.dissolve_unit(tree.MAY, by=users.province_leader, effective_on=D2025),
    }[operation]
    with pytest.raises(PermissionDenied):
        call()
    may = Unit.objects.get(pk=tree.MAY.pk)
    assert may.dissolved_on is None and may.path.startswith(tree.CT.path)


def test_an_approved_request_cannot_be_reused_as_authority(users, tree):
    request = prepare_dissolution(users, tree)
    actions.withdraw_restructuring(request, by=users.province_officer)
    request.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.dissolve_unit(tree.MAY, by=users.district_leader, effective_on=D2025, authority=request)
    other = actions.prepare_restructuring(by=users.province_officer, kind="dissolve", units=[tree.THPT],
                                          effective_on=D2025)  # fmt: skip
    with pytest.raises(PermissionDenied):  # a request for THPT does not cover May Việt Tiến
        actions.dissolve_unit(tree.MAY, by=users.district_leader, effective_on=D2025, authority=other)


def test_a_system_administrators_direct_path_is_audited_as_such(users, tree):
    actions.dissolve_unit(tree.MAY, by=users.admin, effective_on=D2025)
    record = history_of(Unit.objects.get(pk=tree.MAY.pk)).get(action="dissolve")
    assert record.note == "Thực hiện trực tiếp bởi quản trị hệ thống, không qua đề nghị."


# --- what ends --------------------------------------------------------------------------------------------------


def test_roles_on_an_ended_unit_are_revoked_with_an_audit_record(users, tree):
    assert RoleAssignment.objects.filter(unit=tree.MAY).exists()
    actions.approve_restructuring(prepare_dissolution(users, tree), by=users.district_leader)
    assert not RoleAssignment.objects.filter(unit=tree.MAY).exists()
    from thidua.core.models import AuditEvent

    revoked = AuditEvent.objects.get(action="revoke")
    assert "May Việt Tiến" in revoked.note


def test_pending_transfer_requests_of_an_ended_unit_are_refused(users, tree):
    person = tree.MAY.memberships.filter(left_on__isnull=True).first().person
    transfer = TransferRequest.objects.create(person=person, from_unit=tree.MAY, to_unit=tree.GIAY,
                                              full_name=person.full_name, requested_by=users.outsider)  # fmt: skip
    actions.approve_restructuring(prepare_dissolution(users, tree), by=users.district_leader)
    transfer.refresh_from_db()
    assert transfer.status == "refused" and "kết thúc hoạt động" in transfer.reason


def test_impact_counts_what_every_app_registered(users, tree):
    plans.create_plan(tree.MAY, by=None, title="Kế hoạch thi đua năm 2025", year=2025)
    keys = {c.key for c in impact.counters()}
    assert {"memberships", "roles", "transfer_requests", "plans"} <= keys
    lines = {line.key: line.count for line in impact.impact_of([tree.MAY.pk])}
    assert lines == {"memberships": 3, "roles": 1, "plans": 1}


def test_the_confirmation_says_exactly_what_will_end(client_for, users, tree):
    request = prepare_dissolution(users, tree)
    client = client_for(users.district_leader)
    url = reverse("orgs:restructuring-transition", args=[request.pk, "approve"])
    page = client.get(url).content.decode()
    assert "Sẽ kết thúc: 3 lượt sinh hoạt công đoàn đang mở" in page
    assert "Sẽ kết thúc: 1 vai trò của tài khoản trên đơn vị (bị thu hồi)" in page
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 400
    assert Unit.objects.get(pk=tree.MAY.pk).dissolved_on is None
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert Unit.objects.get(pk=tree.MAY.pk).dissolved_on == D2025
    detail = client_for(users.province_leader).get(reverse("orgs:restructuring-detail", args=[request.pk]))
    assert "Những mục đã kết thúc khi thực hiện" in detail.content.decode()
    assert '<h1 class="h4 mb-1">Đề nghị giải thể</h1>' in detail.content.decode()


def test_request_pages_are_scoped(client_for, users, tree):
    request = prepare_dissolution(users, tree)
    detail = reverse("orgs:restructuring-detail", args=[request.pk])
    assert client_for(users.outsider).get(detail).status_code == 404
    assert client_for(users.grassroots_officer).get(detail).status_code == 200  # its own union: it sees it
    listing = reverse("orgs:restructuring-list")
    assert "May Việt Tiến" not in client_for(users.outsider).get(listing).content.decode()
    assert "May Việt Tiến" in client_for(users.district_leader).get(listing).content.decode()
    page = (
        client_for(users.district_leader)
        .get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
        .content.decode()
    )
    assert detail in page  # the unit's page shows the request awaiting approval


# --- reversing a mistaken dissolution ---------------------------------------------------------------------------


def test_the_level_above_reopens_a_unit_dissolved_by_mistake(client_for, users, tree):
    actions.approve_restructuring(prepare_dissolution(users, tree), by=users.district_leader)
    url = reverse("orgs:unit-reopen", args=[tree.MAY.pk])
    assert client_for(users.grassroots_officer).get(url).status_code == 404  # its role ended with the union
    assert client_for(users.province_officer).get(url).status_code == 403
    client = client_for(users.district_leader)
    assert client.post(url, {"reason": "Nhập nhầm quyết định"}).status_code == 200  # not confirmed
    response = client.post(url, {"reason": "Nhập nhầm quyết định", "confirm": "on"})
    assert response.status_code == 302
    unit = Unit.objects.get(pk=tree.MAY.pk)
    assert (unit.dissolved_on, unit.ended_as, unit.member_count) == (None, "", 2)
    assert Membership.objects.filter(unit=unit, left_on__isnull=True).count() == 3
    assert UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).count() == 1
    assert UnitEvent.objects.get(unit=unit, kind="reopened").note == "Nhập nhầm quyết định"
    record = history_of(unit).get(action="reopen")
    assert record.actor == users.district_leader and "Nhập nhầm quyết định" in record.note


def test_reopen_leaves_people_who_joined_another_union_there(users, tree):
    actions.dissolve_unit(tree.MAY, by=None, effective_on=D2025)
    moved = Membership.objects.filter(unit=tree.MAY).order_by("pk").first().person
    actions.transfer_person(moved, tree.THPT, by=None, on=datetime.date(2025, 8, 1))
    actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhầm")
    assert Membership.objects.filter(unit=tree.MAY, left_on__isnull=True).count() == 2
    assert Membership.objects.get(person=moved, left_on__isnull=True).unit_id == tree.THPT.pk


def test_a_merger_is_not_reopened(users, tree):
    actions.merge_units([tree.THPT], tree.MAY, by=None, effective_on=D2025)
    with pytest.raises(ValidationError):
        actions.reopen_unit(tree.THPT, by=users.district_leader, reason="Nhầm")
