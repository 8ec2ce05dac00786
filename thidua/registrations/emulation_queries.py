"""Reads of emulation registration used by the actions, the pages, the API and the panels: the deadline in force for
a unit, the plans and phases it registers under, the check of a registration's contents against the catalog of the
year, the scoped list, and what a unit or a person registered across the years.

The check (``check_contents``) refuses what the catalog forbids and warns about what it only discourages:

- a title or form not in the catalog in force at the end of the period judged (31/12 of the year, the phase's
  end, or 31/05 ending the school year of a sector registering by school year) on the unit's federation is
  refused;
- a title for collectives registered for a person, or a title for individuals registered as the unit's own, is
  refused;
- a unit cannot aim for what its own level or a level below confers (a grassroots union does not aim for the
  Giấy khen of its own executive committee, nor for "Tổ công đoàn vững mạnh"): the conferring level of the title
  (``Award.level``) must be above the unit's. An employer's title (Tập thể lao động tiên tiến) is for grassroots
  collectives only. A person may aim for what the registering unit's own level confers;
- a quota of the catalog expressed as a share of another title ("Chiến sĩ thi đua cơ sở ≤ 15 % of Lao động tiên
  tiến") that the registration would exceed is a warning: the quota bites at the review, not at registration.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.dates import format_date
from thidua.core.scoping import VIEW
from thidua.orgs.models import Level, Person, Unit
from thidua.plans.models import Phase, Plan, PlanStatus

from .models import (
    DEFAULT_DEADLINE,
    LEVEL_ORDER,
    Award,
    CollectiveTarget,
    ConferringLevel,
    IndividualEntry,
    LateConsent,
    Registration,
    RegistrationDeadline,
    RegistrationStatus,
)
from .queries import FEDERATION_LEVELS, catalog_on, federation_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# The conferring level that stands for a unit's own level (what it confers to others).
OWN_CONFERRING_LEVEL = {
    Level.NATIONAL: ConferringLevel.CONFEDERATION,
    Level.PROVINCE: ConferringLevel.FEDERATION,
    Level.CENTRAL_SECTOR: ConferringLevel.FEDERATION,
    Level.UPPER: ConferringLevel.UPPER,
    Level.GRASSROOTS: ConferringLevel.GRASSROOTS,
    Level.SUB_GRASSROOTS: ConferringLevel.GRASSROOTS,  # half a step below (aim_refusal)
}
EMPLOYER_COLLECTIVES = (Level.GRASSROOTS, Level.SUB_GRASSROOTS)


def _today() -> datetime.date:
    return timezone.localdate()


# --- deadlines, plans, phases ---------------------------------------------------------------------------------


def deadline_rule(unit: Unit) -> RegistrationDeadline | None:
    """The federation's deadline for the unit's sector, else its deadline for every sector; None: the default."""
    federation = federation_of(unit)
    if federation is None:
        return None
    rules = RegistrationDeadline.objects.filter(federation=federation, archived_at__isnull=True).filter(
        Q(sector=unit.sector) | Q(sector="")
    )
    return min(rules, key=lambda r: r.sector == "", default=None)


def _day(year: int, month: int, day: int) -> datetime.date:
    """The day in ``year``; 29/02 of a common year becomes 28/02."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return datetime.date(year, month, 28)


def deadline_for(unit: Unit, year: int, phase: Phase | None = None) -> datetime.date:
    """The registration deadline of ``unit`` for ``year``: its federation's day and month (by sector; 25/01 when
    the federation set none; for a sector registering by school year, that day of the school year's first calendar
    year), or the end of ``phase`` when the registration is for a phase that closes earlier."""
    rule = deadline_rule(unit)
    day, month = (rule.day, rule.month) if rule else DEFAULT_DEADLINE
    deadline = _day(year, month, day)
    if phase is not None and phase.end < deadline:
        return phase.end
    return deadline


def consent_for(unit: Unit, year: int, phase: Phase | None = None, on: datetime.date | None = None):
    """The level above's consent for ``unit`` to register late for ``year`` (or ``phase``) still valid on ``on``."""
    on = on or _today()
    consents = LateConsent.objects.filter(unit=unit, year=year, archived_at__isnull=True, until__gte=on)
    consents = consents.filter(phase=phase) if phase is not None else consents.filter(phase__isnull=True)
    return consents.order_by("-until", "-id").first()


SCHOOL_YEAR_END = (31, 5)  # day, month: a school year is judged at its end, in the next calendar year


def registers_by_school_year(unit: Unit) -> bool:
    """The unit's sector registers by school year (its federation's deadline for the sector says so)."""
    rule = deadline_rule(unit)
    return rule is not None and rule.by_school_year


def period_end(year: int, phase: Phase | None = None, unit: Unit | None = None) -> datetime.date:
    """The end of the period judged: what selects the catalog's version for the registration's check. A phase ends
    on its last day; a calendar year on 31/12; the school year ``year``–``year + 1`` of a sector registering by
    school year (education: registered by 20/10 of ``year``) on 31/05 of ``year + 1``, when the school year's
    review is held."""
    if phase is not None:
        return phase.end
    if unit is not None and registers_by_school_year(unit):
        return datetime.date(year + 1, SCHOOL_YEAR_END[1], SCHOOL_YEAR_END[0])
    return datetime.date(year, 12, 31)


def ancestor_paths(unit: Unit) -> list[str]:
    """The paths of the unit and every unit above it."""
    return [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]


def plans_for(unit: Unit, year: int):
    """The issued plans of ``year`` a unit registers under: its own and those of the units above it."""
    return (
        Plan.objects.filter(
            status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED],
            year=year,
            archived_at__isnull=True,
            issuer__path__in=ancestor_paths(unit),
        )  # fmt: skip
        .select_related("issuer")
        .order_by("-issuer__depth", "number")
    )


def registration_phases(plan: Plan):
    return plan.phases.filter(opens_registration=True).order_by("order", "start")


def window_open(unit: Unit, year: int, plan: Plan | None = None, phase: Phase | None = None,
                on: datetime.date | None = None) -> bool:  # fmt: skip
    """Is the window open on ``on``: for a phase, between its start and end (and the deadline); for the year,
    from the start of the plan's first phase opening registration (else 1 January) to the deadline; or a late
    consent of the level above is in force."""
    on = on or _today()
    if phase is not None:
        start, end = phase.start, min(phase.end, deadline_for(unit, year, phase))
    else:
        first = registration_phases(plan).first() if plan is not None else None
        start, end = (first.start if first else datetime.date(year, 1, 1)), deadline_for(unit, year)
    if start <= on <= end:
        return True
    return on > end and consent_for(unit, year, phase, on) is not None


def windows(unit: Unit, year: int, on: datetime.date | None = None) -> list[tuple[str, str, bool]]:
    """The windows ``unit`` may register in for ``year``, as ``(value, label, open now)``: the year under each
    plan of the unit or above, and each phase of it that opens registration; the year alone when no plan of the
    year was issued in the system. ``value`` is ``"<plan pk>:<phase pk>"`` (0 for none)."""
    on = on or _today()
    found = []
    plans = list(plans_for(unit, year).prefetch_related("phases"))
    year_deadline = deadline_for(unit, year)
    for plan in plans:
        where = _("%(kind)s %(number)s của %(issuer)s") % {
            "kind": plan.get_kind_display(), "number": plan.number_display, "issuer": plan.issuer.name}  # fmt: skip
        found.append((f"{plan.pk}:0", _("Cả năm %(year)s, theo %(where)s — hạn %(deadline)s") % {
            "year": year, "where": where, "deadline": format_date(year_deadline)},
            window_open(unit, year, plan, None, on)))  # fmt: skip
        for phase in plan.phases.all():
            if phase.opens_registration:
                found.append((f"{plan.pk}:{phase.pk}", _("%(phase)s (%(period)s), theo %(where)s") % {
                    "phase": phase.name, "period": phase.period_display, "where": where},
                    window_open(unit, year, plan, phase, on)))  # fmt: skip
    if not plans:
        found.append(("0:0", _("Cả năm %(year)s (cấp trên chưa ban hành kế hoạch năm trong hệ thống) — hạn "
                               "%(deadline)s") % {"year": year, "deadline": format_date(year_deadline)},
                      window_open(unit, year, None, None, on)))  # fmt: skip
    return found


# --- the check of a registration's contents -----------------------------------------------------------------


@dataclass
class Check:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def aim_refusal(unit: Unit, award: Award, *, collective: bool) -> str:
    """Why ``unit`` (as a collective, or for one of its people) cannot aim for ``award``; empty when it can."""
    own: float = LEVEL_ORDER[OWN_CONFERRING_LEVEL[Level(unit.level)]]
    if unit.level == Level.SUB_GRASSROOTS:
        own += 0.5  # below the grassroots union that confers on it
    if award.level == ConferringLevel.EMPLOYER:
        if collective and unit.level not in EMPLOYER_COLLECTIVES:
            return _("“%(award)s” do thủ trưởng cơ quan, đơn vị tặng cho tập thể cơ sở; %(unit)s không đăng ký được.") % {
                "award": award.name, "unit": unit.name}  # fmt: skip
        return ""
    rank = LEVEL_ORDER[award.level]
    if collective and rank >= own:
        return _("“%(award)s” do %(level)s xét tặng, không cao hơn cấp của %(unit)s: đơn vị không đăng ký được.") % {
            "award": award.name, "level": award.get_level_display(), "unit": unit.name}  # fmt: skip
    if not collective and rank > own:
        return _("“%(award)s” do %(level)s xét tặng, thấp hơn cấp của %(unit)s: không đăng ký qua đơn vị này.") % {
            "award": award.name, "level": award.get_level_display(), "unit": unit.name}  # fmt: skip
    return ""


def aimable_awards(unit: Unit, year: int, phase: Phase | None = None) -> tuple[list[Award], list[Award]]:
    """(collective, individual) titles and forms in the catalog of the year that ``unit`` can register."""
    catalog = catalog_on(period_end(year, phase, unit), unit)
    collective = [e.award for e in catalog.entries if e.award.for_collectives
                  and not aim_refusal(unit, e.award, collective=True)]  # fmt: skip
    individual = [e.award for e in catalog.entries if e.award.for_individuals
                  and not aim_refusal(unit, e.award, collective=False)]  # fmt: skip
    return collective, individual


def check_contents(
    unit: Unit,
    year: int,
    *,
    phase: Phase | None = None,
    plan: Plan | None = None,
    targets: list[dict[str, Any]],
    people: list[dict[str, Any]],
    registration: Registration | None = None,
) -> Check:
    """Check rows before they are saved: ``targets`` as ``{"award", "movement", "targets"}``, ``people`` as
    ``{"person", "award", "position"}`` (model instances). Errors name the row. ``registration``: the registration
    the rows replace (left out when counting the other registrations against a count quota)."""
    check = Check()
    on = period_end(year, phase, unit)
    catalog = catalog_on(on, unit)
    in_force = {e.award.pk: e for e in catalog.entries}
    if phase is not None:
        year_label = phase.name
    elif on.year > year:
        year_label = _("năm học %(first)s – %(second)s") % {"first": year, "second": year + 1}
    else:
        year_label = str(year)

    def catalog_error(row: str, award: Award) -> str:
        return _("%(row)s: “%(award)s” không có trong danh mục áp dụng cho %(period)s (ngày %(on)s).") % {
            "row": row, "award": award.name, "period": year_label, "on": format_date(on)}  # fmt: skip

    seen_targets = set()
    for i, row in enumerate(targets, start=1):
        award, movement = row["award"], row.get("movement")
        label = _("Đăng ký tập thể, dòng %(n)s") % {"n": i}
        if award.pk not in in_force:
            check.errors.append(catalog_error(label, award))
        elif not award.for_collectives:
            check.errors.append(_("%(row)s: “%(award)s” là danh hiệu, hình thức cho cá nhân, không đăng ký cho tập thể.")
                                % {"row": label, "award": award.name})  # fmt: skip
        elif refusal := aim_refusal(unit, award, collective=True):
            check.errors.append(f"{label}: {refusal}")
        if movement is not None and (plan is None or movement.plan_id != plan.pk):
            check.errors.append(_("%(row)s: phong trào không thuộc kế hoạch đăng ký.") % {"row": label})
        key = (award.pk, getattr(movement, "pk", None))
        if key in seen_targets:
            check.errors.append(_("%(row)s: trùng với một dòng trước.") % {"row": label})
        seen_targets.add(key)

    seen_people = set()
    counts: dict[int, int] = {}
    for i, row in enumerate(people, start=1):
        person, award = row["person"], row["award"]
        label = _("Đăng ký cá nhân, dòng %(n)s (%(name)s)") % {"n": i, "name": person.full_name}
        if award.pk not in in_force:
            check.errors.append(catalog_error(label, award))
        elif not award.for_individuals:
            check.errors.append(_("%(row)s: “%(award)s” là danh hiệu của tập thể, không đăng ký cho cá nhân.")
                                % {"row": label, "award": award.name})  # fmt: skip
        elif refusal := aim_refusal(unit, award, collective=False):
            check.errors.append(f"{label}: {refusal}")
        if person.archived_at is not None or not person.unit.path.startswith(unit.path):
            check.errors.append(
                _("%(row)s: người này không thuộc %(unit)s.") % {"row": label, "unit": unit.name}
            )
        if (person.pk, award.pk) in seen_people:
            check.errors.append(_("%(row)s: trùng với một dòng trước.") % {"row": label})
        seen_people.add((person.pk, award.pk))
        counts[award.pk] = counts.get(award.pk, 0) + 1
    check.warnings.extend(quota_warnings(catalog, counts))
    all_rows = dict(counts)
    for row in targets:
        all_rows[row["award"].pk] = all_rows.get(row["award"].pk, 0) + 1
    check.warnings.extend(count_quota_warnings(unit, year, catalog, all_rows, registration))
    return check


QUOTA_SCOPES = ("unit", "federation", "nation")


def count_quota_warnings(unit: Unit, year: int, catalog, counts: dict[int, int],
                         registration: Registration | None = None) -> list[str]:  # fmt: skip
    """Warnings for each count quota ("4 per federation per topic", "300 nationwide") that this registration's
    rows (people and collective titles), with the other registrations of the year in the quota's scope
    (``within``: the unit alone, its federation, the nation), would exceed. One COUNT query a quota that bites on
    a title of the registration; none when no row aims for a capped title."""
    warnings = []
    for entry in catalog.entries:
        aimed = counts.get(entry.award.pk, 0)
        if not aimed:
            continue
        for quota in entry.quotas:
            if "count" not in quota:
                continue
            within = quota.get("within", "unit")
            total, where = aimed, unit.name
            if within in ("federation", "nation"):
                scope = federation_of(unit) if within == "federation" else None
                if within == "federation" and scope is None:
                    continue
                others = Registration.objects.current().filter(year=year)
                if scope is not None:
                    others = others.filter(unit__path__startswith=scope.path)
                if registration is not None:
                    others = others.exclude(pk=registration.pk)
                total += (
                    others.aggregate(
                        n=Count("people", filter=Q(people__award=entry.award), distinct=True)
                        + Count("targets", filter=Q(targets__award=entry.award), distinct=True)
                    )["n"]
                    or 0
                )
                where = scope.name if scope is not None else _("cả nước")
            if total > quota["count"]:
                fact = entry.fact("quotas")
                warnings.append(_(
                    "%(n)s đăng ký “%(award)s” trong năm %(year)s tại %(where)s (kể cả đăng ký này), vượt số lượng "
                    "khống chế %(count)s (%(per)s) theo %(citation)s: khi xét sẽ không đủ chỉ tiêu cho tất cả."
                ) % {"n": total, "award": entry.name, "year": year, "where": where, "count": quota["count"],
                     "per": quota.get("per", ""), "citation": fact.citation if fact else entry.citation})  # fmt: skip
    return warnings


def quota_warnings(catalog, counts: dict[int, int]) -> list[str]:
    """Warnings for each quota "N % of another title" the individual registrations exceed. Those who aim for a
    higher title of the same chain count in the base (a Chiến sĩ thi đua cơ sở is first a Lao động tiên tiến)."""
    warnings = []
    by_code = {e.code: e for e in catalog.entries}
    for entry in catalog.entries:
        aimed = counts.get(entry.award.pk, 0)
        if not aimed:
            continue
        for quota in entry.quotas:
            basis = by_code.get(quota.get("of", "")) if "percent" in quota else None
            if basis is None:
                continue
            base = sum(
                n for e in catalog.entries if (n := counts.get(e.award.pk, 0)) and (
                    e.code == basis.code or (basis.award.chain and e.award.chain == basis.award.chain
                                             and e.award.rank > basis.award.rank))
            )  # fmt: skip
            allowed = quota["percent"] * base // 100
            if aimed > allowed:
                warnings.append(_(
                    "%(n)s người đăng ký “%(award)s”, vượt tỷ lệ %(percent)s%% của %(base)s người đăng ký “%(basis)s” "
                    "trở lên (tối đa %(allowed)s) theo %(citation)s: khi xét sẽ không đủ chỉ tiêu cho tất cả."
                ) % {"n": aimed, "award": entry.name, "percent": quota["percent"], "base": base,
                     "basis": basis.name, "allowed": allowed, "citation": entry.fact("quotas").citation
                     if entry.fact("quotas") else entry.citation})  # fmt: skip
    return warnings


def check_registration(registration: Registration) -> Check:
    """``check_contents`` over the saved rows of a registration."""
    targets = [{"award": t.award, "movement": t.movement, "targets": t.targets}
               for t in registration.targets.select_related("award", "movement")]  # fmt: skip
    people = [{"person": e.person, "award": e.award, "position": e.position}
              for e in registration.people.select_related("award", "person__unit")]  # fmt: skip
    return check_contents(registration.unit, registration.year, phase=registration.phase, plan=registration.plan,
                          targets=targets, people=people, registration=registration)  # fmt: skip


# --- lists ----------------------------------------------------------------------------------------------------


def _count_of(model) -> Coalesce:
    """The number of ``model`` rows of each registration, as a subquery read only for the rows of the page. (Two
    ``Count(..., distinct=True)`` over both joins grouped registrations × targets × people: 7.7 s for the demo's
    list on SQLite.)"""
    rows = (
        model.objects.filter(registration=OuterRef("pk"))
        .order_by()
        .values("registration")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def registrations_for_list(
    user: User | AnonymousUser,
    *,
    year: int | None = None,
    status: str = "",
    unit: Unit | None = None,
    late: bool | None = None,
):
    """The registrations the user sees, newest year first, in the tree's order, with counts of their rows."""
    registrations = Registration.objects.visible_to(user, VIEW).current()
    if year:
        registrations = registrations.filter(year=year)
    if status:
        registrations = registrations.filter(status=status)
    if unit is not None:
        registrations = registrations.filter(unit__path__subtree=unit.path)
    if late is not None:
        registrations = registrations.filter(late=late)
    return (
        registrations.select_related("unit", "plan", "phase", "late_consent")
        .annotate(target_count=_count_of(CollectiveTarget), people_count=_count_of(IndividualEntry))
        .order_by("-year", "unit__path", "id")
    )


def registration_detail(pk: int):
    """One registration with its rows and history, in a bounded number of queries."""
    return Registration.objects.select_related(
        "unit", "plan__issuer", "phase", "late_consent__by", "submitted_by", "acknowledged_by", "created_by"
    ).prefetch_related(
        Prefetch("targets", queryset=CollectiveTarget.objects.select_related("award", "movement")),
        Prefetch("people", queryset=IndividualEntry.objects.select_related("award", "person")),
        "events__by",
    ).filter(pk=pk)  # fmt: skip


def years_of(user: User | AnonymousUser) -> list[int]:
    return sorted(
        set(Registration.objects.visible_to(user).current().values_list("year", flat=True)), reverse=True
    )


# --- what a unit or a person registered, and what became of it ----------------------------------------------


def history_of_unit(unit: Unit) -> list[Registration]:
    """The unit's registrations across years (archived ones left out), with what it aimed for as a collective."""
    return list(
        Registration.objects.current().filter(unit=unit)
        .select_related("plan", "phase")
        .prefetch_related(Prefetch("targets", queryset=CollectiveTarget.objects.select_related("award")))
        .annotate(people_count=Count("people"))
        .order_by("-year", "-id")
    )  # fmt: skip


def history_of_person(person: Person) -> list[IndividualEntry]:
    """Every title the person was registered for, by whichever unit registered them (before and after transfers),
    newest first."""
    return list(
        IndividualEntry.objects.filter(person=person, registration__archived_at__isnull=True)
        .select_related("award", "registration__unit")
        .order_by("-registration__year", "-registration_id", "order")
    )


def status_label(status: str) -> str:
    return str(RegistrationStatus(status).label)


def federations_for(user: User | AnonymousUser, perm: str = VIEW):
    """Federations of the user's scope (where the user holds ``perm``): whose deadlines it sees or sets."""
    return (
        Unit.objects.visible_to(user, perm)
        .filter(level__in=FEDERATION_LEVELS, archived_at__isnull=True)
        .order_by("path")
    )


def units_registering(user: User | AnonymousUser):
    """The units of the user's scope that register or receive registrations (every level but the tổ công đoàn),
    for the list's filter: bounded to the upper levels, where a filter helps."""
    return (
        Unit.objects.visible_to(user).active()
        .filter(level__in=[Level.NATIONAL, Level.PROVINCE, Level.CENTRAL_SECTOR, Level.UPPER])
        .order_by("path")
    )  # fmt: skip
