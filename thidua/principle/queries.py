"""The plan's principle measured: "khen thưởng kịp thời, đúng người, đúng thành tích".

Everything is read for the awards of people and units in the viewer's subtree (the awardee's unit at the time of
the award, else the person's unit), in issued decisions, not revoked, over a window of years ending at ``year``.

- Timeliness: for each award that answered a proposal (its line's ``source`` names the nominee), the days from the
  end of the proposal's phase (plans) to the decision's date, and from the first sending of the proposal (the
  grassroots union's, following the chain of forwarded nominees to its root) to the decision's date; per year the
  count, median, average and longest. Intervals that end before they start (a record kept out of order) are
  counted apart, not averaged.
- The right people: of the individual awards, how many went to direct production workers (the person's membership
  on the decision's date), to women (the person's gender) and to workers of non-State enterprises (the awardee's
  unit's sector: FDI, private, cooperative) — each as a numerator over a denominator, by the issuer's level and by
  the upper-level union the awardee belongs to, year on year. Shares are computed from the summed counts, never
  by averaging percentages.
- Units never proposed: the active grassroots unions of the subtree with no sent proposal of their own, no
  nominee of theirs (collective) and no nominee among their people in the window's years.

A fixed number of queries whatever the size: the database groups and counts; Python only rolls the grassroots
rows up to their upper-level union by path prefix and computes medians.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.core.scoping import scope_roots, subtree_q
from thidua.orgs.models import Level, Membership, Unit
from thidua.proposals.integration import SOURCE_PREFIX
from thidua.proposals.models import Nominee, Proposal, ProposalStatus
from thidua.proposals.queries import NON_STATE_SECTORS
from thidua.rewards.models import DecisionLine, DecisionStatus

WINDOW = 3  # years: the one asked and the two before


@dataclass
class Share:
    """A numerator over a denominator; the percentage only for display."""

    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None


@dataclass
class Counts:
    total: int = 0
    direct: int = 0
    women: int = 0
    non_state: int = 0

    def add(self, row: Mapping[str, Any]) -> None:
        self.total += row["total"]
        self.direct += row["direct"]
        self.women += row["women"]
        self.non_state += row["non_state"]

    @property
    def shares(self) -> dict[str, Share]:
        return {"direct": Share(self.direct, self.total), "women": Share(self.women, self.total),
                "non_state": Share(self.non_state, self.total)}  # fmt: skip

    @property
    def share_list(self) -> list[Share]:
        return list(self.shares.values())


@dataclass
class Delay:
    """Days of the awards of one year: count, median, average (one decimal), longest; and the intervals left out."""

    days: list[int] = field(default_factory=list)
    inconsistent: int = 0

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def median(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def average(self) -> float | None:
        return round(sum(self.days) / len(self.days), 1) if self.days else None

    @property
    def longest(self) -> int | None:
        return max(self.days) if self.days else None


def years_of(year: int) -> list[int]:
    return list(range(year - WINDOW + 1, year + 1))


def _awardee_path():
    return Coalesce("unit_at_time__path", "unit__path", "person__unit__path")


def awards_in_scope(user: Any, years: list[int]) -> QuerySet[DecisionLine]:
    """The lines of issued decisions (not revoked) of the years, for awardees in the user's subtree."""
    qs = (
        DecisionLine.objects.filter(decision__status=DecisionStatus.ISSUED, year__in=years,
                                    decision__archived_at__isnull=True)
        .exclude(record__revoked__isnull=False)
        .annotate(awardee_path=_awardee_path())
    )  # fmt: skip
    roots = scope_roots(user)
    if roots is None:
        return qs
    return qs.filter(subtree_q("awardee_path", roots))


def _upper_units(user: Any) -> dict[str, Unit]:
    """The upper-level unions of the user's subtree (or above the user's units: a grassroots officer's own union
    rolls up to it), by path."""
    roots = scope_roots(user)
    qs = Unit.objects.filter(level=Level.UPPER)
    if roots is not None:
        above = {r[:i] for r in roots for i in range(Unit.steplen, len(r), Unit.steplen)}
        qs = qs.filter(subtree_q("path", roots) | Q(path__in=sorted(above)))
    return {u.path: u for u in qs.only("pk", "path", "name", "short_name")}


def _upper_of(path: str, uppers: dict[str, Unit]) -> Unit | None:
    for i in range(Unit.steplen, len(path) + 1, Unit.steplen):
        found = uppers.get(path[:i])
        if found is not None:
            return found
    return None


@dataclass
class Shares:
    years: list[int]
    by_year: dict[int, Counts]
    by_level: list[tuple[str, str, dict[int, Counts]]]  # (level, label, by year)
    by_upper: list[tuple[Unit | None, dict[int, Counts]]]  # None: awardees under no upper-level union


def shares(user: Any, year: int) -> Shares:
    """The individual awards' counts by year, issuer's level and upper-level union (two queries)."""
    years = years_of(year)
    direct = Membership.objects.filter(
        person=OuterRef("person"), is_direct_production_worker=True, joined_on__lte=OuterRef("decision__decided_on"),
    ).filter(Q(left_on__isnull=True) | Q(left_on__gt=OuterRef("decision__decided_on")))  # fmt: skip
    rows = (
        awards_in_scope(user, years).filter(person__isnull=False)
        .annotate(is_direct=Exists(direct), awardee_sector=Coalesce("unit_at_time__sector", "person__unit__sector"))
        .values("year", "decision__issuer__level", "awardee_path")
        .annotate(
            total=Count("id"),
            direct=Count("id", filter=Q(is_direct=True)),
            women=Count("id", filter=Q(person__gender="female")),
            non_state=Count("id", filter=Q(awardee_sector__in=sorted(NON_STATE_SECTORS))),
        )
        .order_by()
    )  # fmt: skip
    uppers = _upper_units(user)
    by_year: dict[int, Counts] = {y: Counts() for y in years}
    by_level: dict[str, dict[int, Counts]] = defaultdict(lambda: {y: Counts() for y in years})
    by_upper: dict[int | None, dict[int, Counts]] = defaultdict(lambda: {y: Counts() for y in years})
    upper_by_pk: dict[int, Unit] = {}
    for row in rows:
        by_year[row["year"]].add(row)
        by_level[row["decision__issuer__level"]][row["year"]].add(row)
        upper = _upper_of(row["awardee_path"] or "", uppers)
        if upper is not None:
            upper_by_pk[upper.pk] = upper
        by_upper[upper.pk if upper else None][row["year"]].add(row)
    labels = dict(Level.choices)
    level_order = [value for value, _label in Level.choices]
    return Shares(
        years=years,
        by_year=by_year,
        by_level=[
            (lv, str(labels.get(lv, lv)), by_level[lv]) for lv in sorted(by_level, key=level_order.index)
        ],
        by_upper=sorted(
            ((upper_by_pk.get(pk) if pk is not None else None, counts) for pk, counts in by_upper.items()),
            key=lambda item: (item[0] is None, item[0].path if item[0] else ""),
        ),
    )


@dataclass
class Timeliness:
    years: list[int]
    from_phase: dict[int, Delay]
    from_proposal: dict[int, Delay]
    without_phase: dict[int, int]
    without_proposal: dict[int, int]


def timeliness(user: Any, year: int) -> Timeliness:
    """Days from the phase's end and from the proposal's first sending to the decision's date (two queries)."""
    years = years_of(year)
    lines = list(
        awards_in_scope(user, years).filter(source__startswith=SOURCE_PREFIX)
        .values("year", "source", "decision__decided_on")
    )  # fmt: skip
    by_nominee: dict[int, Mapping[str, Any]] = {}
    for line in lines:
        key = line["source"][len(SOURCE_PREFIX) :]
        if key.isdigit():
            by_nominee[int(key)] = line
    nominees = Nominee.objects.filter(pk__in=list(by_nominee)).values(
        "pk", "proposal__sent_at", "proposal__phase__end", "root__proposal__sent_at", "root__proposal__phase__end"
    )  # fmt: skip
    from_phase = {y: Delay() for y in years}
    from_proposal = {y: Delay() for y in years}
    without_phase = dict.fromkeys(years, 0)
    without_proposal = dict.fromkeys(years, 0)
    for n in nominees:
        found = by_nominee[n["pk"]]
        decided: datetime.date = found["decision__decided_on"]
        y = found["year"]
        phase_end = n["root__proposal__phase__end"] or n["proposal__phase__end"]
        if phase_end is None:
            without_phase[y] += 1
        else:
            _add(from_phase[y], (decided - phase_end).days)
        sent = n["root__proposal__sent_at"] or n["proposal__sent_at"]
        if sent is None:
            without_proposal[y] += 1
        else:
            _add(from_proposal[y], (decided - timezone.localtime(sent).date()).days)
    return Timeliness(years, from_phase, from_proposal, without_phase, without_proposal)


def _add(delay: Delay, days: int) -> None:
    if days < 0:
        delay.inconsistent += 1
    else:
        delay.days.append(days)


def never_proposed(user: Any, year: int) -> QuerySet[Unit]:
    """The active grassroots unions of the user's subtree that nobody proposed in the window's years: no sent
    proposal of theirs, no nominee of theirs (collective) and none of their people (one query, or a page of it)."""
    years = years_of(year)
    sent = Proposal.objects.filter(year__in=years, sent_at__isnull=False, archived_at__isnull=True).exclude(
        status=ProposalStatus.WITHDRAWN)  # fmt: skip
    nominees = Nominee.objects.filter(proposal__in=sent, archived_at__isnull=True)
    first_day = datetime.date(years[0], 1, 1)
    qs = Unit.objects.active().grassroots().filter(Q(founded_on__isnull=True) | Q(founded_on__lte=first_day))
    roots = scope_roots(user)
    if roots is not None:
        qs = qs.filter(subtree_q("path", roots))
    return (
        qs.exclude(Exists(sent.filter(unit=OuterRef("pk"))))
        .exclude(Exists(nominees.filter(unit=OuterRef("pk"))))
        .exclude(Exists(nominees.filter(person__unit=OuterRef("pk"))))
        .order_by("path")
    )


def latest_year(user: Any) -> int | None:
    """The latest year of an issued award in the user's subtree, for the page's default."""
    from django.db.models import Max

    qs = DecisionLine.objects.filter(decision__status=DecisionStatus.ISSUED).annotate(
        awardee_path=_awardee_path()
    )
    roots = scope_roots(user)
    if roots is not None:
        qs = qs.filter(subtree_q("awardee_path", roots))
    return qs.aggregate(latest=Max("year"))["latest"]
