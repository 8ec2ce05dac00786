"""Reads of plans used in more than one place: numbering, anniversaries of a year, the cascade below a plan, who
has deployed it (set-based: one query per level of the tree), the inbox of plans to deploy, and the calendar."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, Max, OuterRef, Prefetch, Q
from django.utils import timezone

from thidua.core.search import search_folded
from thidua.core.text import fold
from thidua.orgs.models import Level, Unit, UnitVersion

from .models import (
    KIND_ABBREVIATIONS,
    Commemoration,
    DocumentKind,
    Movement,
    Phase,
    PhaseCommemoration,
    Plan,
    PlanDelivery,
    PlanStatus,
    ReportingDuty,
    is_major,
    is_round,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# --- numbering ------------------------------------------------------------------------------------------------


def next_number(issuer: Unit, symbol: str, year: int) -> int:
    """The next free number of the issuer's documents with this symbol in this year (archived ones keep theirs)."""
    top = Plan.objects.filter(issuer=issuer, symbol=symbol, year=year).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


ISSUER_ABBREVIATIONS: dict[str, str] = {
    Level.NATIONAL: "TLĐ",
    Level.PROVINCE: "LĐLĐ",
    Level.CENTRAL_SECTOR: "CĐN",
    Level.UPPER: "LĐLĐ",
    Level.GRASSROOTS: "CĐCS",
    Level.SUB_GRASSROOTS: "CĐBP",
}


def default_symbol(issuer: Unit, kind: str = DocumentKind.PLAN) -> str:
    """The symbol the issuer last used for this kind of document, else the kind's abbreviation and the issuer's
    (KH-LĐLĐ, KH-CĐCS)."""
    last = (
        Plan.objects.filter(issuer=issuer, kind=kind)
        .order_by("-year", "-number")
        .values_list("symbol", flat=True)
    ).first()
    if last:
        return last
    issuer_abbr = ISSUER_ABBREVIATIONS.get(issuer.level, "CĐ")
    if issuer.level == Level.UPPER and not fold(issuer.name).startswith("lien doan"):
        issuer_abbr = "CĐ"
    kind_abbr = KIND_ABBREVIATIONS.get(kind)
    return f"{kind_abbr}-{issuer_abbr}" if kind_abbr else issuer_abbr


NUMBER_RE = re.compile(r"^\s*(\d+)\s*/\s*(\S.*?)\s*$")


def split_number(text: str) -> tuple[int | None, str]:
    """'13/KH-LĐLĐ' -> (13, 'KH-LĐLĐ'); '13 /KH-LĐLĐ' too; text without a number -> (None, text)."""
    match = NUMBER_RE.match(text or "")
    if not match:
        return None, (text or "").strip()
    return int(match.group(1)), re.sub(r"\s+", "", match.group(2)).replace("–", "-").replace("—", "-")


# --- the issue date -------------------------------------------------------------------------------------------

# A plan for year Y is issued during Y, or at the end of Y - 1 (plans for next year go out in November and December).
ISSUE_MONTHS_BEFORE = 2


def issue_date_window(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day on which a plan for ``year`` may be dated: 01/11 of the year before to 31/12."""
    return datetime.date(year - 1, 13 - ISSUE_MONTHS_BEFORE, 1), datetime.date(year, 12, 31)


def issue_date_fits(day: datetime.date, year: int) -> bool:
    first, last = issue_date_window(year)
    return first <= day <= last


def proposed_issue_date(plan: Plan, today: datetime.date | None = None) -> tuple[datetime.date, str]:
    """The date the issue dialog proposes, and why: the draft's own date when it fits the plan's year, else today
    when it does, else (a past year's plan entered after the fact) 1 January of the plan's year, or (a plan for a
    year that has not begun, before November) the first day of the window."""
    today = today or timezone.localdate()
    first, last = issue_date_window(plan.year)
    if plan.date and first <= plan.date <= last:
        return plan.date, "draft"
    if first <= today <= last:
        return today, "today"
    if today > last:
        return datetime.date(plan.year, 1, 1), "year_start"
    return first, "window_start"


def issue_warnings(plan: Plan) -> list[str]:
    """What the one who issues a draft should know first: a plan sent to nobody, or one with no content (only its
    header and signature). Issuing it all the same is allowed, after confirming."""
    from django.utils.translation import gettext as _

    warnings = []
    if not plan.recipients.exists():
        warnings.append(
            _("Kế hoạch chưa có nơi nhận: sau khi ban hành, không đơn vị nào nhận được kế hoạch.")
        )
    texts = [plan.introduction, plan.purposes, plan.requirements, plan.phase_review, plan.closing]
    parts: list[Any] = [plan.movements, plan.measures, plan.phases, plan.legal_bases]
    if not any(t.strip() for t in texts) and not any(p.exists() for p in parts):
        warnings.append(
            _("Kế hoạch chưa có nội dung (căn cứ, mục đích, phong trào, biện pháp, các đợt thi đua).")
        )
    return warnings


# --- anniversaries --------------------------------------------------------------------------------------------


@dataclass
class Anniversary:
    """A catalog anniversary in one year: its ordinal, whether it is round (multiple of 5) or major (of 10), and
    the phases (of the plans asked about) that contain its date."""

    commemoration: Commemoration
    date: datetime.date
    ordinal: int
    phases: list[Phase] = field(default_factory=list)

    @property
    def is_round(self) -> bool:
        return is_round(self.ordinal)

    @property
    def is_major(self) -> bool:
        return is_major(self.ordinal)


def anniversaries(year: int, phases: list[Phase] | None = None) -> list[Anniversary]:
    """Every active catalog anniversary of the year (ordinal ≥ 1), in date order, each placed in the given phases
    that contain it. One query (plus none for the phases, which the caller has)."""
    result = []
    for commemoration in Commemoration.objects.filter(is_active=True):
        ordinal = commemoration.ordinal_in(year)
        if ordinal < 1:
            continue
        day = commemoration.date_in(year)
        inside = [p for p in (phases or []) if p.start <= day <= p.end]
        result.append(Anniversary(commemoration, day, ordinal, inside))
    result.sort(key=lambda a: (a.date, a.commemoration.name))
    return result


def match_commemoration(
    text: str, base_date: datetime.date | None = None, catalog: list[Commemoration] | None = None
) -> Commemoration | None:
    """The catalog entry a plan's wording designates: by the event's date when it is given and unique, else by the
    short or full name appearing in the text (ignoring case and diacritics)."""
    catalog = catalog if catalog is not None else list(Commemoration.objects.all())
    if base_date is not None:
        same_day = [c for c in catalog if c.base_date == base_date]
        if len(same_day) == 1:
            return same_day[0]
        if len(same_day) > 1:
            catalog = same_day
    key = fold(text)
    best = None
    for commemoration in catalog:
        names = [fold(commemoration.short_name), fold(commemoration.name).removeprefix("ngay ")]
        longer = best is None or len(commemoration.name) > len(best.name)
        if longer and any(n and n in key for n in names):
            best = commemoration
    return best


def ordinal_mismatches(plan: Plan) -> list[PhaseCommemoration]:
    """The plan's commemorations whose written ordinal disagrees with their dates."""
    rows = PhaseCommemoration.objects.filter(plan=plan).select_related("commemoration", "phase", "plan")
    return [row for row in rows if row.is_consistent is False]


def phase_overlaps(phases: list[Phase]) -> list[tuple[Phase, Phase]]:
    ordered = sorted(phases, key=lambda p: (p.start, p.end))
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b.start <= a.end]


# --- one plan as its page shows it ---------------------------------------------------------------------------


def plan_with_parts(queryset):
    """Plans with every part prefetched in the order the official text reads (a fixed number of queries)."""
    return queryset.select_related("issuer", "based_on", "based_on__issuer", "created_by").prefetch_related(
        "legal_bases__cited_plan",
        Prefetch("movements", queryset=Movement.objects.select_related("upper_movement")),
        "measures",
        Prefetch(
            "phases",
            queryset=Phase.objects.order_by("order", "start").prefetch_related(
                Prefetch(
                    "commemorations",
                    queryset=PhaseCommemoration.objects.select_related("commemoration").order_by(
                        "order", "id"
                    ),
                )
            ),
        ),
        Prefetch(
            "commemorations",
            queryset=PhaseCommemoration.objects.filter(phase__isnull=True).select_related("commemoration"),
            to_attr="loose_commemorations",
        ),
        "reporting_duties__phase",
        "recipients__unit",
        "amendments__made_by",
        "free_sections",
    )


def governing_body(plan: Plan) -> str:
    """The name of the body above the issuer on the plan's day (the first line of the document's header)."""
    version = (
        UnitVersion.objects.as_of(tree_day(plan)).filter(unit=plan.issuer_id).select_related("parent").first()
    )
    return version.parent.name if version and version.parent else ""


def plans_for_list(
    user: User | AnonymousUser,
    *,
    year: int | None = None,
    status: str = "",
    unit: Unit | None = None,
    q: str = "",
):
    """The user's own plans (issued by units of their scope), newest first, one query whatever their number."""
    plans = Plan.objects.active().issued_within(user)
    if year:
        plans = plans.filter(year=year)
    if status:
        plans = plans.filter(status=status)
    if unit is not None:
        plans = plans.filter(issuer=unit)
    if q:
        plans = search_folded(plans, q, "title", "symbol")
    return plans.select_related("issuer", "based_on").order_by("-year", "issuer__path", "-number")


def inbox(user: User | AnonymousUser):
    """Issued plans delivered to the units the user holds a role on (the plans their own units must deploy), each
    with ``deployed`` / ``drafted``: whether the receiving unit has already built its own plan from it. One query."""
    built = Plan.objects.active().filter(issuer=OuterRef("unit"), based_on=OuterRef("plan"))
    return (
        PlanDelivery.objects.addressed_to(user)
        .filter(plan__archived_at__isnull=True, plan__status=PlanStatus.ISSUED)
        .annotate(
            deployed=Exists(built.filter(status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])),
            drafted=Exists(built.filter(status=PlanStatus.DRAFT)),
        )
        .select_related("plan", "plan__issuer", "unit")
        .order_by("deployed", "-received_on", "-id")
    )


def inherited_plans(user: User | AnonymousUser):
    """The history of the user's own units (decision 0011), newest first: the issued plans of their predecessors and
    those delivered to these predecessors, and the plans delivered to a unit one of them stood under on the plan's
    date and has left since. Each carries ``via_name``: the predecessor or former parent it comes through. One
    query."""
    from django.db.models import Case, CharField, F, Subquery, Value, When
    from django.db.models.functions import Coalesce

    from thidua.core.scoping import own_paths
    from thidua.orgs.queries import former_parent_versions, predecessors_of

    own = own_paths(user)
    if not own:
        return Plan.objects.none()
    mine = Unit.objects.filter(path__in=own)
    before_mine = predecessors_of(mine)
    stood_under = former_parent_versions(mine).filter(
        parent=OuterRef("unit"),
        valid_from__lte=OuterRef(OuterRef("date")),
        valid_to__gt=OuterRef(OuterRef("date")),
    )
    by_predecessor = PlanDelivery.objects.filter(plan=OuterRef("pk"), unit__in=before_mine)
    by_former_parent = PlanDelivery.objects.filter(plan=OuterRef("pk")).filter(Exists(stood_under))
    name = CharField()
    return (
        Plan.objects.visible_to(user)
        .active()
        .issued()
        .filter(Q(issuer__in=before_mine) | Q(Exists(by_predecessor)) | Q(Exists(by_former_parent)))
        .exclude(issuer__path__in=own, issuer__dissolved_on__isnull=True)  # their own plans are no history
        .annotate(
            via_name=Coalesce(
                Case(When(issuer__in=before_mine, then=F("issuer__name")), default=None, output_field=name),
                Subquery(by_predecessor.values("unit__name")[:1], output_field=name),
                Subquery(by_former_parent.values("unit__name")[:1], output_field=name),
                Value(""),
                output_field=name,
            )
        )
        .select_related("issuer")
        .order_by("-date", "-id")
    )


# --- the cascade ----------------------------------------------------------------------------------------------


@dataclass
class PlanNode:
    plan: Plan
    children: list[PlanNode] = field(default_factory=list)


def plan_tree(plan: Plan, user=None) -> list[PlanNode]:
    """The plans built from this one (and from those, ...), as a tree. One query."""
    plans = Plan.objects.active().built_from(plan)
    if user is not None:
        plans = plans.visible_to(user)
    plans = list(plans.select_related("issuer").order_by("lineage", "issuer__path", "id"))
    nodes = {p.pk: PlanNode(p) for p in plans}
    roots: list[PlanNode] = []
    for p in plans:
        parent = nodes.get(p.based_on_id)
        (parent.children if parent else roots).append(nodes[p.pk])
    return roots


class DeploymentState:
    ISSUED = "issued"
    DRAFT = "draft"
    NONE = "none"


@dataclass
class DeploymentRow:
    """One unit below the issuer: whether it has issued its own plan from this one, has a draft, or nothing, and
    since when; ``can_drill`` when it has units below it."""

    unit: Unit
    state: str
    plan: Plan | None
    since: datetime.date | None
    can_drill: bool
    delivered: bool = False
    plan_year: int | None = None
    reminded_at: datetime.datetime | None = None

    @property
    def days(self) -> int | None:
        return (timezone.localdate() - self.since).days if self.since else None

    @property
    def is_late(self) -> bool:
        return self.state != DeploymentState.ISSUED

    @property
    def is_current(self) -> bool:
        """Counting the days waited makes sense only for a plan of the running year."""
        return bool(self.plan_year and self.plan_year >= timezone.localdate().year)


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def tree_day(plan: Plan) -> datetime.date:
    """The day whose tree a plan is deployed down: its date (a plan of 2017 goes down the tree of 2017)."""
    return plan.date or timezone.localdate()


def children_on(unit: Unit, day: datetime.date) -> list[Unit]:
    """The units directly below ``unit`` on ``day`` (each carrying ``name_then``, its name that day). One query."""
    versions = (
        UnitVersion.objects.as_of(day)
        .filter(parent=unit)
        .select_related("unit")
        .order_by("level", "sort_key")
    )
    children = []
    for version in versions:
        version.unit.name_then = version.name
        children.append(version.unit)
    return children


def was_below(unit: Unit, ancestor: Unit, day: datetime.date) -> bool:
    """Was ``unit`` inside ``ancestor``'s subtree (and not ``ancestor`` itself) on ``day``? One query."""
    paths = dict(
        UnitVersion.objects.as_of(day).filter(unit__in=[unit, ancestor]).values_list("unit_id", "path")
    )
    below, above = paths.get(unit.pk), paths.get(ancestor.pk)
    return bool(below and above and below != above and below.startswith(above))


def deployment_status(plan: Plan, unit: Unit | None = None, user=None) -> list[DeploymentRow]:
    """For every unit directly below ``unit`` (the issuer by default) in the tree of the plan's day: its best plan
    of the cascade below ``plan`` (issued beats draft), and since when. Four queries whatever the number of units.
    Those who may see the deployment see the issuer's whole subtree as it stood that day."""
    unit = unit or plan.issuer
    day = tree_day(plan)
    children = children_on(unit, day)
    if not children:
        return []
    drillable = set(
        UnitVersion.objects.as_of(day)
        .filter(parent__in=children)
        .values_list("parent_id", flat=True)
        .distinct()
    )
    plans = (
        Plan.objects.active()
        .built_from(plan)
        .filter(issuer__in=children)
        .only(
            "id",
            "issuer_id",
            "status",
            "number",
            "symbol",
            "date",
            "created_at",
            "issued_at",
            "kind",
            "title",
        )
    )
    best: dict[int, Plan] = {}
    rank: dict[str, int] = {PlanStatus.ISSUED: 2, PlanStatus.CLOSED: 2, PlanStatus.DRAFT: 1}
    for p in plans:
        current = best.get(p.issuer_id)
        if current is None or rank[p.status] > rank[current.status]:
            best[p.issuer_id] = p
    reminded = dict(
        PlanDelivery.objects.filter(plan=plan, unit__in=children).values_list("unit_id", "last_reminded_at")
    )
    delivered = set(reminded)
    received_on = plan.date or _local_day(plan.issued_at)
    rows = []
    for child in children:
        p = best.get(child.pk)
        drill = child.pk in drillable
        if p is None:
            rows.append(
                DeploymentRow(child, DeploymentState.NONE, None, received_on, drill, child.pk in delivered)
            )
        elif p.status == PlanStatus.DRAFT:
            rows.append(DeploymentRow(child, DeploymentState.DRAFT, p, _local_day(p.created_at), drill,
                                      child.pk in delivered))  # fmt: skip
        else:
            rows.append(DeploymentRow(child, DeploymentState.ISSUED, p, p.date or _local_day(p.issued_at), drill,
                                      child.pk in delivered))  # fmt: skip
    for row in rows:
        row.plan_year = plan.year
        row.reminded_at = reminded.get(row.unit.pk)
    return rows


def deployment_summary(rows: list[DeploymentRow]) -> dict[str, int]:
    summary = {DeploymentState.ISSUED: 0, DeploymentState.DRAFT: 0, DeploymentState.NONE: 0}
    for row in rows:
        summary[row.state] += 1
    summary["total"] = len(rows)
    return summary


# --- the calendar ---------------------------------------------------------------------------------------------


@dataclass
class CalendarEntry:
    day: datetime.date
    kind: str  # phase_start, phase_end, commemoration, report_due
    title: str
    plan: Plan | None = None
    phase: Phase | None = None
    ordinal: int | None = None
    is_round: bool = False
    is_major: bool = False
    end: datetime.date | None = None


@dataclass
class Calendar:
    unit: Unit
    year: int
    plans: list[Plan]
    phases: list[Phase]
    anniversaries: list[Anniversary]
    deadlines: list[CalendarEntry]
    months: list[tuple[int, list[CalendarEntry]]]


def _unit_and_predecessors(unit: Unit):
    """``unit`` and the units whose records it carries on (decision 0011), as one subquery."""
    from thidua.orgs.queries import predecessors_of

    return Unit.objects.filter(Q(pk=unit.pk) | Q(pk__in=predecessors_of(Unit.objects.filter(pk=unit.pk))))


def _concern(unit: Unit) -> Q:
    """Plans that concern ``unit``: its own and the ones it received, and those of its predecessors (a merged
    federation's 2017 calendar is its predecessors')."""
    units = _unit_and_predecessors(unit).values("pk")
    received = PlanDelivery.objects.filter(plan=OuterRef("pk"), unit__in=units)
    return Q(issuer__in=units) | Q(Exists(received))


def plans_for_unit(user: User | AnonymousUser, unit: Unit, year: int):
    """The issued plans of the year that concern ``unit`` (its own, the ones it received, and its predecessors')
    and that the user may see."""
    return (
        Plan.objects.visible_to(user)
        .active()
        .issued()
        .filter(year=year)
        .filter(_concern(unit))
        .select_related("issuer")
        .order_by("issuer__path", "number")
    )


def years_for_unit(user: User | AnonymousUser, unit: Unit) -> set[int]:
    """The years in which plans concern the unit (its own, received, or its predecessors'). One query."""
    plans = Plan.objects.visible_to(user).active().filter(_concern(unit))
    return set(plans.order_by().values_list("year", flat=True).distinct())


def calendar(user: User | AnonymousUser, unit: Unit, year: int) -> Calendar:
    """Phases, anniversaries (with ordinals, round ones flagged) and report deadlines of the year for a unit.
    A fixed number of queries."""
    plans = list(plans_for_unit(user, unit, year))
    phases = list(
        Phase.objects.filter(plan__in=plans)
        .select_related("plan", "plan__issuer")
        .order_by("start", "plan_id")
    )
    year_anniversaries = anniversaries(year, phases)
    deadlines: list[CalendarEntry] = []
    seen: set[tuple[datetime.date, int]] = set()
    for phase in phases:
        if phase.report_due is not None:
            deadlines.append(CalendarEntry(phase.report_due, "report_due", phase.name, phase.plan, phase))
            seen.add((phase.report_due, phase.plan_id))
    duties = ReportingDuty.objects.filter(plan__in=plans, due__isnull=False).select_related("plan", "phase")
    for duty in duties:
        if duty.due is not None and (duty.due, duty.plan_id) not in seen:
            deadlines.append(CalendarEntry(duty.due, "report_due", duty.to_whom, duty.plan, duty.phase))
    deadlines.sort(key=lambda e: e.day)
    entries: list[CalendarEntry] = []
    for phase in phases:
        entries.append(
            CalendarEntry(phase.start, "phase_start", phase.name, phase.plan, phase, end=phase.end)
        )
        entries.append(CalendarEntry(phase.end, "phase_end", phase.name, phase.plan, phase))
    for a in year_anniversaries:
        entries.append(CalendarEntry(a.date, "commemoration", a.commemoration.name, ordinal=a.ordinal,
                                     is_round=a.is_round, is_major=a.is_major))  # fmt: skip
    entries.extend(deadlines)
    order = {"phase_start": 0, "commemoration": 1, "report_due": 2, "phase_end": 3}
    entries = [e for e in entries if e.day.year == year]
    entries.sort(key=lambda e: (e.day, order[e.kind]))
    months = [(m, [e for e in entries if e.day.month == m]) for m in range(1, 13)]
    return Calendar(unit, year, plans, phases, year_anniversaries, deadlines, months)


def count_open_plans_of(unit_ids) -> int:
    """Plans issued (or drafted) by these units and not closed or archived: what a dissolution leaves without the
    unit that carries them out (counted for ``orgs.impact``)."""
    return (
        Plan.objects.filter(issuer_id__in=list(unit_ids), archived_at__isnull=True)
        .exclude(status=PlanStatus.CLOSED)
        .count()
    )
