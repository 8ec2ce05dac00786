"""The clusters' part of ``load_demo``: the Bến Tre federation's emulation clusters of 2017, through the real actions.

- "Cụm thi đua các LĐLĐ huyện, thành phố" — the district federations of 2017 — set by the federation's decision
  05/QĐ-LĐLĐ of 10/01/2017. Its covenant, signed on 20/02/2017 by every member: two criteria from the phase 1
  report (the union members: proportional to the best; the initiatives and topics: by thresholds) and three scored
  by the members (their own score left out). Every member scored every member; the ranking follows; the meeting of
  15/12/2017 voted the emulation flag and two Bằng khen, and its choice went to the federation as the leader's
  proposal with the scores attached (sent).
- "Khối thi đua các công đoàn ngành, KCN" — the sector unions and the industrial-zone union — with a covenant of
  three peer criteria signed, amended once in June (a version 2), some members' scores entered, no meeting yet.

Deterministic (one seed); idempotent (nothing is written when the federation has its 2017 clusters).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from thidua.orgs.models import Level, Unit, UnitVersion
from thidua.proposals import actions as proposal_actions
from thidua.registrations.models import Award
from thidua.reports.models import Indicator, ReportForm

from . import actions, queries
from .models import Cluster, ClusterKind, Method

D = datetime.date
YEAR = 2017
SEED = "clusters-2017"
FEDERATION = "BTR"
SECTOR_CODES = ["BTR-GD", "BTR-YT", "BTR-VC", "BTR-KCN"]
PEER_CRITERIA = [
    ("Lãnh đạo, tổ chức triển khai các phong trào thi đua, cuộc vận động do LĐLĐ tỉnh phát động", 30),
    ("Chăm lo đời sống, đại diện, bảo vệ quyền lợi hợp pháp, chính đáng của người lao động", 25),
    ("Công tác tuyên truyền, phối hợp hoạt động trong cụm và chế độ thông tin, báo cáo", 15),
]


def build_demo(*, log=None, **_options) -> dict[str, Any]:
    federation = Unit.objects.filter(code=FEDERATION).first()
    if federation is None:
        return {}
    children = _children_2017(federation)
    result = load_demo_clusters(
        federation, districts=[u for u in children if u.code not in SECTOR_CODES],
        sectors=[u for u in children if u.code in SECTOR_CODES], form=_phase_one_form(federation),
    )  # fmt: skip
    if log and result:
        log(f"Cụm, khối thi đua: {result['clusters']} cụm, khối năm {YEAR}, {result['scores']} điểm chấm, "
            f"{result['proposals']} đề nghị khen thưởng từ kết quả bình xét.")  # fmt: skip
    return result


def _children_2017(federation: Unit) -> list[Unit]:
    versions = UnitVersion.objects.as_of(D(YEAR, 12, 31)).filter(parent=federation, level=Level.UPPER)
    return [v.unit for v in versions.select_related("unit").order_by("unit__code")]


def _phase_one_form(federation: Unit) -> ReportForm | None:
    return (
        ReportForm.objects.filter(
            phase__plan__issuer=federation, phase__plan__year=YEAR, archived_at__isnull=True
        )
        .order_by("period_end", "pk")
        .first()
    )


def _score_everyone(covenant, members: list[Unit], rng: random.Random, skip: int = 0) -> int:
    """Each member (but the last ``skip``) scores each member: a level per unit (how good its year was, the same
    for every scorer) and a little disagreement between scorers."""
    criteria = list(covenant.criteria.filter(method=Method.PEER))
    level = {u.pk: rng.uniform(0.72, 0.97) for u in members}
    count = 0
    for scorer in members[: len(members) - skip]:
        values = {}
        for c in criteria:
            for unit in members:
                share = min(level[unit.pk] + rng.uniform(-0.05, 0.05) + (0.04 if unit == scorer else 0), 1)
                values[(c.pk, unit.pk)] = str(
                    (c.max_points * Decimal(str(round(share, 2)))).quantize(Decimal("0.5"))
                )
        count += actions.enter_scores(covenant, scorer, by=None, values=values)
    return count


@transaction.atomic
def load_demo_clusters(federation: Unit, *, districts: list[Unit], sectors: list[Unit],
                       form: ReportForm | None) -> dict[str, Any]:  # fmt: skip
    """The two clusters of ``federation`` (once: nothing is written when it has clusters)."""
    counts = {"clusters": 0, "scores": 0, "proposals": 0}
    if Cluster.objects.filter(issuer=federation).exists():
        return counts
    rng = random.Random(SEED)
    if len(districts) >= 2:
        cluster = actions.create_cluster(
            federation, by=None, kind=ClusterKind.AREA, name="Cụm thi đua các LĐLĐ huyện, thành phố",
            decision_number="05/QĐ-LĐLĐ", decision_date=D(YEAR, 1, 10), members=districts,
            note="Theo Quy chế hoạt động của các cụm, khối thi đua ban hành kèm theo quyết định.",
        )  # fmt: skip
        actions.set_leaders(cluster, YEAR, by=None, leader=districts[0], deputy=districts[1])
        covenant = actions.create_covenant(cluster, YEAR, by=None)
        indicators = {
            i.code: i for i in Indicator.objects.filter(code__in=["TC02", "TD04"], owner__isnull=True)
        }
        if (
            form is not None
            and form.form_indicators.filter(indicator__code__in=list(indicators)).count() == 2
        ):
            actions.add_criterion(covenant, by=None, name="Phát triển đoàn viên công đoàn (số đoàn viên, báo cáo "
                                  "sơ kết 6 tháng)", max_points=20, method=Method.PROPORTIONAL,
                                  indicator=indicators["TC02"], report_form=form,
                                  description="Điểm = 20 × số đoàn viên của đơn vị / số đoàn viên cao nhất trong cụm.")  # fmt: skip
            actions.add_criterion(covenant, by=None, name="Phong trào lao động sáng tạo (lượt CNVCLĐ có đề tài, sáng "
                                  "kiến)", max_points=10, method=Method.THRESHOLDS, indicator=indicators["TD04"],
                                  report_form=form, thresholds="0:2; 20:4; 50:6; 100:8; 200:10",
                                  description="Theo các mức đã thống nhất trong giao ước.")  # fmt: skip
        for name, pts in PEER_CRITERIA:
            actions.add_criterion(covenant, by=None, name=name, max_points=pts)
        covenant = actions.sign_covenant(covenant, by=None, signed_on=D(YEAR, 2, 20), place="Thành phố Bến Tre",
                                         signers=districts)  # fmt: skip
        counts["scores"] += _score_everyone(covenant, districts, rng)
        table = queries.ranking(covenant)
        order = [row.unit for row in table.rows]
        meeting = actions.record_meeting(
            cluster, YEAR, by=None, held_on=D(YEAR, 12, 15), place=districts[0].name,
            attendees=districts,
            minutes="Hội nghị thống nhất kết quả chấm điểm theo giao ước; bỏ phiếu suy tôn đơn vị dẫn đầu đề nghị "
                    "LĐLĐ tỉnh tặng Cờ thi đua và hai đơn vị đề nghị tặng Bằng khen.",
        )  # fmt: skip
        flag, merit = Award.objects.get(code="co-thi-dua-ldld"), Award.objects.get(code="bang-khen-ldld")
        flag_votes = {u.pk: order[0].pk if i else order[1].pk for i, u in enumerate(districts)}
        actions.record_votes(meeting, by=None, award=flag, votes=flag_votes)
        if len(order) >= 3:
            merit_votes = {u.pk: order[1 + i % 2].pk if i < len(districts) - 1 else order[len(order) - 1].pk
                           for i, u in enumerate(districts)}  # fmt: skip
            actions.record_votes(meeting, by=None, award=merit, votes=merit_votes, seats=2)
        proposal = actions.send_to_rewards(meeting, by=None)
        proposal_actions.update_proposal(proposal, by=None, number="28/TTr-CTĐ", signer_title="Cụm trưởng",
                                         signer_name="Nguyễn Văn Hùng",
                                         body="Căn cứ giao ước thi đua năm 2017 và kết quả bình xét tại hội nghị "
                                              "ngày 15/12/2017, Cụm thi đua đề nghị LĐLĐ tỉnh xét tặng Cờ thi đua "
                                              "và Bằng khen cho các đơn vị có tên trong danh sách kèm theo.")  # fmt: skip
        proposal_actions.send_proposal(proposal, by=None, today=D(YEAR, 12, 20))
        counts["clusters"] += 1
        counts["proposals"] += 1
    if len(sectors) >= 2:
        cluster = actions.create_cluster(
            federation, by=None, kind=ClusterKind.SECTOR, name="Khối thi đua các công đoàn ngành, KCN",
            decision_number="05/QĐ-LĐLĐ", decision_date=D(YEAR, 1, 10), members=sectors,
        )  # fmt: skip
        actions.set_leaders(cluster, YEAR, by=None, leader=sectors[0], deputy=sectors[1])
        covenant = actions.create_covenant(cluster, YEAR, by=None)
        for name, pts in PEER_CRITERIA:
            actions.add_criterion(covenant, by=None, name=name, max_points=pts)
        covenant = actions.sign_covenant(covenant, by=None, signed_on=D(YEAR, 2, 22), place="Thành phố Bến Tre",
                                         signers=sectors)  # fmt: skip
        amendment = actions.create_covenant(cluster, YEAR, by=None)
        actions.add_criterion(amendment, by=None, name="Thực hiện Chỉ thị về phát triển đoàn viên, thành lập công "
                              "đoàn cơ sở trong doanh nghiệp ngoài nhà nước", max_points=30)  # fmt: skip
        amendment = actions.sign_covenant(amendment, by=None, signed_on=D(YEAR, 6, 30), place="Thành phố Bến Tre",
                                          signers=sectors)  # fmt: skip
        counts["scores"] += _score_everyone(amendment, sectors, rng, skip=1)
        counts["clusters"] += 1
    return counts
