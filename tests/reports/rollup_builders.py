"""Data for the roll-up tests, arranged directly (as a published form's expected reports and their values would be):
a phase of the Bến Tre province's plan with a form of test indicators, one expected report per unit of the standard
tree's Bến Tre subtree, each with the unit that approves it as ``parent``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from thidua.reports.models import ExpectedReport, Indicator, ReportForm, ReportFormIndicator, ReportValue

D = datetime.date

# code, name, unit of measure, aggregation, numerator, denominator, part of, allows approximate
INDICATORS = [
    ("R-MEM", "Tổng số đoàn viên", "nguoi", "end_of_period", None, None, None, False),
    ("R-WOMEN", "Trong đó đoàn viên nữ", "nguoi", "end_of_period", None, None, "R-MEM", False),
    ("R-WORK", "Tổng số CNVCLĐ", "nguoi", "end_of_period", None, None, None, False),
    ("R-RATE", "Tỷ lệ đoàn viên trên CNVCLĐ", "percent", "ratio", "R-MEM", "R-WORK", None, False),
    ("R-NEW", "Đoàn viên kết nạp mới", "nguoi", "percent_of_target", None, None, None, False),
    ("R-MONEY", "Kinh phí hỗ trợ Mái ấm Công đoàn", "dong", "sum", None, None, None, True),
    ("R-AWARD", "Bằng khen LĐLĐ tỉnh", "so_luong", "decided_level", None, None, None, False),
    ("R-TEXT", "Ghi chú", "text", "none", None, None, None, False),
]


def indicators() -> dict[str, Indicator]:
    found = {i.code: i for i in Indicator.objects.filter(code__startswith="R-")}
    if len(found) == len(INDICATORS):
        return found
    for order, (code, name, unit, aggregation, num, den, part, approx) in enumerate(INDICATORS, start=1):
        found[code] = Indicator.objects.create(
            code=code, name=name, unit_of_measure=unit, aggregation=aggregation, order=900 + order,
            numerator=found.get(num), denominator=found.get(den), part_of=found.get(part),
            allows_approximate=approx, group="Thử nghiệm",
        )  # fmt: skip
    return found


def phase(issuer, *, year: int = 2017, start=None, end=None, name="Đợt 1"):
    from thidua.plans.models import Phase, Plan

    plan = Plan.objects.filter(issuer=issuer, year=year, number=913).first() or Plan.objects.create(
        issuer=issuer, number=913, symbol="KH-LĐLĐ", year=year, date=D(year, 2, 22), status="issued", issued_at=timezone.now(),
        title=f"Phát động phong trào thi đua năm {year}",
    )  # fmt: skip
    return Phase.objects.create(
        plan=plan, order=plan.phases.count() + 1, name=name, start=start or D(year, 1, 1),
        end=end or D(year, 6, 30), report_due=(end or D(year, 6, 30)) + datetime.timedelta(days=15),
    )  # fmt: skip


def form(issuer, *, year: int = 2017, codes=None, phase_=None, **fields) -> ReportForm:
    phase_ = phase_ or phase(issuer, year=year)
    found = indicators()
    made = ReportForm.objects.create(
        phase=phase_, title=f"Báo cáo kết quả {phase_.name} năm {year}",
        levels=["province", "upper", "grassroots"], period_start=phase_.start, period_end=phase_.end,
        due_on=phase_.report_due or phase_.end + datetime.timedelta(days=15), status="published", published_at=timezone.now(), **fields,
    )  # fmt: skip
    for order, code in enumerate(codes or [row[0] for row in INDICATORS], start=1):
        ReportFormIndicator.objects.create(form=made, indicator=found[code], order=order)
    return made


def report(form, unit, parent=None, *, status="approved", values=None, due_on=None, submitted_on=None,
           late_entry_until=None) -> ExpectedReport:  # fmt: skip
    """An expected report with ``values``: code -> value, or (value, approximate), or a dict of the fields."""
    due_on = due_on or form.due_on
    submitted_at = None
    if status in ("submitted", "approved", "accepted"):
        day = submitted_on or due_on
        submitted_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    made = ExpectedReport.objects.create(
        form=form, unit=unit, parent=parent, status=status, due_on=due_on, submitted_at=submitted_at,
        approved_at=submitted_at if status in ("approved", "accepted") else None,
        late_entry_until=late_entry_until,
    )  # fmt: skip
    found = indicators()
    for code, given in (values or {}).items():
        fields = given if isinstance(given, dict) else {}
        if isinstance(given, tuple):
            fields = {"value": Decimal(given[0]), "approximate": given[1]}
        elif not isinstance(given, dict):
            fields = {"value": Decimal(given)} if code != "R-TEXT" else {"text": str(given)}
        ReportValue.objects.create(report=made, indicator=found[code], **fields)
    return made


@dataclass
class Season:
    form: ReportForm
    reports: dict[str, ExpectedReport]


def standard_season(tree, **form_fields) -> Season:
    """Bến Tre's subtree reports phase 1 of 2017:

    - MAY (FDI): 100 members of 120 workers, 60 women, 30 new of a target 20, 500,000,000 đồng (approximate), 6
      awards listed as received; approved.
    - THPT (public service): 10 members of 100 workers, 8 women, 5 new of 50, 20,000,000 đồng; approved.
    - CT (upper, own totals): 115 members (children: 110 — a discrepancy), 2 awards it decided; approved.
    - DUA (private): draft — not counted.
    - TPBT: not started.
    - BT (province): 10 awards it decided; submitted.
    """
    made = form(tree.BT, **form_fields)
    reports = {
        "MAY": report(made, tree.MAY, tree.CT, values={
            "R-MEM": 100, "R-WORK": 120, "R-WOMEN": 60, "R-NEW": {"value": 30, "target": 20},
            "R-MONEY": (500_000_000, True), "R-AWARD": 6, "R-TEXT": "Tốt"}),
        "THPT": report(made, tree.THPT, tree.CT, values={
            "R-MEM": 10, "R-WORK": 100, "R-WOMEN": 8, "R-NEW": {"value": 5, "target": 50},
            "R-MONEY": 20_000_000, "R-AWARD": 6}),
        "CT": report(made, tree.CT, tree.BT, values={
            "R-MEM": 115, "R-WORK": 220, "R-WOMEN": 68, "R-NEW": {"value": 35, "target": 70},
            "R-MONEY": 520_000_000, "R-AWARD": 2}),
        "DUA": report(made, tree.DUA, tree.TPBT, status="draft", values={"R-MEM": 40, "R-WORK": 50}),
        "TPBT": report(made, tree.TPBT, tree.BT, status="not_started"),
        "BT": report(made, tree.BT, None, status="submitted", values={"R-AWARD": 10}),
    }  # fmt: skip
    return Season(made, reports)
