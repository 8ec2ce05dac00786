"""The demo's phase reports of 2017 in Bến Tre (``load_demo``, after registrations): under Kế hoạch 13/KH-LĐLĐ the
provincial federation publishes a report form for each phase; every upper-level and grassroots union of the tree as
it stood then owes a report to the nearest reporting level above it.

Phase 1 (due 10/09/2017): most grassroots unions entered, submitted and were approved — some late under an
exception granted by their upper-level union, a few sent back with a reason (some sent again and approved), a few
still waiting, drafting or silent, one or two released from reporting. Upper-level unions whose every grassroots
report was settled submitted their own consolidated figures and most were approved by the province (their
grassroots reports then "accepted"); a few of those consolidated figures disagree with the sum of their children
(the roll-up's discrepancy check finds them). The province's own consolidated report is still being drafted, with
the awards it decided (counted at its level only). Phase 2 (due 15/12/2017): partly entered.

Written in bulk (values, events, versions) with the season's dates, consistent with the workflow's rules (an upper
union submits only once its children are settled; approved reports are locked; versions at each submission and
approval). Deterministic (one seed). Idempotent: nothing is written when the plan's forms exist.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.core import audit
from thidua.orgs.models import Level, Unit, UnitVersion
from thidua.plans.models import Plan

from .models import (
    ExpectedReport,
    ExpectedReportEvent,
    FormStatus,
    Indicator,
    ReportForm,
    ReportFormIndicator,
    ReportValue,
    ReportVersion,
)
from .models import ExpectedReportStatus as S
from .models.reports import DEFAULT_NARRATIVE_HEADINGS

SEED = "thidua-demo-reports-2017"
YEAR = 2017
LEVELS = [Level.UPPER, Level.GRASSROOTS]
CODES = ["TC01", "TC01.NU", "TC02", "TC02.NU", "TC03", "TC04", "TC05", "TC06", "TC07", "TC10", "TC11", "TC12", "TC13",
         "TC18", "DD01", "DD02", "CL01", "CL03", "CL05", "TD02", "TD04", "TD05", "TD06", "TD07", "TD09", "KT04",
         "KT04.CN"]  # fmt: skip
REQUIRED = {"TC01", "TC02"}
# The province's own indicator (beyond the confederation's catalog), in its phase 2 form.
OWN_CODE = "BTR.TSV01"
# Phase 1: the fates of grassroots unions below an upper union that is behind (the others are all settled).
BEHIND_FATES = [("approved", 0.45), ("late_approved", 0.1), ("returned", 0.12), ("returned_then_approved", 0.08),
                ("submitted", 0.1), ("draft", 0.06), ("not_started", 0.06), ("waived", 0.03)]  # fmt: skip
SETTLED_FATES = [
    ("approved", 0.86),
    ("late_approved", 0.1),
    ("returned_then_approved", 0.03),
    ("waived", 0.01),
]
RETURN_REASONS = [
    "Số đoàn viên nữ lớn hơn tổng số lao động nữ; đề nghị kiểm tra lại.",
    "Chưa ghi chỉ tiêu giao phát triển đoàn viên; đề nghị bổ sung.",
    "Phần đánh giá chưa nêu hạn chế, tồn tại.",
    "Giá trị làm lợi của sáng kiến chưa có căn cứ; đề nghị ghi rõ.",
]
WAIVE_REASONS = ["Doanh nghiệp tạm ngừng sản xuất từ tháng 5/2017, công đoàn cơ sở chưa hoạt động lại.",
                 "Công đoàn cơ sở đang làm thủ tục giải thể."]  # fmt: skip
LATE_REASONS = ["Chủ tịch công đoàn cơ sở đi tập huấn dài ngày.", "Đơn vị mới kiện toàn Ban Chấp hành.",
                "Doanh nghiệp vào mùa cao điểm sản xuất, chậm tổng hợp số liệu."]  # fmt: skip
NARRATIVE = {
    "Kết quả đạt được": "Tổ chức phát động thi đua chào mừng các ngày lễ lớn; đoàn viên, người lao động hưởng ứng "
    "tích cực; chăm lo đời sống, tặng quà cho đoàn viên khó khăn.",
    "Ưu điểm": "Ban Chấp hành quan tâm chỉ đạo; phối hợp tốt với chuyên môn.",
    "Hạn chế, tồn tại": "Một số tổ công đoàn chưa đăng ký sáng kiến; báo cáo còn chậm.",
    "Nguyên nhân": "Cán bộ công đoàn kiêm nhiệm, thời gian dành cho hoạt động còn ít.",
    "Bài học kinh nghiệm": "Gắn phong trào thi đua với nhiệm vụ sản xuất, công tác của đơn vị.",
    "Kiến nghị, đề xuất": "Đề nghị cấp trên tổ chức tập huấn nghiệp vụ thi đua – khen thưởng.",
}
PHASE_2_SHARE = 0.4  # of grassroots unions that entered phase 2 so far


@dataclass
class Report:
    """One expected report being built: its row, its figures, its path through the workflow."""

    unit: Unit
    parent_id: int | None
    row: ExpectedReport
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: list[tuple[str, str, str, datetime.datetime, str]] = field(
        default_factory=list
    )  # action, from, to, at, note
    versions: list[tuple[str, datetime.datetime]] = field(default_factory=list)  # action, at


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _pick(rng: random.Random, fates: list[tuple[str, float]]) -> str:
    draw = rng.random()
    for fate, share in fates:
        if draw < share:
            return fate
        draw -= share
    return fates[0][0]


def build_demo(*, log=None, **_options) -> dict[str, int]:
    federation = Unit.objects.filter(code="BTR").first()
    plan = (
        Plan.objects.filter(issuer=federation, year=YEAR, number=13, archived_at__isnull=True).first()
        if federation
        else None
    )
    if federation is None or plan is None:
        return {}
    counts = build_for(federation, plan)
    if log and counts["created"]:
        log(
            f"reports: {counts['reports']} báo cáo kết quả đợt thi đua năm {YEAR} ({counts['approved']} đã duyệt)"
        )
    return counts


def build_for(federation: Unit, plan: Plan) -> dict[str, int]:
    """The season for ``plan`` of ``federation``, unless its forms are there already."""
    existing = ReportForm.objects.filter(phase__plan=plan)
    if existing.exists():
        return {"forms": existing.count(), "reports": ExpectedReport.objects.filter(form__in=existing).count(),
                "approved": 0, "created": 0}  # fmt: skip
    return load_reports(federation, plan)


def _tree_of(federation: Unit, day: datetime.date) -> list[tuple[Unit, str]]:
    """(unit, its path on ``day``) for the federation and its upper and grassroots unions as they stood then."""
    valid = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    top = UnitVersion.objects.filter(valid, unit=federation).first()
    root = top.path if top else federation.path
    versions = (
        UnitVersion.objects.filter(valid, path__startswith=root, level__in=LEVELS).exclude(unit=federation)
        .select_related("unit").order_by("path")
    )  # fmt: skip
    return [(federation, root)] + [(v.unit, v.path) for v in versions]


def _parents(tree: list[tuple[Unit, str]]) -> dict[int, int | None]:
    by_path = {path: unit.pk for unit, path in tree}
    root = tree[0][1]
    parents: dict[int, int | None] = {tree[0][0].pk: None}
    for unit, path in tree[1:]:
        end, above = len(path) - Unit.steplen, None
        while end >= len(root) and above is None:
            above = by_path.get(path[:end])
            end -= Unit.steplen
        parents[unit.pk] = above if above is not None else tree[0][0].pk
    return parents


@transaction.atomic
def load_reports(federation: Unit, plan: Plan) -> dict[str, int]:
    rng = random.Random(SEED)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=CODES, owner__isnull=True)}
    phases = list(plan.phases.order_by("order"))
    counts = {"forms": 0, "reports": 0, "approved": 0, "created": 1}
    own = _own_indicator(federation)
    for phase in phases[:2]:
        if not phase.report_due:
            continue
        published = min(phase.end, phase.report_due) - datetime.timedelta(days=14)
        form = ReportForm.objects.create(
            phase=phase, title=f"Báo cáo kết quả {phase.name} phong trào thi đua năm {YEAR}", levels=list(LEVELS),
            period_start=phase.start, period_end=phase.end, due_on=phase.report_due, status=FormStatus.PUBLISHED,
            narrative_headings=list(DEFAULT_NARRATIVE_HEADINGS), published_at=_moment(published, 9),
        )  # fmt: skip
        ReportFormIndicator.objects.bulk_create(
            ReportFormIndicator(form=form, indicator=indicators[code], order=n, required=code in REQUIRED)
            for n, code in enumerate(CODES, start=1) if code in indicators
        )  # fmt: skip
        if phase.order == 2:
            ReportFormIndicator.objects.create(form=form, indicator=own, order=len(CODES) + 1)
        audit.record(form, by=None, action="publish_form", note="Dữ liệu minh họa")
        tree = _tree_of(federation, published)
        reports = _season(rng, form, tree, published, first=phase.order == 1)
        _write(form, reports)
        counts["forms"] += 1
        counts["reports"] += len(reports)
        counts["approved"] += sum(1 for r in reports if r.row.status in (S.APPROVED, S.ACCEPTED))
    return counts


def _own_indicator(federation: Unit) -> Indicator:
    """The province's own indicator (``actions.create_own_indicator`` checks those made on the page)."""
    own, created = Indicator.objects.get_or_create(
        code=OWN_CODE,
        defaults={"owner": federation, "name": "Đoàn viên, người lao động được hỗ trợ “Tết Sum vầy”",
                  "unit_of_measure": "nguoi", "aggregation": "sum", "min_value": Decimal(0), "order": 10010,
                  "group": "Chăm lo đời sống đoàn viên, người lao động",
                  "source": "Chỉ tiêu riêng của LĐLĐ tỉnh (dữ liệu minh họa)"},
    )  # fmt: skip
    if created:
        audit.record(own, by=None, action="create", note="Dữ liệu minh họa")
    return own


# --- the figures ------------------------------------------------------------------------------------------------


def _grassroots_figures(rng: random.Random, unit: Unit, scale: float) -> dict[str, dict[str, Any]]:
    workers = unit.worker_count or rng.randint(25, 600)
    women = round(workers * rng.uniform(0.3, 0.7))
    members = (
        unit.member_count if 0 < unit.member_count <= workers else round(workers * rng.uniform(0.8, 1.0))
    )
    women_members = min(members, round(women * rng.uniform(0.85, 1.0)))
    new_members = rng.randint(0, max(1, round(workers / 20 * scale)))
    proposed = rng.randint(0, 3)
    initiatives = rng.randint(0, max(1, round(workers / 60 * scale)))
    provincial = rng.randint(0, min(2, initiatives))
    houses = 1 if rng.random() < 0.04 else 0
    figures = {
        "TC01": {"value": workers}, "TC01.NU": {"value": women}, "TC02": {"value": members},
        "TC02.NU": {"value": women_members},
        "TC04": {"value": new_members, "target": max(1, round(new_members * rng.uniform(0.7, 1.3)))},
        "TC05": {"value": rng.randint(0, max(1, workers // 40))},
        "TC10": {"value": proposed, "target": max(1, proposed)}, "TC11": {"value": rng.randint(0, proposed)},
        "TC12": {"value": rng.randint(1, 6), "target": rng.randint(1, 5)},
        "DD01": {"value": 1 if rng.random() < 0.93 else 0, "target": 1},
        "DD02": {"value": rng.randint(0, 2), "target": 1 if scale < 1 else 2},
        "CL01": {"value": houses}, "CL05": {"value": rng.randint(workers // 5, workers)},
        "TD02": {"value": rng.randint(workers // 3, workers)}, "TD04": {"value": initiatives + rng.randint(0, 3)},
        "TD05": {"value": initiatives}, "TD06": {"value": initiatives - provincial}, "TD07": {"value": provincial},
        OWN_CODE: {"value": workers // 8},  # written where the form holds it (phase 2)
    }  # fmt: skip
    if houses:
        figures["CL03"] = {"value": houses * rng.randint(40, 70) * 1_000_000}
    if initiatives:
        figures["TD09"] = {
            "value": initiatives * rng.randint(5, 120) * 1_000_000,
            "approximate": rng.random() < 0.3,
        }
    return figures


def _consolidated(children: list[Report], grassroots: int, rng: random.Random) -> dict[str, dict[str, Any]]:
    """An upper union's own figures: the sum of its settled children's (decided-level awards aside), its count of
    grassroots unions and of those graded strong."""
    totals: dict[str, dict[str, Any]] = {}
    for child in children:
        if child.row.status not in (S.APPROVED, S.ACCEPTED):
            continue
        for code, figure in child.values.items():
            into = totals.setdefault(code, {"value": 0})
            into["value"] += figure.get("value") or 0
            if figure.get("target") is not None:
                into["target"] = into.get("target", 0) + figure["target"]
            into["approximate"] = into.get("approximate", False) or bool(figure.get("approximate"))
    for figure in totals.values():
        if not figure.get("approximate"):
            figure.pop("approximate", None)
    strong = round(grassroots * rng.uniform(0.75, 0.92))
    new_unions = rng.randint(0, 3)
    totals.update({"TC06": {"value": grassroots}, "TC13": {"value": strong},
                   "TC07": {"value": new_unions, "target": max(1, new_unions)}})  # fmt: skip
    return totals


# --- the season ---------------------------------------------------------------------------------------------------


def _season(
    rng: random.Random, form: ReportForm, tree, published: datetime.date, *, first: bool
) -> list[Report]:
    parents = _parents(tree)
    due = form.due_on
    reports = {unit.pk: Report(unit=unit, parent_id=parents[unit.pk],
                               row=ExpectedReport(form=form, unit=unit, parent_id=parents[unit.pk], due_on=due))
               for unit, _path in tree}  # fmt: skip
    for report in reports.values():
        report.path.append(("publish_form", "", S.NOT_STARTED, _moment(published, 9), ""))
    uppers = [r for r in reports.values() if r.unit.level == Level.UPPER]
    behind = {r.unit.pk for i, r in enumerate(sorted(uppers, key=lambda r: r.unit.code)) if i % 4 == 3}
    grassroots = [r for r in reports.values() if r.unit.level == Level.GRASSROOTS]
    for report in grassroots:
        if not first:
            fate = ("approved" if rng.random() < 0.5 else "submitted") if rng.random() < PHASE_2_SHARE else (
                "not_started")  # fmt: skip
        else:
            fate = _pick(rng, BEHIND_FATES if report.parent_id in behind else SETTLED_FATES)
        _grassroots(rng, report, fate, published, due, scale=1.0 if first else 0.6)
    root = tree[0][0].pk
    children_of: dict[int, list[Report]] = {}
    for report in reports.values():
        if report.parent_id is not None:
            children_of.setdefault(report.parent_id, []).append(report)
    discrepancies = 0
    for upper in sorted(uppers, key=lambda r: r.unit.code):
        children = children_of.get(upper.unit.pk, [])
        settled = all(c.row.status in (S.APPROVED, S.WAIVED) for c in children)
        upper.values = _consolidated(
            children, sum(1 for c in children if c.unit.level == Level.GRASSROOTS), rng
        )
        if first and settled and discrepancies < 3 and rng.random() < 0.3:
            # the union's own total disagrees with its children's approved figures (the roll-up flags it)
            members, workers = upper.values["TC02"]["value"], upper.values["TC01"]["value"]
            delta = rng.choice([-12, -5, 7, 15, 30])
            if not 0 <= members + delta <= workers:
                delta = -min(5, members)
            if delta:
                upper.values["TC02"]["value"] += delta
                discrepancies += 1
        last = max((c.path[-1][3] for c in children), default=_moment(published, 9))
        if not first:
            upper.values = {}
            continue
        if not settled:
            _step(upper, "begin_entry", S.NOT_STARTED, S.DRAFT, last + datetime.timedelta(hours=2))
            continue
        sent = last + datetime.timedelta(days=rng.randint(1, 4))
        _step(upper, "begin_entry", S.NOT_STARTED, S.DRAFT, sent - datetime.timedelta(hours=3))
        _submit(upper, sent)
        if rng.random() < 0.85:
            _approve(upper, sent + datetime.timedelta(days=rng.randint(1, 5)))
            for child in children:
                if child.row.status == S.APPROVED:
                    _step(child, "accept_report", S.APPROVED, S.ACCEPTED, upper.path[-1][3])
    province = reports[root]
    if first:
        province.values = _consolidated(children_of.get(root, []), 0, rng)
        province.values.pop("TC07", None)
        province.values.update({"KT04": {"value": 43}, "KT04.CN": {"value": 86}})
        province.values["TC06"] = {"value": sum(1 for r in grassroots)}
        province.values["TC13"] = {"value": round(len(grassroots) * 0.86)}
        _step(province, "begin_entry", S.NOT_STARTED, S.DRAFT, _moment(due + datetime.timedelta(days=12), 8))
    return list(reports.values())


def _step(
    report: Report, action: str, before: str, after: str, at: datetime.datetime, note: str = ""
) -> None:
    report.path.append((action, before, after, at, note))
    report.row.status = after


def _submit(report: Report, at: datetime.datetime) -> None:
    _step(report, "submit", report.row.status, S.SUBMITTED, at)
    report.row.submitted_at, report.row.returned_reason = at, ""
    report.versions.append(("submit", at))


def _approve(report: Report, at: datetime.datetime) -> None:
    _step(report, "approve_report", S.SUBMITTED, S.APPROVED, at)
    report.row.approved_at = at
    report.versions.append(("approve_report", at))


def _grassroots(
    rng, report: Report, fate: str, published: datetime.date, due: datetime.date, *, scale: float
):
    if fate == "not_started":
        return
    if fate == "waived":
        at = _moment(due + datetime.timedelta(days=rng.randint(1, 6)), 10)
        reason = rng.choice(WAIVE_REASONS)
        _step(report, "waive", S.NOT_STARTED, S.WAIVED, at, reason)
        report.row.waived_reason = reason
        return
    report.values = _grassroots_figures(rng, report.unit, scale)
    report.row.narrative = dict(NARRATIVE)
    started = published + datetime.timedelta(days=rng.randint(1, 8))
    _step(report, "begin_entry", S.NOT_STARTED, S.DRAFT, _moment(started, 8))
    if fate == "draft":
        return
    if fate == "late_approved":
        granted = due + datetime.timedelta(days=rng.randint(1, 3))
        report.row.late_entry_until = granted + datetime.timedelta(days=10)
        report.path.append(("late_entry", S.DRAFT, S.DRAFT, _moment(granted, 9), rng.choice(LATE_REASONS)))
        sent = granted + datetime.timedelta(days=rng.randint(1, 9))
    else:
        sent = min(due, started + datetime.timedelta(days=rng.randint(2, 10)))
    _submit(report, _moment(sent, 10))
    if fate == "submitted":
        return
    if fate in ("returned", "returned_then_approved"):
        back = report.path[-1][3] + datetime.timedelta(days=rng.randint(1, 4))
        reason = rng.choice(RETURN_REASONS)
        _step(report, "return", S.SUBMITTED, S.RETURNED, back, reason)
        report.row.returned_reason = reason
        if fate == "returned":
            return
        _submit(report, back + datetime.timedelta(days=rng.randint(1, 3)))
    _approve(report, report.path[-1][3] + datetime.timedelta(days=rng.randint(1, 5)))


# --- writing ------------------------------------------------------------------------------------------------------


def _write(form: ReportForm, reports: list[Report]) -> None:
    rows = [r.row for r in reports]
    for report in reports:
        report.row.version = len(report.versions)
    ExpectedReport.objects.bulk_create(rows, batch_size=1000)
    events = [ExpectedReportEvent(report=r.row, action=a, from_status=f, to_status=t, note=note[:500])
              for r in reports for a, f, t, _at, note in r.path]  # fmt: skip
    ExpectedReportEvent.objects.bulk_create(events, batch_size=2000)
    moments = [at for r in reports for _a, _f, _t, at, _n in r.path]
    for event, at in zip(events, moments, strict=True):
        event.at = at  # auto_now_add stamped the insert: put the season's dates back
    ExpectedReportEvent.objects.bulk_update(events, ["at"], batch_size=2000)
    indicators = {i.code: i for i in form.indicators.all()}
    ReportValue.objects.bulk_create(
        (ReportValue(report=r.row, indicator=indicators[code], value=_d(f.get("value")), target=_d(f.get("target")),
                     approximate=bool(f.get("approximate")))
         for r in reports for code, f in r.values.items() if code in indicators),
        batch_size=5000,
    )  # fmt: skip
    versions = []
    for report in reports:
        snapshot = {code: {"value": _s(f.get("value")), "target": _s(f.get("target")), "text": "",
                           "approximate": bool(f.get("approximate"))}
                    for code, f in sorted(report.values.items()) if code in indicators}  # fmt: skip
        for number, (action, _at) in enumerate(report.versions, start=1):
            versions.append(ReportVersion(report=report.row, number=number, action=action, values=snapshot,
                                          narrative=dict(report.row.narrative)))  # fmt: skip
    ReportVersion.objects.bulk_create(versions, batch_size=2000)
    stamps = [at for r in reports for _a, at in r.versions]
    for version, at in zip(versions, stamps, strict=True):
        version.created_at = at
    ReportVersion.objects.bulk_update(versions, ["created_at"], batch_size=2000)
    audit.record_many(
        rows, by=None, action="publish_form", note="Dữ liệu minh họa: báo cáo kết quả đợt thi đua 2017"
    )


def _d(value) -> Decimal | None:
    return None if value is None else Decimal(int(value))


def _s(value) -> str | None:
    return None if value is None else str(int(value))
