"""Councils for the tests: a council of a unit with N members (each with an account), a session ready to vote."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model

from thidua.councils import actions
from thidua.councils.models import AttendanceStatus, MemberRole
from thidua.orgs import actions as org_actions
from thidua.orgs.models import Unit
from thidua.registrations.models import Award

_counter = itertools.count(1)
DAY = datetime.date(2024, 12, 20)  # Nghị định 98/2023 in force
TERM = datetime.date(2024, 1, 1)


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def member_user(name: str | None = None):
    return get_user_model().objects.create_user(username=name or f"member{next(_counter)}", password="x")


def new_person(unit_code: str = "DUA", name: str | None = None):
    return org_actions.create_person(by=None, unit=Unit.objects.get(code=unit_code),
                                     full_name=name or f"Thành Viên Số {next(_counter)}")  # fmt: skip


def council_of(
    unit: Unit, size: int = 7, *, member_units: list[Unit] | None = None, term_from=TERM, **fields
):
    """A council of ``unit`` with ``size`` members: the first is the chair, the second the secretary; every member
    has an account; members work in ``member_units`` (the council's unit by default)."""
    council = actions.create_council(
        unit, by=None, term_from=term_from, decision_number="01/QĐ-LĐLĐ", **fields
    )
    members = []
    for i in range(size):
        where = member_units[i] if member_units and i < len(member_units) else unit
        role = MemberRole.CHAIR if i == 0 else MemberRole.MEMBER
        members.append(actions.add_member(council, by=None, person=new_person(), unit=where, role=role,
                                          is_secretary=i == 1, user=member_user()))  # fmt: skip
    return council, members


def session_of(council, members, *, held_on=DAY, items=(), present=None, written=(), mode="electronic"):
    """A session with its agenda (``items``: dicts for ``add_agenda_item``) and attendance (everyone present
    unless ``present`` lists who; ``written``: members absent with a written opinion)."""
    session = actions.create_session(council, by=None, held_on=held_on, place="Hội trường LĐLĐ tỉnh",
                                     voting_mode=mode)  # fmt: skip
    made = [actions.add_agenda_item(session, by=None, **item) for item in items]
    present = members if present is None else present
    statuses = {}
    for m in members:
        if m in present:
            statuses[m.pk] = AttendanceStatus.PRESENT
        elif m in written:
            statuses[m.pk] = AttendanceStatus.WRITTEN
        else:
            statuses[m.pk] = AttendanceStatus.ABSENT
    actions.record_attendance(session, by=None, statuses=statuses)
    return session, made


def tra_vinh_session(world):
    """The Trà Vinh branch's council (the outsider, an officer of Trà Vinh, sits on it as chair and secretary) and
    a session of December 2017 voted and closed: for the scope matrix (tests/test_scope_matrix.py)."""
    from thidua.councils.models import Session

    tree = world.tree
    found = Session.objects.filter(council__unit=tree.TV).select_related("council").first()
    if found is not None:
        return found
    council = actions.create_council(tree.TV, by=None, term_from=datetime.date(2017, 1, 1))
    member = actions.add_member(council, by=None, person=world.people.pham_binh, unit=tree.TV, role=MemberRole.CHAIR,
                                is_secretary=True, user=world.users.outsider)  # fmt: skip
    session = actions.create_session(
        council, by=None, held_on=datetime.date(2017, 12, 15), place="LĐLĐ Trà Vinh"
    )
    item = actions.add_agenda_item(session, by=None, collective=tree.GIAY, award=award("tt-ld-xuat-sac"))
    actions.record_attendance(session, by=None, statuses={member.pk: AttendanceStatus.PRESENT})
    actions.open_voting(session, by=None)
    actions.cast_ballots(session, by=world.users.outsider, choices={item.pk: "agree"})
    return actions.close_voting(session, by=None)
