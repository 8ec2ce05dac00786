"""Congresses' write path: the level above schedules, the unit records the result, the level above records a
congress not held; progress from the dates; who may write, by relation; the reminders."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from thidua.congresses import actions
from thidua.congresses.models import Congress, Progress
from thidua.core.audit import history_of
from thidua.notices.models import Notice

from ..union_fund.builders import officer_of
from .builders import scheduled

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_level_above_schedules_and_the_unit_records_the_result(tree, users):
    congress = scheduled(tree.MAY, D(2017, 5, 20), by=users.district_leader)
    assert (congress.term, congress.planned_on, congress.scheduled_by_id) == (
        "2017–2022",
        D(2017, 5, 20),
        tree.CT.pk,
    )
    actions.record_congress_held(congress, by=users.grassroots_officer, held_on=D(2017, 5, 20), delegates=85,
                                 committee_size=9)  # fmt: skip
    congress.refresh_from_db()
    assert (congress.status, congress.delegates, congress.committee_size) == ("held", 85, 9)
    assert congress.progress_on(D(2026, 1, 1)) == Progress.ON_TIME
    assert [e.action for e in history_of(congress)] == ["hold", "schedule"]


def test_rescheduling_moves_the_date_of_the_same_congress(tree):
    first = scheduled(tree.MAY, D(2017, 5, 20))
    again = scheduled(tree.MAY, D(2017, 6, 10))
    assert first.pk == again.pk and Congress.objects.count() == 1
    assert Congress.objects.get().planned_on == D(2017, 6, 10)


@pytest.mark.parametrize(("planned", "held_on", "today", "expected"), [
    (D(2017, 5, 1), D(2017, 5, 1), D(2026, 1, 1), Progress.ON_TIME),
    (D(2017, 5, 1), D(2017, 7, 1), D(2026, 1, 1), Progress.LATE),
    (D(2017, 5, 1), None, D(2017, 6, 1), Progress.OVERDUE),
    (D(2017, 5, 1), None, D(2017, 4, 1), Progress.UPCOMING),
])  # fmt: skip
def test_progress_follows_the_dates(tree, planned, held_on, today, expected):
    congress = scheduled(tree.MAY, planned)
    if held_on:
        congress = actions.record_congress_held(congress, by=None, held_on=held_on, delegates=None,
                                                committee_size=None)  # fmt: skip
    assert congress.progress_on(today) == expected


def test_a_unit_does_not_schedule_its_own_congress(tree, users):
    with pytest.raises(ValidationError):
        actions.schedule_congress(tree.CT, by=None, scheduled_by=tree.CT, term_start=2017, term_end=2022,
                                  planned_on=D(2017, 5, 1))  # fmt: skip


@pytest.mark.parametrize(("values", "field"), [
    ({"held_on": D(2999, 1, 1)}, "held_on"), ({"held_on": D(2010, 1, 1)}, "held_on"), ({"delegates": 0}, "delegates"),
    ({"delegates": 5, "committee_size": 9}, "committee_size"),
])  # fmt: skip
def test_bad_results_name_the_field(tree, values, field):
    congress = scheduled(tree.MAY, D(2017, 5, 1))
    data = {"held_on": D(2017, 5, 1), "delegates": 50, "committee_size": 7}
    with pytest.raises(ValidationError) as error:
        actions.record_congress_held(congress, by=None, **{**data, **values})
    assert list(error.value.message_dict) == [field]


def test_a_congress_not_held_needs_a_reason_and_takes_no_result(tree, users):
    congress = scheduled(tree.MAY, D(2017, 5, 1))
    with pytest.raises(ValidationError):
        actions.cancel_congress(congress, by=users.district_leader, reason=" ")
    actions.cancel_congress(congress, by=users.district_leader, reason="Doanh nghiệp giải thể")
    congress.refresh_from_db()
    assert congress.progress_on(D(2026, 1, 1)) == Progress.CANCELLED
    with pytest.raises(ValidationError):
        actions.record_congress_held(
            congress, by=None, held_on=D(2017, 5, 1), delegates=None, committee_size=None
        )


# --- by relation to MAY (a grassroots union under CT under BT) ---------------------------------------------------

RELATIONS = [
    # relation, user, may schedule MAY's congress, may record its result
    ("own unit", "grassroots_officer", False, True),
    ("parent", "district_leader", True, True),
    ("ancestor", "province_officer", True, True),
    ("ancestor without the permission", "council_member", False, False),
    ("sibling", "thpt_officer", False, False),
    ("outsider", "outsider", False, False),
]


@pytest.mark.parametrize(("relation", "username", "schedules", "records"), RELATIONS)
def test_writes_follow_the_relation_to_the_unit(tree, users, relation, username, schedules, records):
    from django.contrib.auth import get_user_model

    officer_of(tree.THPT, "thpt_officer")
    user = get_user_model().objects.get(username=username)
    scheduler = tree.CT if username != "province_officer" else tree.BT
    if schedules:
        congress = scheduled(tree.MAY, D(2017, 5, 1), by=user, scheduled_by=scheduler)
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            scheduled(tree.MAY, D(2017, 5, 1), by=user, scheduled_by=scheduler)
        congress = scheduled(tree.MAY, D(2017, 5, 1))
    record = lambda: actions.record_congress_held(congress, by=user, held_on=D(2017, 5, 2), delegates=40,  # noqa: E731
                                                  committee_size=7)  # fmt: skip
    if records:
        record()
    else:
        with pytest.raises(PermissionDenied):
            record()


def test_a_child_unit_does_not_schedule_or_record_its_parents_congress(tree, users):
    with pytest.raises(PermissionDenied):
        actions.schedule_congress(tree.CT, by=users.grassroots_officer, scheduled_by=tree.BT, term_start=2017,
                                  term_end=2022, planned_on=D(2017, 8, 1))  # fmt: skip
    congress = actions.schedule_congress(tree.CT, by=None, scheduled_by=tree.BT, term_start=2017, term_end=2022,
                                         planned_on=D(2017, 8, 1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.record_congress_held(congress, by=users.grassroots_officer, held_on=D(2017, 8, 1), delegates=None,
                                     committee_size=None)  # fmt: skip


def test_reminders_tell_units_once_before_and_after_the_planned_date(tree):
    due = scheduled(tree.MAY, D(2017, 5, 10))
    late = scheduled(tree.THPT, D(2017, 4, 1))
    scheduled(tree.DUA, D(2017, 9, 1))  # too far
    told = actions.remind_congresses(today=D(2017, 5, 1), days_before=14)
    assert told == {"due": 1, "overdue": 2}  # THPT and its scheduler CT
    assert set(Notice.objects.values_list("unit__code", "kind")) == {
        ("MAY", "congress_due"),
        ("THPT", "congress_overdue"),
        ("CT", "congress_overdue"),
    }
    assert actions.remind_congresses(today=D(2017, 5, 2), days_before=14) == {"due": 0, "overdue": 0}
    assert due.pk and late.pk


def test_reminder_command_runs_for_a_given_date(tree, capsys):
    scheduled(tree.MAY, D(2017, 5, 10))
    call_command("send_congress_reminders", "--date", "2017-05-01")
    assert "Đã nhắc 1 đơn vị sắp đến ngày Đại hội, 0 đơn vị" in capsys.readouterr().out
