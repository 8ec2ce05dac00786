"""The congresses' part of ``load_demo``: the grassroots congresses of the 2017–2022 term in the Bến Tre federation
(the 2017 plan: "chào mừng Đại hội Công đoàn các cấp tiến tới Đại hội X Công đoàn tỉnh Bến Tre, Đại hội XII Công
đoàn Việt Nam"), scheduled by the district federations of the time; most held on schedule, some late, a few never
held, some never scheduled; and the district federations' own congresses, scheduled by the province. Written through
the actions (audited); deterministic; idempotent."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from thidua.orgs.models import Level, Unit, UnitVersion

from . import actions
from .models import Congress

SEED = "thidua-demo-congresses-2017"
TERM = (2017, 2022)
D = datetime.date


def build_demo(*, log=None, **_options) -> dict[str, int]:
    province = Unit.objects.filter(code="BTR").first()
    if province is None:
        return {}
    result = load_demo_congresses(province, _federations(D(2017, 3, 1)))
    if log and result.get("scheduled"):
        log(f"Đại hội nhiệm kỳ 2017–2022: {result['scheduled']} đại hội đã xếp lịch, {result['held']} đã tổ chức "
            f"({result['late']} muộn), {result['unscheduled']} công đoàn cơ sở chưa xếp lịch.")  # fmt: skip
    return result


def _federations(day: datetime.date) -> list[Unit]:
    """The demo province's upper-level unions of 2017 (district federations and sector unions)."""
    return list(
        Unit.objects.filter(code__startswith="BTR-", level=Level.UPPER, founded_on__lte=day).order_by("code")
    )


@transaction.atomic
def load_demo_congresses(province: Unit, federations: list[Unit]) -> dict[str, int]:
    """The 2017–2022 congresses of ``federations`` (the province's upper-level unions of 2017, scheduled by it) and
    of the grassroots unions that stood under them, scheduled by them; nothing when they are there."""
    made = {"scheduled": 0, "held": 0, "late": 0, "unscheduled": 0}
    mid = D(2017, 3, 1)
    if not federations or Congress.objects.filter(unit__in=federations, term_start=TERM[0]).exists():
        return made
    rng = random.Random(SEED)
    parents = dict(UnitVersion.objects.as_of(mid).filter(parent__in=federations, level=Level.GRASSROOTS)
                   .values_list("unit_id", "parent_id"))  # fmt: skip
    by_id = {f.pk: f for f in federations}
    grassroots = list(Unit.objects.filter(pk__in=list(parents), archived_at__isnull=True).order_by("code"))
    for unit in grassroots:
        roll = rng.random()
        if roll < 0.12:
            made["unscheduled"] += 1
            continue
        planned = D(2017, 3, 1) + datetime.timedelta(days=rng.randrange(0, 180))
        congress = actions.schedule_congress(unit, by=None, scheduled_by=by_id[parents[unit.pk]], term_start=TERM[0],
                                             term_end=TERM[1], planned_on=planned, number=rng.randint(3, 9))  # fmt: skip
        made["scheduled"] += 1
        if roll < 0.17:
            continue  # never held: overdue
        if roll < 0.19 and unit.dissolved_on:
            actions.cancel_congress(
                congress, by=None, reason="Doanh nghiệp ngừng hoạt động, công đoàn cơ sở giải thể."
            )
            continue
        late = roll < 0.32
        held_on = planned + datetime.timedelta(days=rng.randrange(10, 75) if late else -rng.randrange(0, 8))
        members = max(unit.member_count, 15)
        delegates = min(max(members // 10, 20), 150) if members > 200 else members
        actions.record_congress_held(congress, by=None, held_on=held_on, delegates=delegates,
                                     committee_size=rng.choice([5, 7, 9, 11]) if delegates >= 20 else 3)  # fmt: skip
        made["held"] += 1
        made["late"] += int(late)
    for i, federation in enumerate(federations):
        planned = D(2017, 8, 1) + datetime.timedelta(days=5 * i)
        congress = actions.schedule_congress(federation, by=None, scheduled_by=province, term_start=TERM[0],
                                             term_end=TERM[1], planned_on=planned)  # fmt: skip
        actions.record_congress_held(congress, by=None, held_on=planned + datetime.timedelta(days=i % 3 * 10),
                                     delegates=rng.randrange(90, 160), committee_size=rng.choice([19, 21, 23]))  # fmt: skip
        made["scheduled"] += 1
    return made
