"""The roll-up of emulation registration for any unit and year: how many units and people registered which title,
by sector and by the unit's children (the upper-level unions below a province), and the units that have not
registered yet.

Set-based: a handful of aggregate queries over the subtree (``path`` prefix), grouped by the child's path prefix
(``substr(path, 1, width)``) and the sector, whatever the size of the tree — no loop over units.

What counts:
- the units expected to register are the active units *below* the unit (not the unit itself, which registers with
  its own level above) at a level that registers (federations, upper-level and grassroots unions; a union section
  registers through its grassroots union);
- a unit has registered when its registration for the year (the year's one, not a phase's) was sent to the level
  above (``submitted``) or acknowledged by it; one being drafted or returned is listed with its state among those
  not registered yet;
- titles and people are counted over registrations sent or acknowledged; a person counts once per unit and title
  however many rows name them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import Level, Sector, Unit

from .models import (
    DEFAULT_DEADLINE,
    Award,
    CollectiveTarget,
    IndividualEntry,
    Registration,
    RegistrationDeadline,
    RegistrationStatus,
)

REGISTERING_LEVELS = (Level.PROVINCE, Level.CENTRAL_SECTOR, Level.UPPER, Level.GRASSROOTS)
SENT = (RegistrationStatus.SUBMITTED, RegistrationStatus.ACKNOWLEDGED)
NO_SECTOR_LABEL = _("Không phân loại (công đoàn cấp trên, LĐLĐ)")
NOT_STARTED = "none"  # the state of a unit without any registration for the year
STATE_LABELS: dict[str, Any] = {
    NOT_STARTED: _("Chưa đăng ký"),
    RegistrationStatus.DRAFT: _("Đang soạn, chưa gửi"),
    RegistrationStatus.RETURNED: _("Cấp trên trả lại"),
}


@dataclass
class Row:
    """The figures of one group (the whole subtree, one child's subtree, one sector)."""

    key: str
    label: str
    unit: Unit | None = None
    expected: int = 0  # units expected to register
    registered: int = 0  # sent or acknowledged
    acknowledged: int = 0
    draft: int = 0
    returned: int = 0
    late: int = 0  # registered after the deadline (with the level above's consent)
    people: int = 0  # people registered (once per unit)
    unit_titles: dict[int, int] = field(default_factory=dict)  # award id -> units aiming for it
    person_titles: dict[int, int] = field(default_factory=dict)  # award id -> people aiming for it

    @property
    def not_registered(self) -> int:
        return max(self.expected - self.registered, 0)

    @property
    def percent(self) -> int | None:
        return None if not self.expected else round(100 * self.registered / self.expected)

    def add(self, other: Row) -> None:
        for name in ("expected", "registered", "acknowledged", "draft", "returned", "late", "people"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for mine, theirs in (
            (self.unit_titles, other.unit_titles),
            (self.person_titles, other.person_titles),
        ):
            for award_id, n in theirs.items():
                mine[award_id] = mine.get(award_id, 0) + n


@dataclass
class TitleRow:
    award: Award
    units: int
    people: int


@dataclass
class EmulationRollup:
    unit: Unit
    year: int
    total: Row
    by_child: list[Row]
    by_sector: list[Row]
    by_title: list[TitleRow]

    @property
    def awards(self) -> list[Award]:
        return [row.award for row in self.by_title]


def expected_units(unit: Unit) -> QuerySet[Unit]:
    """The active units below ``unit`` that register (see the module's docstring)."""
    return Unit.objects.filter(
        path__subtree=unit.path, depth__gt=unit.depth, level__in=REGISTERING_LEVELS
    ).active()


def _registrations(unit: Unit, year: int) -> QuerySet[Registration]:
    return Registration.objects.current().filter(
        year=year,
        phase__isnull=True,
        unit__path__subtree=unit.path,
        unit__depth__gt=unit.depth,
        unit__level__in=REGISTERING_LEVELS,
        unit__archived_at__isnull=True,
        unit__dissolved_on__isnull=True,
    )


def sent_registrations(unit: Unit, year: int) -> QuerySet[Registration]:
    """The registrations of the year sent to the level above or acknowledged, in ``unit``'s subtree."""
    return _registrations(unit, year).filter(status__in=SENT)


def _sector_label(code: str) -> str:
    return str(Sector(code).label) if code in Sector.values else str(NO_SECTOR_LABEL)


def emulation_rollup(unit: Unit, year: int) -> EmulationRollup:
    """The roll-up of ``unit``'s subtree for ``year``: seven queries whatever the size of the tree."""
    width = (unit.depth + 1) * Unit.steplen
    groups: dict[tuple[str, str], Row] = {}

    def group(prefix: str, sector: str) -> Row:
        key = (prefix, sector or "")
        if key not in groups:
            groups[key] = Row(key=f"{prefix}:{sector}", label="")
        return groups[key]

    # 1. units expected, by child and sector
    for item in (
        expected_units(unit)
        .annotate(prefix=Substr("path", 1, width))
        .values("prefix", "sector")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        group(item["prefix"], item["sector"]).expected += item["n"]

    # 2. registrations by state (one a unit and year: the database's constraint)
    registrations = _registrations(unit, year).annotate(prefix=Substr("unit__path", 1, width))
    for item in (
        registrations.values("prefix", "unit__sector", "status")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(late=True)))
        .order_by()
    ):
        row = group(item["prefix"], item["unit__sector"])
        status, n = item["status"], item["n"]
        if status in SENT:
            row.registered += n
            row.late += item["late"]
            if status == RegistrationStatus.ACKNOWLEDGED:
                row.acknowledged += n
        elif status == RegistrationStatus.DRAFT:
            row.draft += n
        elif status == RegistrationStatus.RETURNED:
            row.returned += n

    sent = sent_registrations(unit, year).values("pk")
    # 3. collective titles: units aiming for each
    for item in (
        CollectiveTarget.objects.filter(registration__in=sent)
        .annotate(prefix=Substr("registration__unit__path", 1, width))
        .values("prefix", "registration__unit__sector", "award_id")
        .annotate(n=Count("registration_id", distinct=True))
        .order_by()
    ):
        row = group(item["prefix"], item["registration__unit__sector"])
        row.unit_titles[item["award_id"]] = item["n"]

    entries = IndividualEntry.objects.filter(registration__in=sent).annotate(
        prefix=Substr("registration__unit__path", 1, width)
    )
    # 4. individual titles: people aiming for each (once per unit)
    for item in (
        entries.values("prefix", "registration__unit__sector", "award_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    ):
        row = group(item["prefix"], item["registration__unit__sector"])
        row.person_titles[item["award_id"]] = item["n"]
    # 5. people registered, whatever their title (once per group)
    for item in (
        entries.values("prefix", "registration__unit__sector")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    ):
        group(item["prefix"], item["registration__unit__sector"]).people += item["n"]

    # 6. the children, in the tree's order
    children = list(
        Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1)
        .active()
        .order_by("level", "sort_key", "path")
    )
    by_prefix: dict[str, Row] = {}
    by_sector: dict[str, Row] = {}
    total = Row(key="total", label=unit.name, unit=unit)
    for (prefix, sector), row in groups.items():
        by_prefix.setdefault(prefix, Row(key=prefix, label="")).add(row)
        by_sector.setdefault(sector, Row(key=sector, label=_sector_label(sector))).add(row)
        total.add(row)
    by_child = []
    for child in children:
        found = by_prefix.get(child.path)
        if found is None and child.level not in REGISTERING_LEVELS:
            continue
        row = found or Row(key=child.path, label="")
        row.unit, row.label = child, child.name
        by_child.append(row)
    sector_order = {code: index for index, code in enumerate(Sector.values)}
    sectors = sorted(by_sector.values(), key=lambda row: sector_order.get(row.key, len(sector_order)))

    # 7. the titles named, in the catalog's order
    award_ids = set(total.unit_titles) | set(total.person_titles)
    awards = list(Award.objects.filter(pk__in=award_ids).order_by("sort", "code")) if award_ids else []
    by_title = [TitleRow(a, total.unit_titles.get(a.pk, 0), total.person_titles.get(a.pk, 0)) for a in awards]
    return EmulationRollup(unit=unit, year=year, total=total, by_child=by_child, by_sector=sectors,
                           by_title=by_title)  # fmt: skip


def unregistered_units(unit: Unit, year: int) -> QuerySet[Unit]:
    """The units below ``unit`` expected to register for ``year`` whose registration was not sent: each annotated
    with ``registration_state`` (``none``, ``draft`` or ``returned``) and ``registration_id``. In the tree's order;
    one query."""
    mine = Registration.objects.current().filter(unit=OuterRef("pk"), year=year, phase__isnull=True)
    return (
        expected_units(unit)
        .exclude(Exists(mine.filter(status__in=SENT)))
        .annotate(
            registration_state=Subquery(mine.values("status")[:1]),
            registration_id=Subquery(mine.values("pk")[:1]),
        )
        .order_by("path")
    )


def default_year(unit: Unit) -> int:
    """The last year ``unit``'s subtree registered for (sent or not), else this year: what a roll-up shows when
    no year is asked for."""
    last = Registration.objects.filter(unit__path__subtree=unit.path).aggregate(last=Max("year"))["last"]
    return last or timezone.localdate().year


def state_label(state: str | None) -> str:
    return str(STATE_LABELS.get(state or NOT_STARTED, STATE_LABELS[NOT_STARTED]))


def sector_deadlines(federations: list[Unit], year: int) -> dict[int, dict[str, datetime.date]]:
    """Each federation's registration deadline for ``year`` by sector (``""``: the units without a deadline of
    their sector's, upper-level unions included): its own ``RegistrationDeadline`` rows, else 25/01 — the same days as ``emulation_queries.deadline_for``, for many federations in one query."""
    default = datetime.date(year, DEFAULT_DEADLINE[1], DEFAULT_DEADLINE[0])
    found: dict[int, dict[str, datetime.date]] = {f.pk: {"": default} for f in federations}
    for row in RegistrationDeadline.objects.filter(federation__in=federations, archived_at__isnull=True):
        try:
            day = datetime.date(year, row.month, row.day)
        except ValueError:  # 29/02 of a common year: 28/02, as emulation_queries.deadline_for
            day = datetime.date(year, row.month, 28)
        found[row.federation_id][row.sector] = day
    return found


def deadline_of(deadlines: dict[str, datetime.date], sector: str) -> datetime.date:
    return deadlines.get(sector or "", deadlines[""])
