"""Demo plans: Kế hoạch 13/KH-LĐLĐ of the Bến Tre federation (2017) imported from its official text, and a realistic
cascade below it — most upper-level unions issued their own plan within weeks, a few are still drafting, one or two
have done nothing; some grassroots unions issued theirs from their district's plan.

``load_demo_plans(province_unit, by=...)`` is idempotent: a second run finds the plan and writes nothing. The cascade
follows the tree as it stood on the plan's date (22/02/2017), so it holds after the 2025 restructuring.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import transaction

from thidua.orgs.models import Level, Unit

from . import actions, queries
from .models import Plan, PlanStatus
from .parsing.result import ParsedDuty, ParsedPlan

REFERENCE_PLAN = Path(__file__).resolve().parent / "reference" / "ke-hoach-13-KH-LDLD-2017.md"
ISSUED_ON = datetime.date(2017, 2, 22)
# The reference asks for a report "after each phase" without a date: the demo's deadlines. The addressee is the
# one the text names ("LĐLĐ tỉnh (qua ban CS-PL)"); this one only if the parser found none.
REPORT_DUE = [datetime.date(2017, 9, 10), datetime.date(2017, 12, 15)]
REPORT_TO = "LĐLĐ tỉnh (qua Ban Chính sách – Pháp luật)"
CHAIRS = [
    "Nguyễn Văn Hùng", "Lê Thị Thu Hà", "Trần Minh Tâm", "Phạm Thị Ngọc Lan", "Võ Văn Phúc", "Huỳnh Thị Kim Chi",
    "Đặng Quốc Bảo", "Bùi Thị Mỹ Linh", "Đỗ Thanh Tùng", "Ngô Thị Bích Thủy", "Dương Văn Lộc", "Lý Thị Hồng Nhung",
]  # fmt: skip
# Of the units directly below the province, these shares issue, draft, or do nothing (the rest).
SHARE_ISSUED = 0.7
SHARE_DRAFT = 0.15
# Below each upper-level union that deployed: at most this many grassroots plans, issued and drafts.
GRASSROOTS_ISSUED = 5
GRASSROOTS_DRAFTS = 2


def _parsed_reference() -> tuple[ParsedPlan, str]:
    """The reference plan as the parser reads it (its long texts included), with the demo's report deadlines: the
    text asks for a report "after each phase" without a date."""
    from .parsing import parse_plan_text

    text = REFERENCE_PLAN.read_text(encoding="utf-8")
    parsed = parse_plan_text(text)
    for phase, due in zip(parsed.phases, REPORT_DUE, strict=False):
        phase.report_due = due
    to_whom = next((d.to_whom for d in parsed.reporting if d.to_whom), REPORT_TO)
    parsed.reporting = [
        ParsedDuty(to_whom=to_whom, due=due, text=f"Báo cáo kết quả Đợt {order}")
        for order, due in enumerate(REPORT_DUE, start=1)
    ]
    return parsed, text


def build_demo(*, log=None, **_options) -> dict[str, int]:
    """plans' part of ``load_demo`` (after orgs'): the reference plan of the Bến Tre federation and its cascade;
    nothing when the demo tree is not there."""
    bentre = Unit.objects.filter(code="BTR").first()
    return load_demo_plans(bentre, by=None) if bentre else {}


def _issue_built(upper: Plan, unit: Unit, *, by, on: datetime.date, signer: str) -> Plan:
    plan = actions.build_plan_from(upper, unit, by=by)
    actions.update_plan(plan, by=by, date=on, signer_name=signer, place=upper.place)
    return actions.issue_plan(plan, by=by, date=on)


@transaction.atomic
def load_demo_plans(province_unit: Unit, *, by=None) -> dict[str, int]:
    """Import the reference plan for ``province_unit`` and build its cascade. Returns what exists afterwards."""
    existing = (
        Plan.objects.active().filter(issuer=province_unit, year=2017, number=13, symbol="KH-LĐLĐ").first()
    )
    if existing is not None:
        return _summary(existing, created=False)
    parsed, text = _parsed_reference()
    plan = actions.create_plan_from_parsed(parsed, province_unit, by=by, source_text=text)
    plan = actions.issue_plan(plan, by=by, date=ISSUED_ON)
    below = sorted(queries.children_on(province_unit, ISSUED_ON), key=lambda u: u.code)
    n_issued = round(len(below) * SHARE_ISSUED)
    n_draft = max(1, round(len(below) * SHARE_DRAFT)) if len(below) > 2 else 0
    for index, unit in enumerate(below):
        signer = CHAIRS[index % len(CHAIRS)]
        if index < n_issued:
            on = ISSUED_ON + datetime.timedelta(days=7 + 3 * index)
            upper_plan = _issue_built(plan, unit, by=by, on=on, signer=signer)
            if unit.level in (Level.UPPER, Level.CENTRAL_SECTOR):
                _grassroots_cascade(upper_plan, unit, by=by, on=on)
        elif index < n_issued + n_draft:
            actions.build_plan_from(plan, unit, by=by)
    return _summary(plan, created=True)


def _grassroots_cascade(upper_plan: Plan, unit: Unit, *, by, on: datetime.date) -> None:
    grassroots = [u for u in sorted(queries.children_on(unit, ISSUED_ON), key=lambda u: u.code)
                  if u.level == Level.GRASSROOTS]  # fmt: skip
    for index, child in enumerate(grassroots[: GRASSROOTS_ISSUED + GRASSROOTS_DRAFTS]):
        if index < GRASSROOTS_ISSUED:
            _issue_built(upper_plan, child, by=by, on=on + datetime.timedelta(days=5 + index),
                         signer=CHAIRS[(index + 5) % len(CHAIRS)])  # fmt: skip
        else:
            actions.build_plan_from(upper_plan, child, by=by)


def _summary(plan: Plan, *, created: bool) -> dict[str, int]:
    cascade = Plan.objects.active().built_from(plan)
    return {
        "plan": plan.pk,
        "created": int(created),
        "issued": cascade.filter(status=PlanStatus.ISSUED).count(),
        "drafts": cascade.filter(status=PlanStatus.DRAFT).count(),
    }
