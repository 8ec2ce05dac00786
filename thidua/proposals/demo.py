"""The proposals' part of ``load_demo``: a reward season at two levels, through the real actions (audited).

2017 (the rules of NĐ 91/2017 and QĐ 1564): the garment factory's grassroots union (CĐCS Công ty TNHH May mặc Bến
Tre) proposes six of its workers to its district federation, with their achievement reports, the minutes of its
council, sent before the deadline; the district federation receives it, puts the four Giấy khen nominees on a
session of its council (paper ballots: three pass, one does not), decides the three in its decision with its money
and forwards the two Bằng khen nominees to the province with its own proposal (the chain kept); the province
receives it and decides both in its year-end decision. One of the district's awards is later revoked (an error),
with the money to recover. The district also drafts a separate proposal with one of the same workers for the same
Bằng khen — another route, caught as a duplicate on both proposals; another grassroots union's proposal is still a
draft past its deadline (the late list).

2026 (NĐ 152/2025): the factory commends three workers with its own Giấy khen, and proposes two more to the area
union that took over from the district federation, which has received it (for the demo accounts to carry on).

Deterministic; idempotent (nothing is written when the factory's 2017 proposal is there); a few seconds.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from thidua.core import actions as core_actions
from thidua.core.models import Attachment
from thidua.orgs.models import Level, Person, Unit, UnitVersion
from thidua.plans.models import Phase, Plan
from thidua.registrations.models import Award

from . import actions
from .documents import achievement_text
from .models import Nominee, Proposal, RewardKind

D = datetime.date
ANCHOR = "BTR-MAYBT"
TITLE_2017 = "Đề nghị khen thưởng tổng kết phong trào thi đua lao động giỏi, lao động sáng tạo năm 2017"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUMMARIES = [
    "Năng suất bình quân vượt 18 % định mức, không có sản phẩm lỗi trong năm.",
    "Có sáng kiến cải tiến thao tác đường may cổ áo, làm lợi 45 triệu đồng.",
    "Tổ trưởng tổ may, tổ đạt danh hiệu Tổ công đoàn vững mạnh, hướng dẫn 12 công nhân mới.",
    "Đảm bảo an toàn vệ sinh lao động, không để xảy ra tai nạn lao động trong năm.",
    "Tích cực tham gia phong trào “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động”.",
    "Hoàn thành xuất sắc nhiệm vụ, vận động 35 người lao động gia nhập công đoàn.",
]


def _minutes(proposal: Proposal, year: int) -> None:
    upload = SimpleUploadedFile(f"bien-ban-hop-hoi-dong-{year}.pdf", PDF, content_type="application/pdf")
    core_actions.attach_file(proposal, upload, by=None,
                             description=f"Biên bản họp Hội đồng thi đua – khen thưởng năm {year}",
                             part=Attachment.Part.COUNCIL_MINUTES)  # fmt: skip


def _parent_on(unit: Unit, day: datetime.date) -> Unit | None:
    version = UnitVersion.objects.as_of(day).filter(unit=unit).select_related("parent").first()
    return version.parent if version is not None else None


def _year_end_phase(province: Unit | None) -> tuple[Plan | None, Phase | None]:
    """The province's 2017 plan (13/KH-LĐLĐ, from the plans demo) and its phase that opens proposals, else its last
    phase; ``(None, None)`` without it (the deadlines then stay the ones given)."""
    plan = Plan.objects.active().filter(issuer=province, year=2017, number=13).first() if province else None
    if plan is None:
        return None, None
    phases = plan.phases.order_by("-opens_proposals", "-order")
    return plan, phases.first()


def _send_on(proposal: Proposal, day: datetime.date) -> None:
    """Send as on ``day`` (lateness judged on that day) and date the sending then: ``send_proposal`` stamps the
    moment it runs, which for the demo would be the day it is loaded."""
    actions.send_proposal(proposal, by=None, today=day)
    sent = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Proposal.objects.filter(pk=proposal.pk).update(sent_at=sent)


def _nominate(proposal: Proposal, people: list[Person], award: Award, start: int = 0) -> list[Nominee]:
    made = []
    for i, person in enumerate(people):
        n = actions.add_nominee(proposal, by=None, person=person, award=award,
                                summary=SUMMARIES[(start + i) % len(SUMMARIES)])  # fmt: skip
        made.append(actions.update_nominee(n, by=None, achievement=achievement_text(n)))
    return made


def _council_votes(unit: Unit, held_on: datetime.date, nominees: list[Nominee], proposal: Proposal,
                   members_from: list[Person], failing: set[int]) -> None:  # fmt: skip
    """A council of ``unit`` (members from ``members_from``), a paper-ballot session on ``held_on`` with the
    nominees on its agenda; every nominee passes but those in ``failing``."""
    from thidua.councils import actions as council_actions
    from thidua.councils.models import AttendanceStatus, MemberRole, VotingMode

    council = council_actions.create_council(unit, by=None, term_from=D(held_on.year, 1, 1),
                                             decision_number=f"05/QĐ-LĐLĐ ngày 10/01/{held_on.year}")  # fmt: skip
    members = [
        council_actions.add_member(
            council,
            by=None,
            person=person,
            is_secretary=i == 1,
            role=MemberRole.CHAIR if i == 0 else MemberRole.MEMBER,
        )  # fmt: skip
        for i, person in enumerate(members_from)
    ]
    session = council_actions.create_session(council, by=None, held_on=held_on, voting_mode=VotingMode.PAPER,
                                             place=f"Hội trường {unit.name}")  # fmt: skip
    actions.place_on_agenda(proposal, nominees, session=session, by=None)
    council_actions.record_attendance(session, by=None,
                                      statuses={m.pk: AttendanceStatus.PRESENT for m in members})  # fmt: skip
    council_actions.open_voting(session, by=None)
    size = len(members)
    for n in Nominee.objects.filter(pk__in=[x.pk for x in nominees]).select_related("agenda_item"):
        agree = 2 if n.pk in failing else size
        council_actions.record_paper_tally(n.agenda_item, by=None, agree=agree, disagree=size - agree)
    council_actions.close_voting(session, by=None)


# The money of the federations' own Giấy khen and Bằng khen is each federation's to set (catalog NOTES): the demo's
# values, in hundredths of the base salary, marked UNVERIFIED and named as illustration.
OWN_MONEY = {
    "BTR": (D(2017, 1, 1), D(2025, 6, 30), "Quy chế khen thưởng của LĐLĐ tỉnh Bến Tre (dữ liệu minh họa)",
            {"giay-khen-cap-tren": (15, 30), "bang-khen-ldld": (30, 60), "giay-khen-cdcs": (10, 20)}),
    "VLG": (D(2025, 7, 1), None, "Quy chế khen thưởng của LĐLĐ tỉnh Vĩnh Long (dữ liệu minh họa)",
            {"giay-khen-cap-tren": (15, 30), "bang-khen-ldld": (30, 60), "giay-khen-cdcs": (10, 20)}),
}  # fmt: skip


def _own_money(federations: dict[Unit, tuple]) -> None:
    """The federations' own money multipliers for their Giấy khen and Bằng khen, through the catalog's actions
    (nothing when the federation already has its own rules)."""
    from thidua.registrations.actions import catalog as catalog_actions
    from thidua.registrations.models import Rule

    for federation, (start, end, name, awards) in federations.items():
        code = federation.code
        if Rule.objects.filter(regulation__federation=federation).exists():
            continue
        regulation = catalog_actions.create_regulation(
            federation, by=None, number=f"01/QC-{code}", name=name, valid_from=start, valid_to=end,
            mark="UNVERIFIED", note="Hệ số tiền thưởng minh họa cho dữ liệu mẫu, không phải văn bản thật.",
        )  # fmt: skip
        for award_code, (individual, collective) in awards.items():
            catalog_actions.create_rule(regulation, by=None, award=Award.objects.get(code=award_code),
                                        multiplier_individual=individual, multiplier_collective=collective,
                                        mark="UNVERIFIED", source="Dữ liệu minh họa")  # fmt: skip


def build_demo(*, log=None, **_options) -> dict[str, Any]:
    anchor = Unit.objects.filter(code=ANCHOR).first()
    if anchor is None or Proposal.objects.filter(unit=anchor, year=2017).exists():
        return {}
    district = _parent_on(anchor, D(2017, 12, 31))
    province = _parent_on(district, D(2017, 12, 31)) if district is not None else None
    if district is None or province is None:
        return {}
    people: list[Person] = []
    rows = Person.objects.filter(unit=anchor, archived_at__isnull=True).order_by("sort_key", "id")[20:60]
    for person in rows:  # eight different names: the pages stay readable
        if len(people) < 8 and person.full_name not in {p.full_name for p in people}:
            people.append(person)
    siblings = [
        v.unit
        for v in UnitVersion.objects.as_of(D(2017, 12, 31))
        .filter(parent=district, level=Level.GRASSROOTS)
        .exclude(unit=anchor)
        .select_related("unit")
        .order_by("unit__code")[:3]
    ]
    members = list(
        Person.objects.filter(unit__in=siblings, archived_at__isnull=True).order_by("sort_key", "id")[:5]
    )
    federations = {unit: OWN_MONEY[unit.code] for unit in Unit.objects.filter(code__in=list(OWN_MONEY))}
    result = load_demo_proposals(anchor, people, district=district, province=province, siblings=siblings,
                                 members=members, federations=federations)  # fmt: skip
    if log and result:
        log(f"Đề nghị khen thưởng: {result['proposals']} đề nghị (2017 và 2026), {result['decisions']} quyết định "
            f"từ đề nghị, {result['revoked']} khen thưởng bị thu hồi.")  # fmt: skip
    return result


@transaction.atomic
def load_demo_proposals(anchor: Unit, people: list[Person], *, district: Unit, province: Unit,
                        siblings: list[Unit], members: list[Person],
                        federations: dict[Unit, tuple]) -> dict[str, Any]:  # fmt: skip
    """The season (see the module) for the grassroots union ``anchor`` and eight of its ``people``, under
    ``district`` and ``province`` as they stood in 2017; ``members`` sit on the district's council; nothing when
    ``anchor`` has a 2017 proposal."""
    from thidua.rewards import actions as reward_actions
    from thidua.rewards.models import AwardRecord

    if len(people) < 8 or Proposal.objects.filter(unit=anchor, year=2017).exists():
        return {"proposals": 0, "decisions": 0, "revoked": 0}
    _own_money(federations)
    year_end = RewardKind.objects.get(code="cong-trang")
    giay_khen = Award.objects.get(code="giay-khen-cap-tren")
    bang_khen = Award.objects.get(code="bang-khen-ldld")
    made, decisions = 0, 0

    # --- 2017: the factory proposes to the district federation -----------------------------------------------
    # Both 2017 proposals answer the year-end phase of the province's plan 13/KH-LĐLĐ: the factory's, with its own
    # earlier deadline, goes on time; the district's onward one takes the phase's deadline and goes late.
    plan, phase = _year_end_phase(province)
    p = actions.create_proposal(anchor, by=None, kind=year_end, year=2017, title=TITLE_2017, to_unit=district,
                                plan=plan, phase=phase,
                                number="25/TTr-CĐCS", deadline=D(2017, 12, 10), signer_title="Chủ tịch",
                                body="Năm 2017, Công đoàn cơ sở đã phối hợp với Ban Giám đốc tổ chức tốt phong trào "
                                     "thi đua lao động giỏi, lao động sáng tạo; 96 % người lao động đăng ký thi đua.")  # fmt: skip
    giay = _nominate(p, people[:4], giay_khen)
    bang = _nominate(p, people[4:6], bang_khen, start=4)
    _minutes(p, 2017)
    _send_on(p, D(2017, 12, 5))
    actions.receive_proposal(p, by=None)
    made += 1
    if len(members) >= 3:
        _council_votes(district, D(2017, 12, 15), giay, p, members, failing={giay[3].pk})
        actions.apply_council_results(p, by=None)
    else:
        actions.record_results(p, by=None, approved=giay[:3], not_approved=giay[3:])
    upper = actions.forward_nominees(p, bang, by=None)
    decision = actions.make_decision(p, by=None, decided_on=D(2017, 12, 20), signer_name="Lê Văn Thành",
                                     signer_position="Chủ tịch",
                                     legal_bases="Căn cứ Kế hoạch số 13/KH-LĐLĐ ngày 22/02/2017 của Ban Thường vụ "
                                                 "Liên đoàn Lao động tỉnh Bến Tre\nXét đề nghị của Công đoàn cơ sở "
                                                 "Công ty TNHH May mặc Bến Tre")  # fmt: skip
    decision = reward_actions.issue_decision(decision, by=None)
    decisions += 1
    record = AwardRecord.objects.filter(decision_line__decision=decision).order_by("id").last()
    revoked = 0
    if record is not None:
        reward_actions.revoke_award(record, by=None, reason="error", revoked_on=D(2018, 4, 2),
                                    reference="08/QĐ-LĐLĐ ngày 02/4/2018",
                                    reason_text="Trùng với khen thưởng đã nhận qua đơn vị khác trong cùng năm.")  # fmt: skip
        revoked = 1

    # --- 2017: the district forwards the Bằng khen nominees to the province, which decides ---------------------
    # Without the plan, the deadline its year-end phase would give (REPORT_DUE of the plans demo).
    due = {"phase": phase} if phase is not None else {"deadline": D(2017, 12, 15)}
    actions.update_proposal(upper, by=None, number="112/TTr-LĐLĐ", plan=plan, **due,
                            title="Đề nghị Ban Thường vụ LĐLĐ tỉnh tặng Bằng khen năm 2017")  # fmt: skip
    _minutes(upper, 2017)
    _send_on(upper, D(2017, 12, 18))
    actions.receive_proposal(upper, by=None)
    actions.record_results(upper, by=None, approved=list(upper.nominees.all()),
                           note="Theo kết luận của Hội đồng thi đua – khen thưởng LĐLĐ tỉnh")  # fmt: skip
    decision = actions.make_decision(upper, by=None, decided_on=D(2017, 12, 22), signer_name="Nguyễn Văn Hùng",
                                     signer_position="Phó Chủ tịch")  # fmt: skip
    reward_actions.issue_decision(decision, by=None)
    decisions += 1
    made += 1

    # --- 2017: another route for the same worker (caught), and a late draft -----------------------------------
    other = actions.create_proposal(district, by=None, kind=year_end, year=2017, to_unit=province,
                                    title="Đề nghị tặng Bằng khen cho cá nhân tiêu biểu khối doanh nghiệp năm 2017")  # fmt: skip
    actions.add_nominee(other, by=None, person=people[4], award=bang_khen,
                        achievement="Tiêu biểu trong phong trào thi đua của khối doanh nghiệp.")  # fmt: skip
    made += 1
    if siblings:
        actions.create_proposal(siblings[-1], by=None, kind=year_end, year=2017, to_unit=district,
                                deadline=D(2017, 12, 10))  # fmt: skip
        made += 1

    # --- 2026: own-level Giấy khen of the factory, and a proposal to the area union -----------------------------
    own = actions.create_proposal(anchor, by=None, kind=year_end, year=2026, own_level=True,
                                  title="Khen thưởng tổng kết năm 2026 của Công đoàn cơ sở")  # fmt: skip
    own_nominees = _nominate(own, people[:3], Award.objects.get(code="giay-khen-cdcs"))
    actions.record_results(own, by=None, approved=own_nominees)
    decision = actions.make_decision(own, by=None, decided_on=D(2026, 11, 28), signer_name="Trần Thị Thu",
                                     signer_position="Chủ tịch")  # fmt: skip
    reward_actions.issue_decision(decision, by=None)
    decisions += 1
    made += 1
    above = Unit.objects.get_parent(anchor)
    if above is not None and above.level != Level.NATIONAL:
        p26 = actions.create_proposal(anchor, by=None, kind=year_end, year=2026, to_unit=above,
                                      deadline=D(2026, 12, 15))  # fmt: skip
        _nominate(p26, people[6:8], giay_khen)
        _minutes(p26, 2026)
        actions.send_proposal(p26, by=None, today=D(2026, 12, 1))
        actions.receive_proposal(p26, by=None)
        made += 1
    return {"proposals": made, "decisions": decisions, "revoked": revoked}
