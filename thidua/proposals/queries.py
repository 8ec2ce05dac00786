"""Reads of reward proposals used by the pages, the API and the actions: lists, the dossier's completeness, the
nominees proposed twice through different routes, the suggestions from the year's registrations with its initiatives
and phase results, the late list."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.attachments import parts_by_owner
from thidua.core.models import AttachmentPart as Part
from thidua.orgs.models import Level, Membership, Person, Sector, Unit, UnitVersion

from .models import DOSSIER_ITEMS, NOMINEE_ITEMS, Category, Nominee, NomineeResult, Proposal, ProposalStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

NON_STATE_SECTORS = frozenset({Sector.FDI, Sector.PRIVATE, Sector.COOPERATIVE})
# Proposals that no longer count (for duplicates and caps).
DEAD = (ProposalStatus.WITHDRAWN,)


# --- lists ------------------------------------------------------------------------------------------------------


@dataclass
class ProposalFilters:
    box: str = "sent"  # "sent" (the user's units propose) | "received" (addressed to the user's units)
    year: int | None = None
    status: str = ""
    late: bool = False

    @classmethod
    def from_values(cls, values: Any) -> ProposalFilters:
        box = values.get("box", "sent")
        raw = str(values.get("year", "") or "")
        status = values.get("status", "")
        return cls(
            box=box if box in ("sent", "received") else "sent",
            year=int(raw) if raw.isdigit() and 1945 <= int(raw) <= 2200 else None,
            status=status if status in ProposalStatus.values else "",
            late=values.get("late") in ("1", "true", True),
        )


def proposals_for_list(user: User | AnonymousUser | None, filters: ProposalFilters) -> QuerySet[Proposal]:
    qs = Proposal.objects.current()
    qs = qs.received_by(user) if filters.box == "received" else qs.sent_by(user)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.late:
        qs = qs.filter(late_q())
    return (
        qs.select_related("unit", "to_unit", "kind")
        .annotate(nominee_count=Count("nominees", filter=Q(nominees__archived_at__isnull=True)))
        .order_by("-year", "deadline", "unit__sort_key", "-id")
    )


def late_q(today: datetime.date | None = None) -> Q:
    """Sent after the deadline, or still not sent once it has passed."""
    today = today or timezone.localdate()
    unsent = Q(status__in=[ProposalStatus.DRAFT, ProposalStatus.RETURNED], deadline__lt=today)
    return Q(late=True) | unsent


def years_of(user: User | AnonymousUser | None) -> list[int]:
    years = Proposal.objects.visible_to(user).values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def is_late(proposal: Proposal, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    if proposal.late:
        return True
    return bool(
        proposal.deadline
        and proposal.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED)
        and proposal.deadline < today
    )


def nominees_of(proposal: Proposal) -> QuerySet[Nominee]:
    return (
        proposal.nominees.current()
        .select_related(
            "person",
            "person__unit",
            "unit",
            "award",
            "origin__proposal__unit",
            "agenda_item",
            "agenda_item__session",
        )
        .order_by("order", "id")
    )


# --- the level above, its authority -----------------------------------------------------------------------------


def level_above(unit: Unit, year: int | None = None) -> Unit | None:
    """The unit a proposal of ``unit`` goes to: its parent in the tree of today, or — for a past year — its parent
    on 31/12 of that year (a proposal of 2017 went to the district federation dissolved in 2025)."""
    if year is not None and year < timezone.localdate().year:
        version = (
            UnitVersion.objects.as_of(datetime.date(year, 12, 31)).filter(unit=unit).select_related("parent")
        )
        found = version.first()
        if found is not None:
            return found.parent
    return Unit.objects.get_parent(unit) if unit.depth > 1 else None


def was_above(unit: Unit, upper: Unit, year: int) -> bool:
    """``upper`` stands above ``unit`` today, or stood above it on 31/12 of ``year``."""
    if unit.pk != upper.pk and unit.path.startswith(upper.path):
        return True
    day = datetime.date(year, 12, 31)
    paths = dict(UnitVersion.objects.as_of(day).filter(unit__in=[unit, upper]).values_list("unit_id", "path"))
    mine, theirs = paths.get(unit.pk), paths.get(upper.pk)
    return bool(mine and theirs and mine != theirs and mine.startswith(theirs))


def federation_of(unit: Unit) -> Unit | None:
    """The provincial federation (or central sector union) whose subtree holds ``unit``."""
    if unit.level in (Level.PROVINCE, Level.CENTRAL_SECTOR):
        return unit
    return (
        Unit.objects.filter(level__in=[Level.PROVINCE, Level.CENTRAL_SECTOR])
        .filter(path__in=[unit.path[:i] for i in range(Unit.steplen, len(unit.path), Unit.steplen)])
        .first()
    )


# --- priorities ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    direct_production_worker: bool
    non_state_worker: bool
    woman: bool


def person_facts(people: list[Person]) -> dict[int, Facts]:
    """The facts the rules give priority to, for each person, from the current membership and the unit's sector:
    one query for the memberships."""
    direct = set(
        Membership.objects.current()
        .filter(person__in=people, is_direct_production_worker=True)
        .values_list("person_id", flat=True)
    )
    return {
        p.pk: Facts(
            direct_production_worker=p.pk in direct,
            non_state_worker=bool(p.unit and p.unit.sector in NON_STATE_SECTORS),
            woman=p.gender == "female",
        )
        for p in people
    }


def priority_key(facts: Facts, sort_key: str = "") -> tuple:
    """Direct production workers first (the plan's own principle), then workers of non-State enterprises, then
    women on ties; then the Vietnamese order of names."""
    return (not facts.direct_production_worker, not facts.non_state_worker, not facts.woman, sort_key)


def priority_labels(obj: Any) -> list[str]:
    labels = []
    if obj.direct_production_worker:
        labels.append(_("Công nhân trực tiếp sản xuất"))
    if obj.non_state_worker:
        labels.append(_("Doanh nghiệp ngoài nhà nước"))
    if obj.woman:
        labels.append(_("Nữ"))
    return labels


# --- suggestions from the year's registrations, initiatives and phase results ---------------------------------------


@dataclass
class Suggestion:
    person: Person | None
    unit: Unit | None
    award: Any
    facts: Facts
    source: str
    already: bool = False
    verdict: Any = None
    # What else the year holds for the nominee, shown beside the suggestion: recognised initiatives (people and
    # collectives) and the phase reports the level above approved (collectives).
    evidence: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.person.full_name if self.person else (self.unit.name if self.unit else "")

    @property
    def key(self) -> str:
        if self.person is not None:
            return f"p{self.person.pk}-{self.award.pk}"
        return f"u{self.unit.pk if self.unit else 0}-{self.award.pk}"

    @property
    def priorities(self) -> list[str]:
        return priority_labels(self.facts)

    def order(self) -> tuple:
        """People before collectives; the rules' priorities; more evidence of the year first; then the name."""
        name = self.person.sort_key if self.person else (self.unit.sort_key if self.unit else "")
        return (self.unit is not None, *priority_key(self.facts)[:3], -len(self.evidence), name)


def _year_evidence(year: int, person_ids: list[int], unit_ids: list[int]) -> tuple[dict, dict]:
    """The year's recognised initiatives by author (people) and by registering unit (collectives), and the year's
    phase reports approved by the level above, by unit: three queries, whatever the number of suggestions."""
    from thidua.registrations.models import InitiativeStatus
    from thidua.registrations.models.initiatives import Initiative, InitiativeAuthor
    from thidua.reports.models import ExpectedReport, ExpectedReportStatus

    of_people: dict[int, list[str]] = defaultdict(list)
    of_units: dict[int, list[str]] = defaultdict(list)
    recognised = Q(initiative__status=InitiativeStatus.RECOGNISED, initiative__archived_at__isnull=True,
                   initiative__year=year)  # fmt: skip
    for pid, title in (
        InitiativeAuthor.objects.filter(recognised, person_id__in=person_ids)
        .order_by("initiative__decision_date", "initiative_id")
        .values_list("person_id", "initiative__title")
    ):
        of_people[pid].append(_("Sáng kiến được công nhận: %(title)s") % {"title": title})
    for uid, title in (
        Initiative.objects.filter(unit_id__in=unit_ids, status=InitiativeStatus.RECOGNISED,
                                  archived_at__isnull=True, year=year)
        .order_by("decision_date", "id").values_list("unit_id", "title")
    ):  # fmt: skip
        of_units[uid].append(_("Sáng kiến được công nhận: %(title)s") % {"title": title})
    for uid, phase in (
        ExpectedReport.objects.filter(
            unit_id__in=unit_ids, archived_at__isnull=True, form__period_end__year=year,
            status__in=[ExpectedReportStatus.APPROVED, ExpectedReportStatus.ACCEPTED],
        )
        .order_by("form__period_end", "id").values_list("unit_id", "form__phase__name")
    ):  # fmt: skip
        of_units[uid].append(_("Báo cáo kết quả %(phase)s được cấp trên duyệt") % {"phase": phase})
    return of_people, of_units


def suggestions(proposal: Proposal) -> list[Suggestion]:
    """Who registered for the proposal's year in the proposing unit's subtree (people and collectives, the title
    they registered for), with the year's evidence beside each — recognised initiatives, approved phase reports
    (``_year_evidence``) —, ordered by the rules' priorities, then by how much the year shows. Those already in
    the proposal are marked. Five queries, whatever the number of suggestions."""
    from thidua.registrations.models import CollectiveTarget, IndividualEntry, RegistrationStatus

    unit = proposal.unit
    registered = Q(registration__year=proposal.year, registration__archived_at__isnull=True,
                   registration__unit__path__startswith=unit.path,
                   registration__status__in=[RegistrationStatus.SUBMITTED, RegistrationStatus.ACKNOWLEDGED])  # fmt: skip
    entries = list(
        IndividualEntry.objects.filter(registered, person__archived_at__isnull=True)
        .select_related("person", "person__unit", "award")
        .order_by("person__sort_key", "id")
    )
    targets = list(
        CollectiveTarget.objects.filter(registered, movement__isnull=True)
        .select_related("registration__unit", "award")
        .order_by("registration__unit__sort_key", "id")
    )
    if not entries and not targets:
        return []
    taken = set(proposal.nominees.current().values_list("person_id", "unit_id", "award_id"))
    facts = person_facts([e.person for e in entries])
    of_people, of_units = _year_evidence(
        proposal.year, list({e.person_id for e in entries}), list({t.registration.unit_id for t in targets})
    )
    source = _("Đăng ký thi đua năm %(year)s") % {"year": proposal.year}
    found: list[Suggestion] = []
    seen: set[tuple] = set()
    for e in entries:
        key = (e.person_id, e.award_id)
        if key in seen:
            continue
        seen.add(key)
        found.append(Suggestion(person=e.person, unit=None, award=e.award, facts=facts[e.person_id], source=source,
                                already=(e.person_id, None, e.award_id) in taken,
                                evidence=of_people.get(e.person_id, [])))  # fmt: skip
    for t in targets:
        key2 = ("u", t.registration.unit_id, t.award_id)
        if key2 in seen:
            continue
        seen.add(key2)
        found.append(Suggestion(person=None, unit=t.registration.unit, award=t.award,
                                facts=Facts(False, t.registration.unit.sector in NON_STATE_SECTORS, False),
                                source=source, already=(None, t.registration.unit_id, t.award_id) in taken,
                                evidence=of_units.get(t.registration.unit_id, [])))  # fmt: skip
    found.sort(key=Suggestion.order)
    return found


# --- completeness -------------------------------------------------------------------------------------------------


def missing_items(proposal: Proposal, nominees: list[Nominee] | None = None) -> list[str]:
    """What the dossier lacks before it can be sent, each named in Vietnamese ("Nguyễn Thị Đào: thiếu báo cáo
    thành tích"). Empty when complete. The dossier's files are found by their typed part (``Attachment.Part``,
    chosen on upload): two queries for the files, whatever the number of nominees."""
    nominees = list(nominees_of(proposal)) if nominees is None else nominees
    wanted = list(proposal.kind.dossier)
    missing: list[str] = []
    if not nominees:
        missing.append(_("Đề nghị chưa có cá nhân, tập thể nào."))
    if not proposal.title.strip():
        missing.append(_("Tờ trình: thiếu trích yếu."))
    if proposal.kind.needs_movement and proposal.movement_id is None:
        missing.append(_("Khen thưởng theo chuyên đề: cần chọn phong trào, chuyên đề."))
    minutes = "council_minutes" in wanted and not proposal.own_level
    if minutes and Part.COUNCIL_MINUTES not in parts_by_owner(Proposal, [proposal.pk]).get(
        str(proposal.pk), set()
    ):
        missing.append(_("Thiếu %(item)s (đính kèm tệp, thành phần hồ sơ “%(part)s”).")
                       % {"item": DOSSIER_ITEMS["council_minutes"], "part": Part.COUNCIL_MINUTES.label})  # fmt: skip
    files = parts_by_owner(Nominee, [n.pk for n in nominees]) if wanted and nominees else {}
    for nominee in nominees:
        parts = files.get(str(nominee.pk), set())
        for code in wanted:
            if code not in NOMINEE_ITEMS:
                continue
            # The report is the text kept in the system, or a signed copy attached as the report.
            if code == "achievement_report" and not (
                nominee.achievement.strip() or Part.ACHIEVEMENT_REPORT in parts
            ):
                missing.append(_("%(name)s: thiếu báo cáo thành tích.") % {"name": nominee.name})
            elif code == "brief_report" and not (nominee.summary.strip() or nominee.achievement.strip()):
                missing.append(_("%(name)s: thiếu báo cáo tóm tắt thành tích.") % {"name": nominee.name})
            elif code == "service_years" and not nominee.service_years:
                missing.append(_("%(name)s: thiếu số năm công tác công đoàn.") % {"name": nominee.name})
            elif code == "evidence" and not parts:
                missing.append(_("%(name)s: thiếu tài liệu chứng minh thành tích (tệp đính kèm).")
                               % {"name": nominee.name})  # fmt: skip
            elif code == "confirmation" and Part.CONFIRMATION not in parts:
                missing.append(_("%(name)s: thiếu xác nhận của cơ quan (tệp đính kèm, thành phần hồ sơ “%(part)s”).")
                               % {"name": nominee.name, "part": Part.CONFIRMATION.label})  # fmt: skip
        if nominee.person_id and not nominee.award.for_individuals:
            missing.append(_("%(name)s: “%(award)s” không dành cho cá nhân.")
                           % {"name": nominee.name, "award": nominee.award.name})  # fmt: skip
        if nominee.unit_id and not nominee.award.for_collectives:
            missing.append(_("%(name)s: “%(award)s” không dành cho tập thể.")
                           % {"name": nominee.name, "award": nominee.award.name})  # fmt: skip
    over = cap_excess(proposal, nominees)
    if over:
        missing.append(over)
    return missing


def cap_excess(proposal: Proposal, nominees: list[Nominee]) -> str:
    """For a thematic kind with a cap per federation and theme: the message when the federation's nominees for the
    movement and year exceed it — counted over every proposal of the federation's subtree for the theme and year
    (first proposals and those forwarded upward alike, this one included), each person or collective once along its
    chain of forwards (a nominee forwarded by the district and then by the federation is one), leaving out the
    chains a level has not approved and withdrawn proposals. Two queries."""
    cap = proposal.kind.cap_per_theme
    if not cap or proposal.kind.category != Category.THEMATIC or proposal.movement_id is None:
        return ""
    federation = federation_of(proposal.unit)
    others = (
        Nominee.objects.current()
        .filter(proposal__kind=proposal.kind, proposal__movement_id=proposal.movement_id, proposal__year=proposal.year)
        .exclude(proposal=proposal)
        .exclude(proposal__status__in=DEAD)
        .exclude(proposal__archived_at__isnull=False)
        .annotate(chain=Coalesce("root_id", "id"))
    )  # fmt: skip
    if federation is not None:
        others = others.filter(proposal__unit__path__startswith=federation.path)
    chains: set[int] = set()
    declined: set[int] = set()
    for chain, result in others.values_list("chain", "result").distinct():
        (declined if result == NomineeResult.NOT_APPROVED else chains).add(chain)
    mine = {n.root_id or n.pk for n in nominees}
    total = len((chains - declined) | mine)
    if total <= cap:
        return ""
    return _("Vượt số lượng tối đa của chuyên đề: %(total)s người, tập thể trong khi mỗi LĐLĐ chỉ được đề nghị "
             "%(cap)s.") % {"total": total, "cap": cap}  # fmt: skip


# --- proposed twice through different routes --------------------------------------------------------------------


def duplicates_for(nominees: list[Nominee]) -> dict[int, list[Nominee]]:
    """For each nominee, the other nominations of the same person (or collective) for the same award in the same
    year that come through another route (a chain of forwards is one route). One query."""
    if not nominees:
        return {}
    people = {n.person_id for n in nominees if n.person_id}
    units = {n.unit_id for n in nominees if n.unit_id}
    years = {n.proposal.year for n in nominees}
    candidates = list(
        Nominee.objects.current()
        .filter(Q(person_id__in=people) | Q(unit_id__in=units), proposal__year__in=years)
        .exclude(proposal__status__in=DEAD)
        .annotate(chain=Coalesce("root_id", "id"))
        .select_related("proposal", "proposal__unit")
    )
    by_key: dict[tuple, list[Nominee]] = defaultdict(list)
    for c in candidates:
        by_key[(c.person_id, c.unit_id, c.award_id, c.proposal.year)].append(c)
    found: dict[int, list[Nominee]] = {}
    for n in nominees:
        mine = n.root_id or n.pk
        others = [c for c in by_key[(n.person_id, n.unit_id, n.award_id, n.proposal.year)] if c.chain != mine]  # type: ignore[attr-defined]
        if others:
            found[n.pk] = others
    return found


def has_duplicates_q() -> Exists:
    """A condition on nominees: another route proposes the same for the same award and year."""
    other = (
        Nominee.objects.current()
        .filter(award=OuterRef("award"), proposal__year=OuterRef("proposal__year"))
        .exclude(proposal__status__in=DEAD)
        .annotate(chain=Coalesce("root_id", "id"))
        .exclude(chain=Coalesce(OuterRef("root_id"), OuterRef("id")))
        .filter(
            Q(person_id=OuterRef("person_id"), person__isnull=False)
            | Q(unit_id=OuterRef("unit_id"), unit__isnull=False)
        )  # fmt: skip
    )
    return Exists(other)
