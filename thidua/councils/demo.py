"""The councils' part of ``load_demo``: the emulation–reward council of the Bến Tre provincial federation for 2017
(seven members: the federation's leader as chair, the Ban CS-PL officer as secretary, the ``hoidong`` account, a
member from the May mặc Bến Tre union), and its session of 15 December 2017: four nominees, six members present and
one absent with a written opinion, the secret ballot cast in the system, the May mặc member recused from the
union's own flag, and the results. Written through the actions (audited); deterministic; idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from thidua.orgs.models import Person, Unit, UnitVersion
from thidua.registrations.models import Award

from . import actions
from .models import AttendanceStatus, Choice, Council, MemberRole

D = datetime.date
DECISION = "05/QĐ-LĐLĐ"
PROVINCE = "BTR"
ANCHOR = "BTR-MAYBT"
SEATS = [
    # (account, role, secretary, position)
    ("bentre-leader", MemberRole.CHAIR, False, "Chủ tịch LĐLĐ tỉnh"),
    ("hd-bentre-pct", MemberRole.VICE_CHAIR, False, "Phó Chủ tịch LĐLĐ tỉnh"),
    ("bentre", MemberRole.STANDING, True, "Trưởng Ban Chính sách – Pháp luật"),
    ("hoidong", MemberRole.MEMBER, False, "Trưởng Ban Tổ chức"),
    ("hd-bentre-tg", MemberRole.MEMBER, False, "Trưởng Ban Tuyên giáo – Nữ công"),
    ("hd-bentre-kt", MemberRole.MEMBER, False, "Chủ nhiệm Ủy ban Kiểm tra"),
    ("hd-bentre-may", MemberRole.MEMBER, False, "Chủ tịch CĐCS Công ty TNHH May mặc Bến Tre"),
]
# How each present member votes on the four items (a for agree, d for disagree, - recused); the last member is
# absent and sends a written opinion.
VOTES = ["aaaa", "aaad", "aaaa", "adad", "aaad", "aa-a"]
WRITTEN = "aaad"


def _account(username: str):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, password=None)  # no login: votes in the demo only
    return user


def build_demo(*, log=None, **_options) -> dict[str, int]:
    province = Unit.objects.filter(code=PROVINCE).first()
    anchor = Unit.objects.filter(code=ANCHOR).first()
    if province is None or anchor is None:
        return {}
    result = load_demo_council(province, anchor)
    if log and result.get("items"):
        log(f"Hội đồng thi đua – khen thưởng LĐLĐ tỉnh Bến Tre 2017: {result['members']} thành viên, phiên họp "
            f"15/12/2017 với {result['items']} trường hợp, {result['passed']} đạt.")  # fmt: skip
    return result


@transaction.atomic
def load_demo_council(province: Unit, anchor: Unit) -> dict[str, int]:
    if Council.objects.filter(unit=province, decision_number=DECISION).exists():
        return {"members": 0, "items": 0, "passed": 0}
    day = D(2017, 12, 15)
    then = UnitVersion.objects.as_of(day)
    province_path = then.filter(unit=province).values_list("path", flat=True).first() or province.path
    units_then = then.filter(path__startswith=province_path).values("unit_id")  # the 2017 tree
    others = list(
        Person.objects.filter(Q(unit__in=units_then) | Q(unit__path__startswith=province.path),
                              archived_at__isnull=True)
        .exclude(unit=anchor).select_related("unit").order_by("unit__path", "id")[:400]
    )  # fmt: skip
    from_anchor = list(Person.objects.filter(unit=anchor, archived_at__isnull=True).order_by("id")[:2])
    if len(others) < 9 or len(from_anchor) < 1:
        return {}
    council = actions.create_council(
        province, by=None, term_from=D(2017, 1, 10), term_to=D(2017, 12, 31), decision_number=DECISION,
        decision_date=D(2017, 1, 10), rules_citation="Quy chế hoạt động của Hội đồng thi đua – khen thưởng LĐLĐ tỉnh",
    )  # fmt: skip
    # Seats: staff of the federation (their records sit in grassroots unions: the first people of the list, one
    # per union), and the chair of the May mặc union, who works there.
    spread = list({p.unit_id: p for p in reversed(others)}.values())[:6]
    spread += [p for p in others if p not in spread][: 6 - len(spread)]
    members = []
    for (username, role, secretary, position), person in zip(SEATS, [*spread, from_anchor[0]], strict=False):
        unit = anchor if username == "hd-bentre-may" else province
        members.append(actions.add_member(council, by=None, person=person, unit=unit, role=role,
                                          is_secretary=secretary, user=_account(username), position=position))  # fmt: skip
    session = actions.create_session(council, by=None, held_on=day,
                                     place="Hội trường Liên đoàn Lao động tỉnh Bến Tre")  # fmt: skip
    nominees = [p for p in others if p not in spread][:3]
    awards = {a.code: a for a in Award.objects.filter(code__in=["cstd-bo-tinh", "cstd-co-so", "co-thi-dua-ldld",
                                                                 "bang-khen-ldld"])}  # fmt: skip
    items = [
        actions.add_agenda_item(session, by=None, person=nominees[0], award=awards.get("cstd-bo-tinh")),
        actions.add_agenda_item(session, by=None, person=nominees[1], award=awards.get("cstd-co-so")),
        actions.add_agenda_item(session, by=None, collective=anchor, award=awards.get("co-thi-dua-ldld")),
        actions.add_agenda_item(session, by=None, person=nominees[2], award=awards.get("bang-khen-ldld")),
    ]
    statuses = {m.pk: AttendanceStatus.PRESENT for m in members}
    absent = members[4]  # the head of the inspection committee sends a written opinion
    statuses[absent.pk] = AttendanceStatus.WRITTEN
    actions.record_attendance(session, by=None, statuses=statuses)
    for item, letter in zip(items, WRITTEN, strict=True):
        actions.record_written_opinion(
            item, absent, by=None, choice=Choice.AGREE if letter == "a" else Choice.DISAGREE
        )
    actions.open_voting(session, by=None)
    present = [m for m in members if m is not absent]
    for member, letters in zip(present, VOTES, strict=True):
        choices = {item.pk: (Choice.AGREE if letter == "a" else Choice.DISAGREE)
                   for item, letter in zip(items, letters, strict=True) if letter != "-"}  # fmt: skip
        actions.cast_ballots(session, by=member.user, choices=choices)
    actions.close_voting(session, by=None)
    passed = session.items.filter(result="passed").count()
    return {"members": len(members), "items": len(items), "passed": passed}
