"""The workflow kit: the table on its own, then a transition applied through the plans' workflow (a model of core's
own would need a migration): state read again under a lock, permission, one event and one audit record that do not
repeat each other, side effects only after the commit, and the one transition view."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.plans.builders import draft_plan, issued_plan
from thidua.core.audit import history_of
from thidua.core.workflow import Transition, apply_transition, check_table, workflow_of
from thidua.plans import actions
from thidua.plans.models import Plan, PlanEvent, PlanStatus
from thidua.plans.permissions import APPROVE, PLAN_WORKFLOW

D = datetime.date
STATES = ["draft", "issued", "closed"]

# --- the table ------------------------------------------------------------------------------------------------


def test_a_sound_table_passes_the_check():
    table = [
        Transition("issue", {"draft"}, "issued", APPROVE),
        Transition("close", {"issued"}, "closed", APPROVE),
    ]
    assert check_table(table, STATES) is None  # raises ValueError on an unsound table


def test_a_table_naming_a_transition_twice_is_refused():
    table = [
        Transition("issue", {"draft"}, "issued", APPROVE),
        Transition("issue", {"issued"}, "closed", APPROVE),
    ]
    with pytest.raises(ValueError, match=r"transitions named twice: \['issue'\]"):
        check_table(table, STATES)


def test_a_table_naming_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match=r"transition 'send' names unknown states \['sent'\]"):
        check_table([Transition("send", {"draft"}, "sent", APPROVE)], STATES)


def test_a_transition_from_no_state_is_refused():
    with pytest.raises(ValueError, match="transition 'issue' starts from no state"):
        check_table([Transition("issue", set(), "issued", APPROVE)], STATES)


def test_a_transition_starts_only_from_its_sources():
    close = Transition("close", {"issued"}, "closed", APPROVE, label="kết thúc")
    assert (close.starts_from("issued"), close.starts_from("draft"), close.label) == (True, False, "kết thúc")


def test_the_plans_table_is_registered_for_the_model():
    assert workflow_of(Plan) is PLAN_WORKFLOW
    assert {
        name: (sorted(t.sources), t.target, t.permission) for name, t in PLAN_WORKFLOW.transitions.items()
    } == {
        "issue": (["draft"], "issued", "approve"),
        "amend": (["issued"], "issued", "approve"),
        "close": (["issued"], "closed", "approve"),
    }


# --- applying a transition ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_transition_writes_one_event_and_an_audit_record_of_the_other_fields(tree, users):
    plan = issued_plan(tree.BT, by=users.province_leader)
    apply_transition(plan, "close", by=users.province_leader, note="Hết năm")
    event = PlanEvent.objects.filter(plan=plan).latest("id")
    assert (event.action, event.from_status, event.to_status, event.by, event.note) == (
        "close", "issued", "closed", users.province_leader, "Hết năm")  # fmt: skip
    record = history_of(plan).first()
    # The state is the event's: the audit record keeps the other fields and does not repeat the note.
    assert (record.action, record.changes, record.note) == ("close", {}, "")
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED


@pytest.mark.django_db
def test_the_state_is_read_again_from_the_database_not_from_a_stale_object(tree, users):
    plan = draft_plan(tree.BT)
    stale = Plan.objects.get(pk=plan.pk)
    actions.issue_plan(plan, by=users.province_leader)
    with pytest.raises(ValidationError) as error:
        actions.issue_plan(stale, by=users.province_leader)
    assert error.value.messages == ["Không thể ban hành kế hoạch ở trạng thái “Đã ban hành”."]
    assert PlanEvent.objects.filter(plan=plan, action="issue").count() == 1


@pytest.mark.django_db
def test_a_transition_the_state_does_not_allow_changes_nothing(tree, users):
    plan = draft_plan(tree.BT)
    events, records = PlanEvent.objects.count(), history_of(plan).count()
    with pytest.raises(ValidationError) as error:
        apply_transition(plan, "close", by=users.province_leader)
    assert error.value.messages == ["Không thể kết thúc kế hoạch ở trạng thái “Dự thảo”."]
    assert (PlanEvent.objects.count(), history_of(plan).count()) == (events, records)


@pytest.mark.django_db
def test_an_archived_object_takes_no_transition(tree, users):
    plan = issued_plan(tree.BT, by=users.province_leader)
    actions.archive_plan(plan, by=users.province_leader)
    with pytest.raises(ValidationError) as error:
        apply_transition(plan, "close", by=users.province_leader)
    assert error.value.messages == ["Không thể kết thúc kế hoạch ở trạng thái “Đã lưu trữ”."]


@pytest.mark.django_db
def test_a_user_without_the_permission_is_refused_and_nothing_is_written(tree, users):
    plan = issued_plan(tree.BT, by=users.province_leader)
    events = PlanEvent.objects.count()
    for user in (users.province_officer, users.outsider, users.district_leader):
        with pytest.raises(PermissionDenied):
            apply_transition(plan, "close", by=user)
    assert (PlanEvent.objects.count(), Plan.objects.get(pk=plan.pk).status) == (events, PlanStatus.ISSUED)
    assert PLAN_WORKFLOW.available(users.province_officer, plan) == []
    assert [t.name for t in PLAN_WORKFLOW.available(users.province_leader, plan)] == ["amend", "close"]


@pytest.mark.django_db
def test_a_transition_that_needs_a_reason_is_refused_without_one(tree, users):
    plan = issued_plan(tree.BT, by=users.province_leader)
    with pytest.raises(ValidationError) as error:
        apply_transition(plan, "amend", by=users.province_leader, reason="   ")
    assert error.value.message_dict == {"reason": ["Cần nêu lý do."]}


@pytest.mark.django_db
def test_an_error_inside_the_step_rolls_everything_back(tree, users):
    plan = issued_plan(tree.BT, by=users.province_leader)
    events = PlanEvent.objects.count()
    with pytest.raises(ValidationError), PLAN_WORKFLOW.step(plan, "close", by=users.province_leader) as step:
        step.obj.title = "Đổi tên"
        step.obj.save()
        raise ValidationError("dừng")
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.status, saved.title != "Đổi tên", PlanEvent.objects.count()) == (
        PlanStatus.ISSUED,
        True,
        events,
    )


@pytest.mark.django_db
def test_side_effects_run_only_once_the_transaction_commits(tree, users, django_capture_on_commit_callbacks):
    plan = issued_plan(tree.BT, by=users.province_leader)
    ran = []
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        PLAN_WORKFLOW.step(plan, "close", by=users.province_leader) as step,
    ):
        step.on_commit(lambda: ran.append(Plan.objects.get(pk=plan.pk).status))
        assert ran == []
    assert (len(callbacks), ran) == (1, [PlanStatus.CLOSED])


@pytest.mark.django_db
def test_the_system_applies_a_transition_without_a_user(tree):
    plan = issued_plan(tree.BT)
    assert apply_transition(plan, "close", by=None).status == PlanStatus.CLOSED
    assert PlanEvent.objects.filter(plan=plan).latest("id").by is None


# --- the transition view -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_confirm_page_shows_the_transition_and_the_state(tree, users, client_for):
    plan = issued_plan(tree.BT, by=users.province_leader)
    response = client_for(users.province_leader).get(reverse("plans:plan-close", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Trạng thái hiện tại: Đã ban hành." in page and ">Kết thúc kế hoạch</button>" in page
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED


@pytest.mark.django_db
def test_the_confirm_page_is_403_without_the_permission_and_404_outside(tree, users, client_for):
    plan = issued_plan(tree.BT, by=users.province_leader)
    url = reverse("plans:plan-close", args=[plan.pk])
    assert client_for(users.province_officer).get(url).status_code == 403
    assert client_for(users.outsider).get(url).status_code == 404


@pytest.mark.django_db
def test_a_transition_the_state_no_longer_allows_goes_back_with_the_reason(tree, users, client_for):
    plan = draft_plan(tree.BT)
    response = client_for(users.province_leader).post(
        reverse("plans:plan-close", args=[plan.pk]), follow=True
    )
    assert "Không thể kết thúc kế hoạch ở trạng thái “Dự thảo”." in response.content.decode()
    assert response.redirect_chain == [(reverse("plans:plan-detail", args=[plan.pk]), 302)]
