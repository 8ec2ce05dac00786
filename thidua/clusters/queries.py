"""Reads of the clusters: the list, the members of a year, the rotation's suggestion, and the ranking.

The ranking is computed set-based from the covenant: one query for the members, one for the criteria, one
aggregate for every peer criterion (the average per criterion and member, the own score left out when the covenant
says so) and one for every report criterion (the approved values of the members' reports) — whatever the number of
members and criteria.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, F, Prefetch, Q

from thidua.orgs.models import Unit
from thidua.reports.models import ExpectedReportStatus, ReportValue

from .models import Cluster, ClusterMember, ClusterYear, Covenant, CovenantStatus, Criterion, Method, Score
from .models import member_in_year_q as in_year

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

CENT = Decimal("0.01")
REPORT_DONE = (ExpectedReportStatus.APPROVED, ExpectedReportStatus.ACCEPTED)


def points(value: Decimal | float | int) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def clusters_for_list(user: User | AnonymousUser | None, year: int):
    """The clusters the user sees, with the number of members and the leader and deputy of ``year``: three queries
    whatever the number of clusters (the clusters with their counts, the year's rows, nothing per row)."""
    return (
        Cluster.objects.visible_to(user)
        .current()
        .select_related("issuer")
        .annotate(member_count=Count("memberships", filter=in_year(year, "memberships__"), distinct=True))
        .prefetch_related(
            Prefetch(
                "years",
                queryset=ClusterYear.objects.filter(year=year).select_related("leader", "deputy"),
                to_attr="this_year",
            )  # fmt: skip
        )
        .order_by("issuer__path", "kind", "name", "id")
    )


def members_in(cluster: Cluster, year: int) -> list[Unit]:
    """The member units of ``year``, in the rotation's order."""
    rows = cluster.memberships.filter(in_year(year)).select_related("unit").order_by("order", "id")
    return [m.unit for m in rows]


def membership_history(cluster: Cluster) -> list[ClusterMember]:
    return list(cluster.memberships.select_related("unit").order_by("order", "since_year", "id"))


def suggest_rotation(cluster: Cluster, year: int) -> tuple[Unit | None, Unit | None]:
    """Next year's leader and deputy, by the rotation's order: this year's deputy becomes leader when there is one,
    else the member after this year's leader; the deputy is the member after the new leader."""
    members = members_in(cluster, year + 1)
    if not members:
        return None, None
    now = cluster.years.filter(year=year).first()
    ids = [u.pk for u in members]
    if now is None:
        leader = members[0]
    elif now.deputy_id in ids:
        leader = members[ids.index(now.deputy_id)]
    elif now.leader_id in ids:
        leader = members[(ids.index(now.leader_id) + 1) % len(members)]
    else:
        leader = members[0]
    deputy = members[(ids.index(leader.pk) + 1) % len(members)] if len(members) > 1 else None
    return leader, deputy


def covenant_in_force(cluster: Cluster, year: int) -> Covenant | None:
    return cluster.covenants.filter(year=year, status=CovenantStatus.SIGNED).first()


@dataclass
class RankRow:
    unit: Unit
    scores: list[Decimal | None] = field(
        default_factory=list
    )  # per criterion, None when nothing to score yet
    total: Decimal = Decimal("0.00")
    rank: int = 0
    tied: bool = False


@dataclass
class Ranking:
    covenant: Covenant
    criteria: list[Criterion]
    rows: list[RankRow]
    max_total: Decimal
    scorers: dict[int, int]  # criterion id -> number of member units that scored on it

    @property
    def ties(self) -> list[list[RankRow]]:
        groups: dict[int, list[RankRow]] = {}
        for row in self.rows:
            if row.tied:
                groups.setdefault(row.rank, []).append(row)
        return list(groups.values())


def _threshold_points(criterion: Criterion, value: Decimal) -> Decimal:
    reached = Decimal(0)
    for start, pts in sorted(criterion.thresholds, key=lambda pair: Decimal(str(pair[0]))):
        if value >= Decimal(str(start)):
            reached = Decimal(str(pts))
    return min(reached, criterion.max_points)


def ranking(covenant: Covenant) -> Ranking:
    members = members_in(covenant.cluster, covenant.year)
    ids = [u.pk for u in members]
    criteria = list(covenant.criteria.select_related("indicator", "report_form").order_by("order", "id"))
    peer_ids = [c.pk for c in criteria if c.method == Method.PEER]
    peer: dict[tuple[int, int], Decimal] = {}
    scorers: dict[int, int] = {}
    if peer_ids:
        scores = Score.objects.filter(criterion_id__in=peer_ids, unit_id__in=ids, by_unit_id__in=ids)
        if covenant.exclude_own_score:
            scores = scores.exclude(by_unit_id=F("unit_id"))
        for avg in scores.values("criterion_id", "unit_id").annotate(avg=Avg("points")).order_by():
            peer[(avg["criterion_id"], avg["unit_id"])] = points(avg["avg"])
        counted = Score.objects.filter(criterion_id__in=peer_ids, by_unit_id__in=ids).values("criterion_id")
        for counts in counted.annotate(n=Count("by_unit_id", distinct=True)).order_by():
            scorers[counts["criterion_id"]] = counts["n"]
    report_criteria = [c for c in criteria if c.from_report]
    values: dict[tuple[int, int], Decimal] = {}
    if report_criteria and ids:
        wanted = Q(pk__in=[])
        for c in report_criteria:
            wanted |= Q(report__form_id=c.report_form_id, indicator_id=c.indicator_id)
        rows = (
            ReportValue.objects.filter(wanted, report__unit_id__in=ids, report__status__in=REPORT_DONE,
                                       value__isnull=False)
            .values_list("report__form_id", "indicator_id", "report__unit_id", "value")
        )  # fmt: skip
        by_pair = {(c.report_form_id, c.indicator_id): c.pk for c in report_criteria}
        for form_id, indicator_id, unit_id, number in rows:
            values[(by_pair[(form_id, indicator_id)], unit_id)] = number or Decimal(0)
    table = [RankRow(unit=u) for u in members]
    for c in criteria:
        if c.method == Method.PROPORTIONAL:
            best = max((values.get((c.pk, u)) or Decimal(0) for u in ids), default=Decimal(0))
        for row in table:
            score: Decimal | None
            if c.method == Method.PEER:
                score = peer.get((c.pk, row.unit.pk))
                score = min(score, c.max_points) if score is not None else None
            else:
                reported = values.get((c.pk, row.unit.pk))
                if reported is None:
                    score = Decimal("0.00")
                elif c.method == Method.PROPORTIONAL:
                    score = points(c.max_points * reported / best) if best > 0 else Decimal("0.00")
                else:
                    score = points(_threshold_points(c, reported))
            row.scores.append(score)
            row.total += score or Decimal(0)
    table.sort(key=lambda r: (-r.total, r.unit.name))
    for n, row in enumerate(table):
        if n and row.total == table[n - 1].total:
            row.rank, row.tied, table[n - 1].tied = table[n - 1].rank, True, True
        else:
            row.rank = n + 1
    max_total = sum((c.max_points for c in criteria), Decimal(0))
    return Ranking(covenant, criteria, table, points(max_total), scorers)


def scores_of(covenant: Covenant, by_unit: Unit) -> dict[tuple[int, int], Decimal]:
    """What ``by_unit`` gave: (criterion id, unit id) -> points."""
    rows = Score.objects.filter(criterion__covenant=covenant, by_unit=by_unit)
    return {(s.criterion_id, s.unit_id): s.points for s in rows}


def years_of(cluster: Cluster) -> list[int]:
    years = set(cluster.years.values_list("year", flat=True)) | set(
        cluster.covenants.values_list("year", flat=True)
    )
    return sorted(years, reverse=True)
