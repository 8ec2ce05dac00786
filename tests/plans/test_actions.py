import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from thidua.core.audit import history_of
from thidua.core.models import AuditEvent
from thidua.notices.models import Notice
from thidua.plans import actions, queries
from thidua.plans.models import Phase, PhaseStatus, Plan, PlanDelivery, PlanEvent, PlanStatus

from .builders import draft_plan, issued_plan

D = datetime.date
pytestmark = pytest.mark.django_db


def test_new_plan_gets_the_next_free_number_of_its_issuer_symbol_and_year(tree, users):
    draft_plan(tree.BT, number=13)
    plan = actions.create_plan(tree.BT, by=users.province_officer, title="Kế hoạch khác", year=2017,
                               symbol="KH-LĐLĐ")  # fmt: skip
    other_year = actions.create_plan(tree.BT, by=users.province_officer, title="Năm sau", year=2018,
                                     symbol="KH-LĐLĐ")  # fmt: skip
    assert (plan.number, plan.number_display) == (14, "14/KH-LĐLĐ")
    assert other_year.number == 1
    assert queries.next_number(tree.BT, "KH-LĐLĐ", 2017) == 15


def test_numbers_run_separately_per_issuer(tree):
    draft_plan(tree.BT, number=13)
    assert queries.next_number(tree.CT, "KH-LĐLĐ", 2017) == 1


def test_number_already_taken_is_refused_naming_the_field(tree, users):
    draft_plan(tree.BT, number=13)
    with pytest.raises(ValidationError) as error:
        actions.create_plan(tree.BT, by=users.province_officer, title="Trùng số", year=2017, symbol="KH-LĐLĐ",
                            number=13)  # fmt: skip
    assert error.value.message_dict["number"] == [
        "Số 13/KH-LĐLĐ năm 2017 đã được dùng cho “Phát động phong trào thi đua yêu nước trong CNVCLĐ chào mừng "
        "các ngày lễ lớn của đất nước năm 2017”. Số còn trống tiếp theo: 14."
    ]
    assert Plan.objects.count() == 1


def test_archived_plan_keeps_its_number_out_of_the_proposal(tree, users):
    plan = draft_plan(tree.BT, number=13)
    actions.archive_plan(plan, by=users.province_officer)
    assert queries.next_number(tree.BT, "KH-LĐLĐ", 2017) == 14


def test_default_symbol_follows_the_kind_and_the_issuer_level(tree):
    assert queries.default_symbol(tree.BT) == "KH-LĐLĐ"
    assert queries.default_symbol(tree.MAY) == "KH-CĐCS"
    assert queries.default_symbol(tree.BT, "guidance") == "HD-LĐLĐ"


def test_split_number_reads_the_symbol_with_stray_spaces_and_dashes():
    assert queries.split_number("13 /KH-LĐLĐ") == (13, "KH-LĐLĐ")
    assert queries.split_number("02/KH – TLĐ") == (2, "KH–TLĐ".replace("–", "-"))
    assert queries.split_number("KH-LĐLĐ") == (None, "KH-LĐLĐ")


def test_create_plan_writes_parts_history_and_audit(tree, users):
    plan = draft_plan(tree.BT, by=users.province_officer)
    assert plan.status == PlanStatus.DRAFT
    assert [p.name for p in plan.phases.order_by("order")] == ["Đợt 1", "Đợt 2"]
    assert plan.movements.get(order=1).names == [
        "Lao động giỏi, Lao động sáng tạo", "Xanh - Sạch - Đẹp, đảm bảo an toàn vệ sinh lao động"]  # fmt: skip
    assert list(plan.events.values_list("action", "to_status")) == [("create", "draft")]
    event = history_of(plan).get()
    assert (event.action, event.actor, event.changes["phases"]) == (
        "create",
        users.province_officer,
        [None, 2],
    )


def test_update_plan_replaces_a_part_and_keeps_rows_given_by_id(tree, users):
    plan = draft_plan(tree.BT)
    first = plan.phases.get(order=1)
    actions.update_plan(plan, by=users.province_officer, title="Trích yếu mới", parts={"phases": [
        {"id": first.pk, "name": "Đợt 1", "start": D(2017, 1, 1), "end": D(2017, 6, 30)},
    ]})  # fmt: skip
    plan.refresh_from_db()
    assert plan.title == "Trích yếu mới"
    assert list(plan.phases.values_list("pk", "end")) == [(first.pk, D(2017, 6, 30))]
    assert plan.commemorations.filter(phase__isnull=False).count() == 2  # those of phase 2 went with it
    assert history_of(plan).first().changes["phases"] == [2, 1]


def test_phase_ending_before_it_starts_is_refused_naming_the_phase(tree, users):
    plan = draft_plan(tree.BT)
    with pytest.raises(ValidationError) as error:
        actions.update_plan(plan, by=users.province_officer, parts={"phases": [
            {"name": "Đợt 1", "start": D(2017, 9, 1), "end": D(2017, 8, 31)}]})  # fmt: skip
    assert error.value.message_dict["phases"] == [
        "Đợt 1: ngày kết thúc 31/08/2017 trước ngày bắt đầu 01/09/2017."
    ]
    assert plan.phases.count() == 2


def test_issued_plan_is_read_only(tree, users):
    plan = issued_plan(tree.BT, by=users.province_leader)
    with pytest.raises(ValidationError) as error:
        actions.update_plan(plan, by=users.province_leader, title="Sửa sau khi ban hành")
    assert error.value.messages == ["Kế hoạch đã ban hành chỉ được sửa đổi, bổ sung; không sửa trực tiếp."]
    assert Plan.objects.get(pk=plan.pk).title.startswith("Phát động phong trào")


def test_issue_delivers_to_every_unit_directly_below_and_tells_them(
    tree, users, django_capture_on_commit_callbacks
):
    users.district_leader.email = "chauthanh@example.vn"
    users.district_leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        plan = issued_plan(tree.BT, by=users.province_leader)
    assert (plan.status, plan.date) == (PlanStatus.ISSUED, D(2017, 2, 22))
    assert sorted(PlanDelivery.objects.filter(plan=plan).values_list("unit__code", flat=True)) == [
        "CT",
        "TPBT",
    ]
    assert sorted(Notice.objects.filter(kind="plan_received").values_list("unit__code", flat=True)) == [
        "CT",
        "TPBT",
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["chauthanh@example.vn"], "Nhận Kế hoạch số 13/KH-LĐLĐ của Liên đoàn Lao động tỉnh Bến Tre")
    ]
    assert list(plan.events.values_list("action", "from_status", "to_status")) == [
        ("create", "", "draft"), ("issue", "draft", "issued")]  # fmt: skip
    assert history_of(plan).first().action == "issue"


def test_issue_without_signer_is_refused_and_changes_nothing(tree, users):
    plan = draft_plan(tree.BT, signer_name="")
    with pytest.raises(ValidationError) as error:
        actions.issue_plan(plan, by=users.province_leader)
    assert error.value.message_dict == {"signer_name": ["Cần có họ tên người ký trước khi ban hành."]}
    assert (Plan.objects.get(pk=plan.pk).status, PlanDelivery.objects.count()) == ("draft", 0)


def test_a_plan_is_issued_only_once(tree, users):
    plan = issued_plan(tree.BT)
    with pytest.raises(ValidationError) as error:
        actions.issue_plan(plan, by=users.province_leader)
    assert error.value.messages == ["Không thể ban hành kế hoạch ở trạng thái “Đã ban hành”."]


def test_recipient_that_is_a_unit_receives_the_plan(tree, users):
    plan = draft_plan(tree.CT)
    actions.update_plan(plan, by=users.district_leader, parts={"recipients": [
        {"name": "CĐCS May Việt Tiến", "purpose": "thuc_hien", "unit": tree.MAY}]})  # fmt: skip
    actions.issue_plan(plan, by=users.district_leader)
    assert list(PlanDelivery.objects.filter(plan=plan).values_list("unit__code", flat=True)) == ["MAY"]


def test_amendment_records_before_after_and_reason_and_tells_receivers(tree, users):
    plan = issued_plan(tree.BT)
    phase = plan.phases.get(order=1)
    amendment = actions.amend_plan(plan, by=users.province_leader, reason="Lùi hạn báo cáo đợt 1",
                                   phases={phase.pk: {"report_due": D(2017, 9, 15)}})  # fmt: skip
    assert (amendment.order, amendment.changes) == (1, {"Đợt 1.report_due": ["2017-09-10", "2017-09-15"]})
    assert Phase.objects.get(pk=phase.pk).report_due == D(2017, 9, 15)
    assert plan.events.last().action == PlanEvent.Action.AMEND
    assert sorted(Notice.objects.filter(kind="plan_amended").values_list("unit__code", flat=True)) == [
        "CT",
        "TPBT",
    ]


def test_amendment_without_reason_or_change_is_refused(tree, users):
    plan = issued_plan(tree.BT)
    with pytest.raises(ValidationError) as error:
        actions.amend_plan(plan, by=users.province_leader, reason="", fields={"title": "Mới"})
    assert error.value.message_dict == {"reason": ["Cần nêu lý do sửa đổi, bổ sung."]}
    with pytest.raises(ValidationError) as error:
        actions.amend_plan(
            plan, by=users.province_leader, reason="Không đổi gì", fields={"title": plan.title}
        )
    assert error.value.messages == ["Không có nội dung nào thay đổi."]
    assert plan.amendments.count() == 0


def test_draft_cannot_be_amended_or_closed(tree, users):
    plan = draft_plan(tree.BT)
    with pytest.raises(ValidationError):
        actions.amend_plan(plan, by=users.province_leader, reason="x", fields={"title": "y"})
    with pytest.raises(ValidationError) as error:
        actions.close_plan(plan, by=users.province_leader)
    assert error.value.messages == ["Không thể kết thúc kế hoạch ở trạng thái “Dự thảo”."]


def test_close_then_archive_keeps_the_plan(tree, users):
    plan = actions.close_plan(issued_plan(tree.BT), by=users.province_leader)
    assert plan.status == PlanStatus.CLOSED
    actions.archive_plan(plan, by=users.province_leader, note="Hết hiệu lực")
    assert Plan.objects.filter(pk=plan.pk, archived_at__isnull=False).count() == 1
    assert list(plan.events.values_list("action", flat=True)) == ["create", "issue", "close", "archive"]


def test_phase_status_follows_its_dates():
    phase = Phase(name="Đợt 1", start=D(2017, 1, 1), end=D(2017, 8, 31))
    assert phase.status_on(D(2016, 12, 31)) == PhaseStatus.UPCOMING
    assert phase.status_on(D(2017, 1, 1)) == PhaseStatus.OPEN
    assert phase.status_on(D(2017, 8, 31)) == PhaseStatus.OPEN
    assert phase.status_on(D(2017, 9, 1)) == PhaseStatus.CLOSED


def test_notify_phase_changes_tells_issuer_and_receivers_once(tree, users):
    issued_plan(tree.BT)
    first = actions.notify_phase_changes(D(2017, 9, 1))  # Đợt 2 opens
    again = actions.notify_phase_changes(D(2017, 9, 1))
    assert first == {"phase_opens": 3, "phase_closes": 0, "report_due": 0}
    assert again == {"phase_opens": 0, "phase_closes": 0, "report_due": 0}
    assert sorted(Notice.objects.filter(kind="phase_opens").values_list("unit__code", flat=True)) == [
        "BT", "CT", "TPBT"]  # fmt: skip


def test_notify_phase_changes_announces_phase_end_and_report_due_to_receivers(tree):
    issued_plan(tree.BT)
    assert actions.notify_phase_changes(D(2017, 8, 31)) == {
        "phase_opens": 0,
        "phase_closes": 3,
        "report_due": 0,
    }
    assert actions.notify_phase_changes(D(2017, 9, 5)) == {
        "phase_opens": 0,
        "phase_closes": 0,
        "report_due": 2,
    }
    assert Notice.objects.get(kind="report_due", unit=tree.CT).title == (
        "Sắp đến hạn báo cáo Đợt 1 – Kế hoạch số 13/KH-LĐLĐ"
    )


def test_draft_phases_tell_nobody(tree):
    draft_plan(tree.BT)
    assert actions.notify_phase_changes(D(2017, 9, 1)) == {
        "phase_opens": 0,
        "phase_closes": 0,
        "report_due": 0,
    }


def test_copy_to_next_year_moves_dates_and_recomputes_ordinals(tree, users):
    plan = issued_plan(tree.BT)
    copy = actions.copy_plan_to_year(plan, 2018, by=users.province_officer)
    assert (copy.year, copy.status, copy.number, copy.copied_from) == (2018, "draft", 1, plan)
    assert copy.title.endswith("năm 2018")
    phases = list(copy.phases.order_by("order"))
    assert [(p.start, p.end, p.report_due) for p in phases] == [
        (D(2018, 1, 1), D(2018, 8, 31), D(2018, 9, 10)), (D(2018, 9, 1), D(2018, 12, 31), D(2018, 12, 15))]  # fmt: skip
    assert phases[0].celebrates == (
        "Thi đua lập thành tích chào mừng 88 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2018); "
        "Kỷ niệm 89 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2018).")  # fmt: skip
    assert sorted(copy.commemorations.values_list("ordinal", "date")) == [
        (73, D(2018, 9, 2)), (88, D(2018, 2, 3)), (89, D(2018, 7, 28))]  # fmt: skip
    assert queries.ordinal_mismatches(copy) == []
    assert list(copy.events.values_list("action", flat=True)) == ["copy"]


def test_copy_to_the_same_year_is_refused(tree, users):
    plan = draft_plan(tree.BT)
    with pytest.raises(ValidationError) as error:
        actions.copy_plan_to_year(plan, 2017, by=users.province_officer)
    assert error.value.message_dict == {"year": ["Chọn một năm khác năm 2017 của kế hoạch."]}


def test_reminders_tell_the_units_chosen_and_are_recorded(tree, users, django_capture_on_commit_callbacks):
    plan = issued_plan(tree.BT)
    users.district_leader.email = "chauthanh@example.vn"
    users.district_leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        told = actions.send_reminders(plan, [tree.CT], by=users.province_officer)
    assert told == 1
    assert Notice.objects.filter(kind="reminder").get().unit == tree.CT
    assert PlanDelivery.objects.get(plan=plan, unit=tree.CT).last_reminded_at is not None
    assert PlanDelivery.objects.get(plan=plan, unit=tree.TPBT).last_reminded_at is None
    assert [m.subject for m in mail.outbox] == [
        "Nhắc triển khai Kế hoạch số 13/KH-LĐLĐ của Liên đoàn Lao động tỉnh Bến Tre"
    ]
    assert plan.events.last().note == "Nhắc 1 đơn vị: LĐLĐ Châu Thành"


def test_reminders_to_units_outside_the_issuer_are_refused(tree, users):
    plan = issued_plan(tree.BT)
    with pytest.raises(ValidationError) as error:
        actions.send_reminders(plan, [tree.TV], by=users.province_officer)
    assert error.value.messages == ["Chọn ít nhất một đơn vị trực thuộc để nhắc."]
    assert Notice.objects.filter(kind="reminder").count() == 0


def test_copy_sent_up_for_report_is_not_a_plan_to_deploy(tree, users):
    plan = draft_plan(tree.CT)
    actions.update_plan(plan, by=users.district_leader, parts={"recipients": [
        {"name": "LĐLĐ tỉnh Bến Tre", "purpose": "bao_cao", "unit": tree.BT},
        {"name": "CĐCS May Việt Tiến", "purpose": "thuc_hien", "unit": tree.MAY}]})  # fmt: skip
    actions.issue_plan(plan, by=users.district_leader)
    assert list(PlanDelivery.objects.filter(plan=plan).values_list("unit__code", flat=True)) == ["MAY"]


def test_notify_phases_command_reports_the_units_told(tree, capsys):
    from django.core.management import call_command

    issued_plan(tree.BT)
    call_command("notify_phases", "--ngay", "01/09/2017")
    assert capsys.readouterr().out == (
        "Bắt đầu đợt: 3 đơn vị; kết thúc đợt: 0 đơn vị; sắp đến hạn báo cáo: 0 đơn vị.\n"
    )


def test_notify_phases_command_refuses_a_bad_day(tree):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as error:
        call_command("notify_phases", "--ngay", "31/02/2017")
    assert str(error.value) == "Ngày “31/02/2017” không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 01/06/2017."


def test_parts_left_out_of_a_draft_edit_are_kept_in_the_audit_trail(tree, users):
    plan = draft_plan(tree.BT)
    second = plan.phases.get(order=2)
    its_commemorations = set(second.commemorations.values_list("pk", flat=True))
    movement = plan.movements.order_by("order").last()
    actions.update_plan(plan, by=users.province_officer, parts={
        "phases": [{"id": plan.phases.get(order=1).pk, "name": "Đợt 1", "start": D(2017, 1, 1),
                    "end": D(2017, 6, 30)}],
        "movements": [{"id": plan.movements.get(order=1).pk, "names": ["Lao động giỏi"], "text": ""}],
    })  # fmt: skip
    removed = AuditEvent.objects.filter(action="delete")
    phase_record = removed.get(content_type__model="phase")
    assert phase_record.object_id == str(second.pk)
    assert phase_record.actor == users.province_officer
    assert phase_record.changes["name"] == ["Đợt 2", None]
    assert phase_record.changes["plan_id"] == [plan.pk, None]
    assert phase_record.changes["end"] == [second.end.isoformat(), None]
    assert its_commemorations
    assert {int(r.object_id) for r in removed.filter(content_type__model="phasecommemoration")} == (
        its_commemorations
    )
    movement_record = removed.get(content_type__model="movement")
    assert movement_record.object_id == str(movement.pk)
    assert movement_record.changes["names"] == [movement.names, None]
    assert "Bỏ khỏi dự thảo kế hoạch" in movement_record.note
