"""Research topics and congress works: registration, editing and archiving, the steps of their paths, the write
matrix by relation (own unit, parent, ancestor, sibling, child, outsider) and the audit trail."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.audit import history_of
from thidua.orgs import actions as org_actions
from thidua.registrations import actions
from thidua.registrations.models import CongressWork, ResearchMember, ResearchTopic

from .works_builders import accepted_topic, topic, work

D = datetime.date


def test_a_topic_links_its_lead_and_team_to_people_and_keeps_outsiders_by_name(tree, people, users):
    t = topic(tree.MAY, by=users.grassroots_officer, lead_id=people.tran_hao.pk, lead_name="ignored", members=[
        actions.TeamMemberInput(person_id=people.nguyen_dao.pk, role="thư ký"),
        actions.TeamMemberInput(name="  ThS.  Lê Thị   Ngọc Hân ", role="cố vấn"),
    ])  # fmt: skip
    assert (t.lead, t.lead_name, t.year, t.status) == (people.tran_hao, "Trần Trung Hào", 2017, "registered")
    assert [(m.full_name, m.person_id, m.role, m.position) for m in t.members.all()] == [
        ("Nguyễn Thị Đào", people.nguyen_dao.pk, "thư ký", 1), ("ThS. Lê Thị Ngọc Hân", None, "cố vấn", 2),
    ]  # fmt: skip
    assert [e.action for e in t.events.all()] == ["register"]
    record = history_of(t).get()
    assert record.action == "register" and record.changes["members"] == [
        None,
        ["Nguyễn Thị Đào", "ThS. Lê Thị Ngọc Hân"],
    ]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"title": "  "}, "title", "Cần ghi tên đề tài."),
        ({"end_on": D(2016, 1, 1)}, "end_on", "Thời gian kết thúc không thể trước thời gian bắt đầu."),
        ({"budget_vnd": -1}, "budget_vnd", "Kinh phí phải là số đồng không âm."),
        ({"level": "galaxy"}, "level", "Cấp đề tài không hợp lệ."),
        ({"lead_name": ""}, "lead_name", "Cần chọn hoặc ghi họ và tên chủ nhiệm đề tài."),
    ],
)
def test_a_topic_with_a_bad_field_is_refused_naming_it(tree, users, values, field, message):
    with pytest.raises(ValidationError) as error:
        topic(tree.MAY, by=users.grassroots_officer, **values)
    assert error.value.message_dict == {field: [message]}
    assert ResearchTopic.objects.count() == 0


def test_a_lead_or_member_outside_the_scope_is_refused(tree, people, users):
    with pytest.raises(ValidationError) as error:
        topic(tree.MAY, by=users.grassroots_officer, lead_id=people.pham_binh.pk)
    assert error.value.message_dict == {"lead_id": ["Không tìm thấy chủ nhiệm đề tài trong phạm vi quản lý."]}
    with pytest.raises(ValidationError) as error:
        topic(
            tree.MAY,
            by=users.grassroots_officer,
            members=[actions.TeamMemberInput(person_id=people.pham_binh.pk)],
        )
    assert error.value.message_dict == {
        "members": ["Thành viên thứ 1: không tìm thấy người này trong phạm vi quản lý."]
    }


def test_the_path_of_a_topic_through_acceptance_is_recorded(tree, users):
    t = accepted_topic(tree.MAY, by=users.district_leader)
    assert (t.status, t.rating, t.decision_number, t.accepted_on) == ("accepted", "excellent", "12/QĐ-LĐLĐ",
                                                                      D(2018, 1, 15))  # fmt: skip
    assert [(e.action, e.from_status, e.to_status) for e in t.events.all()] == [
        ("register", "", "registered"), ("start", "registered", "in_progress"), ("accept", "in_progress", "accepted"),
    ]  # fmt: skip
    accept = history_of(t).filter(action="accept").get()
    assert accept.changes["rating"] == ["", "excellent"]
    with pytest.raises(ValidationError):
        actions.update_research_topic(t, by=users.district_leader, title="Đổi tên sau nghiệm thu")


def test_acceptance_needs_a_leader_and_a_coherent_decision(tree, users):
    t = actions.start_research_topic(topic(tree.MAY), by=users.grassroots_officer)
    values = {"accepted_on": D(2018, 1, 15), "rating": "good", "decision_number": "5/QĐ",
              "decision_date": D(2018, 1, 20), "accepting_body": "Hội đồng khoa học cơ sở"}  # fmt: skip
    with pytest.raises(PermissionDenied):  # an officer records the steps, not the acceptance
        actions.accept_research_topic(t, by=users.grassroots_officer, **values)
    with pytest.raises(ValidationError) as error:
        actions.accept_research_topic(
            t, by=users.district_leader, **{**values, "decision_date": D(2018, 1, 1)}
        )
    assert error.value.message_dict == {"decision_date": ["Ngày quyết định không thể trước ngày nghiệm thu."]}
    with pytest.raises(ValidationError) as error:
        actions.accept_research_topic(t, by=users.district_leader, **{**values, "rating": ""})
    assert error.value.message_dict == {"rating": ["Cần chọn kết quả xếp loại nghiệm thu."]}
    t.refresh_from_db()
    assert t.status == "in_progress"


def test_a_failed_and_a_stopped_topic_keep_their_reason(tree, users):
    failed = actions.start_research_topic(topic(tree.MAY), by=None)
    failed = actions.fail_research_topic(failed, by=users.district_leader, accepted_on=D(2018, 1, 10),
                                         reason="Chưa đủ cơ sở khoa học")  # fmt: skip
    stopped = actions.stop_research_topic(
        topic(tree.MAY), by=users.grassroots_officer, reason="Chủ nhiệm chuyển công tác"
    )
    assert (failed.status, failed.outcome_reason) == ("not_accepted", "Chưa đủ cơ sở khoa học")
    assert (stopped.status, stopped.outcome_reason) == ("stopped", "Chủ nhiệm chuyển công tác")
    with pytest.raises(ValidationError) as error:
        actions.stop_research_topic(topic(tree.MAY), by=users.grassroots_officer, reason=" ")
    assert error.value.message_dict == {"reason": ["Cần nêu lý do."]}


def test_editing_a_topic_replaces_its_team_and_is_audited(tree, people, users):
    t = topic(tree.MAY, members=[actions.TeamMemberInput(name="Ông A")])
    actions.update_research_topic(t, by=users.grassroots_officer, budget_vnd=60_000_000,
                                  members=[actions.TeamMemberInput(person_id=people.le_duc.pk)])  # fmt: skip
    assert list(ResearchMember.objects.filter(topic=t).values_list("full_name", flat=True)) == ["Lê Văn Đức"]
    update = history_of(t).filter(action="update").get()
    assert update.changes == {"budget_vnd": [45_000_000, 60_000_000], "members": [["Ông A"], ["Lê Văn Đức"]]}


def test_archiving_keeps_the_topic_and_a_concluded_one_needs_a_leader(tree, users):
    t = topic(tree.MAY)
    actions.archive_research_topic(t, by=users.grassroots_officer, reason="Đăng ký trùng")
    t.refresh_from_db()
    assert t.archived_at is not None and ResearchTopic.objects.filter(pk=t.pk).exists()
    done = accepted_topic(tree.MAY)
    with pytest.raises(PermissionDenied):
        actions.archive_research_topic(done, by=users.grassroots_officer, reason="x")
    actions.archive_research_topic(done, by=users.district_leader, reason="Nhập nhầm đơn vị")


def test_a_congress_work_is_completed_with_its_date_and_final_value(tree, users):
    w = work(tree.MAY, by=users.grassroots_officer, congress_term="2018-2023")
    assert (w.congress_term, w.congress) == (
        "2018 – 2023",
        "Đại hội Công đoàn tỉnh Bến Tre, nhiệm kỳ 2018 – 2023",
    )
    w = actions.start_congress_work(w, by=users.grassroots_officer)
    w = actions.complete_congress_work(
        w, by=users.grassroots_officer, completed_on=D(2018, 5, 2), value_vnd=52_000_000
    )
    assert (w.status, w.completed_on, w.value_vnd) == ("completed", D(2018, 5, 2), 52_000_000)
    complete = history_of(w).filter(action="complete").get()
    assert complete.changes == {"completed_on": [None, "2018-05-02"], "value_vnd": [50_000_000, 52_000_000]}
    with pytest.raises(ValidationError):
        actions.cancel_congress_work(w, by=users.grassroots_officer, reason="muộn")


def test_a_work_without_its_congress_is_refused(tree, users):
    with pytest.raises(ValidationError) as error:
        work(tree.MAY, by=users.grassroots_officer, congress_name=" ")
    assert error.value.message_dict == {"congress_name": ["Cần ghi Đại hội mà công trình chào mừng."]}
    assert CongressWork.objects.count() == 0


def test_an_inactive_unit_registers_nothing(tree, users):
    org_actions.archive_unit(tree.DUA, by=None, note="Nhập nhầm")
    tree.DUA.refresh_from_db()
    with pytest.raises(ValidationError):
        topic(tree.DUA)


# --- the write matrix: who may register in MAY (own unit, parent, ancestor, sibling, child, outsider) -----------


@pytest.fixture
def relations(tree, users, django_user_model):
    """A user for each relation to the MAY union (the child relation: ``test_a_child_unit_cannot_write_in_its_parent``)."""

    def officer(name, unit, role="officer"):
        user = django_user_model.objects.create_user(name, password="x")
        org_actions.grant_role(user, unit, role, by=None)
        return user

    return {
        "own": users.grassroots_officer,
        "parent": users.district_leader,
        "ancestor": users.province_officer,
        "sibling": officer("thpt_officer", tree.THPT),
        "outsider": users.outsider,
        "viewer": officer("may_viewer", tree.MAY, "viewer"),
    }


@pytest.mark.parametrize(
    ("relation", "allowed"),
    [
        ("own", True),
        ("parent", True),
        ("ancestor", True),
        ("sibling", False),
        ("outsider", False),
        ("viewer", False),
    ],
)
def test_who_may_register_and_step_a_topic_and_a_work_in_a_unit(tree, relations, relation, allowed):
    user = relations[relation]
    if allowed:
        t = topic(tree.MAY, by=user)
        actions.start_research_topic(t, by=user)
        w = work(tree.MAY, by=user)
        actions.complete_congress_work(w, by=user, completed_on=D(2018, 5, 1))
        return
    with pytest.raises(PermissionDenied):
        topic(tree.MAY, by=user)
    with pytest.raises(PermissionDenied):
        work(tree.MAY, by=user)
    existing = topic(tree.MAY)
    with pytest.raises(PermissionDenied):
        actions.start_research_topic(existing, by=user)
    with pytest.raises(PermissionDenied):
        actions.update_research_topic(existing, by=user, title="Sửa trộm")
    existing.refresh_from_db()
    assert (existing.status, existing.title) == (
        "registered",
        "Giải pháp giảm tai nạn lao động trong ngành may",
    )


def test_a_child_unit_cannot_write_in_its_parent(tree, users):
    with pytest.raises(PermissionDenied):  # the MAY officer in the district federation above
        topic(tree.CT, by=users.grassroots_officer)
    with pytest.raises(PermissionDenied):
        work(tree.CT, by=users.grassroots_officer)
