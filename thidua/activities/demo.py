"""The activities' part of ``load_demo``: a few dozen activities of 2017 in the Bến Tre federation — short
campaigns, skills contests, cultural and sports events, training and the Tháng Công nhân activities — each tied to
a movement and a phase of the federation's plan 13/KH-LĐLĐ. Written through the actions (audited); deterministic;
idempotent."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from thidua.orgs.models import Level, Unit, UnitVersion
from thidua.plans.models import Plan

from . import actions
from .models import Activity, ActivityKind

SEED = "thidua-demo-activities-2017"
D = datetime.date
SUBJECTS = [
    (ActivityKind.WORKERS_MONTH, "Chương trình “Tháng Công nhân” năm 2017: thăm hỏi, tặng quà công nhân khó khăn",
     D(2017, 5, 2), 20),
    (ActivityKind.WORKERS_MONTH, "Ngày hội công nhân – Phiên chợ nghĩa tình chào mừng ngày Quốc tế Lao động 1/5",
     D(2017, 4, 28), 1),
    (ActivityKind.SKILLS_CONTEST, "Hội thi thợ giỏi ngành may lần thứ III", D(2017, 6, 10), 2),
    (ActivityKind.SKILLS_CONTEST, "Hội thi tay nghề công nhân chế biến dừa", D(2017, 7, 15), 2),
    (ActivityKind.CULTURE_SPORTS, "Giải bóng đá mini công nhân viên chức lao động", D(2017, 7, 22), 14),
    (ActivityKind.CULTURE_SPORTS, "Hội diễn văn nghệ chào mừng Đại hội Công đoàn các cấp", D(2017, 9, 16), 1),
    (ActivityKind.TRAINING, "Tập huấn pháp luật lao động và an toàn, vệ sinh lao động", D(2017, 3, 18), 1),
    (ActivityKind.TRAINING, "Lớp bồi dưỡng nghiệp vụ công tác thi đua, khen thưởng cho cán bộ công đoàn cơ sở",
     D(2017, 10, 5), 2),
    (ActivityKind.CAMPAIGN, "Đợt thi đua 100 ngày đêm lập thành tích chào mừng 88 năm Ngày thành lập Công đoàn "
     "Việt Nam", D(2017, 4, 20), 100),
    (ActivityKind.CAMPAIGN, "Thi đua hoàn thành vượt mức kế hoạch sản xuất quý IV", D(2017, 10, 1), 92),
]  # fmt: skip


def build_demo(*, log=None, **_options) -> dict[str, int]:
    plan = Plan.objects.filter(issuer__code="BTR", year=2017, number=13).first()
    if plan is None:
        return {}
    federations = list(Unit.objects.filter(code__startswith="BTR-", level=Level.UPPER).order_by("code"))
    result = load_demo_activities(plan, federations)
    if log and result.get("activities"):
        log(f"Hoạt động minh họa năm 2017: {result['activities']} hoạt động.")
    return result


@transaction.atomic
def load_demo_activities(plan: Plan, federations: list[Unit], count: int = 40) -> dict[str, int]:
    """``count`` activities of 2017 run by ``federations`` (the upper-level unions of 2017) and the grassroots unions
    under them, in ``plan``'s movements and phases; nothing when they are there."""
    ids = (UnitVersion.objects.as_of(D(2017, 6, 1)).filter(parent__in=federations, level=Level.GRASSROOTS)
           .values_list("unit_id", flat=True))  # fmt: skip
    grassroots = list(Unit.objects.filter(pk__in=list(ids), archived_at__isnull=True).order_by("code"))
    units = grassroots + federations
    if not units or Activity.objects.filter(unit__in=units, start_on__year=2017).exists():
        return {"activities": 0}
    rng = random.Random(SEED)
    phases = list(plan.phases.order_by("order"))
    movements = list(plan.movements.order_by("order"))
    made = 0
    for i in range(count):
        kind, title, start, days = SUBJECTS[i % len(SUBJECTS)]
        unit = rng.choice(units)
        start = start + datetime.timedelta(days=rng.randrange(0, 20))
        end = start + datetime.timedelta(days=days - 1)
        phase = next((p for p in phases if p.start <= start <= p.end and end <= p.end), None)
        movement = (
            movements[i % len(movements)] if movements and kind != ActivityKind.CULTURE_SPORTS else None
        )
        size = max(unit.worker_count, 40)
        participants = rng.randrange(size // 4, size + 1) if size > 40 else rng.randrange(15, 40)
        actions.record_activity(
            unit, by=None, kind=kind, title=title, start_on=start, end_on=end, place=unit.address or unit.name,
            participants=participants, women=participants * rng.randrange(35, 75) // 100, movement=movement,
            phase=phase, description="Đơn vị tổ chức theo kế hoạch của cấp trên; đã sơ kết, khen thưởng tập thể, "
            "cá nhân tiêu biểu.",
        )  # fmt: skip
        made += 1
    return {"activities": made}
